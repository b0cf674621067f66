//! Edits that records of every kind make: set one front-matter field, and
//! add a dated line to a section such as `## History`. Each keeps every
//! byte it does not mean to change: the file's line ending, key order and
//! spelling, unknown keys, and the body.

use crate::front_matter::locate;
use crate::lines::{eol, insert_line_at};

/// The text with the front-matter field `key` set to `value` (YAML as it
/// should be written: `trial`, `["a", "b"]`). The key keeps its spelling
/// and place; its whole old value goes, a block list under it included. A
/// key that is not there is added as the last field. Text without front
/// matter is returned as it is.
pub fn set_field(text: &str, key: &str, value: &str) -> String {
    let Some((start, end, _)) = locate(text) else {
        return text.to_string();
    };
    if end == usize::MAX {
        return text.to_string();
    }
    let e = eol(text);
    match field_span(text, start, end, key) {
        Some((line_start, colon, value_end)) => {
            // `value_end` is past the value's last line ending; keep that
            // ending as the file has it.
            let last = &text[line_start..value_end];
            let ending = if last.ends_with("\r\n") {
                "\r\n"
            } else if last.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            format!(
                "{}{} {value}{ending}{}",
                &text[..line_start],
                &text[line_start..colon + 1],
                &text[value_end..]
            )
        }
        None => {
            let at = end;
            if at > 0 && !text[..at].ends_with('\n') {
                return format!("{}{e}{key}: {value}{}", &text[..at], &text[at..]);
            }
            insert_line_at(text, at, &format!("{key}: {value}"))
        }
    }
}

/// Where top-level `key:` is written in the YAML between `start` and
/// `end`: the offset of its line, of its colon, and past the last line of
/// its value (the key's line, and the indented or `- ` lines under it).
fn field_span(text: &str, start: usize, end: usize, key: &str) -> Option<(usize, usize, usize)> {
    let mut pos = start;
    let mut found: Option<(usize, usize)> = None;
    let mut value_end = 0;
    for line in text[start..end].split_inclusive('\n') {
        let here = pos;
        pos += line.len();
        if found.is_some() {
            // The value goes on over indented lines and `- ` items.
            if line.starts_with([' ', '\t']) || line.starts_with("- ") {
                value_end = pos;
                continue;
            }
            break;
        }
        let unquoted = line.trim_start_matches(['"', '\'']);
        let quote = line.len() - unquoted.len();
        if !line.starts_with(|c: char| !c.is_whitespace())
            || !unquoted
                .get(..key.len())
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
        {
            continue;
        }
        let after = &unquoted[key.len()..];
        let closing = after.len() - after.trim_start_matches(['"', '\'']).len();
        if after[closing..].starts_with(':') {
            let colon = here + quote + key.len() + closing;
            found = Some((here, colon));
            value_end = pos;
        }
    }
    found.map(|(line_start, colon)| (line_start, colon, value_end))
}

/// The text with `entry` (one line, no line ending) added after the last
/// non-blank line of the section headed `heading` (any level, any case),
/// or in a new `## heading` section at the end of the file.
pub fn append_to_section(text: &str, heading: &str, entry: &str) -> String {
    let e = eol(text);
    let mut section_end: Option<usize> = None;
    let mut inside = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('#') {
            let title = t.trim_start_matches('#').trim();
            if inside {
                break;
            }
            inside = title.eq_ignore_ascii_case(heading);
        } else if inside && !t.is_empty() {
            section_end = Some(offset + line.len());
        }
        offset += line.len();
        if inside && section_end.is_none() {
            section_end = Some(offset);
        }
    }
    match section_end {
        Some(at) => {
            // The section's last line may lack a line ending at EOF.
            if at == text.len() && !text.ends_with('\n') {
                format!("{text}{e}{entry}{e}")
            } else {
                insert_line_at(text, at, entry)
            }
        }
        None => {
            let sep = if text.ends_with('\n') || text.is_empty() {
                ""
            } else {
                e
            };
            format!("{text}{sep}{e}## {heading}{e}{e}{entry}{e}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_scalars_and_lists_keeping_the_rest() {
        let text =
            "---\nname: X\nring: assess # why\npaths:\n  - a\n  - b\nextra: kept\n---\nBody\n";
        assert_eq!(
            set_field(text, "ring", "trial"),
            "---\nname: X\nring: trial\npaths:\n  - a\n  - b\nextra: kept\n---\nBody\n"
        );
        assert_eq!(
            set_field(text, "paths", "[\"c\"]"),
            "---\nname: X\nring: assess # why\npaths: [\"c\"]\nextra: kept\n---\nBody\n"
        );
        assert_eq!(
            set_field(text, "owner", "ann"),
            "---\nname: X\nring: assess # why\npaths:\n  - a\n  - b\nextra: kept\nowner: ann\n---\nBody\n"
        );
        // Block items at the key's own indentation belong to it too.
        assert_eq!(
            set_field("---\ntags:\n- a\n- b\nx: 1\n---\n", "tags", "[]"),
            "---\ntags: []\nx: 1\n---\n"
        );
    }

    #[test]
    fn keeps_crlf_quotes_and_the_keys_spelling() {
        let text = "---\r\n\"Status\": open\r\ntitle: T\r\n---\r\n";
        assert_eq!(
            set_field(text, "status", "repaid"),
            "---\r\n\"Status\": repaid\r\ntitle: T\r\n---\r\n"
        );
        assert_eq!(
            set_field(text, "owner", "ann"),
            "---\r\n\"Status\": open\r\ntitle: T\r\nowner: ann\r\n---\r\n"
        );
        assert_eq!(
            set_field("# no front matter\n", "a", "b"),
            "# no front matter\n"
        );
        // A key that only starts like the one asked for is another key.
        assert_eq!(
            set_field("---\nstatusx: 1\n---\n", "status", "open"),
            "---\nstatusx: 1\nstatus: open\n---\n"
        );
    }

    #[test]
    fn appends_to_a_section_or_adds_one() {
        let text = "# T\n\n## History\n\n- 2026-01-01: open\n\n## Notes\n\nmore\n";
        assert_eq!(
            append_to_section(text, "History", "- 2026-02-01: repaid"),
            "# T\n\n## History\n\n- 2026-01-01: open\n- 2026-02-01: repaid\n\n## Notes\n\nmore\n"
        );
        assert_eq!(
            append_to_section("# T\r\n\r\nBody.", "History", "- x"),
            "# T\r\n\r\nBody.\r\n\r\n## History\r\n\r\n- x\r\n"
        );
        assert_eq!(
            append_to_section("## History\n\n- a", "history", "- b"),
            "## History\n\n- a\n- b\n"
        );
    }
}
