//! The rule pages under docs/rules agree with the registry that
//! `techlead rules --format json` prints: every rule has a page whose H1 is
//! its id, whose `**Default severity:**` is the rule's, and whose first
//! paragraph is the rule's summary; docs/rules/README.md's tables are the
//! registry, one per rule family in registry order. Rule ids are unique.
//!
//! The summary in the code is the source of truth. After changing one, run
//!
//! ```sh
//! TECHLEAD_BLESS_DOCS=1 cargo test -p techlead-cli --test cli rule_docs
//! ```
//!
//! and the test rewrites each page's first paragraph and severity, and the
//! README's tables, instead of failing (a missing page, or a wrong H1,
//! still fails: those need a person).

use super::fixture::Project;
use std::path::{Path, PathBuf};

/// One rule as `techlead rules --format json` prints it.
struct Rule {
    id: String,
    severity: String,
    summary: String,
    doc: String,
}

fn registry() -> Vec<Rule> {
    let v = Project::new().json(&["rules", "--format", "json"]);
    v.as_array()
        .expect("a list of rules")
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().expect(k).to_string();
            Rule {
                id: field("id"),
                severity: field("default_severity"),
                summary: field("summary"),
                doc: field("doc"),
            }
        })
        .collect()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn blessing() -> bool {
    std::env::var_os("TECHLEAD_BLESS_DOCS").is_some_and(|v| v == "1")
}

/// Writes `text` to `path` when blessing and it differs, else records the
/// difference as a problem.
fn settle(path: &Path, old: &str, new: &str, what: String, problems: &mut Vec<String>) {
    if old == new {
        return;
    }
    if blessing() {
        std::fs::write(path, new).unwrap();
    } else {
        problems.push(what);
    }
}

#[test]
fn summaries_are_one_sentence() {
    for r in registry() {
        let s = &r.summary;
        assert!(
            s.starts_with(|c: char| c.is_ascii_uppercase())
                && s.ends_with('.')
                && !s.contains('\n')
                && !s[..s.len() - 1].contains(". "),
            "{}: the summary must be one sentence on one line, from a capital to a period: {s:?}",
            r.id
        );
    }
}

#[test]
fn rule_ids_are_unique_across_the_registry() {
    let rules = registry();
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    let dups: Vec<&&str> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(dups.is_empty(), "rule ids listed twice: {dups:?}");
    for r in &rules {
        let (family, name) = r.id.split_once('/').expect("family/name");
        let kebab = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        assert!(
            kebab(family) && kebab(name),
            "{}: ids are family/kebab-case",
            r.id
        );
        assert_eq!(r.doc, format!("docs/rules/{}.md", r.id));
    }
}

#[test]
fn rule_pages_open_with_the_summary() {
    let rules = registry();
    let mut problems = Vec::new();
    // A page whose rule is gone (renamed, or turned into a config error)
    // would document what techlead no longer reports.
    for family in std::fs::read_dir(repo().join("docs/rules")).unwrap() {
        let family = family.unwrap().path();
        for page in std::fs::read_dir(&family).into_iter().flatten() {
            let page = page.unwrap().path();
            let rel = page
                .strip_prefix(repo())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !rules.iter().any(|r| r.doc == rel) {
                problems.push(format!("{rel}: no rule in the registry has this page"));
            }
        }
    }
    for r in rules {
        let path = repo().join(&r.doc);
        let Ok(text) = std::fs::read_to_string(&path) else {
            problems.push(format!("{}: no page {}", r.id, r.doc));
            continue;
        };
        match blessed_page(&r, &text) {
            Ok((new, diffs)) => settle(
                &path,
                &text,
                &new,
                format!("{}:\n{}", r.doc, diffs.join("\n")),
                &mut problems,
            ),
            Err(e) => problems.push(format!("{}: {e}", r.doc)),
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(TECHLEAD_BLESS_DOCS=1 rewrites first paragraphs and severities)",
        problems.join("\n")
    );
}

/// The page with its severity and first paragraph taken from the
/// registry, every other byte kept, and what differed; an error when the
/// page's shape is not the one every rule page has.
fn blessed_page(r: &Rule, text: &str) -> Result<(String, Vec<String>), String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let h1 = format!("# `{}`", r.id);
    if lines.first().map(|l| l.trim_end()) != Some(h1.as_str()) {
        return Err(format!("the first line must be {h1}"));
    }
    const SEVERITY: &str = "**Default severity:** ";
    let at = lines
        .iter()
        .take_while(|l| !l.starts_with("## "))
        .position(|l| l.starts_with(SEVERITY))
        .ok_or("no `**Default severity:**` line before the first section")?;
    let rest = &lines[at][SEVERITY.len()..];
    let word_end = rest.find('.').ok_or("the severity line has no `.`")?;
    let severity_line = format!("{SEVERITY}{}{}", r.severity, &rest[word_end..]);
    let mut diffs = Vec::new();
    if rest[..word_end] != r.severity {
        diffs.push(format!(
            "  default severity: page {}, registry {}",
            &rest[..word_end],
            r.severity
        ));
    }
    // The severity's paragraph, then blank lines, then the first paragraph
    // (absent when a heading follows).
    let mut i = at;
    while i < lines.len() && !lines[i].trim().is_empty() {
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let start = i;
    while i < lines.len() && !lines[i].trim().is_empty() && !lines[i].starts_with('#') {
        i += 1;
    }
    // A paragraph wrapped over lines is equal when its words are.
    let paragraph: Vec<&str> = lines[start..i].iter().map(|l| l.trim()).collect();
    let mut out: String = lines[..at].concat();
    out.push_str(&severity_line);
    out.push_str(&lines[at + 1..start].concat());
    if paragraph.join(" ") == r.summary {
        out.push_str(&lines[start..i].concat());
    } else {
        diffs.push(format!(
            "  page:     {}\n  registry: {}",
            paragraph.join(" "),
            r.summary
        ));
        out.push_str(&r.summary);
        out.push('\n');
        if paragraph.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(&lines[i..].concat());
    Ok((out, diffs))
}

/// docs/rules/README.md's tables as the registry has them: one per rule
/// family, in the order `techlead rules` lists them.
fn tables(rules: &[Rule]) -> String {
    let mut families: Vec<&str> = Vec::new();
    for r in rules {
        let family = r.id.split('/').next().unwrap_or_default();
        if !families.contains(&family) {
            families.push(family);
        }
    }
    let mut out = Vec::new();
    for family in families {
        let mut t = format!("## {family}\n\n| rule | default | catches |\n|---|---|---|\n");
        for r in rules
            .iter()
            .filter(|r| r.id.starts_with(&format!("{family}/")))
        {
            let page = r.doc.strip_prefix("docs/rules/").unwrap_or(&r.doc);
            let summary = r.summary.replace('|', "\\|");
            t.push_str(&format!(
                "| [`{}`]({page}) | {} | {summary} |\n",
                r.id, r.severity
            ));
        }
        out.push(t);
    }
    out.join("\n")
}

#[test]
fn readme_tables_are_the_registry() {
    let path = repo().join("docs/rules/README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // The intro is prose; everything from the first section on is tables.
    let intro_end = text
        .match_indices("\n## ")
        .next()
        .map_or(text.len(), |(i, _)| i + 1);
    let new = format!("{}{}", &text[..intro_end], tables(&registry()));
    let mut problems = Vec::new();
    settle(
        &path,
        &text,
        &new,
        "docs/rules/README.md: the tables differ from the registry".to_string(),
        &mut problems,
    );
    assert!(
        problems.is_empty(),
        "{}\n(TECHLEAD_BLESS_DOCS=1 rewrites them)\n--- expected tables ---\n{}",
        problems.join("\n"),
        tables(&registry())
    );
}
