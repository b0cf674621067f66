//! `decisions/filename-title-mismatch`: the file name's slug and the title
//! tell different stories, usually because the title was edited and the
//! file kept its old name. Links and search then mislead.

use super::{LintContext, finding, slugify};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

/// The file stem without its `NNNN-`, `YYYYMMDD-` or `adr-NNN-` prefix.
fn name_slug(id: &str) -> &str {
    let lower = id.to_ascii_lowercase();
    let start = if lower.starts_with("adr-") || lower.starts_with("adr_") {
        4
    } else {
        0
    };
    let digits = id[start..].bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && id[start + digits..].starts_with(['-', '_']) {
        &id[start + digits + 1..]
    } else {
        id
    }
}

/// The title without a label some teams put before it:
/// `Architecture Decision Record: X`, `ADR-007: X`, `ADR 7. X`.
fn title_core(title: &str) -> &str {
    let Some(i) = title.find([':', '.']) else {
        return title;
    };
    let label = title[..i].trim().to_ascii_lowercase();
    let is_label = label == "architecture decision record"
        || label.strip_prefix("adr").is_some_and(|rest| {
            let rest = rest.trim_start_matches(['-', ' ', '#']);
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
        });
    if is_label {
        title[i + 1..].trim()
    } else {
        title
    }
}

/// A slug without its hyphens.
fn joined(slug: &str) -> String {
    slug.replace('-', "")
}

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/filename-title-mismatch",
    Severity::Note,
    "The file name's slug disagrees with the title.",
);

pub struct FilenameTitleMismatch;

impl Rule<LintContext<'_>> for FilenameTitleMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx.records {
            let Some(title) = &r.title else { continue };
            let from_name = slugify(name_slug(&r.id));
            let from_title = slugify(title_core(title));
            // Equal slugs, or one a truncation of the other (some tools cut long
            // names), agree.
            // Slugs that differ only in where words split agree too: a
            // `Next.js` title gives `nextjs` or `next-js` by tool, and
            // `meta-data` is `metadata` spelt another way.
            let (joined_name, joined_title) = (joined(&from_name), joined(&from_title));
            // A series label before a colon may stay out of the name:
            // `0013-home-assistant-container` for "Installation method:
            // Home Assistant Container".
            let after_label = title_core(title)
                .split_once(':')
                .map(|(_, rest)| joined(&slugify(rest)));
            if from_name.is_empty()
                || joined_name == joined_title
                || after_label.is_some_and(|t| t == joined_name)
                || (from_name.len() >= 20 && joined_title.starts_with(&joined_name))
            {
                continue;
            }
            out.push(finding(
                &INFO,
                r,
                r.title_line,
                format!("file name says `{from_name}`, title says `{from_title}`"),
                "rename the file to match the title (and fix links to it), or fix the title"
                    .to_string(),
                &from_title,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_labels_are_not_part_of_the_name() {
        assert_eq!(name_slug("0001-use-x"), "use-x");
        assert_eq!(name_slug("20200101-use-x"), "use-x");
        assert_eq!(name_slug("adr-001-use-x"), "use-x");
        assert_eq!(name_slug("use-x"), "use-x");
        assert_eq!(title_core("Architecture Decision Record: Use X"), "Use X");
        assert_eq!(title_core("ADR-007: Use X"), "Use X");
        assert_eq!(title_core("Use X: the sequel"), "Use X: the sequel");
    }
}
