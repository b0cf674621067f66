//! `adr index`: a table of records kept between markers in the folder's
//! README.md. Everything outside the markers is the team's and is kept
//! byte for byte.

use crate::model::Record;

pub const BEGIN_MARKER: &str = "<!-- techlead:adr-index:begin -->";
pub const END_MARKER: &str = "<!-- techlead:adr-index:end -->";

fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// Markdown table: number, title (linked to the file), status, date.
pub fn render_table(records: &[Record]) -> String {
    let mut out = String::from("| Number | Title | Status | Date |\n|---:|---|---|---|\n");
    for r in records {
        let file = r
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let number = r.number.map(|n| n.to_string()).unwrap_or_default();
        let title = cell(r.title.as_deref().unwrap_or(&r.id)).replace(['[', ']'], "");
        let href = file
            .replace(' ', "%20")
            .replace('(', "%28")
            .replace(')', "%29");
        out.push_str(&format!(
            "| {number} | [{title}]({href}) | {} | {} |\n",
            cell(r.status.as_deref().unwrap_or("")),
            r.date.as_deref().unwrap_or("")
        ));
    }
    out
}

/// The README with the table between the markers: replaced in place when
/// the markers exist, appended otherwise; a new README when there is none.
pub fn update_readme(existing: Option<&str>, table: &str) -> String {
    let Some(text) = existing else {
        return format!("# Architecture decision records\n\n{BEGIN_MARKER}\n{table}{END_MARKER}\n");
    };
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let table = table.replace('\n', eol);
    if let Some(b) = text.find(BEGIN_MARKER)
        && let Some(e_rel) = text[b..].find(END_MARKER)
    {
        let inner_start = b + BEGIN_MARKER.len();
        let e = b + e_rel;
        return format!("{}{eol}{table}{}", &text[..inner_start], &text[e..]);
    }
    let sep = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        eol
    };
    format!("{text}{sep}{eol}{BEGIN_MARKER}{eol}{table}{END_MARKER}{eol}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_between_markers_only() {
        let t = "# X\r\n\r\nintro\r\n<!-- techlead:adr-index:begin -->\r\nold\r\n<!-- techlead:adr-index:end -->\r\nfooter\r\n";
        let out = update_readme(Some(t), "| a |\n");
        assert_eq!(
            out,
            "# X\r\n\r\nintro\r\n<!-- techlead:adr-index:begin -->\r\n| a |\r\n<!-- techlead:adr-index:end -->\r\nfooter\r\n"
        );
        assert_eq!(update_readme(Some(&out), "| a |\n"), out);
    }

    #[test]
    fn appends_or_creates() {
        assert_eq!(
            update_readme(Some("# Decisions"), "| a |\n"),
            "# Decisions\n\n<!-- techlead:adr-index:begin -->\n| a |\n<!-- techlead:adr-index:end -->\n"
        );
        assert!(update_readme(None, "| a |\n").starts_with("# Architecture decision records\n\n"));
    }
}
