//! A debt item: `docs/debt/NNNN-slug.md`, markdown with front matter.
//!
//! ```yaml
//! ---
//! title: Payment retries live in three places
//! status: open            # open, scheduled, in-progress, repaid, accepted, wont-fix
//! owner: payments team
//! created: 2026-01-15
//! target: 2026-06-30      # the date it should be repaid by
//! principal: 3-5d         # what repaying it costs (see `effort`)
//! interest: 1d/month      # optional: what it costs each month meanwhile
//! paths: ["src/payments/retry*.py", "src/jobs/retry.py"]
//! modules: [payments]     # [boundaries] modules it lives in
//! decisions: ["0012"]     # ADRs behind it
//! goals: []
//! tags: [reliability]
//! ---
//! ```
//!
//! The body is free markdown: the context, the repayment approach, and a
//! `## History` of status changes that `techlead debt status` appends to.

use crate::effort::Effort;
use crate::status::Status;
use serde::Serialize;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::paths::display_rel;
use techlead_markdown::front_matter::{self, FmField};

/// One item of the register, as read.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DebtItem {
    /// The number as the file name writes it (`0007`), else the file stem.
    pub id: String,
    #[serde(skip)]
    pub number: Option<u32>,
    /// Relative to the project root, `/` separators.
    pub path: String,
    pub title: String,
    pub status: Status,
    pub owner: Option<String>,
    /// YYYY-MM-DD.
    pub created: Option<String>,
    /// The date it should be repaid by, YYYY-MM-DD.
    pub target: Option<String>,
    pub principal: Option<Effort>,
    /// Per month.
    pub interest: Option<Effort>,
    pub paths: Vec<String>,
    pub modules: Vec<String>,
    pub decisions: Vec<String>,
    pub goals: Vec<String>,
    pub tags: Vec<String>,
    #[serde(skip)]
    pub abs_path: PathBuf,
    #[serde(skip)]
    pub lines: Lines,
}

/// Where fields are written, for findings.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    pub title: u32,
    pub owner: Option<u32>,
    pub target: Option<u32>,
    pub status: Option<u32>,
}

/// Reads every `*.md` item in `dir` (README.md, index.md and templates
/// excepted), sorted by file name. A folder that does not exist holds no
/// items.
pub fn load(root: &Path, dir: &Path) -> Result<Vec<DebtItem>, InputError> {
    let paths = techlead_markdown::records::files(root, dir)?;
    paths.iter().map(|p| read(root, p)).collect()
}

pub fn read(root: &Path, path: &Path) -> Result<DebtItem, InputError> {
    let rel = display_rel(root, path);
    let text = techlead_markdown::records::read_text(&rel, path)?;
    parse(&rel, path, &text)
}

/// Reads an item's text. Values that are there but wrong (a status that
/// is none of ours, an estimate or a date that does not read) are input
/// errors at their line: a register that says something we cannot read
/// is not guessed at.
pub fn parse(rel: &str, path: &Path, text: &str) -> Result<DebtItem, InputError> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
    let number = (!digits.is_empty() && stem[digits.len()..].starts_with(['-', '_'])
        || stem == digits)
        .then(|| digits.parse().ok())
        .flatten();
    let id = if number.is_some() {
        digits
    } else {
        stem.clone()
    };
    let fm = front_matter::read(rel, text)?;
    let fields = fm.as_ref().map(|f| &f.fields);
    let get = |k: &str| fields.and_then(|f| f.get(k));
    let value = |k: &str| {
        get(k)
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let list = |k: &str| get(k).map(|f| f.list.clone()).unwrap_or_default();
    let bad = |f: &FmField, message: String, help: String| {
        InputError::in_file(rel, message)
            .at(f.line as usize, None)
            .with_help(help)
    };

    let status = match get("status").filter(|f| !f.value.trim().is_empty()) {
        None => Status::Open,
        Some(f) => Status::parse(&f.value).ok_or_else(|| {
            let mut help = format!("use one of: {}", Status::list());
            if let Some(s) = techlead_core::suggest::did_you_mean(
                &f.value.to_lowercase(),
                Status::ALL.iter().map(|s| s.as_str()),
            ) {
                help = format!("did you mean `{s}`? ({help})");
            }
            bad(f, format!("unknown status `{}`", f.value.trim()), help)
        })?,
    };
    let effort = |k: &str, per_month: bool| -> Result<Option<Effort>, InputError> {
        let Some(f) = get(k).filter(|f| !f.value.trim().is_empty()) else {
            return Ok(None);
        };
        let read = if per_month {
            Effort::parse_per_month(&f.value)
        } else {
            Effort::parse(&f.value)
        };
        read.map(Some).map_err(|e| {
            bad(
                f,
                format!("{k}: {e}"),
                "write a range of working time such as 2-4d, 4h-1d or 1-2w (1d = 8h, 1w = 5d)"
                    .into(),
            )
        })
    };
    let date = |k: &str| -> Result<Option<String>, InputError> {
        let Some(f) = get(k).filter(|f| !f.value.trim().is_empty()) else {
            return Ok(None);
        };
        let v = f.value.trim();
        if techlead_markdown::dates::valid_date(v) {
            Ok(Some(v.to_string()))
        } else {
            Err(bad(
                f,
                format!("{k} `{v}` is not a date"),
                "write it as YYYY-MM-DD".into(),
            ))
        }
    };
    if let Some(f) = get("paths") {
        for p in &f.list {
            check_path(p).map_err(|e| {
                bad(
                    f,
                    format!("paths: {e}"),
                    "a path is a file, a folder, or a glob such as src/legacy/**".into(),
                )
            })?;
        }
    }
    let body_start = fm.as_ref().map_or(0, |f| f.end).min(text.len());
    let heading = first_heading(text, body_start);
    let title = value("title")
        .or_else(|| heading.as_ref().map(|(_, t)| t.clone()))
        .unwrap_or_else(|| stem.clone());
    let title_line = get("title")
        .map(|f| f.line)
        .or(heading.map(|(l, _)| l))
        .unwrap_or(1);
    Ok(DebtItem {
        id,
        number,
        path: rel.to_string(),
        title,
        status,
        owner: value("owner"),
        created: date("created")?,
        target: date("target")?,
        principal: effort("principal", false)?,
        interest: effort("interest", true)?,
        paths: list("paths"),
        modules: list("modules"),
        decisions: list("decisions"),
        goals: list("goals"),
        tags: list("tags"),
        abs_path: path.to_path_buf(),
        lines: Lines {
            title: title_line,
            owner: get("owner").map(|f| f.line),
            target: get("target").map(|f| f.line),
            status: get("status").map(|f| f.line),
        },
    })
}

/// Where an item's body starts: past its front matter, if any.
pub fn body_start(text: &str) -> usize {
    match front_matter::locate(text) {
        Some((_, _, end)) if end != usize::MAX => end.min(text.len()),
        _ => 0,
    }
}

/// A path of `paths`: a file or folder, or a glob that compiles.
pub fn check_path(p: &str) -> Result<(), String> {
    if p.contains(['*', '?', '[', '{']) {
        crate::config::glob(p.trim())
            .map(|_| ())
            .map_err(|e| format!("`{p}` is not a valid glob: {e}"))
    } else {
        Ok(())
    }
}

/// The first `# ` heading of the body, with its line.
fn first_heading(text: &str, from: usize) -> Option<(u32, String)> {
    let mut in_fence = None;
    for (_, no, line) in techlead_markdown::lines::lines_from(text, from) {
        if let Some(f) = techlead_markdown::lines::fence(line) {
            match in_fence {
                None => in_fence = Some(f.0),
                Some(c) if c == f.0 => in_fence = None,
                Some(_) => {}
            }
            continue;
        }
        if in_fence.is_none()
            && let Some((1, t)) = techlead_markdown::lines::heading(line)
            && !t.is_empty()
        {
            return Some((no, t.to_string()));
        }
    }
    None
}

/// The item `key` names: its number (`7`, `0007`), its file stem, or an
/// unambiguous piece of its stem or title.
pub fn resolve<'i>(items: &'i [DebtItem], key: &str) -> Result<&'i DebtItem, InputError> {
    let k = key.trim().to_lowercase();
    let number: Option<u32> = k.parse().ok();
    let stem = |i: &DebtItem| {
        Path::new(&i.path)
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    let exact: Vec<&DebtItem> = items
        .iter()
        .filter(|i| (number.is_some() && i.number == number) || stem(i) == k)
        .collect();
    let candidates: Vec<&DebtItem> = if exact.is_empty() {
        items
            .iter()
            .filter(|i| stem(i).contains(&k) || i.title.to_lowercase().contains(&k))
            .collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => Err(InputError::new(format!("no debt item matches `{key}`"))
            .with_help("`techlead debt list` shows them")),
        many => Err(InputError::new(format!(
            "`{key}` matches {} debt items: {}",
            many.len(),
            many.iter()
                .map(|i| i.path.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_help("name one by its file name")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, text: &str) -> Result<DebtItem, InputError> {
        let rel = format!("docs/debt/{name}");
        parse(&rel, Path::new(&rel), text)
    }

    #[test]
    fn reads_every_field() {
        let text = "---\ntitle: Retries in three places\nstatus: In Progress\nowner: payments team\ncreated: 2026-01-02\ntarget: 2026-06-30\nprincipal: 3-5d\ninterest: 1d/month\npaths: [\"src/pay/**\", src/jobs/retry.py]\nmodules: [payments]\ndecisions: [\"0012\"]\ngoals: [G1]\ntags:\n  - reliability\nextra: kept\n---\n\n# Other heading\n";
        let i = item("0007-retries.md", text).unwrap();
        assert_eq!(i.id, "0007");
        assert_eq!(i.number, Some(7));
        assert_eq!(i.title, "Retries in three places");
        assert_eq!(i.status, Status::InProgress);
        assert_eq!(i.principal, Some(Effort::hours(24, 40)));
        assert_eq!(i.interest, Some(Effort::hours(8, 8)));
        assert_eq!(i.paths, ["src/pay/**", "src/jobs/retry.py"]);
        assert_eq!(i.decisions, ["0012"]);
        assert_eq!(i.tags, ["reliability"]);
        assert_eq!(i.lines.target, Some(6));
        assert_eq!(i.lines.title, 2);
    }

    #[test]
    fn defaults_and_the_heading_title() {
        let i = item(
            "legacy-auth.md",
            "---\nowner: x\n---\n\n```\n# not it\n```\n# Legacy auth\n",
        )
        .unwrap();
        assert_eq!((i.id.as_str(), i.number), ("legacy-auth", None));
        assert_eq!(i.status, Status::Open);
        assert_eq!(i.title, "Legacy auth");
        assert_eq!(i.lines.title, 8);
        assert_eq!(i.principal, None);
    }

    #[test]
    fn wrong_values_are_input_errors_at_their_line() {
        let e = item("0001-x.md", "---\ntitle: x\nstatus: opne\n---\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (Some(3), "unknown status `opne`")
        );
        assert!(e.help.unwrap().contains("did you mean `open`?"));
        let e = item("0001-x.md", "---\nprincipal: 1.25d\n---\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("more precise"), "{}", e.message);
        let e = item("0001-x.md", "---\n\ntarget: 2026-02-30\n---\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(e.message, "target `2026-02-30` is not a date");
    }

    #[test]
    fn resolves_by_number_stem_or_piece() {
        let a = item("0001-legacy-auth.md", "# Legacy auth\n").unwrap();
        let b = item("0012-retries.md", "# Payment retries\n").unwrap();
        let items = vec![a, b];
        assert_eq!(resolve(&items, "12").unwrap().id, "0012");
        assert_eq!(resolve(&items, "0001").unwrap().id, "0001");
        assert_eq!(resolve(&items, "0012-retries").unwrap().id, "0012");
        assert_eq!(resolve(&items, "payment").unwrap().id, "0012");
        assert!(
            resolve(&items, "e")
                .unwrap_err()
                .message
                .contains("matches 2")
        );
        assert!(resolve(&items, "nope").is_err());
    }
}
