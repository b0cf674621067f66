//! What the checks share, worked out once: the code at HEAD per language
//! (files and non-blank lines, source and test), the CI configuration and
//! what it runs, and from history the changes on the main line with their
//! review evidence and who was active.

use crate::ci::{self, Ci};
use crate::files::{self, Kind};
use crate::input::{GitHistory, Input, Tree};
use crate::memo::{CodeMemo, Counted};
use crate::review::{self, Change};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};

/// Files and non-blank lines of one language.
#[derive(Debug, Clone, Copy, Default)]
pub struct LangStats {
    pub source_files: u64,
    pub source_lines: u64,
    pub test_files: u64,
    pub test_lines: u64,
}

/// The code at HEAD.
#[derive(Debug, Default)]
pub struct Code {
    pub languages: BTreeMap<&'static str, LangStats>,
    /// Needles found in source files (`log/slog`, `opentelemetry`, ...),
    /// with the first file that has each.
    pub markers: BTreeMap<&'static str, String>,
}

/// What the monitoring check looks for in code, when no inventory names
/// the package (the standard library, a manifest without lockfile).
/// At most eight: a file's needles are kept as the bits of a byte.
pub const MARKERS: &[&str] = &[
    "\"log/slog\"",
    "opentelemetry",
    "prometheus",
    "sentry_sdk",
    "@sentry/",
    "getsentry/sentry",
    "ddtrace",
    "newrelic",
];
const _: () = assert!(MARKERS.len() <= 8);

impl Code {
    pub fn source_lines(&self) -> u64 {
        self.languages.values().map(|l| l.source_lines).sum()
    }

    pub fn test_lines(&self) -> u64 {
        self.languages.values().map(|l| l.test_lines).sum()
    }
}

pub struct Facts<'a> {
    pub input: &'a Input<'a>,
    pub code: Code,
    pub ci: Ci,
    pub today: Date,
    /// Start of the activity window, seconds since the epoch.
    pub since: i64,
    pub window_days: i64,
    pub history: Option<&'a GitHistory>,
    /// The main line's changes, newest first (empty without history).
    pub changes: Vec<Change<'a>>,
    deploy: std::cell::OnceCell<crate::checks::Deploy>,
}

impl<'a> Facts<'a> {
    pub fn new(input: &'a Input<'a>, today: Date, since: Date) -> Facts<'a> {
        let history = input.history.read();
        let changes = history
            .map(|h| review::changes(h.head.as_deref(), &h.commits, input.identities))
            .unwrap_or_default();
        Facts {
            input,
            code: code(input.tree, input.code_memo),
            ci: ci::read(input.tree),
            today,
            since: crate::duration::day_start(since),
            window_days: crate::duration::days_between(since, today),
            history,
            changes,
            deploy: std::cell::OnceCell::new(),
        }
    }

    /// What deploys and publishes (read once: three checks ask).
    pub fn deploy(&self) -> &crate::checks::Deploy {
        self.deploy.get_or_init(|| crate::checks::deployed(self))
    }

    pub fn files(&self) -> &[String] {
        self.input.tree.files()
    }

    pub fn has(&self, path: &str) -> bool {
        self.files()
            .binary_search_by(|p| p.as_str().cmp(path))
            .is_ok()
    }

    pub fn read(&self, path: &str) -> Option<String> {
        self.input
            .tree
            .read(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    /// Seconds since the epoch of a day `days` before today.
    pub fn days_ago(&self, days: i64) -> i64 {
        crate::duration::day_start(self.today) - days * 86_400
    }

    /// People (by identity key) with a non-merge commit since `t`, bots
    /// left out, each with their name as last seen.
    pub fn active_people(&self, from: i64, to: i64) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for c in self
            .history
            .map(|h| h.commits.as_slice())
            .unwrap_or_default()
        {
            let t = c.author.time;
            if c.parents.len() > 1 || t < from || t >= to || c.author.bot {
                continue;
            }
            out.entry(c.author.key.clone())
                .or_insert_with(|| c.author.name.clone());
        }
        out
    }
}

/// Whether the line holding byte `at` imports something: `import`,
/// `from`, `use`, `require(`, `#include`, or a Go import block's quoted
/// path. A needle in a comment or a string (a tool's own list of
/// libraries, such as this file's) is no evidence of use.
fn imports_at(bytes: &[u8], at: usize) -> bool {
    let start = bytes[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| at + i);
    let line = String::from_utf8_lossy(&bytes[start..end]);
    let t = line.trim();
    let go_path = t.trim_start_matches(|c: char| c == '_' || c.is_alphanumeric() || c == ' ');
    [
        "import ",
        "from ",
        "use ",
        "extern crate ",
        "#include",
        "require ",
    ]
    .iter()
    .any(|k| t.starts_with(k))
        || t.contains("require(")
        || t.contains("import(")
        || (go_path.starts_with('"') && go_path.ends_with('"') && !go_path[1..].contains(' '))
}

/// Reads every code file once: kind, language and non-blank lines, and
/// the monitoring needles in source files; a file `memo` has the counts
/// of for its content is not counted again.
fn code(tree: &dyn Tree, memo: &CodeMemo) -> Code {
    let mut out = Code::default();
    let finders: Vec<memchr::memmem::Finder> =
        MARKERS.iter().map(memchr::memmem::Finder::new).collect();
    let mut found = BTreeSet::new();
    for path in tree.files() {
        let (lang, test) = match files::kind(path) {
            Kind::Source(l) => (l, false),
            Kind::Test(l) => (l, true),
            Kind::Other => continue,
        };
        let Some(bytes) = tree.read(path) else {
            continue;
        };
        // Minified or data files dressed as code say nothing about size.
        if bytes.len() > 2 << 20 {
            continue;
        }
        let counted = memo.count(path, &bytes, || {
            let (lines, inline_tests) = files::count_lines(&bytes, lang == "Rust" && !test);
            // Every needle a source file imports: the first file (in tree
            // order) with each is the evidence.
            let markers = match test {
                true => 0,
                false => finders.iter().enumerate().fold(0u8, |m, (i, f)| {
                    match f.find_iter(&bytes).any(|at| imports_at(&bytes, at)) {
                        true => m | 1 << i,
                        false => m,
                    }
                }),
            };
            Counted {
                lines,
                inline_tests,
                markers,
            }
        });
        let (lines, inline_tests) = (counted.lines, counted.inline_tests);
        let s = out.languages.entry(lang).or_default();
        if test {
            s.test_files += 1;
            s.test_lines += lines;
        } else {
            s.source_files += 1;
            s.source_lines += lines - inline_tests;
            if inline_tests > 0 {
                s.test_files += 1;
                s.test_lines += inline_tests;
            }
            for (i, marker) in MARKERS.iter().enumerate() {
                if counted.markers & (1 << i) != 0 && found.insert(i) {
                    out.markers.insert(marker, path.clone());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::imports_at;

    fn imports(text: &str, needle: &str) -> bool {
        imports_at(text.as_bytes(), text.find(needle).unwrap())
    }

    #[test]
    fn only_imports_count() {
        assert!(imports(
            "import * as Sentry from \"@sentry/node\";\n",
            "@sentry/"
        ));
        assert!(imports(
            "const s = require(\"@sentry/node\");\n",
            "@sentry/"
        ));
        assert!(imports(
            "from opentelemetry import trace\n",
            "opentelemetry"
        ));
        assert!(imports("use opentelemetry::global;\n", "opentelemetry"));
        assert!(imports("import (\n\t\"log/slog\"\n)\n", "\"log/slog\""));
        assert!(imports(
            "import (\n\tprom \"github.com/prometheus/client_golang\"\n)\n",
            "prometheus"
        ));
        assert!(!imports(
            "const MARKERS = [\"@sentry/\", \"ddtrace\"];\n",
            "@sentry/"
        ));
        assert!(!imports(
            "// we could export to prometheus one day\n",
            "prometheus"
        ));
    }
}
