//! Measures for files in languages without a scanner.

/// Indentation complexity (Adam Tornhill's fallback): the sum over
/// non-blank lines of their logical indentation, a tab or four spaces per
/// level. A rough but language-neutral stand-in for cyclomatic complexity.
pub fn indentation_complexity(src: &str) -> u32 {
    let mut total = 0u32;
    for line in src.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let mut spaces = 0u32;
        for b in line.bytes() {
            match b {
                b' ' => spaces += 1,
                b'\t' => spaces += 4,
                _ => break,
            }
        }
        total = total.saturating_add(spaces / 4);
    }
    total
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_levels() {
        let src = "a\n    b\n\tc\n        d\n\n   e\n";
        assert_eq!(super::indentation_complexity(src), 1 + 1 + 2);
    }
}
