//! Comments for the debt scan: the scanners hand every comment they skip
//! to a [`Sink`] when asked to, and [`markers`] finds `TODO`-style tags in
//! them. A scan without comments pays one branch per comment.

use crate::{Comment, CommentKind};
use serde::Serialize;

/// Where a scanner puts the comments it sees; a no-op unless switched on.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    on: bool,
    pub list: Vec<Comment>,
}

impl Sink {
    pub fn new(on: bool) -> Self {
        Sink {
            on,
            list: Vec::new(),
        }
    }

    #[inline]
    pub fn on(&self) -> bool {
        self.on
    }

    /// A comment whose delimiter starts at byte `at` on `line`, with its
    /// text in `start..end`.
    pub fn push(
        &mut self,
        src: &[u8],
        at: usize,
        (start, end): (usize, usize),
        line: u32,
        kind: CommentKind,
    ) {
        if !self.on {
            return;
        }
        self.list.push(Comment {
            line,
            column: column(src, at),
            start,
            end: end.max(start),
            kind,
        });
    }

    /// A C-style `//` comment starting at `at` and running to `end`:
    /// `///` and `//!` are doc comments when `doc_slashes` (Rust).
    pub fn line_comment(&mut self, src: &[u8], at: usize, end: usize, line: u32, rust: bool) {
        if !self.on {
            return;
        }
        let rest = &src[at + 2..end];
        let doc = rust
            && (rest.first() == Some(&b'!')
                || rest.first() == Some(&b'/') && rest.get(1) != Some(&b'/'));
        let (kind, skip) = if doc {
            (CommentKind::Doc, 3)
        } else {
            (CommentKind::Line, 2)
        };
        let mut stop = end;
        if stop > at + skip && src[stop - 1] == b'\r' {
            stop -= 1;
        }
        self.push(src, at, (at + skip, stop), line, kind);
    }

    /// A `/* … */` comment from `at` whose closing `*/` starts at `close`
    /// (the end of input when unterminated). `/**` and `/*!` are docs.
    pub fn block_comment(&mut self, src: &[u8], at: usize, close: usize, line: u32) {
        if !self.on {
            return;
        }
        let body = &src[at + 2..close.max(at + 2)];
        let doc = matches!(body.first(), Some(b'*' | b'!')) && body.len() > 1 && body != b"*";
        let (kind, skip) = if doc {
            (CommentKind::Doc, 3)
        } else {
            (CommentKind::Block, 2)
        };
        self.push(src, at, ((at + skip).min(close), close), line, kind);
    }
}

/// 1-based character column of byte `at`.
fn column(src: &[u8], at: usize) -> u32 {
    let line_start = memchr::memrchr(b'\n', &src[..at]).map_or(0, |i| i + 1);
    let chars = src[line_start..at]
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count();
    chars as u32 + 1
}

/// The tags a debt scan looks for.
pub const MARKER_TAGS: [&str; 5] = ["TODO", "FIXME", "HACK", "XXX", "BUG"];

/// A `TODO`-style tag found in a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    /// One of [`MARKER_TAGS`].
    pub tag: &'static str,
    /// 1-based line and character column of the tag itself.
    pub line: u32,
    pub column: u32,
    /// The rest of the comment line after the tag, with a leading `:`,
    /// `(owner)` kept, surrounding blanks trimmed.
    pub text: String,
}

/// Finds the marker tags in `comments` (from a scan of `src` with
/// comments on). A tag counts as an upper-case whole word: `TODO:`,
/// `FIXME(ann)`, `XXX`, but not `TODOS`, `DEBUG` or `todo`.
pub fn markers(src: &str, comments: &[Comment]) -> Vec<Marker> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    for c in comments {
        let text = c.text(src);
        let tb = text.as_bytes();
        let mut i = 0;
        while i < tb.len() {
            let Some(k) = tb[i..]
                .iter()
                .position(|&x| matches!(x, b'T' | b'F' | b'H' | b'X' | b'B'))
            else {
                break;
            };
            let at = i + k;
            let before_ok = at == 0 || !is_word(tb[at - 1]);
            let tag = MARKER_TAGS.iter().find(|t| {
                tb[at..].starts_with(t.as_bytes())
                    && !tb.get(at + t.len()).is_some_and(|&x| is_word(x))
            });
            match tag {
                Some(tag) if before_ok => {
                    let abs = c.start + at;
                    let line_end = tb[at..]
                        .iter()
                        .position(|&x| x == b'\n')
                        .map_or(tb.len(), |e| at + e);
                    let rest = text[at + tag.len()..line_end].trim();
                    let rest = rest.strip_prefix(':').unwrap_or(rest).trim();
                    let rest = rest.trim_end_matches("*/").trim_end();
                    out.push(Marker {
                        tag,
                        line: line_in_comment(b, c, abs),
                        column: column(b, abs),
                        text: rest.to_string(),
                    });
                    i = at + tag.len();
                }
                _ => i = at + 1,
            }
        }
    }
    out
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The line of byte `abs` inside comment `c`.
fn line_in_comment(src: &[u8], c: &Comment, abs: usize) -> u32 {
    let from = c.start.min(abs);
    c.line + memchr::memchr_iter(b'\n', &src[from..abs]).count() as u32
}
