use std::path::Path;
use techlead_core::baseline::{Applied, Baseline, Entry, STALE};
use techlead_core::config::LoadedConfig;
use techlead_core::output::{FindingsFormat, RenderOptions, render};
use techlead_core::{Finding, Location, Severity};
use techlead_testing::Tree;

/// A finding a check reported today.
fn found(rule: &str, path: &str, key: &str) -> Finding {
    Finding::new(
        rule,
        Severity::Warning,
        "m",
        Some(Location::line(path, 3)),
        "h",
        key,
    )
}

/// A baseline whose entries are those findings' fingerprints, in a tree
/// with `config` as techlead.toml.
fn project(entries: &[Finding], config: &str) -> Tree {
    let entries = entries.iter().map(Entry::of).collect();
    Tree::new()
        .file(
            ".techlead/baseline.toml",
            &Baseline::render_entries(entries),
        )
        .file("techlead.toml", config)
}

/// What `techlead check` reports of the baseline when only the decisions
/// check ran and found `today`.
fn stale(tree: &Tree, today: &[Finding]) -> (Vec<Finding>, Applied) {
    let text = std::fs::read_to_string(tree.path("techlead.toml")).unwrap();
    let config = LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap();
    let baseline = Baseline::load(tree.root()).unwrap();
    baseline.apply_configured(&config, today.to_vec(), &["decisions/"])
}

fn text(findings: &[Finding]) -> String {
    let opts = RenderOptions {
        color: false,
        version: "test",
        run_name: "rules",
        skipped: &[],
    };
    render(FindingsFormat::Text, findings, &[STALE], &opts)
}

#[test]
fn stale_entry() {
    // Pinned: users name it in `[checks.severity]`.
    assert_eq!(STALE.id, "baseline/stale-entry");
    let kept = found("decisions/missing-date", "docs/adr/0001-a.md", "");
    let fixed = found("decisions/broken-link", "docs/adr/0002-b.md", "0009-x.md");
    let other_check = found("boundaries/cycle", "src/a.rs", "a,b");

    // One entry still matches, one was fixed.
    let hit = project(&[kept.clone(), fixed.clone()], "");
    let (findings, applied) = stale(&hit, std::slice::from_ref(&kept));
    assert_eq!(applied, Applied { known: 1, stale: 1 });
    assert!(findings.iter().all(|f| f.rule == STALE.id));
    assert_eq!(findings[0].severity, STALE.default_severity);

    // Entries that still match, an entry of a check that did not run, and
    // one whose rule is switched off: still there, only not reported.
    let near_miss = project(
        &[kept.clone(), other_check, fixed.clone()],
        "[checks.severity]\n\"decisions/broken-link\" = \"off\"\n",
    );
    let (none, applied) = stale(&near_miss, &[kept.clone(), fixed.clone()]);
    assert_eq!(none, []);
    assert_eq!(applied, Applied { known: 2, stale: 0 });

    // The rule itself is configured like any other.
    hit.write(
        "techlead.toml",
        "[checks.severity]\n\"baseline/stale-entry\" = \"off\"\n",
    );
    assert_eq!(stale(&hit, std::slice::from_ref(&kept)).0, []);
    hit.write(
        "techlead.toml",
        "[checks.severity]\n\"baseline/stale-entry\" = \"error\"\n",
    );
    let (raised, _) = stale(&hit, std::slice::from_ref(&kept));
    assert_eq!(raised.len(), 1);
    assert_eq!(raised[0].severity, Severity::Error);

    // The finding points at the entry's line; its fingerprint is the
    // entry's, whatever the line.
    hit.write("techlead.toml", "");
    hit.add_line_above();
    let moved_text = format!(
        "# moved\n{}",
        std::fs::read_to_string(hit.path(".techlead/baseline.toml")).unwrap()
    );
    hit.write(".techlead/baseline.toml", &moved_text);
    let (moved, _) = stale(&hit, std::slice::from_ref(&kept));
    assert_eq!(moved[0].fingerprint, findings[0].fingerprint);
    let line = |f: &Finding| f.location.as_ref().and_then(|l| l.line).unwrap();
    assert_eq!(line(&moved[0]), line(&findings[0]) + 1);

    let report = format!(
        "## hit\n\n{}\n## near miss\n\nno findings\n\n\
         ## [checks.severity] \"baseline/stale-entry\" = \"off\"\n\nno findings\n\n\
         ## [checks.severity] \"baseline/stale-entry\" = \"error\"\n\n{}\n\
         ## a baseline entry\n\nnot applicable: the baseline holds the checks' findings, \
         and a stale entry is fixed by deleting it\n",
        text(&findings),
        text(&raised)
    );
    techlead_testing::assert_rule_snapshot!(STALE.id, report);
}
