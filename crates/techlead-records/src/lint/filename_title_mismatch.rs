//! `decisions/filename-title-mismatch`: the file name's slug and the title
//! tell different stories, usually because the title was edited and the
//! file kept its old name. Links and search then mislead.

use super::{FILENAME_TITLE_MISMATCH, LintContext, finding, slugify};
use techlead_core::Finding;

/// The slug of a file stem without its `NNNN-` or `YYYYMMDD-` prefix.
fn name_slug(id: &str) -> &str {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && id[digits..].starts_with(['-', '_']) {
        &id[digits + 1..]
    } else {
        id
    }
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    for r in cx.records {
        let Some(title) = &r.title else { continue };
        let from_name = slugify(name_slug(&r.id));
        let from_title = slugify(title);
        // Equal slugs, or one a truncation of the other (some tools cut long
        // names), agree.
        if from_name.is_empty()
            || from_name == from_title
            || (from_name.len() >= 20 && from_title.starts_with(&from_name))
        {
            continue;
        }
        out.push(finding(
            &FILENAME_TITLE_MISMATCH,
            r,
            r.title_line,
            format!("file name says `{from_name}`, title says `{from_title}`"),
            "rename the file to match the title (and fix links to it), or fix the title"
                .to_string(),
            &from_title,
        ));
    }
}
