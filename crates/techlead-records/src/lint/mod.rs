//! `adr lint`: one file per rule, as ruff and zizmor do. Each rule looks
//! at the whole folder and returns findings; fingerprint keys name what is
//! wrong, never a line, so they survive edits.

mod broken_link;
mod duplicate_number;
mod filename_title_mismatch;
mod invalid_date;
mod missing_date;
mod missing_status;
mod missing_title;
mod one_sided_supersede;
mod review_overdue;
mod superseded_without_successor;
mod unknown_status;

use crate::model::Record;
use std::path::Path;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo};

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

/// A decision-records rule: one file each, over the whole folder.
pub type DecisionRule = dyn for<'a> Rule<LintContext<'a>>;

/// Every decision-records rule, in the order `techlead rules` lists them.
pub static RULES: &[&DecisionRule] = &[
    &duplicate_number::DuplicateNumber,
    &broken_link::BrokenLink,
    &one_sided_supersede::OneSidedSupersede,
    &superseded_without_successor::SupersededWithoutSuccessor,
    &missing_title::MissingTitle,
    &missing_status::MissingStatus,
    &missing_date::MissingDate,
    &unknown_status::UnknownStatus,
    &invalid_date::InvalidDate,
    &filename_title_mismatch::FilenameTitleMismatch,
    &review_overdue::ReviewOverdue,
];

/// Runs every rule over the folder's records.
pub fn lint(records: &[Record], dir: &Path, opts: &LintOptions) -> Vec<Finding> {
    let cx = LintContext { records, dir, opts };
    let mut out = Vec::new();
    for rule in RULES {
        rule.check(&cx, &mut out);
    }
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
