//! Per-function measures shared by every scanner: the code-line set that
//! NLOC is read from, lizard's parameter rule, and the end-of-scan step
//! that turns spans into NLOC without a second pass over the text.

use crate::Function;

/// The lines that hold code (a token starts on them or a multi-line token
/// spans them), one bit per line. The lexers mark lines as they go; a
/// line is marked once, so the cost is one bit write per code line.
#[derive(Debug, Default)]
pub(crate) struct CodeLines {
    bits: Vec<u64>,
}

impl CodeLines {
    /// Marks lines `from..=to` (1-based).
    pub fn mark(&mut self, from: u32, to: u32) {
        if to < from {
            return;
        }
        let need = (to as usize >> 6) + 1;
        if self.bits.len() < need {
            self.bits.resize(need, 0);
        }
        for line in from..=to {
            self.bits[line as usize >> 6] |= 1u64 << (line & 63);
        }
    }

    /// Marked lines in `from..=to`.
    pub fn count(&self, from: u32, to: u32) -> u32 {
        if to < from {
            return 0;
        }
        let (a, b) = (from as usize, to as usize);
        let (wa, wb) = (a >> 6, b >> 6);
        let word = |w: usize| self.bits.get(w).copied().unwrap_or(0);
        let low = !0u64 << (a & 63);
        let high = if b & 63 == 63 {
            !0u64
        } else {
            (1u64 << ((b & 63) + 1)) - 1
        };
        if wa == wb {
            return (word(wa) & low & high).count_ones();
        }
        let mut n = (word(wa) & low).count_ones() + (word(wb) & high).count_ones();
        for w in wa + 1..wb {
            n += word(w).count_ones();
        }
        n
    }
}

/// Sets `nloc` of every function, as lizard counts it: each code line
/// belongs to the function that is innermost at its first token, and a
/// function also counts the line it starts on (which its parent counts
/// too). So a function's NLOC is the code lines of its span less those
/// its directly nested functions own after their first line. Functions
/// must be sorted by start line, an outer one before an inner one that
/// starts on the same line. `adjust` is added afterwards (Python
/// docstrings), by function index.
pub(crate) fn fill_nloc(functions: &mut [Function], lines: &CodeLines, adjust: &[(usize, i32)]) {
    let mut stack: Vec<usize> = Vec::new();
    let mut nloc: Vec<i64> = Vec::with_capacity(functions.len());
    for (i, f) in functions.iter().enumerate() {
        nloc.push(i64::from(lines.count(f.start_line, f.end_line).max(1)));
        while let Some(&top) = stack.last() {
            let t = &functions[top];
            if t.end_line >= f.end_line && t.start_line <= f.start_line {
                break;
            }
            stack.pop();
        }
        if let Some(&parent) = stack.last() {
            nloc[parent] -= i64::from(lines.count(f.start_line + 1, f.end_line));
        }
        stack.push(i);
    }
    for &(i, d) in adjust {
        if let Some(n) = nloc.get_mut(i) {
            *n += i64::from(d);
        }
    }
    for (f, n) in functions.iter_mut().zip(nloc) {
        f.nloc = n.clamp(0, i64::from(u32::MAX)) as u32;
    }
}

/// Lizard's parameter count, fed the tokens of a parameter list one at a
/// time. Lizard joins each comma-separated piece's tokens with spaces and
/// counts the piece when `(\w+)(\s=.*)?(\s:.*)?$` matches it: when it ends
/// in a word, or a word is followed by a token starting with `=` or `:`
/// (a default or an annotation). So `x`, `a: int = 3`, `...rest` and
/// `**kw` count, while a bare `*`, `/` or an empty piece after a trailing
/// comma do not.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Params {
    pub count: u32,
    matched: bool,
    prev_word: bool,
}

impl Params {
    pub const fn new() -> Self {
        Params {
            count: 0,
            matched: false,
            prev_word: false,
        }
    }

    /// A token of the list other than the separating comma: `word_end`
    /// when its text ends in a word character (`[A-Za-z0-9_]` or a
    /// non-ASCII letter), `first` its first byte.
    pub fn token(&mut self, first: u8, word_end: bool) {
        if self.prev_word && (first == b'=' || first == b':') {
            self.matched = true;
        }
        self.prev_word = word_end;
    }

    pub fn comma(&mut self) {
        self.end_piece();
    }

    /// The list ends: the last piece is counted.
    pub fn finish(mut self) -> u32 {
        self.end_piece();
        self.count
    }

    fn end_piece(&mut self) {
        if self.matched || self.prev_word {
            self.count += 1;
        }
        self.matched = false;
        self.prev_word = false;
    }
}

/// Does `text` end in a word character, as Python's `\w` sees it?
pub(crate) fn ends_in_word(text: &[u8]) -> bool {
    text.last()
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_marked_lines_across_words() {
        let mut l = CodeLines::default();
        l.mark(1, 3);
        l.mark(63, 65);
        l.mark(200, 200);
        assert_eq!(l.count(1, 300), 3 + 3 + 1);
        assert_eq!(l.count(2, 63), 2 + 1);
        assert_eq!(l.count(64, 64), 1);
        assert_eq!(l.count(66, 199), 0);
        assert_eq!(l.count(5, 4), 0);
        assert_eq!(l.count(0, 0), 0);
    }

    fn params(pieces: &[&[&str]]) -> u32 {
        let mut p = Params::default();
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                p.comma();
            }
            for t in *piece {
                p.token(t.as_bytes()[0], ends_in_word(t.as_bytes()));
            }
        }
        p.finish()
    }

    #[test]
    fn lizard_parameter_rule() {
        assert_eq!(params(&[&["a"], &["b", "=", "2"], &["*", "args"]]), 3);
        assert_eq!(params(&[&["*"], &["c"]]), 1);
        assert_eq!(params(&[&["{", "b"], &["c", "}"]]), 1);
        assert_eq!(params(&[&["a"], &[]]), 1);
        assert_eq!(params(&[&["x?", ":", "number"]]), 1);
        assert_eq!(params(&[]), 0);
    }
}
