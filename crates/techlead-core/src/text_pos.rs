//! Byte offsets to 1-based line and column, for messages that point into files.

/// 1-based (line, column) of `offset` in `text`. Columns count characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The 1-based line of byte `offset` in `text` (clamped to its end).
pub fn line_of(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn first_and_later_lines() {
        let t = "ab\ncd\néx";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 4), (2, 2));
        assert_eq!(line_col(t, 8), (3, 2));
        assert_eq!(line_col(t, 999), (3, 3));
        assert_eq!(super::line_of(t, 0), 1);
        assert_eq!(super::line_of(t, 3), 2);
        assert_eq!(super::line_of(t, 999), 3);
    }
}
