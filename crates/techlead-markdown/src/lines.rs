//! Line-level reading and editing of markdown text: lines with their
//! offsets, fences, headings, and edits that replace or insert one line
//! while keeping the file's own line ending and every other byte.

/// Lines of `text` from byte `start`: (offset, line number, content without
/// the line ending).
pub fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (usize, u32, &str)> {
    let first_line = memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() as u32 + 1;
    let mut offset = start;
    let mut no = first_line;
    std::iter::from_fn(move || {
        if offset >= text.len() {
            return None;
        }
        let at = offset;
        let rest = &text.as_bytes()[at..];
        let end = memchr::memchr(b'\n', rest)
            .map(|i| at + i + 1)
            .unwrap_or(text.len());
        offset = end;
        let line_no = no;
        no += 1;
        Some((at, line_no, text[at..end].trim_end_matches(['\n', '\r'])))
    })
}

/// A fence opener or closer: three or more backticks or tildes after at
/// most three spaces.
pub fn fence(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

/// ATX heading level and text.
pub fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim()))
}

/// The file's own line ending.
pub fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Byte range of 1-based `line`, without its line ending.
pub fn line_range(text: &str, line: u32) -> Option<std::ops::Range<usize>> {
    lines_from(text, 0)
        .find(|(_, no, _)| *no == line)
        .map(|(off, _, content)| off..off + content.len())
}

pub fn replace_line(text: &str, line: u32, new: &str) -> String {
    match line_range(text, line) {
        Some(r) => format!("{}{}{}", &text[..r.start], new, &text[r.end..]),
        None => text.to_string(),
    }
}

/// Inserts `new` (without line ending) as a line before byte `at`, which
/// must be a line start.
pub fn insert_line_at(text: &str, at: usize, new: &str) -> String {
    format!("{}{}{}{}", &text[..at], new, eol(text), &text[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_the_line_ending() {
        let t = "a\r\nb\r\nc";
        assert_eq!(eol(t), "\r\n");
        assert_eq!(replace_line(t, 2, "B"), "a\r\nB\r\nc");
        assert_eq!(replace_line(t, 9, "x"), t);
        assert_eq!(insert_line_at(t, 3, "new"), "a\r\nnew\r\nb\r\nc");
        assert_eq!(line_range(t, 3), Some(6..7));
        let lines: Vec<_> = lines_from(t, 3).collect();
        assert_eq!(lines, vec![(3, 2, "b"), (6, 3, "c")]);
    }

    #[test]
    fn fences_and_headings() {
        assert_eq!(fence("```rust"), Some((b'`', 3)));
        assert_eq!(fence("    ```"), None);
        assert_eq!(heading("## Status ##"), Some((2, "Status")));
        assert_eq!(heading("#nope"), None);
    }
}
