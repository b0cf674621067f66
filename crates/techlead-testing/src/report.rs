//! One rule's fixture report: the hit as `techlead check` prints it, its
//! baseline (the fingerprints), and the cases that must stay silent: the
//! near miss, the rule switched off in `[checks.severity]`, and the hit's
//! own baseline after every finding moved down a line.

use crate::tree::Tree;
use std::collections::BTreeSet;
use std::path::Path;
use techlead_core::baseline::{Applied, Baseline};
use techlead_core::config::LoadedConfig;
use techlead_core::findings::sort;
use techlead_core::output::{FindingsFormat, RenderOptions, render};
use techlead_core::{Finding, RuleInfo};

/// A tree and the way its context turns it into findings.
pub trait Fixture {
    fn tree(&self) -> &Tree;
    /// Every rule of the context over the tree, at default severities.
    fn findings(&self) -> Vec<Finding>;
    /// Moves every finding down a line without changing what is wrong.
    fn move_lines(&self) {
        self.tree().add_line_above();
    }
}

/// Checks `rule` on its fixtures and returns the snapshot text. Panics
/// (failing the test) unless:
/// - the hit reports findings, all of `rule` at its default severity (a
///   fixture trips its own rule only, so the snapshot is about it);
/// - the near miss reports nothing at all;
/// - `"<rule>" = "off"` in `[checks.severity]` drops every finding, as
///   the CLI applies it, and switching another rule off drops none;
/// - the hit's baseline, written as `boundaries baseline` writes it,
///   suppresses every finding after a line was added above each, with no
///   stale entry: the fingerprints do not depend on line numbers.
pub fn rule_report(rule: &RuleInfo, hit: &dyn Fixture, near_miss: &dyn Fixture) -> String {
    let id = rule.id;
    let found = sorted(hit.findings());
    assert!(!found.is_empty(), "{id}: the hit fixture reports nothing");
    for f in &found {
        assert_eq!(f.rule, id, "{id}: the hit fixture trips another rule");
        assert_eq!(
            f.severity, rule.default_severity,
            "{id}: not at the rule's default severity"
        );
    }
    let near = sorted(near_miss.findings());
    assert!(
        near.is_empty(),
        "{id}: the near miss is reported:\n{}",
        text(&near, rule)
    );

    let family = &id[..id.find('/').map_or(id.len(), |i| i + 1)];
    // As every findings command applies them: baseline, then severities.
    let report = |baseline: &Baseline, config: &LoadedConfig, findings: &[Finding]| {
        baseline.apply_configured(config, findings.to_vec(), &[family])
    };
    let none = Baseline::default();
    let off = config(&format!("[checks.severity]\n\"{id}\" = \"off\"\n"));
    assert_eq!(
        report(&none, &off, &found).0,
        [],
        "{id}: `off` kept findings"
    );
    let other = config("[checks.severity]\n\"other/rule\" = \"off\"\n");
    assert_eq!(report(&none, &other, &found).0, found);

    let baseline_text = Baseline::render(&found);
    hit.tree()
        .write(techlead_core::baseline::PATH, &baseline_text);
    let baseline = Baseline::load(hit.tree().root()).expect("baseline reads back");
    hit.move_lines();
    let moved = sorted(hit.findings());
    // Shown rather than asserted: a finding about a whole file stays at
    // line 1, and the snapshot says so.
    let moves: String = found
        .iter()
        .zip(&moved)
        .map(|(a, b)| format!("{} -> {}\n", position(a), position(b)))
        .collect();
    assert_eq!(
        prints(&moved),
        prints(&found),
        "{id}: fingerprints changed when lines moved"
    );
    let (left, applied) = report(&baseline, &LoadedConfig::default(), &moved);
    assert_eq!(left, [], "{id}: the baseline left findings");
    let known = found.len();
    assert_eq!(applied, Applied { known, stale: 0 });

    let entries: String = baseline_text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    format!(
        "## hit\n\n{}\n## its baseline (fingerprints)\n\n{entries}\n\
         ## near miss\n\nno findings\n\n\
         ## [checks.severity] \"{id}\" = \"off\"\n\nno findings\n\n\
         ## the baseline, after a line was added above every finding\n\n\
         {moves}\nno findings ({known} known, 0 stale)\n",
        text(&found, rule)
    )
}

/// `path:line` of a finding.
fn position(f: &Finding) -> String {
    match &f.location {
        Some(l) => format!(
            "{}:{}",
            l.path,
            l.line.map_or("-".into(), |n| n.to_string())
        ),
        None => "(project)".to_string(),
    }
}

fn sorted(mut v: Vec<Finding>) -> Vec<Finding> {
    sort(&mut v);
    v
}

fn prints(v: &[Finding]) -> BTreeSet<&str> {
    v.iter().map(|f| f.fingerprint.as_str()).collect()
}

fn config(text: &str) -> LoadedConfig {
    LoadedConfig::parse(Path::new("techlead.toml"), text.to_string()).expect("valid config")
}

/// The findings as `techlead check` prints them, without colour.
fn text(findings: &[Finding], rule: &RuleInfo) -> String {
    let opts = RenderOptions {
        color: false,
        version: "test",
        run_name: "rules",
        skipped: &[],
    };
    render(FindingsFormat::Text, findings, &[*rule], &opts)
}
