//! Mutation tests for parsers (issue 21): valid seed inputs, mutated by
//! bytes and by lines, as a fuzzer would, inside `cargo test` on stable.
//! Each parser's test asserts that it never panics and that every error
//! names the file and a line inside it.

use proptest::prelude::*;
use std::path::Path;

/// Tokens that matter to our formats, inserted whole.
const TOKENS: &[&str] = &[
    "---\n",
    "\u{feff}",
    "- ",
    ": ",
    "status:",
    "[",
    "]",
    "](",
    "{",
    "}",
    "\"",
    "'",
    "\r\n",
    "\n",
    "## History\n",
    "## Status\n",
    "# ",
    "```\n",
    "|",
    "\\",
    "\t",
    "\0",
    "é",
    "\u{1b}[2J",
    "*",
    "&a",
    "!!binary ",
    "? ",
    "=",
    "[[",
    "]]",
    ",",
    "\"\"\"",
    "999999999999999999999",
];

/// Bytes that break things most often.
const BYTES: &[u8] = b"\n\r:-#\"'[]{}, \t\x00\xff\xc3=*&!|>";

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    SetByte(usize, usize),
    Insert(usize, usize),
    Delete(usize, usize),
    DropLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SetByte(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<usize>(), 1usize..8).prop_map(|(a, n)| Mutation::Delete(a, n)),
        any::<usize>().prop_map(Mutation::DropLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len();
    let at = |i: usize| if n == 0 { 0 } else { i % (n + 1) };
    match *m {
        Mutation::Flip(i, v) if n > 0 => bytes[i % n] ^= v.max(1),
        Mutation::SetByte(i, b) if n > 0 => bytes[i % n] = BYTES[b % BYTES.len()],
        Mutation::Insert(i, t) => {
            let at = at(i);
            let token = TOKENS[t % TOKENS.len()].as_bytes();
            bytes.splice(at..at, token.iter().copied());
        }
        Mutation::Delete(i, len) if n > 0 => {
            let start = i % n;
            bytes.drain(start..(start + len).min(n));
        }
        Mutation::Truncate(i) => bytes.truncate(at(i)),
        Mutation::DropLine(i) | Mutation::DuplicateLine(i) | Mutation::SwapLines(i, _) => {
            let mut lines: Vec<Vec<u8>> = bytes
                .split_inclusive(|b| *b == b'\n')
                .map(<[u8]>::to_vec)
                .collect();
            if lines.is_empty() {
                return;
            }
            let k = i % lines.len();
            match *m {
                Mutation::DropLine(_) => {
                    lines.remove(k);
                }
                Mutation::DuplicateLine(_) => {
                    let l = lines[k].clone();
                    lines.insert(k, l);
                }
                Mutation::SwapLines(_, j) => {
                    let j = j % lines.len();
                    lines.swap(k, j);
                }
                _ => {}
            }
            *bytes = lines.concat();
        }
        _ => {}
    }
}

/// One of `seeds` with one to four mutations applied.
pub fn mutated(seeds: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (0..seeds.len(), proptest::collection::vec(mutation(), 1..5)).prop_map(move |(s, ms)| {
        let mut bytes = seeds[s].as_bytes().to_vec();
        for m in &ms {
            apply(&mut bytes, m);
        }
        bytes
    })
}

/// Cases per parser: the bad-input trial ran 2,000 mutations per parser;
/// so does each test, in well under a second for our parsers.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Checks an error's location: it names `rel` and a line of `text`
/// (1 up to one past the last line, for an error at the very end).
pub fn check_location(
    path: Option<&Path>,
    line: Option<usize>,
    rel: &str,
    text: &[u8],
    message: &str,
) -> Result<(), String> {
    if path != Some(Path::new(rel)) {
        return Err(format!("error without the file ({path:?}): {message}"));
    }
    let lines = text.iter().filter(|b| **b == b'\n').count() + 1;
    match line {
        Some(l) if (1..=lines).contains(&l) => Ok(()),
        Some(l) => Err(format!("line {l} outside 1..={lines}: {message}")),
        None => Err(format!("error without a line: {message}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn mutations_change_the_seed_and_stay_bounded() {
        let mut runner = TestRunner::deterministic();
        let strategy = mutated(&["a: 1\nb: 2\n"]);
        let mut changed = 0;
        for _ in 0..200 {
            let v = strategy.new_tree(&mut runner).unwrap().current();
            assert!(v.len() < 200);
            changed += usize::from(v != b"a: 1\nb: 2\n");
        }
        assert!(changed > 150, "{changed}");
    }
}
