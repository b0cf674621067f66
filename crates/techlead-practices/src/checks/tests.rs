//! `tests`: test files for the languages in use, test code against source
//! code, and tests changing with source in recent commits.
//!
//! Score = 10 × (0.3 × languages + 0.4 × size + 0.3 × habit), where
//! languages is the share of source lines (in languages with at least 5%
//! of them) whose language has test files, size is test lines per source
//! line over 0.5 (capped at 1), and habit is the share of the last N
//! human commits that change source and also change tests, over 0.4
//! (capped at 1). Without history, or with fewer than 5 such commits,
//! habit is left out and the others weigh 3:4.

use super::{EXAMPLES, count, percent};
use crate::facts::Facts;
use crate::files::{self, Kind};
use crate::model::{CheckResult, Evidence};

pub fn tests(f: &Facts) -> CheckResult {
    let source = f.code.source_lines();
    if source == 0 {
        return CheckResult::not_applicable("tests", "no source code found");
    }
    let test = f.code.test_lines();
    let mut evidence = Vec::new();
    let mut covered = 0;
    let mut counted = 0;
    let mut untested = Vec::new();
    for (lang, s) in &f.code.languages {
        if s.source_lines == 0 {
            continue;
        }
        evidence.push(Evidence::count(
            format!("{lang} source lines"),
            s.source_lines as f64,
        ));
        evidence.push(Evidence::count(
            format!("{lang} test files"),
            s.test_files as f64,
        ));
        evidence.push(Evidence::count(
            format!("{lang} test lines"),
            s.test_lines as f64,
        ));
        if s.source_lines * 20 < source {
            continue;
        }
        counted += s.source_lines;
        if s.test_files > 0 {
            covered += s.source_lines;
        } else {
            untested.push(*lang);
        }
    }
    if test == 0 {
        return CheckResult::scored(
            "tests",
            0.0,
            format!("no test files for {} ({source} source lines)", languages(f)),
        )
        .with(evidence);
    }
    let langs = covered as f64 / counted.max(1) as f64;
    let ratio = test as f64 / source as f64;
    let size = (ratio / 0.5).min(1.0);
    let (habit, habit_text, examples) = habit(f);
    let score = match habit {
        Some(h) => 10.0 * (0.3 * langs + 0.4 * size + 0.3 * (h / 0.4).min(1.0)),
        None => 10.0 * (0.3 * langs + 0.4 * size) / 0.7,
    };
    let mut reason = format!("{ratio:.2} test lines per source line ({test} to {source})");
    if !untested.is_empty() {
        reason.push_str(&format!("; no tests for {}", untested.join(", ")));
    }
    reason.push_str(&format!("; {habit_text}"));
    evidence.insert(
        0,
        Evidence::count(
            "test lines per source line",
            (ratio * 100.0).round() / 100.0,
        ),
    );
    evidence.extend(examples);
    CheckResult::scored("tests", score, reason).with(evidence)
}

fn languages(f: &Facts) -> String {
    let names: Vec<&str> = f
        .code
        .languages
        .iter()
        .filter(|(_, s)| s.source_lines > 0)
        .map(|(l, _)| *l)
        .collect();
    names.join(", ")
}

/// The share of the last N human commits changing source that also
/// change tests, what to say of it, and commits without tests.
fn habit(f: &Facts) -> (Option<f64>, String, Vec<Evidence>) {
    let Some(h) = f.history else {
        return (
            None,
            "tests changing with source not measured: no history".into(),
            Vec::new(),
        );
    };
    let n = f.input.config.test_commits();
    let mut with_tests = 0;
    let mut total = 0;
    let mut examples = Vec::new();
    for c in &h.commits {
        let Some(changed) = &c.files else { continue };
        if c.parents.len() > 1 || c.author.bot {
            continue;
        }
        let kinds: Vec<Kind> = changed.iter().map(|p| files::kind(p)).collect();
        if !kinds.iter().any(|k| matches!(k, Kind::Source(_))) {
            continue;
        }
        total += 1;
        if kinds.iter().any(|k| matches!(k, Kind::Test(_))) || rust_tests_touched(f, changed) {
            with_tests += 1;
        } else if examples.len() < EXAMPLES {
            let title = c.message.lines().next().unwrap_or_default();
            examples.push(Evidence::commit(
                &c.id,
                format!("changes source without tests: {title}"),
            ));
        }
        if total == n {
            break;
        }
    }
    if total < 5 {
        return (
            None,
            format!(
                "too few recent commits change source ({total}) to judge tests changing with it"
            ),
            Vec::new(),
        );
    }
    let share = with_tests as f64 / total as f64;
    (
        Some(share),
        format!(
            "{} of the last {} changing source also changed tests",
            percent(with_tests, total),
            count(total, "commit")
        ),
        examples,
    )
}

/// A Rust source file with inline tests counts as a test change too: its
/// tests live beside the code. (Which lines changed is not known here, so
/// any change to such a file counts.)
fn rust_tests_touched(f: &Facts, changed: &[String]) -> bool {
    changed.iter().any(|p| {
        p.ends_with(".rs")
            && matches!(files::kind(p), Kind::Source(_))
            && f.read(p).is_some_and(|t| t.contains("#[cfg(test)]"))
    })
}
