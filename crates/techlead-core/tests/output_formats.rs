//! The findings output formats, end to end through `output::render`:
//! snapshots on a fixed set of hostile findings, SARIF checked against the
//! official 2.1.0 schema, JUnit parsed back as XML, and property tests that
//! any text keeps every format well-formed.

use proptest::prelude::*;
use serde_json::Value;
use std::sync::LazyLock;
use techlead_core::findings::{self, Finding, Location, RuleInfo, Severity};
use techlead_core::output::{FindingsFormat, RenderOptions, render};

const OPTS: RenderOptions<'static> = RenderOptions {
    color: false,
    version: "0.1.0",
    run_name: "adr lint",
    skipped: &[],
};

const RULES: [RuleInfo; 5] = [
    RuleInfo {
        id: "decisions/duplicate-number",
        default_severity: Severity::Error,
        summary: "Two decision records share a number.",
    },
    RuleInfo {
        id: "decisions/broken-link",
        default_severity: Severity::Warning,
        summary: "A link points to a record that does not exist.",
    },
    RuleInfo {
        id: "decisions/review-overdue",
        default_severity: Severity::Note,
        summary: "The review-by date has passed.",
    },
    RuleInfo {
        id: "decisions/missing-status",
        default_severity: Severity::Warning,
        summary: "A record states no status.",
    },
    // Checked, found nothing: JUnit shows it as a passing case.
    RuleInfo {
        id: "decisions/unknown-status",
        default_severity: Severity::Warning,
        summary: "A status outside the known set.",
    },
];

/// Quotes, markup, line ends, control characters, unicode, and `:`/`,`/`%`
/// in paths: everything that breaks a careless encoder.
fn hostile() -> Vec<Finding> {
    let dup_path = "docs/decisions/0002-a, b: c.md";
    let mut all = vec![
        Finding::new(
            "decisions/duplicate-number",
            Severity::Error,
            "Number 2 is used by \"0002-a\" and <0002-b> & 'more'",
            Some(Location {
                path: dup_path.into(),
                line: Some(1),
                column: Some(1),
            }),
            "Renumber one: `techlead adr renumber 2 3`",
            "2",
        )
        .with_snippet("# 2. <b>\"bold\"</b> & \u{1b}[31mred"),
        Finding::new(
            "decisions/broken-link",
            Severity::Warning,
            "Link to `0009-zürich ✓ 日本.md` is broken\nsecond line\r\nthird: 100%",
            Some(Location {
                path: dup_path.into(),
                line: Some(12),
                column: Some(3),
            }),
            "Fix the link, or remove it.\nSee `adr list`.",
            "0009",
        ),
        Finding::new(
            "decisions/review-overdue",
            Severity::Note,
            "Review date passed\u{1b}[31m (tab:\there, nul:\u{0})",
            Some(Location::line("docs/decisions/ünïcode 100%.md", 4)),
            "",
            "review",
        ),
        Finding::new(
            "decisions/missing-status",
            Severity::Warning,
            "No status",
            Some(Location::file("docs/decisions/0003-x.md")),
            "Add `status: proposed` to the front matter.",
            "status",
        ),
        // A rule that no descriptor was passed for, about the whole project.
        Finding::new(
            "config/unknown-key",
            Severity::Error,
            "Unknown key `decisions.dirr` in techlead.toml",
            None,
            "Did you mean `decisions.dir`?",
            "dirr",
        ),
    ];
    findings::sort(&mut all);
    all
}

fn out(format: FindingsFormat, findings: &[Finding]) -> String {
    render(format, findings, &RULES, &OPTS)
}

// ---- snapshots -------------------------------------------------------------

#[test]
fn text_snapshot() {
    insta::assert_snapshot!("text", out(FindingsFormat::Text, &hostile()));
}

#[test]
fn text_colour_snapshot() {
    let opts = RenderOptions {
        color: true,
        ..OPTS
    };
    let s = render(FindingsFormat::Text, &hostile(), &RULES, &opts);
    // ESC made visible so the snapshot can be read in review.
    insta::assert_snapshot!("text_colour", s.replace('\x1b', "␛"));
}

#[test]
fn text_without_findings_ends_with_the_summary() {
    let s = out(FindingsFormat::Text, &[]);
    assert_eq!(s, "No findings.\n0 errors, 0 warnings, 0 notes\n");
}

#[test]
fn text_has_no_escape_codes_without_colour() {
    assert!(!out(FindingsFormat::Text, &hostile()).contains('\x1b'));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("json", out(FindingsFormat::Json, &hostile()));
}

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!("sarif", out(FindingsFormat::Sarif, &hostile()));
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!("junit", out(FindingsFormat::Junit, &hostile()));
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!("github", out(FindingsFormat::Github, &hostile()));
}

#[test]
fn gitlab_snapshot() {
    insta::assert_snapshot!("gitlab", out(FindingsFormat::Gitlab, &hostile()));
}

/// What GitLab requires of every Code Quality entry: a description, a check
/// name, a fingerprint unique in the report, one of its five severities, a
/// path and a begin line.
fn assert_valid_code_quality(s: &str, n: usize) -> Result<(), TestCaseError> {
    let doc: Value = serde_json::from_str(s).expect("valid JSON");
    let entries = doc.as_array().expect("an array");
    prop_assert_eq!(entries.len(), n);
    let mut prints = Vec::new();
    for e in entries {
        prop_assert!(e["description"].is_string() && e["check_name"].is_string());
        let sev = e["severity"].as_str().unwrap_or("");
        prop_assert!(["info", "minor", "major", "critical", "blocker"].contains(&sev));
        prop_assert!(
            e["location"]["path"]
                .as_str()
                .is_some_and(|p| !p.is_empty())
        );
        prop_assert!(
            e["location"]["lines"]["begin"]
                .as_u64()
                .is_some_and(|l| l >= 1)
        );
        prints.push(e["fingerprint"].as_str().unwrap().to_string());
    }
    prints.sort();
    prints.dedup();
    prop_assert_eq!(prints.len(), n, "fingerprints are not unique in {}", s);
    Ok(())
}

// ---- SARIF -----------------------------------------------------------------

/// The official schema, compiled once and offline: jsonschema is built
/// without its network and file resolvers, the draft-07 meta-schema is
/// bundled, and `offline()` makes any other reference an error rather than
/// a fetch. The `$schema` string inside a SARIF document is data.
static SARIF_SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let text = include_str!("data/sarif-schema-2.1.0.json");
    // The official schema's two `language` patterns have a stray `]`. ECMA-262
    // reads it as a literal `]`, but jsonschema's strict `regex` format check
    // rejects the schema over it. Escaping it keeps the meaning exactly; the
    // vendored file itself stays byte-for-byte upstream.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(stray).count(), 2, "upstream schema changed");
    let text = text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).expect("vendored schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .offline()
        // Check `uri`/`uri-reference` values too, not just shapes.
        .should_validate_formats(true)
        .build(&schema)
        .expect("vendored schema compiles offline")
});

fn assert_valid_sarif(doc: &Value) {
    let errors: Vec<String> = SARIF_SCHEMA
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema violations:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let doc: Value = serde_json::from_str(&out(FindingsFormat::Sarif, &hostile())).unwrap();
    assert_valid_sarif(&doc);
    let empty: Value = serde_json::from_str(&out(FindingsFormat::Sarif, &[])).unwrap();
    assert_valid_sarif(&empty);
}

#[test]
fn the_schema_check_is_not_vacuous() {
    let mut doc: Value = serde_json::from_str(&out(FindingsFormat::Sarif, &hostile())).unwrap();
    doc["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!SARIF_SCHEMA.is_valid(&doc));
    let mut doc: Value = serde_json::from_str(&out(FindingsFormat::Sarif, &hostile())).unwrap();
    doc["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!SARIF_SCHEMA.is_valid(&doc));
}

#[test]
fn sarif_fits_what_github_code_scanning_requires() {
    let doc: Value = serde_json::from_str(&out(FindingsFormat::Sarif, &hostile())).unwrap();
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    // All passed rules plus the one only a finding names.
    assert_eq!(rules.len(), RULES.len() + 1);
    for rule in rules {
        assert!(rule.get("helpUri").is_none(), "relative helpUri: {rule}");
        assert!(rule["shortDescription"]["text"].is_string());
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(result["partialFingerprints"]["techlead/v1"].is_string());
        if let Some(locations) = result.get("locations") {
            let physical = &locations[0]["physicalLocation"];
            assert!(physical["region"]["startLine"].as_u64().unwrap() >= 1);
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
            assert!(!uri.contains([':', ' ', ',']), "unencoded uri {uri}");
        }
    }
}

/// The partial fingerprints of every result, as JSON text.
fn sarif_fingerprints(findings: &[Finding]) -> Vec<String> {
    let doc: Value = serde_json::from_str(&out(FindingsFormat::Sarif, findings)).unwrap();
    doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"].to_string())
        .collect()
}

#[test]
fn sarif_tells_apart_results_that_share_a_baseline_fingerprint() {
    // The radar's hold-in-use on two lockfile entries of one package: same
    // rule, file and key, two lines. Code scanning would merge them.
    let at = |line| {
        Finding::new(
            "radar/hold-in-use",
            Severity::Error,
            "`requests` is on hold",
            Some(Location::line("uv.lock", line)),
            "move off it",
            "requests",
        )
    };
    let other = Finding::new(
        "radar/hold-in-use",
        Severity::Error,
        "`flask` is on hold",
        Some(Location::line("uv.lock", 20)),
        "move off it",
        "flask",
    );
    let findings = vec![at(1086), other.clone(), at(1071)];
    let prints = sarif_fingerprints(&findings);
    let mut distinct = prints.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{prints:?}");
    // The baseline fingerprint is untouched, and a result that shares it
    // with no other keeps exactly the one key it always had.
    let fp = &findings[0].fingerprint;
    assert!(prints[0].contains(fp.as_str()) && prints[2].contains(fp.as_str()));
    assert_eq!(
        prints[1],
        serde_json::json!({ "techlead/v1": other.fingerprint }).to_string()
    );
    // Occurrences count in file order, whatever order the findings came in.
    assert!(
        prints[2].contains(r#""techlead/occurrence/v1":"0""#),
        "{prints:?}"
    );
    assert!(
        prints[0].contains(r#""techlead/occurrence/v1":"1""#),
        "{prints:?}"
    );
}

// ---- JUnit -----------------------------------------------------------------

#[test]
fn junit_parses_back_with_counts_and_text_intact() {
    let findings = hostile();
    let xml = out(FindingsFormat::Junit, &findings);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let suite = suites.first_element_child().unwrap();
    assert_eq!(suite.attribute("name"), Some("adr lint"));

    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    // One passing case (unknown-status) plus one per finding.
    assert_eq!(cases.len(), findings.len() + 1);
    assert_eq!(suite.attribute("tests"), Some("6"));
    assert_eq!(suite.attribute("failures"), Some("5"));
    let passing: Vec<_> = cases
        .iter()
        .filter(|c| c.first_element_child().is_none())
        .map(|c| c.attribute("classname").unwrap())
        .collect();
    assert_eq!(passing, ["decisions/unknown-status"]);

    // Each finding's text survives escaping, except the NUL and ESC that
    // XML 1.0 cannot carry.
    for f in &findings {
        let failure = cases
            .iter()
            .filter(|c| c.attribute("classname") == Some(f.rule.as_str()))
            .filter_map(|c| c.first_element_child())
            .find(|e| e.attribute("message") == Some(&*xml_safe(&f.message)))
            .unwrap_or_else(|| panic!("no failure for {:?}", f.message));
        assert_eq!(failure.attribute("type"), Some(f.severity.as_str()));
        assert!(failure.text().unwrap().starts_with(&*xml_safe(&f.message)));
        if !f.help.is_empty() {
            assert!(failure.text().unwrap().ends_with(&*xml_safe(&f.help)));
        }
    }
}

#[test]
fn junit_shows_a_rule_the_run_did_not_evaluate_as_skipped() {
    let skipped = [(
        "decisions/unknown-status",
        "needs <the network> & more".to_string(),
    )];
    let opts = RenderOptions {
        skipped: &skipped,
        ..OPTS
    };
    let xml = render(FindingsFormat::Junit, &hostile(), &RULES, &opts);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suite = doc.root_element().first_element_child().unwrap();
    assert_eq!(suite.attribute("tests"), Some("6"));
    assert_eq!(suite.attribute("skipped"), Some("1"));
    let case = suite
        .children()
        .find(|c| c.attribute("classname") == Some("decisions/unknown-status"))
        .unwrap();
    let skip = case.first_element_child().unwrap();
    assert_eq!(skip.tag_name().name(), "skipped");
    assert_eq!(
        skip.attribute("message"),
        Some("needs <the network> & more")
    );
    // Nothing is passing any more.
    assert!(
        suite
            .children()
            .filter(|c| c.has_tag_name("testcase"))
            .all(|c| c.first_element_child().is_some())
    );
}

/// What a string should read as after a trip through our XML: characters
/// that XML 1.0 forbids are replaced.
fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

// ---- GitHub ----------------------------------------------------------------

#[test]
fn github_writes_one_command_line_per_finding() {
    let findings = hostile();
    let s = out(FindingsFormat::Github, &findings);
    let lines: Vec<_> = s.lines().collect();
    assert_eq!(lines.len(), findings.len());
    assert!(!s.contains('\r'));
    assert!(lines[0].starts_with("::error title=config/unknown-key::"));
    assert!(s.contains("file=docs/decisions/0002-a%2C b%3A c.md,line=12,col=3,"));
    assert!(s.contains("::notice file=docs/decisions/ünïcode 100%25.md,line=4,"));
}

// ---- scale -----------------------------------------------------------------

#[test]
fn many_findings_render_in_every_format() {
    let findings: Vec<Finding> = (0..20_000u32)
        .map(|i| {
            let loc = Location::line(format!("src/f{}.rs", i % 300), i + 1);
            Finding::new(
                "x/y",
                Severity::Warning,
                "m",
                Some(loc),
                "h",
                &i.to_string(),
            )
        })
        .collect();
    let text = out(FindingsFormat::Text, &findings);
    // 300 headings, two lines per finding, a blank line per group, summary.
    assert_eq!(text.lines().count(), 300 + 2 * 20_000 + 300 + 1);
    let junit = out(FindingsFormat::Junit, &findings);
    roxmltree::Document::parse(&junit).unwrap();
    let sarif: Value = serde_json::from_str(&out(FindingsFormat::Sarif, &findings)).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        20_000
    );
}

// ---- properties ------------------------------------------------------------

fn any_finding() -> impl Strategy<Value = Finding> {
    let severity = prop_oneof![
        Just(Severity::Error),
        Just(Severity::Warning),
        Just(Severity::Note)
    ];
    let location = proptest::option::of((
        any::<String>(),
        proptest::option::of(1..100_000u32),
        proptest::option::of(1..500u32),
    ));
    (
        "[a-z]{1,8}/[a-z-]{1,12}",
        severity,
        any::<String>(),
        location,
        any::<String>(),
    )
        .prop_map(|(rule, severity, message, loc, help)| {
            let location = loc.map(|(path, line, column)| Location { path, line, column });
            Finding::new(&rule, severity, message, location, help, "k")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sarif_is_valid_for_any_text(findings in proptest::collection::vec(any_finding(), 0..6)) {
        let s = out(FindingsFormat::Sarif, &findings);
        let doc: Value = serde_json::from_str(&s).expect("valid JSON");
        prop_assert!(SARIF_SCHEMA.is_valid(&doc), "schema violations for {s}");
    }

    #[test]
    fn junit_is_well_formed_for_any_text(findings in proptest::collection::vec(any_finding(), 0..6)) {
        let xml = out(FindingsFormat::Junit, &findings);
        let doc = roxmltree::Document::parse(&xml);
        prop_assert!(doc.is_ok(), "{doc:?} in {xml}");
        let doc = doc.unwrap();
        let messages: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .map(|n| n.attribute("message").unwrap().to_string())
            .collect();
        let mut expected: Vec<_> = findings.iter().map(|f| xml_safe(&f.message)).collect();
        let mut got = messages;
        expected.sort();
        got.sort();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn sarif_results_never_share_partial_fingerprints(
        picks in proptest::collection::vec((0..3usize, 0..3usize, 1..4u32), 0..12)
    ) {
        // Few rules, paths, keys and lines: collisions are the common case.
        let findings: Vec<Finding> = picks
            .iter()
            .map(|&(p, k, line)| {
                Finding::new(
                    "radar/hold-in-use",
                    Severity::Error,
                    "on hold",
                    Some(Location::line(["a.lock", "b.lock", "c.lock"][p], line)),
                    "",
                    ["x", "y", "z"][k],
                )
            })
            .collect();
        let mut prints = sarif_fingerprints(&findings);
        let n = prints.len();
        prints.sort();
        prints.dedup();
        prop_assert_eq!(prints.len(), n);
    }

    #[test]
    fn gitlab_code_quality_is_valid_for_any_text(findings in proptest::collection::vec(any_finding(), 0..6)) {
        assert_valid_code_quality(&out(FindingsFormat::Gitlab, &findings), findings.len())?;
    }

    #[test]
    fn gitlab_fingerprints_stay_unique_when_findings_share_one(
        picks in proptest::collection::vec((0..3usize, 0..3usize, 1..4u32), 0..12)
    ) {
        let findings: Vec<Finding> = picks
            .iter()
            .map(|&(p, k, line)| {
                let at = (p > 0).then(|| Location::line(["a.lock", "b.lock"][p - 1], line));
                Finding::new("radar/hold-in-use", Severity::Error, "on hold", at, "", ["x", "y", "z"][k])
            })
            .collect();
        assert_valid_code_quality(&out(FindingsFormat::Gitlab, &findings), findings.len())?;
    }

    #[test]
    fn github_keeps_one_line_per_finding(findings in proptest::collection::vec(any_finding(), 0..6)) {
        let s = out(FindingsFormat::Github, &findings);
        prop_assert_eq!(s.matches('\n').count(), findings.len());
        prop_assert!(!s.contains('\r'));
    }
}
