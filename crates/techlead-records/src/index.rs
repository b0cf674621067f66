//! `adr index`: a table of records kept between markers in the folder's
//! README.md. Everything outside the markers is the team's and is kept
//! byte for byte.

use crate::model::Record;
use std::path::Path;

pub const BEGIN_MARKER: &str = "<!-- techlead:adr-index:begin -->";
pub const END_MARKER: &str = "<!-- techlead:adr-index:end -->";

fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// The file in `dir` that holds the index: its `README.md`, else the
/// `index.md` a docs site keeps there (MADR's `docs/decisions/index.md`:
/// a README beside it would be a second front page), else a new
/// `README.md`.
pub fn index_file(dir: &Path) -> std::path::PathBuf {
    // In any case, as the records loader leaves them out (`Readme.md`).
    let files: Vec<String> = techlead_core::source::read_dir(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, kind)| *kind == techlead_core::source::Kind::File)
        .map(|(name, _)| name)
        .collect();
    let named = |want: &str| files.iter().find(|f| f.eq_ignore_ascii_case(want));
    match named("README.md").or_else(|| named("index.md")) {
        Some(name) => dir.join(name),
        None => dir.join("README.md"),
    }
}

/// Markdown table: number, title (linked to the file), status, date, for
/// the README in `dir`. Links are relative to `dir`, so the records of a
/// log4brains package folder elsewhere in the project link there. Records
/// named by date (log4brains) have no number: the column is left out when
/// no record has one.
pub fn render_table(dir: &Path, records: &[Record]) -> String {
    let numbered = records.iter().any(|r| r.number.is_some());
    let mut out = String::from(if numbered {
        "| Number | Title | Status | Date |\n|---:|---|---|---|\n"
    } else {
        "| Title | Status | Date |\n|---|---|---|\n"
    });
    for r in records {
        let file = crate::edit::relative_href(&dir.join("README.md"), &r.path);
        let number = match (numbered, r.number) {
            (false, _) => String::new(),
            (true, n) => format!("| {} ", n.map(|n| n.to_string()).unwrap_or_default()),
        };
        let title = cell(r.title.as_deref().unwrap_or(&r.id)).replace(['[', ']'], "");
        let href = file
            .replace(' ', "%20")
            .replace('(', "%28")
            .replace(')', "%29");
        out.push_str(&format!(
            "{number}| [{title}]({href}) | {} | {} |\n",
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

    /// log4brains' own repository keeps records in docs/adr and in each
    /// package's docs/adr: the index in docs/adr linked a package's
    /// records as if they sat beside it.
    #[test]
    fn links_reach_records_in_other_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let mut records = Vec::new();
        for (folder, name) in [
            ("docs/adr", "20200924-use-markdown.md"),
            ("packages/core/docs/adr", "20201002-use-ddd.md"),
        ] {
            let dir = root.join(folder);
            std::fs::create_dir_all(&dir).unwrap();
            let text = "# T\n\n- Status: accepted\n";
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            records.push(crate::parse::parse_record(root, &path, text.as_bytes()).unwrap());
        }
        let table = render_table(&root.join("docs/adr"), &records);
        assert!(table.contains("[T](20200924-use-markdown.md)"), "{table}");
        // Named by date: no Number column.
        assert!(table.starts_with("| Title | Status | Date |\n"), "{table}");
        assert!(table.contains("\n| [T](20200924"), "{table}");
        assert!(
            table.contains("[T](../../packages/core/docs/adr/20201002-use-ddd.md)"),
            "{table}"
        );
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
