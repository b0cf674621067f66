//! What the repository says about a technology, for `radar evaluate`:
//! who changed the files that import its packages (history), how many
//! files use it (the import analysis), and the versions and licences in
//! use (the inventory). The other contexts' answers come in as plain data,
//! so this context counts without depending on them.

use crate::Technology;
use crate::evaluate::Evidence;
use std::collections::{BTreeMap, HashSet};
use techlead_core::InputError;

/// One import of an external package, as the import analysis found it.
pub struct Import<'a> {
    /// The importing file's language (`rust`, `python`, ...).
    pub language: &'a str,
    /// The package name as imported.
    pub name: &'a str,
    /// The importing file, relative to the project root.
    pub from: &'a str,
}

/// One commit: its author, its time (epoch seconds), the files it changed
/// (relative to the repository's top).
pub struct Commit<'a> {
    pub author: &'a str,
    pub time: i64,
    pub files: &'a [String],
}

/// History of the evaluation window, or why it could not be read.
pub enum History<'a> {
    Read {
        commits: Vec<Commit<'a>>,
        /// Where the project sits in its repository (`""` at the top,
        /// else `sub/dir/`): history paths carry it, ours do not.
        prefix: &'a str,
    },
    Missing(String),
}

/// A package in a lockfile, with what is known of it.
pub struct PackageFacts {
    pub ecosystem: String,
    pub name: String,
    pub version: String,
    /// The lockfile, relative to the project root.
    pub source: String,
    /// Release date of the locked version, YYYY-MM-DD.
    pub released: Option<String>,
    pub license: Option<String>,
    /// What the registry said, with `--online` ("the latest release", or
    /// why it could not be read).
    pub registry: Option<String>,
    /// With `--online`, the known vulnerabilities of this version, one
    /// line each (`GHSA-... (CVE-...): summary; fixed in 1.2.3`), or why
    /// they could not be read; None offline.
    pub vulnerabilities: Option<Result<Vec<String>, String>>,
}

/// Everything `gather` looks at.
pub struct Sources<'a> {
    pub imports: &'a [Import<'a>],
    /// Every scanned file and its language.
    pub scanned: &'a [(&'a str, &'a str)],
    pub history: &'a History<'a>,
    pub packages: &'a [PackageFacts],
    /// The window, in months.
    pub months: u32,
    /// Today, YYYY-MM-DD, for ages.
    pub today: &'a str,
}

/// Whether an import names a package: `(ecosystem, package, language,
/// imported)`. Import names differ from package names per ecosystem; the
/// inventory context knows how.
pub type ImportsPackage<'f> = &'f dyn Fn(&str, &str, &str, &str) -> bool;

/// The evidence for `t`.
pub fn gather(t: &Technology, src: &Sources, imports_package: ImportsPackage) -> Evidence {
    let mut files: Vec<&str> = src
        .imports
        .iter()
        .filter(|x| {
            t.packages
                .iter()
                .any(|p| imports_package(&p.ecosystem, &p.name, x.language, x.name))
        })
        .map(|x| x.from)
        .collect();
    // A language technology (named like a scanned language: Rust, Python,
    // TypeScript, Go, Java) is used by every file in it.
    let language = t.name.to_ascii_lowercase();
    files.extend(
        src.scanned
            .iter()
            .filter(|(_, l)| *l == language)
            .map(|(p, _)| *p),
    );
    files.sort_unstable();
    files.dedup();
    let (contributors, history_missing) = match src.history {
        History::Read { commits, prefix } => (contributors(commits, prefix, &files), None),
        History::Missing(why) => (Vec::new(), Some(why.clone())),
    };
    let mut versions = Vec::new();
    let mut licenses = Vec::new();
    let mut vulnerabilities = Vec::new();
    for p in src.packages.iter().filter(|p| {
        t.packages
            .iter()
            .any(|r| crate::same_package(&r.ecosystem, &r.name, &p.ecosystem, &p.name))
    }) {
        let mut line = format!("{}:{} {} ({})", p.ecosystem, p.name, p.version, p.source);
        if let Some(r) = &p.released {
            line.push_str(&format!(", released {r}"));
            if let Some(age) = whole_months(r, src.today) {
                line.push_str(&format!(
                    " ({} ago)",
                    techlead_core::words::count(age.max(0) as u64, "month")
                ));
            }
        }
        if let Some(r) = &p.registry {
            line.push_str(&format!(", {r}"));
        }
        match &p.vulnerabilities {
            Some(Ok(list)) if list.is_empty() => line.push_str(", no known vulnerabilities"),
            Some(Ok(list)) => {
                for v in list {
                    vulnerabilities.push(format!("{}:{} {}: {v}", p.ecosystem, p.name, p.version));
                }
            }
            Some(Err(why)) => line.push_str(&format!(", vulnerabilities not read: {why}")),
            None => {}
        }
        versions.push(line);
        if let Some(l) = &p.license
            && !licenses.contains(l)
        {
            licenses.push(l.clone());
        }
    }
    versions.dedup();
    Evidence {
        contributors,
        history_missing,
        files: files.len(),
        months: src.months,
        versions,
        licenses,
        vulnerabilities,
    }
}

/// Who changed `files` in the commits, with their counts and the date of
/// their last change, most first.
fn contributors(commits: &[Commit], prefix: &str, files: &[&str]) -> Vec<(String, usize, String)> {
    let wanted: HashSet<String> = files.iter().map(|f| format!("{prefix}{f}")).collect();
    let mut counts: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for c in commits {
        if c.files.iter().any(|f| wanted.contains(f)) {
            let e = counts.entry(c.author).or_default();
            e.0 += 1;
            e.1 = e.1.max(c.time);
        }
    }
    let mut out: Vec<(String, usize, String)> = counts
        .into_iter()
        .map(|(who, (n, t))| (who.to_string(), n, date_of(t)))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// YYYY-MM-DD of epoch seconds, in UTC.
fn date_of(t: i64) -> String {
    jiff::Timestamp::from_second(t)
        .map(|ts| {
            ts.to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .date()
                .to_string()
        })
        .unwrap_or_default()
}

/// The first day of a window of `months` before `today` (YYYY-MM-DD). A
/// window the calendar cannot hold (`--months 999999999`) is an input
/// error, not a panic in the date library.
pub fn window_start(today: &str, months: u32) -> Result<jiff::civil::Date, InputError> {
    let too_long = || {
        InputError::new(format!(
            "--months {months} reaches before the year -9999; use a window of at most {MAX_MONTHS} months"
        ))
    };
    if months > MAX_MONTHS {
        return Err(too_long());
    }
    let today: jiff::civil::Date = today
        .parse()
        .map_err(|_| InputError::new(format!("`{today}` is not a date")))?;
    let span = jiff::Span::new()
        .try_months(i64::from(months))
        .map_err(|_| too_long())?;
    today.checked_sub(span).map_err(|_| too_long())
}

/// The longest evidence window: 1,000 years, far past any repository.
pub const MAX_MONTHS: u32 = 12_000;

/// Whole months from `from` to `to` (YYYY-MM-DD), in months of 30.44
/// days, as history counts a file's age.
fn whole_months(from: &str, to: &str) -> Option<i64> {
    let from: jiff::civil::Date = from.parse().ok()?;
    let to: jiff::civil::Date = to.parse().ok()?;
    let days = from.until((jiff::Unit::Day, to)).ok()?.get_days();
    Some((f64::from(days.max(0)) / 30.44).floor() as i64)
}

#[cfg(test)]
mod window_tests {
    use super::*;

    #[test]
    fn a_window_the_calendar_cannot_hold_is_an_input_error() {
        assert_eq!(
            window_start("2026-01-15", 12).unwrap().to_string(),
            "2025-01-15"
        );
        for months in [MAX_MONTHS + 1, 999_999_999, u32::MAX] {
            let err = window_start("2026-01-15", months).unwrap_err();
            assert!(
                err.message.starts_with(&format!("--months {months}")),
                "{err}"
            );
        }
        assert!(window_start("2026-01-15", MAX_MONTHS).is_ok());
    }
}
