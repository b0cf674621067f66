//! Delivery, as far as git alone can tell (DORA approximations): releases
//! are tags matching a pattern (`v1.2.3`, `1.2.3`, `v1.2`, `1.2` by
//! default), deployment frequency is releases per month, lead time runs
//! from a commit's author time to the first release that contains it, and
//! the revert rate counts reverts (a "This reverts commit" line, or a
//! title starting with "Revert") per released commit.
//!
//! Lead times come from one pass: releases in time order, each claiming
//! the commits reachable from it that no earlier release claimed. The
//! first release that ships main-line commits is not in the lead time:
//! with no earlier release to start from, its commits reach back to the
//! start of history (a project that began tagging after years of work
//! would otherwise show years of lead time). Tags naming one commit are
//! one release (`1.14.0` and `sympy-1.14.0`). Only
//! commits of the main line (reachable from the analysed revision) are
//! counted: a patch release tagged on a release branch ships cherry-picked
//! copies of main-line commits, and counting those again would release
//! more commits than the main line has. Such a release still counts as a
//! release, with the main-line commits it was first to contain.

use crate::claims::{Claim, Graph};
use gix::hashtable::HashSet as IdSet;
use globset::{Glob, GlobSetBuilder};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;
use techlead_core::InputError;
use techlead_core::table::{self, Cell, Column, Row, TableFormat};
use techlead_core::terminal::escape_control;

/// Default release tags: `v1.2.3`, `1.2.3`, `v1.2` and `1.2`, with
/// optional suffixes.
pub const DEFAULT_TAGS: &[&str] = &["v[0-9]*.[0-9]*", "[0-9]*.[0-9]*"];

#[derive(Debug, Clone, Serialize)]
pub struct Release {
    pub tag: String,
    /// YYYY-MM-DD of the tagged commit.
    pub date: String,
    /// Non-merge commits this release shipped first.
    pub commits: usize,
    pub reverts: usize,
    /// Median lead time of those commits, in days.
    pub median_lead_days: f64,
    /// The first release that shipped main-line commits: its commits are
    /// not in the lead time (there is no earlier release to start from).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub first: bool,
    /// Other release tags naming the same commit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// The CSV row of a release. The JSON of `delivery` is the whole
/// [`Delivery`] object, whose keys predate these columns.
impl Row for Release {
    const COLUMNS: &'static [Column] = &[
        Column::left("release"),
        Column::left("date"),
        Column::right("commits"),
        Column::right("reverts"),
        Column::right("median-lead-days"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.tag).into(),
            (&self.date).into(),
            self.commits.into(),
            self.reverts.into(),
            // Shortest form (6, 0.5), as the CSV always printed it.
            self.median_lead_days.to_string().into(),
        ]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub releases: Vec<Release>,
    /// (YYYY-MM, releases) for every month from the first release to the
    /// last, empty months included.
    pub per_month: Vec<(String, usize)>,
    /// Lead times of the commits released after the first release; None
    /// when no release after it shipped a main-line commit (nothing to
    /// measure, not zero days).
    pub median_lead_days: Option<f64>,
    pub p90_lead_days: Option<f64>,
    /// The lead times of the last [`RECENT_DAYS`] up to the revision: what
    /// the team delivers now, where the whole history's figures above
    /// weigh every year alike (click's p90 of 499 days came mostly from
    /// its 2014-2020 releases).
    pub recent: Recent,
    /// Non-merge main-line commits the releases shipped, the first
    /// release's included.
    pub commits_released: usize,
    /// Those the lead times are over: the commits released after the first.
    pub lead_commits: usize,
    pub reverts: usize,
    /// Reverts per released commit.
    pub revert_rate: f64,
    /// Tags the patterns left out that look like one package's releases in
    /// a monorepo (`astro@5.1.0`): package and tag count, most first, at
    /// most five. With the default patterns only.
    pub package_tags: Vec<(String, usize)>,
    /// Tags the patterns left out that are versions behind a prefix
    /// (`sympy-1.12`, `gson-parent-2.11.0`, `rel_2_0_0`): the glob that
    /// would count them and their number, most first, at most five. With
    /// the default patterns only.
    pub prefixed_tags: Vec<(String, usize)>,
    /// Pre-release tags (`v2.45.0-rc1`, `1.0.0-beta.2`) the default patterns
    /// match but leave out: a release candidate is not a deployment.
    pub prereleases: usize,
}

/// The window of [`Delivery::recent`], in days.
pub const RECENT_DAYS: i64 = 365;

/// Lead times over the releases dated in the [`RECENT_DAYS`] up to the
/// revision's commit, the first release's commits left out as in the
/// whole history's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recent {
    /// YYYY-MM-DD: the window starts 365 days before the commit, at the
    /// commit's time of day on this date.
    pub since: String,
    /// Releases in the window (the first release's left out).
    pub releases: usize,
    /// Commits those releases shipped: what the lead times are over.
    pub lead_commits: usize,
    /// None when no release in the window shipped a commit.
    pub median_lead_days: Option<f64>,
    pub p90_lead_days: Option<f64>,
}

/// Whether a tag names a pre-release: a suffix after the version with
/// `rc`, `alpha`, `beta`, `pre`, `dev`, `canary`, `next`, `nightly` or
/// `snapshot` in it, or Python's short forms (PEP 440), an `a` or `b` and
/// a number (`8.0.0a1`, `2.0b3`, `1.0-b.2`), which click and many Python
/// projects tag. `.post1` is a release.
pub fn is_prerelease(tag: &str) -> bool {
    let Some(start) = tag.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let rest = &tag[start..];
    let suffix = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let suffix = suffix.to_ascii_lowercase();
    // `a`/`b` and only digits after it (`a1`, `b.2`): `-a1b2c3d`, a
    // commit hash, or `-b12x` are not PEP 440 pre-releases.
    let short = suffix
        .strip_prefix(['-', '.'])
        .unwrap_or(&suffix)
        .strip_prefix(['a', 'b'])
        .is_some_and(|n| {
            let n = n.strip_prefix('.').unwrap_or(n);
            !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())
        });
    short
        || [
            "rc", "alpha", "beta", "pre", "dev", "canary", "next", "nightly", "snapshot",
        ]
        .iter()
        .any(|w| suffix.contains(w))
}

/// Whether a tag marks a maintenance line rather than a release: a
/// version with an `x` part (`2.3.x`, `v1.x`), as Flask and others tag
/// the start of a branch. Counted as releases they would add empty
/// releases and zero lead times.
pub fn is_line_marker(tag: &str) -> bool {
    let Some(start) = tag.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    tag[start..]
        .split('.')
        .any(|part| part.eq_ignore_ascii_case("x"))
}

/// The package of a `name@1.2.3` tag.
fn package_of(tag: &str) -> Option<&str> {
    let (name, version) = tag.rsplit_once('@')?;
    let mut parts = version.trim_start_matches('v').split('.');
    let numeric = |p: Option<&str>| p.is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()));
    (!name.is_empty() && numeric(parts.next()) && numeric(parts.next())).then_some(name)
}

/// The glob counting a tag that is a version behind a prefix ending in
/// `-`, `_` or `/`: `sympy-*` for `sympy-1.12`, `gson-parent-*` for
/// `gson-parent-2.11.0`, `rel_*` for `rel_2_0_0`, `release/*` for
/// `release/v1.2`.
fn prefixed_of(tag: &str) -> Option<String> {
    let versionish = |v: &str| {
        let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
        let digits = v.len() - v.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let mut rest = v[digits..].chars();
        digits > 0
            && matches!(rest.next(), Some('.' | '_'))
            && rest.next().is_some_and(|c| c.is_ascii_digit())
    };
    tag.char_indices()
        .filter(|&(_, c)| matches!(c, '-' | '_' | '/'))
        .map(|(i, _)| i + 1)
        .find(|&i| i > 1 && versionish(&tag[i..]))
        .map(|i| format!("{}*", &tag[..i]))
}

/// Whether a commit message is a revert: git's "This reverts commit"
/// line, or a title starting with "Revert" (`Revert "…"`, `revert: …`).
pub fn is_revert(message: &str) -> bool {
    let title = message.trim_start().lines().next().unwrap_or_default();
    let lower = title.get(..7).map(str::to_ascii_lowercase);
    matches!(
        lower.as_deref(),
        Some("revert ") | Some("revert:") | Some("revert\"")
    ) || lower.as_deref() == Some("revert(")
        || message.contains("This reverts commit ")
}

/// `rev` is the analysed revision (HEAD when None): its history is the
/// main line.
pub fn delivery(
    repo_path: &Path,
    patterns: &[String],
    rev: Option<&str>,
) -> Result<Delivery, InputError> {
    delivery_with(repo_path, patterns, rev, None)
}

/// Commit records by id (the walk's listing), so that a commit it read
/// is not read again.
pub(crate) type Known<'a> = Option<&'a crate::listing::Records>;

/// [`delivery`], taking each commit's parents, author time and revert
/// mark from `known` when it has the commit (the same facts the commit
/// object gives), and reading the others.
pub(crate) fn delivery_with(
    repo_path: &Path,
    patterns: &[String],
    rev: Option<&str>,
    known: Known,
) -> Result<Delivery, InputError> {
    let repo = gix::discover(repo_path)
        .map_err(|e| InputError::new(format!("not a git repository: {e}")))?;
    let mut b = GlobSetBuilder::new();
    let defaults: Vec<String> = DEFAULT_TAGS.iter().map(|s| s.to_string()).collect();
    for p in if patterns.is_empty() {
        &defaults
    } else {
        patterns
    } {
        b.add(Glob::new(p).map_err(|e| InputError::new(format!("tag pattern `{p}`: {e}")))?);
    }
    let matcher = b.build().map_err(|e| InputError::new(e.to_string()))?;
    let t = techlead_core::timing::span("delivery: tags");
    let refs = repo
        .references()
        .map_err(|e| InputError::new(format!("reading tags: {e}")))?;
    let mut tags: Vec<(i64, String, gix::ObjectId)> = Vec::new();
    let mut packages: HashMap<String, usize> = Default::default();
    let mut prefixed: HashMap<String, usize> = Default::default();
    let mut prereleases = 0;
    for r in refs
        .tags()
        .map_err(|e| InputError::new(format!("reading tags: {e}")))?
        .flatten()
    {
        let name = r.name().shorten().to_string();
        if patterns.is_empty() && matcher.is_match(&name) && is_prerelease(&name) {
            prereleases += 1;
            continue;
        }
        if patterns.is_empty() && is_line_marker(&name) {
            continue;
        }
        if !matcher.is_match(&name) {
            if !patterns.is_empty() {
                continue;
            }
            if let Some(package) = package_of(&name) {
                *packages.entry(package.to_string()).or_default() += 1;
            } else if let Some(glob) = prefixed_of(&name).filter(|_| !is_prerelease(&name)) {
                *prefixed.entry(glob).or_default() += 1;
            }
            continue;
        }
        let mut r = r;
        let Ok(commit) = r.peel_to_commit() else {
            continue;
        };
        let time = commit.time().map(|t| t.seconds).unwrap_or_default();
        tags.push((time, name, commit.id));
    }
    // Oldest first; tags naming one commit are one release, named by the
    // shortest tag (`1.14.0` beside `sympy-1.14.0`).
    tags.sort_by(|a, b| (a.0, a.1.len(), &a.1).cmp(&(b.0, b.1.len(), &b.1)));
    let mut aliases: HashMap<gix::ObjectId, Vec<String>> = HashMap::new();
    {
        let mut seen: IdSet<gix::ObjectId> = IdSet::default();
        tags.retain(|(_, name, id)| {
            seen.insert(*id) || {
                aliases.entry(*id).or_default().push(name.clone());
                false
            }
        });
    }
    // At a named revision, the releases made after it had not happened
    // yet: a past commit's delivery (`snapshot --backfill`) counts only the
    // tags on commits at or before its own.
    if let Some(at) = rev.and_then(|r| crate::revision::resolve(repo_path, r)) {
        tags.retain(|(time, _, _)| *time <= at.time);
    }
    // A commit's author time (None when it does not parse) and whether it
    // is a revert, its parents pushed on `parents`; from the records when
    // they have it, else from the commit.
    let facts = |c: &gix::ObjectId, parents: &mut Vec<gix::ObjectId>| {
        if let Some(r) = known.and_then(|k| k.get(c)) {
            parents.extend_from_slice(&r.parents);
            return Ok((r.time_ok.then_some(r.time), r.revert));
        }
        let commit = repo.find_commit(*c).map_err(|e| e.to_string())?;
        parents.extend(commit.parent_ids().map(|p| p.detach()));
        let authored = commit
            .author()
            .ok()
            .and_then(|a| a.time().ok())
            .map(|t| t.seconds);
        let revert = commit
            .message_raw()
            .is_ok_and(|m| is_revert(&m.to_string()));
        Ok((authored, revert))
    };
    drop(t);
    let t = techlead_core::timing::span("delivery: main line");
    let mut graph = Graph::new(facts, known.map_or(0, |k| k.len()));
    main_line(&repo, rev, known.is_some(), &mut graph)?;
    drop(t);
    let _t = techlead_core::timing::span("delivery: claims");
    let mut releases = Vec::new();
    let mut all_leads: Vec<f64> = Vec::new();
    // The window ends at the revision's commit (a backfill's past commit),
    // not at today.
    let end = crate::revision::commit_at(&repo, rev.unwrap_or("HEAD"))
        .ok()
        .and_then(|c| c.time().ok())
        .map(|t| t.seconds);
    let window_start = end.map(|e| e - RECENT_DAYS * 86_400);
    let mut recent_leads: Vec<f64> = Vec::new();
    let mut recent_releases = 0;
    let mut total_reverts = 0;
    let mut commits_released = 0;
    let mut started = false;
    for (time, tag, id) in &tags {
        let Claim { mut leads, reverts } = graph.claim(*id, *time);
        total_reverts += reverts;
        commits_released += leads.len();
        // The first release shipping main-line commits starts the count.
        let first = !leads.is_empty() && !started;
        if started {
            all_leads.extend(&leads);
            if window_start.is_some_and(|w| *time > w) {
                recent_leads.extend(&leads);
                recent_releases += 1;
            }
        }
        started |= first;
        releases.push(Release {
            tag: tag.clone(),
            date: crate::revision::date_of(*time),
            commits: leads.len(),
            reverts,
            median_lead_days: quantile(&mut leads, 0.5),
            first,
            aliases: aliases.remove(id).unwrap_or_default(),
        });
    }
    let lead = |q: f64| (!all_leads.is_empty()).then(|| quantile(&mut all_leads.clone(), q));
    let recent_lead =
        |q: f64| (!recent_leads.is_empty()).then(|| quantile(&mut recent_leads.clone(), q));
    let recent = Recent {
        since: window_start
            .map(crate::revision::date_of)
            .unwrap_or_default(),
        releases: recent_releases,
        lead_commits: recent_leads.len(),
        median_lead_days: recent_lead(0.5),
        p90_lead_days: recent_lead(0.9),
    };
    let top = |counts: HashMap<String, usize>| {
        let mut p: Vec<(String, usize)> = counts.into_iter().collect();
        p.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        p.truncate(5);
        p
    };
    Ok(Delivery {
        per_month: per_month(&releases),
        median_lead_days: lead(0.5),
        p90_lead_days: lead(0.9),
        recent,
        commits_released,
        lead_commits: all_leads.len(),
        reverts: total_reverts,
        revert_rate: if commits_released > 0 {
            (total_reverts as f64 / commits_released as f64 * 1000.0).round() / 1000.0
        } else {
            0.0
        },
        releases,
        prereleases,
        package_tags: top(packages),
        prefixed_tags: top(prefixed),
    })
}

/// Marks every commit reachable from `rev` as the main line: through the
/// graph's facts (the records) when `read` is set, else by gix's walk
/// (which also stops at a shallow clone's boundary).
fn main_line(
    repo: &gix::Repository,
    rev: Option<&str>,
    read: bool,
    graph: &mut Graph<impl crate::claims::Facts>,
) -> Result<(), InputError> {
    let rev = rev.unwrap_or("HEAD");
    let fail = |e: &dyn std::fmt::Display| InputError::new(format!("revision `{rev}`: {e}"));
    if rev == "HEAD" && repo.head().is_ok_and(|h| h.is_unborn()) {
        return Ok(());
    }
    let tip = crate::revision::commit_at(repo, rev)
        .map_err(|e| fail(&e))?
        .id;
    if read {
        return graph.main_line(tip).map_err(|(_, e)| fail(&e));
    }
    for info in repo.rev_walk([tip]).all().map_err(|e| fail(&e))? {
        graph.mark_main(info.map_err(|e| fail(&e))?.id);
    }
    Ok(())
}

/// The delivery report: JSON is the whole object, CSV one row per
/// release, text a short summary and a table of releases.
pub fn write(out: &mut dyn Write, format: TableFormat, d: &Delivery) -> io::Result<()> {
    match format {
        TableFormat::Json => crate::report::json(out, d),
        TableFormat::Csv => table::write(out, format, &d.releases),
        TableFormat::Text => {
            let mut s = String::new();
            if d.releases.is_empty() {
                s.push_str(
                    "no release tags (use --tags GLOB if yours are not v1.2.3, 1.2.3, v1.2 or 1.2)\n",
                );
            } else {
                let months = d.per_month.len().max(1);
                s.push_str(&format!(
                    "releases      {} from {} to {} ({:.1} per month)\n",
                    d.releases.len(),
                    d.releases[0].date,
                    d.releases[d.releases.len() - 1].date,
                    d.releases.len() as f64 / months as f64
                ));
                s.push_str(&lead_line(d));
                s.push_str(&recent_line(d));
                s.push_str(&format!(
                    "reverts       {} ({:.1}% of released commits)\n\n",
                    d.reverts,
                    d.revert_rate * 100.0
                ));
                out.write_all(s.as_bytes())?;
                // Tag names are escaped and the columns sized by the table.
                table::write(out, format, &d.releases)?;
                s = String::from(
                    "\nApproximations from git alone: a tag stands for a deployment.\n",
                );
            }
            if d.prereleases > 0 {
                // Both forms: click's `8.0.0a1` has no `v`, and `v*` was
                // the hint.
                s.push_str(&format!(
                    "\nnote: {} pre-release tags (-rc, -beta, ...) left out; \
                     --tags 'v[0-9]*' --tags '[0-9]*' counts them\n",
                    d.prereleases
                ));
            }
            if let Some((package, n)) = d.package_tags.first() {
                let package = escape_control(package);
                s.push_str(&format!(
                    "\nnote: {n} more tags look like releases of package {package} \
                     ({package}@1.2.3); --tags '{package}@*' counts them\n"
                ));
            }
            if let Some((glob, n)) = d.prefixed_tags.first() {
                let glob = escape_control(glob);
                s.push_str(&format!(
                    "\nnote: {n} more tags look like releases with a prefix ({glob}); \
                     --tags '{glob}' counts them\n"
                ));
            }
            out.write_all(s.as_bytes())
        }
    }
}

/// The text summary's lead-time line: over the commits released after the
/// first release, or why there is no number.
fn lead_line(d: &Delivery) -> String {
    let first = d.releases.iter().find(|r| r.first).map(|r| &r.tag);
    let after = match first {
        Some(tag) => format!("after the first release, {}", escape_control(tag)),
        None => "on the main line".into(),
    };
    match (d.median_lead_days, d.p90_lead_days) {
        (Some(median), Some(p90)) => format!(
            "lead time     median {median} days, p90 {p90} days ({} commits released {after})\n",
            d.lead_commits
        ),
        _ => format!("lead time     n/a: no commit released {after}\n"),
    }
}

/// The text summary's line for the last year's lead times.
fn recent_line(d: &Delivery) -> String {
    let r = &d.recent;
    match (r.median_lead_days, r.p90_lead_days) {
        (Some(median), Some(p90)) => format!(
            "  last year   median {median} days, p90 {p90} days ({} in {} since {})\n",
            techlead_core::words::count(r.lead_commits as u64, "commit"),
            techlead_core::words::count(r.releases as u64, "release"),
            r.since
        ),
        _ if r.since.is_empty() => String::new(),
        _ => format!(
            "  last year   n/a: no release since {} shipped a commit\n",
            r.since
        ),
    }
}

/// Nearest-rank quantile, in days to one decimal; 0 for no data.
fn quantile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    (v[rank - 1] * 10.0).round() / 10.0
}

fn per_month(releases: &[Release]) -> Vec<(String, usize)> {
    let months: Vec<&str> = releases.iter().map(|r| &r.date[..7]).collect();
    let (Some(first), Some(last)) = (months.iter().min(), months.iter().max()) else {
        return Vec::new();
    };
    let (mut y, mut m): (i32, i32) = (
        first[..4].parse().unwrap_or(0),
        first[5..7].parse().unwrap_or(1),
    );
    let mut out = Vec::new();
    loop {
        let key = format!("{y:04}-{m:02}");
        let n = months.iter().filter(|x| ***x == key).count();
        out.push((key.clone(), n));
        if key.as_str() >= *last {
            break;
        }
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn prereleases() {
        for t in [
            "v2.45.0-rc1",
            "1.0.0-beta.2",
            "v3.0.0.Alpha1",
            "v1.2-pre",
            "2.0.0-next.3",
            "8.0.0a1",
            "2.0b3",
            "v1.0-b.2",
            "3.1.0A2",
        ] {
            assert!(super::is_prerelease(t), "{t}");
        }
        for t in [
            "v2.45.0",
            "1.0",
            "v1.2.3-1",
            "release-2.0",
            "2.0.post1",
            "1.2.3-build5",
            "v2.1.0-alt",
            "v1.2.3-a1b2c3d",
            "2.0.0-b12x",
        ] {
            assert!(!super::is_prerelease(t), "{t}");
        }
    }

    #[test]
    fn maintenance_line_tags_are_not_releases() {
        for t in ["2.3.x", "0.12.x", "v1.x", "1.2.X"] {
            assert!(super::is_line_marker(t), "{t}");
        }
        for t in ["v2.45.0", "1.0", "release-x", "v1.2.3-x1"] {
            assert!(!super::is_line_marker(t), "{t}");
        }
    }

    #[test]
    fn prefixed_version_tags() {
        for (tag, glob) in [
            ("sympy-1.12", "sympy-*"),
            ("gson-parent-2.11.0", "gson-parent-*"),
            ("rel_2_0_0", "rel_*"),
            ("REL_16_0", "REL_*"),
            ("release/v1.2", "release/*"),
            ("grep-cli-0.1.5", "grep-cli-*"),
            ("release-v10.2.1", "release-*"),
        ] {
            assert_eq!(super::prefixed_of(tag).as_deref(), Some(glob), "{tag}");
        }
        for tag in [
            "v1.2.3",
            "1.2",
            "nightly",
            "backup-2020",
            "x-1",
            "-1.2",
            "a-v.1",
        ] {
            assert_eq!(super::prefixed_of(tag), None, "{tag}");
        }
    }

    #[test]
    fn package_tags() {
        assert_eq!(super::package_of("astro@5.1.0"), Some("astro"));
        assert_eq!(
            super::package_of("@astrojs/node@9.0.0-beta.1"),
            Some("@astrojs/node")
        );
        assert_eq!(super::package_of("v1.2.3"), None);
        assert_eq!(super::package_of("x@latest"), None);
    }

    #[test]
    fn reverts_by_title_or_body() {
        assert!(super::is_revert(
            "Revert \"add x\"\n\nThis reverts commit abc."
        ));
        assert!(super::is_revert("Revert \"add x\""));
        assert!(super::is_revert("revert: add x"));
        assert!(super::is_revert("Revert(core): add x"));
        assert!(super::is_revert("fix\n\nThis reverts commit abc."));
        assert!(!super::is_revert("Reverted the spelling"));
        assert!(!super::is_revert("Make revert work"));
    }

    #[test]
    fn nearest_rank_quantiles() {
        let mut v = vec![5.0, 1.0, 3.0, 2.0, 4.0];
        assert_eq!(super::quantile(&mut v, 0.5), 3.0);
        assert_eq!(super::quantile(&mut v, 0.9), 5.0);
        assert_eq!(super::quantile(&mut [], 0.5), 0.0);
    }
}
