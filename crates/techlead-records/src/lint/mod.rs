//! `adr lint`: one file per rule, as ruff and zizmor do. Each rule looks
//! at the whole folder and returns findings; fingerprint keys name what is
//! wrong, never a line, so they survive edits.

mod broken_link;
mod duplicate_number;
mod filename_title_mismatch;
mod invalid_date;
mod missing_fields;
mod review_overdue;
mod supersede;
mod unknown_status;

use crate::model::Record;
use std::path::Path;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub struct LintOptions {
    /// Statuses accepted besides the standard ones (`[decisions] statuses`).
    pub extra_statuses: Vec<String>,
    /// Today, YYYY-MM-DD, for review dates.
    pub today: String,
}

/// What every rule gets.
pub struct LintContext<'a> {
    pub records: &'a [Record],
    pub dir: &'a Path,
    pub opts: &'a LintOptions,
}

macro_rules! rule {
    ($id:literal, $sev:ident, $summary:literal) => {
        RuleInfo {
            id: $id,
            default_severity: Severity::$sev,
            summary: $summary,
        }
    };
}

pub const DUPLICATE_NUMBER: RuleInfo = rule!(
    "decisions/duplicate-number",
    Error,
    "two records share a number (two branches took the same one)"
);
pub const BROKEN_LINK: RuleInfo = rule!(
    "decisions/broken-link",
    Error,
    "a relative link points to a file that does not exist"
);
pub const ONE_SIDED_SUPERSEDE: RuleInfo = rule!(
    "decisions/one-sided-supersede",
    Error,
    "a supersede is recorded in one of the two records only"
);
pub const SUPERSEDED_WITHOUT_SUCCESSOR: RuleInfo = rule!(
    "decisions/superseded-without-successor",
    Warning,
    "a superseded record does not link to what superseded it"
);
pub const MISSING_TITLE: RuleInfo = rule!(
    "decisions/missing-title",
    Warning,
    "the record has no title (no H1, no front-matter title)"
);
pub const MISSING_STATUS: RuleInfo = rule!(
    "decisions/missing-status",
    Warning,
    "the record states no status"
);
pub const MISSING_DATE: RuleInfo = rule!(
    "decisions/missing-date",
    Warning,
    "the record states no date"
);
pub const UNKNOWN_STATUS: RuleInfo = rule!(
    "decisions/unknown-status",
    Warning,
    "the status is not a standard one nor listed in [decisions] statuses"
);
pub const INVALID_DATE: RuleInfo = rule!(
    "decisions/invalid-date",
    Warning,
    "the date field holds no valid calendar date"
);
pub const FILENAME_TITLE_MISMATCH: RuleInfo = rule!(
    "decisions/filename-title-mismatch",
    Note,
    "the file name's slug disagrees with the title"
);
pub const REVIEW_OVERDUE: RuleInfo = rule!(
    "decisions/review-overdue",
    Warning,
    "the record's review-by date has passed"
);

pub const RULES: &[RuleInfo] = &[
    DUPLICATE_NUMBER,
    BROKEN_LINK,
    ONE_SIDED_SUPERSEDE,
    SUPERSEDED_WITHOUT_SUCCESSOR,
    MISSING_TITLE,
    MISSING_STATUS,
    MISSING_DATE,
    UNKNOWN_STATUS,
    INVALID_DATE,
    FILENAME_TITLE_MISMATCH,
    REVIEW_OVERDUE,
];

/// Runs every rule over the folder's records.
pub fn lint(records: &[Record], dir: &Path, opts: &LintOptions) -> Vec<Finding> {
    let cx = LintContext { records, dir, opts };
    let mut out = Vec::new();
    duplicate_number::check(&cx, &mut out);
    broken_link::check(&cx, &mut out);
    supersede::check(&cx, &mut out);
    missing_fields::check(&cx, &mut out);
    unknown_status::check(&cx, &mut out);
    invalid_date::check(&cx, &mut out);
    filename_title_mismatch::check(&cx, &mut out);
    review_overdue::check(&cx, &mut out);
    techlead_core::findings::sort(&mut out);
    out
}

/// A finding of `rule` at its default severity.
pub(crate) fn finding(
    rule: &RuleInfo,
    r: &Record,
    line: Option<u32>,
    message: String,
    help: String,
    key: &str,
) -> Finding {
    let loc = Location {
        path: r.rel_path.clone(),
        line: Some(line.unwrap_or(1)),
        column: None,
    };
    Finding::new(
        rule.id,
        rule.default_severity,
        message,
        Some(loc),
        help,
        key,
    )
}

/// adr-tools' slug: lowercase, runs of anything but letters and digits
/// become one `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests;
