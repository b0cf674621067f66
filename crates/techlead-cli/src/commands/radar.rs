//! `techlead radar add|move|list|show`, and the radar's part of `check`.

use crate::cli::{Format, RadarCommand, RadarDir};
use crate::context::Context;
use anyhow::Result;
use std::path::PathBuf;
use techlead_core::atomic::{create_new_atomic, write_atomic};
use techlead_core::{ExitCode, Finding, InputError};
use techlead_records::radar::{self, Technology, evaluate, exchange, new::NewTechnology, policy};

pub fn run(ctx: &Context, cmd: RadarCommand) -> Result<ExitCode> {
    match cmd {
        RadarCommand::Add {
            name,
            quadrant,
            ring,
            packages,
            purpose,
            tags,
            decision,
            dir,
        } => {
            let dir = folder(ctx, &dir);
            let (ring, quadrant) = (ring.to_ascii_lowercase(), quadrant.to_ascii_lowercase());
            known("ring", &ring, &ctx.config.config.radar.rings())?;
            known("quadrant", &quadrant, &ctx.config.config.radar.quadrants())?;
            for p in &packages {
                package_ref(p)?;
            }
            let slug = radar::slug(&name);
            if slug.is_empty() {
                return Err(InputError::new(format!("`{name}` gives an empty file name")).into());
            }
            let path = dir.join(format!("{slug}.md"));
            let text = radar::new::render(&NewTechnology {
                name: &name,
                quadrant: &quadrant,
                ring: &ring,
                packages: &packages,
                purpose: purpose.as_deref(),
                tags: &tags,
                decision: decision.as_deref(),
                date: Some(&crate::today()),
                rationale: None,
                moved_from: None,
            });
            std::fs::create_dir_all(&dir).map_err(|e| InputError::io(ctx.rel(&dir), &e))?;
            create_new_atomic(&path, text.as_bytes()).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    InputError::in_file(
                        ctx.rel(&path),
                        "already exists; `techlead radar move` changes its ring",
                    )
                } else {
                    InputError::io(ctx.rel(&path), &e)
                }
            })?;
            outln!("{}", ctx.rel(&path))?;
            Ok(ExitCode::Clean)
        }
        RadarCommand::Move {
            name,
            ring,
            reason,
            dir,
        } => {
            let techs = load(ctx, &dir)?;
            let tech = radar::resolve(&techs, &name)?;
            let ring = ring.to_ascii_lowercase();
            known("ring", &ring, &ctx.config.config.radar.rings())?;
            if tech.ring.as_deref() == Some(ring.as_str()) {
                ctx.note(format!("{} is already in {ring}", tech.name));
                return Ok(ExitCode::Clean);
            }
            let text = std::fs::read_to_string(&tech.abs_path)
                .map_err(|e| InputError::io(&tech.path, &e))?;
            let new = radar::edit::move_ring(&text, tech, &ring, &crate::today(), &reason);
            write_atomic(&tech.abs_path, new.as_bytes())
                .map_err(|e| InputError::io(&tech.path, &e))?;
            ctx.note(format!(
                "updated {}: {} → {ring}",
                tech.path,
                tech.ring.as_deref().unwrap_or("none")
            ));
            Ok(ExitCode::Clean)
        }
        RadarCommand::List { dir } => list(ctx, &load(ctx, &dir)?),
        RadarCommand::Evaluate { names, months, dir } => {
            let format = ctx.format_among("radar evaluate", &[Format::Text, Format::Json])?;
            let techs = load(ctx, &dir)?;
            let chosen: Vec<&Technology> = names
                .iter()
                .map(|n| radar::resolve(&techs, n))
                .collect::<Result<_, _>>()?;
            let analysis = super::boundaries::analyze(ctx)?;
            let inventory = techlead_inventory::inventory(&ctx.root).packages;
            let cards: Vec<evaluate::Scorecard> = chosen
                .iter()
                .map(|t| evaluate::scorecard(t, &evidence(ctx, t, &analysis, &inventory, months)))
                .collect();
            match format {
                Format::Json => outln!("{}", serde_json::to_string_pretty(&cards)?)?,
                _ => out!("{}", evaluate::render_text(&cards))?,
            }
            Ok(ExitCode::Clean)
        }
        RadarCommand::Export { since, title, dir } => {
            let format = exchange_format(ctx, "radar export")?;
            let techs = load(ctx, &dir)?;
            let rings = ctx.config.config.radar.rings();
            let base = baseline(ctx, since)?;
            let mut entries = exchange::entries(&techs, &rings, base.date());
            // Against a git revision, movement comes from the records' own
            // history in git rather than their History lines.
            for e in &mut entries {
                if let Some(t) = techs.iter().find(|t| t.name == e.name) {
                    use techlead_report::radar::Movement;
                    let m = movement_against(ctx, t, &rings, &base);
                    e.is_new = m == Movement::New;
                    e.moved = match m {
                        Movement::MovedIn => 1,
                        Movement::MovedOut => -1,
                        _ => 0,
                    };
                }
            }
            out!(
                "{}",
                exchange::export(
                    &entries,
                    &rings,
                    &ctx.config.config.radar.quadrants(),
                    format,
                    &title
                )
            )?;
            Ok(ExitCode::Clean)
        }
        RadarCommand::Import { file, dir } => {
            let format = exchange_format(ctx, "radar import")?;
            let text = std::fs::read_to_string(&file).map_err(|e| InputError::io(&file, &e))?;
            let entries = exchange::import(&text, format)
                .map_err(|e| InputError::in_file(&file, e.message.clone()))?;
            let folder = folder(ctx, &dir);
            let existing = load(ctx, &dir)?;
            let rings = ctx.config.config.radar.rings();
            std::fs::create_dir_all(&folder).map_err(|e| InputError::io(ctx.rel(&folder), &e))?;
            let today = crate::today();
            for e in &entries {
                if existing
                    .iter()
                    .any(|t| t.name.eq_ignore_ascii_case(&e.name))
                {
                    ctx.note(format!("exists  {} (left unchanged)", e.name));
                    continue;
                }
                let path = folder.join(format!("{}.md", radar::slug(&e.name)));
                let text = radar::new::render(&NewTechnology {
                    name: &e.name,
                    quadrant: &e.quadrant,
                    ring: &e.ring,
                    packages: &[],
                    purpose: None,
                    tags: &[],
                    decision: None,
                    date: e.is_new.then_some(today.as_str()),
                    rationale: Some(&e.description),
                    moved_from: moved_from(e, &rings).map(|from| (today.as_str(), from)),
                });
                match create_new_atomic(&path, text.as_bytes()) {
                    Ok(()) => outln!("{}", ctx.rel(&path))?,
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                        ctx.note(format!("exists  {} (left unchanged)", ctx.rel(&path)));
                    }
                    Err(err) => return Err(InputError::io(ctx.rel(&path), &err).into()),
                }
            }
            Ok(ExitCode::Clean)
        }
        RadarCommand::Render {
            out,
            since,
            title,
            dir,
        } => render(ctx, &load(ctx, &dir)?, &out, since, &title),
        RadarCommand::Show { name, dir } => {
            let techs = load(ctx, &dir)?;
            let tech = radar::resolve(&techs, &name)?;
            let text = std::fs::read_to_string(&tech.abs_path)
                .map_err(|e| InputError::io(&tech.path, &e))?;
            out!("{text}")?;
            Ok(ExitCode::Clean)
        }
    }
}

/// Radar findings for `check`; None when there are no records.
pub fn findings(ctx: &Context) -> Result<Option<Vec<Finding>>> {
    let techs = load(ctx, &RadarDir { dir: None })?;
    if techs.is_empty() {
        return Ok(None);
    }
    let found = techlead_inventory::inventory(&ctx.root);
    for e in &found.errors {
        ctx.note(format!(
            "warning: {e} (its packages are not checked against the radar)"
        ));
    }
    let inventory: Vec<policy::InUse> = found
        .packages
        .into_iter()
        .map(|p| policy::InUse {
            ecosystem: p.ecosystem.as_str().to_string(),
            name: p.name,
            direct: p.direct,
            source: p.source,
            line: p.line,
        })
        .collect();
    Ok(Some(policy::check(
        &techs,
        &ctx.config.config.radar,
        &inventory,
        &crate::today(),
    )))
}

/// Where each technology sits and how it moved since `since`, from the
/// records' History lines; records in unknown rings or quadrants are left
/// out (and reported by `techlead check`).
fn render(
    ctx: &Context,
    techs: &[Technology],
    out: &std::path::Path,
    since: Option<String>,
    title: &str,
) -> Result<ExitCode> {
    let rings = ctx.config.config.radar.rings();
    let mut quadrants = ctx.config.config.radar.quadrants();
    if quadrants.len() > 4 {
        return Err(InputError::new(
            "the radar draws at most four quadrants; [radar] quadrants lists more",
        )
        .into());
    }
    quadrants.resize(4, String::new());
    let today = crate::today();
    let base = baseline(ctx, since)?;
    let mut blips = Vec::new();
    let mut skipped = 0;
    for t in techs {
        let (Some(ring), Some(quadrant)) = (
            t.ring
                .as_ref()
                .and_then(|r| rings.iter().position(|x| x == r)),
            t.quadrant
                .as_ref()
                .and_then(|q| quadrants.iter().position(|x| x == q)),
        ) else {
            skipped += 1;
            continue;
        };
        blips.push(techlead_report::radar::Blip {
            name: t.name.clone(),
            ring,
            quadrant,
            movement: movement_against(ctx, t, &rings, &base),
            description: description(t),
        });
    }
    let radar = techlead_report::radar::Radar {
        title: title.to_string(),
        subtitle: format!("{today}; movement since {}", base.label()),
        rings,
        quadrants,
        blips,
    };
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let text = match ext.as_str() {
        "svg" => techlead_report::radar::svg(&radar),
        "html" | "htm" => techlead_report::radar::html(&radar),
        _ => {
            return Err(InputError::new(format!(
                "--out {}: use a .svg or .html file name",
                out.display()
            ))
            .into());
        }
    };
    let abs = techlead_core::paths::absolute(out);
    write_atomic(&abs, text.as_bytes()).map_err(|e| InputError::io(ctx.rel(&abs), &e))?;
    if skipped > 0 {
        ctx.note(format!(
            "{skipped} records with an unknown ring or quadrant left out (see `techlead check`)"
        ));
    }
    ctx.note(format!(
        "wrote {} ({} technologies)",
        ctx.rel(&abs),
        radar.blips.len()
    ));
    Ok(ExitCode::Clean)
}

/// New: added on or after `since`. Moved in or out: its last move on or
/// after `since` went towards the first or the last ring.
fn movement(t: &Technology, rings: &[String], since: &str) -> techlead_report::radar::Movement {
    use techlead_report::radar::Movement;
    if t.is_new_since(since) {
        return Movement::New;
    }
    let Some(last) = t.history.last().filter(|m| m.date.as_str() >= since) else {
        return Movement::Unchanged;
    };
    // "from → to" in the history text.
    let from = last
        .text
        .split(['→', '-', '>'])
        .next()
        .map(|f| f.trim().to_ascii_lowercase());
    let now = t
        .ring
        .as_ref()
        .and_then(|r| rings.iter().position(|x| x == r));
    let before = from.and_then(|f| rings.iter().position(|x| *x == f));
    match (before, now) {
        (Some(b), Some(n)) if n < b => Movement::MovedIn,
        (Some(b), Some(n)) if n > b => Movement::MovedOut,
        _ => Movement::Unchanged,
    }
}

fn description(t: &Technology) -> String {
    let mut parts: Vec<String> = t
        .packages
        .iter()
        .map(|p| format!("{}:{}", p.ecosystem, p.name))
        .collect();
    if let Some(p) = &t.purpose {
        parts.push(format!("purpose: {p}"));
    }
    if let Some(d) = &t.decision {
        parts.push(format!("ADR {d}"));
    }
    parts.join("; ")
}

/// What this repository says about a technology: who changed the files
/// that import its packages (git), the versions in the lockfiles, and the
/// licenses of installed copies (offline).
fn evidence(
    ctx: &Context,
    t: &Technology,
    analysis: &techlead_boundaries::Analysis,
    inventory: &[techlead_inventory::Package],
    months: u32,
) -> evaluate::Evidence {
    let mut files: Vec<&str> = analysis
        .externals
        .iter()
        .filter(|x| {
            t.packages.iter().any(|p| {
                techlead_inventory::imports_package(
                    &p.ecosystem,
                    &p.name,
                    x.language.name(),
                    &x.name,
                )
            })
        })
        .map(|x| &*x.from)
        .collect();
    // A language technology (named like a scanned language: Rust,
    // Python, TypeScript, Go, Java) is used by every file in it.
    let language = t.name.to_ascii_lowercase();
    if analysis.languages.contains(&language.as_str()) {
        files.extend(analysis.files_in(&language));
    }
    files.sort();
    files.dedup();
    let since = crate::today()
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| {
            d.checked_sub(jiff::Span::new().months(i64::from(months)))
                .ok()
        })
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut counts: std::collections::BTreeMap<String, (usize, String)> = Default::default();
    for chunk in files.chunks(400) {
        let out = std::process::Command::new("git")
            .current_dir(&ctx.root)
            .args(["log", "--no-merges", "--format=%aN%x09%as"])
            .arg(format!("--since={since}"))
            .arg("--")
            .args(chunk)
            .output();
        let Ok(out) = out else { break };
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some((who, date)) = line.split_once('\t') {
                let e = counts.entry(who.to_string()).or_default();
                e.0 += 1;
                if date > e.1.as_str() {
                    e.1 = date.to_string();
                }
            }
        }
    }
    let mut contributors: Vec<(String, usize, String)> =
        counts.into_iter().map(|(n, (c, d))| (n, c, d)).collect();
    contributors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut versions = Vec::new();
    let mut licenses = Vec::new();
    for p in inventory {
        let covered = t.packages.iter().any(|r| {
            r.ecosystem == p.ecosystem.as_str()
                && (r.name == p.name
                    || (r.ecosystem == "pypi" && r.name.eq_ignore_ascii_case(&p.name)))
        });
        if !covered {
            continue;
        }
        versions.push(format!(
            "{}:{} {} ({})",
            p.ecosystem.as_str(),
            p.name,
            p.version,
            p.source
        ));
        if let Some(l) = techlead_inventory::installed_license(&ctx.root, p)
            && !licenses.contains(&l)
        {
            licenses.push(l);
        }
    }
    versions.dedup();
    evaluate::Evidence {
        contributors,
        files: files.len(),
        months,
        versions,
        licenses,
    }
}

/// The ring an imported entry that moved came from: one ring further out
/// if it moved in, one further in if it moved out.
fn moved_from<'r>(e: &exchange::Entry, rings: &'r [String]) -> Option<&'r str> {
    if e.is_new || e.moved == 0 {
        return None;
    }
    let now = rings.iter().position(|r| *r == e.ring)? as i64;
    let from = now + i64::from(e.moved);
    rings.get(usize::try_from(from).ok()?).map(String::as_str)
}

/// What movement is measured against: the records as git had them at a
/// revision (a tag, or the last commit before a date), or, outside git,
/// the History lines after a date.
enum Baseline {
    Git {
        rev: String,
        label: String,
        date: String,
    },
    Date(String),
}

impl Baseline {
    fn label(&self) -> &str {
        match self {
            Baseline::Git { label, .. } => label,
            Baseline::Date(d) => d,
        }
    }

    /// A date for History-line comparisons (the tag's date for a tag).
    fn date(&self) -> &str {
        match self {
            Baseline::Git { date, .. } => date,
            Baseline::Date(d) => d,
        }
    }
}

fn git(ctx: &Context, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .current_dir(&ctx.root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `--since` is a date (YYYY-MM-DD, default 90 days ago) or a git
/// revision such as a release tag.
fn baseline(ctx: &Context, since: Option<String>) -> Result<Baseline> {
    let in_git = git(ctx, &["rev-parse", "--verify", "-q", "HEAD"]).is_some();
    let is_date = since
        .as_deref()
        .is_none_or(|s| s.parse::<jiff::civil::Date>().is_ok());
    if is_date {
        let date = since_date(since)?;
        if in_git
            && let Some(rev) = git(
                ctx,
                &[
                    "rev-list",
                    "-1",
                    &format!("--before={date}T00:00:00"),
                    "HEAD",
                ],
            )
            && !rev.trim().is_empty()
        {
            return Ok(Baseline::Git {
                rev: rev.trim().to_string(),
                label: date.clone(),
                date,
            });
        }
        return Ok(Baseline::Date(date));
    }
    let rev = since.unwrap_or_default();
    let commit = git(
        ctx,
        &["rev-parse", "--verify", "-q", &format!("{rev}^{{commit}}")],
    )
    .ok_or_else(|| {
        InputError::new(format!(
            "--since {rev}: neither a date (YYYY-MM-DD) nor a git revision here"
        ))
    })?;
    let date = git(ctx, &["show", "-s", "--format=%as", commit.trim()]).unwrap_or_default();
    Ok(Baseline::Git {
        rev: commit.trim().to_string(),
        label: rev,
        date: date.trim().to_string(),
    })
}

/// New, moved in or out, or unchanged against the baseline: from git
/// (the record at that revision) when there is one, else History lines.
fn movement_against(
    ctx: &Context,
    t: &Technology,
    rings: &[String],
    base: &Baseline,
) -> techlead_report::radar::Movement {
    use techlead_report::radar::Movement;
    let Baseline::Git { rev, .. } = base else {
        return movement(t, rings, base.date());
    };
    let Some(old) = git(ctx, &["show", &format!("{rev}:./{}", t.path)]) else {
        return Movement::New;
    };
    let before = radar::parse(&t.path, &t.abs_path, &old)
        .ok()
        .and_then(|o| o.ring)
        .and_then(|r| rings.iter().position(|x| *x == r));
    let now = t
        .ring
        .as_ref()
        .and_then(|r| rings.iter().position(|x| x == r));
    match (before, now) {
        (Some(b), Some(n)) if n < b => Movement::MovedIn,
        (Some(b), Some(n)) if n > b => Movement::MovedOut,
        _ => Movement::Unchanged,
    }
}

/// `--since` as YYYY-MM-DD, by default 90 days before today.
fn since_date(since: Option<String>) -> Result<String> {
    Ok(match since {
        Some(d) => d
            .parse::<jiff::civil::Date>()
            .map_err(|e| InputError::new(format!("--since {d}: {e}")))?,
        None => crate::today()
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|t| t.checked_sub(jiff::Span::new().days(90)).ok())
            .unwrap_or_default(),
    }
    .to_string())
}

fn exchange_format(ctx: &Context, command: &str) -> Result<exchange::Format> {
    Ok(
        match ctx.format_among(
            command,
            &[
                Format::ByorCsv,
                Format::ByorJson,
                Format::Zalando,
                Format::Backstage,
            ],
        )? {
            Format::ByorJson => exchange::Format::ByorJson,
            Format::Zalando => exchange::Format::Zalando,
            Format::Backstage => exchange::Format::Backstage,
            _ => exchange::Format::ByorCsv,
        },
    )
}

fn folder(ctx: &Context, dir: &RadarDir) -> PathBuf {
    match &dir.dir {
        Some(d) => techlead_core::paths::absolute(d),
        None => ctx.root.join(ctx.config.config.radar.dir()),
    }
}

fn load(ctx: &Context, dir: &RadarDir) -> Result<Vec<Technology>> {
    Ok(radar::load(&ctx.root, &folder(ctx, dir))?)
}

fn known(what: &str, value: &str, allowed: &[String]) -> Result<()> {
    if allowed.iter().any(|a| a == value) {
        return Ok(());
    }
    let mut err = InputError::new(format!(
        "unknown {what} `{value}`; expected one of: {}",
        allowed.join(", ")
    ));
    if let Some(s) = techlead_core::suggest::did_you_mean(value, allowed.iter().map(String::as_str))
    {
        err = err.with_help(format!("did you mean `{s}`?"));
    }
    Err(err.into())
}

const ECOSYSTEMS: &[&str] = &[
    "cargo",
    "go",
    "maven",
    "npm",
    "packagist",
    "pypi",
    "rubygems",
];

fn package_ref(p: &str) -> Result<()> {
    match p.split_once(':') {
        Some((eco, name)) if ECOSYSTEMS.contains(&eco) && !name.is_empty() => Ok(()),
        _ => Err(InputError::new(format!(
            "`{p}` is not ECOSYSTEM:NAME with an ecosystem of {}",
            ECOSYSTEMS.join(", ")
        ))
        .into()),
    }
}

fn list(ctx: &Context, techs: &[Technology]) -> Result<ExitCode> {
    let format = ctx.format_among("radar list", &[Format::Text, Format::Json, Format::Csv])?;
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(techs)?)?,
        Format::Csv => {
            // The columns of ThoughtWorks' Build Your Own Radar.
            let mut s = String::from("name,ring,quadrant,isNew,description\n");
            for t in techs {
                let is_new = t.history.len() <= 1;
                s.push_str(&format!(
                    "{},{},{},{},{}\n",
                    super::csv::field(&t.name),
                    super::csv::field(t.ring.as_deref().unwrap_or("")),
                    super::csv::field(t.quadrant.as_deref().unwrap_or("")),
                    is_new,
                    super::csv::field(
                        &t.packages
                            .iter()
                            .map(|p| format!("{}:{}", p.ecosystem, p.name))
                            .collect::<Vec<_>>()
                            .join(" ")
                    )
                ));
            }
            out!("{s}")?;
        }
        _ => {
            let w = techs.iter().map(|t| t.name.len()).max().unwrap_or(4).max(4);
            let mut s = format!(
                "{:w$}  {:7}  {:24}  {:10}  packages\n",
                "name", "ring", "quadrant", "since"
            );
            for t in techs {
                s.push_str(&format!(
                    "{:w$}  {:7}  {:24}  {:10}  {}\n",
                    t.name,
                    t.ring.as_deref().unwrap_or("-"),
                    t.quadrant.as_deref().unwrap_or("-"),
                    t.since().unwrap_or("-"),
                    t.packages
                        .iter()
                        .map(|p| format!("{}:{}", p.ecosystem, p.name))
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
            }
            out!("{s}")?;
        }
    }
    Ok(ExitCode::Clean)
}
