use super::*;
use crate::model::RecordStyle;

fn parse(name: &str, text: &str) -> Record {
    parse_record(
        Path::new("/r"),
        &Path::new("/r/docs/adr").join(name),
        text.as_bytes(),
    )
    .unwrap()
}

#[test]
fn adr_tools_record() {
    let r = parse(
        "0002-use-postgres.md",
        "# 2. Use Postgres\n\nDate: 2019-05-13, updated 2023-02-05 (moved)\n\n## Status\n\nSuperceded by [3. Use CockroachDB](0003-use-cockroachdb.md)\n\n## Context\n\n```\n# 9. not a title\nStatus: nope\n```\n",
    );
    assert_eq!(r.rel_path, "docs/adr/0002-use-postgres.md");
    assert_eq!(r.number, Some(2));
    assert_eq!(r.title.as_deref(), Some("Use Postgres"));
    assert_eq!(r.date.as_deref(), Some("2019-05-13"));
    assert_eq!(r.status.as_deref(), Some("superseded"));
    assert_eq!(r.style, RecordStyle::Section);
    assert_eq!(r.status_field.as_ref().unwrap().line, 7);
    assert_eq!(r.links.len(), 1);
    assert_eq!(
        (r.links[0].kind.as_str(), r.links[0].target.as_str()),
        ("superseded-by", "0003-use-cockroachdb")
    );
    assert_eq!(r.hrefs.len(), 1);
    assert_eq!(r.hrefs[0].target, "0003-use-cockroachdb.md");
}

#[test]
fn madr2_bullets() {
    let r = parse(
        "0003-x.md",
        "# Use X\n\n* Status: accepted\n* Deciders: Ann Lee, Bob\n* Date: 2020-02-01\n* Tags: a, b\n\n## Links\n\n* Supersedes [ADR-0002](0002-y.md)\n* Refined by [ADR-0004](0004-z.md#top)\n",
    );
    assert_eq!(r.style, RecordStyle::Bullets);
    assert_eq!(r.status.as_deref(), Some("accepted"));
    assert_eq!(r.decision_makers, ["Ann Lee", "Bob"]);
    assert_eq!(r.tags, ["a", "b"]);
    let kinds: Vec<(&str, &str)> = r
        .links
        .iter()
        .map(|l| (l.kind.as_str(), l.target.as_str()))
        .collect();
    assert_eq!(kinds, [("supersedes", "0002-y"), ("refined-by", "0004-z")]);
}

#[test]
fn log4brains_name_gives_the_date_and_no_number() {
    let r = parse(
        "20210105-use-log4brains.md",
        "# Use Log4brains\n\n- Status: draft\n- Deciders: T\n",
    );
    assert_eq!(r.number, None);
    assert_eq!(r.date.as_deref(), Some("2021-01-05"));
    assert_eq!(r.status.as_deref(), Some("draft"));
}

#[test]
fn madr4_front_matter_with_bom_and_crlf() {
    let r = parse(
        "0004-bus.md",
        "\u{feff}---\r\nstatus: \"superseded by [ADR-0005](0005-x.md)\"\r\ndate: 2021-07-01\r\ndecision-makers:\r\n  - Cleo\r\ntags: [messaging]\r\nreview-by: 2022-01-01\r\nx-custom: keep\r\n---\r\n\r\n# Event bus\r\n",
    );
    assert_eq!(r.style, RecordStyle::FrontMatter);
    assert_eq!(r.status.as_deref(), Some("superseded"));
    assert_eq!(r.status_field.as_ref().unwrap().line, 2);
    assert_eq!(r.date.as_deref(), Some("2021-07-01"));
    assert_eq!(r.decision_makers, ["Cleo"]);
    assert_eq!(r.tags, ["messaging"]);
    assert_eq!(r.review_by.as_ref().unwrap().line, 7);
    assert_eq!(r.title.as_deref(), Some("Event bus"));
    assert_eq!(r.title_line, Some(11));
    assert_eq!(r.links[0].target, "0005-x");
}

#[test]
fn messy_variants() {
    let r = parse(
        "0009-numbered.md",
        "# 0009. Numbered title\n\n## Status\n\nAccepted. We revisit in Q3.\n",
    );
    assert_eq!(r.title.as_deref(), Some("Numbered title"));
    assert_eq!(r.status.as_deref(), Some("accepted"));
    assert_eq!(r.date, None);

    let r = parse(
        "0010-x.md",
        "# 10. X\n\n## Status\n\nReverted by [discussion #1198](https://x/1198)\n",
    );
    assert_eq!(r.status.as_deref(), Some("reverted"));
    assert!(r.links.is_empty());

    let r = parse(
        "0011-docs.md",
        "---\nparent: Decisions\nnav_order: 11\n---\n\n# Docs\n\nNo status.\n",
    );
    assert_eq!(r.status, None);
    assert!(r.has_front_matter);
    assert_eq!(r.title.as_deref(), Some("Docs"));

    let r = parse(
        "0012-x.md",
        "---\nparent: Decisions\n---\n# 12. X\n\nDate: 2020-01-01\n\n## Status\n\nOn hold\n",
    );
    assert_eq!(r.status.as_deref(), Some("on hold"));
    assert_eq!(r.style, RecordStyle::Section);

    // A title number that is not the record's number stays.
    let r = parse("0013-x.md", "# 2020. Odyssey\n");
    assert_eq!(r.title.as_deref(), Some("2020. Odyssey"));

    let r = parse(
        "0014-adr-tools-new.md",
        "# 14. New\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nSupersedes [1. Old](0001-old.md)\n",
    );
    assert_eq!(r.status.as_deref(), Some("accepted"));
    assert_eq!(r.links[0].kind, "supersedes");

    let r = parse("0015-bad-date.md", "# 15. X\n\nDate: 2020-02-30\n");
    assert_eq!(r.date, None);
    assert_eq!(r.date_field.as_ref().unwrap().raw, "2020-02-30");
}

#[test]
fn odd_values_under_unknown_keys_do_not_stop_parsing() {
    for v in [
        "423e9175",
        "1e999",
        ".nan",
        "-.inf",
        "99999999999999999999999",
        "2021-07-01T10:00:00Z",
        "!!binary aGVsbG8=",
    ] {
        let text = format!("---\nstatus: accepted\nx-odd: {v}\n---\n# A\n");
        let r = parse("0001-a.md", &text);
        assert_eq!(r.status.as_deref(), Some("accepted"), "{v}");
    }
}

#[test]
fn numbers_are_prefixes_of_at_most_five_digits() {
    assert_eq!(number_of("0001-a"), Some(1));
    assert_eq!(number_of("12345-a"), Some(12345));
    assert_eq!(number_of("123456-a"), None);
    assert_eq!(number_of("20210105-a"), None);
    assert_eq!(number_of("adr-1"), None);
    assert_eq!(number_of("7"), Some(7));
}

#[test]
fn bad_input_names_the_line() {
    let root = Path::new("/r");
    let p = Path::new("/r/a.md");
    let e = parse_record(root, p, b"# A\n\nCaf\xe9\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(4)));
    let e = parse_record(root, p, b"# A\n\x00\x01").unwrap_err();
    assert!(e.message.contains("binary"));
    assert_eq!(e.line, Some(2));
    let e = parse_record(root, p, b"---\nstatus: ok\ndate: [2020\n---\n# A\n").unwrap_err();
    assert!(e.message.contains("YAML"), "{e}");
    assert!(matches!(e.line, Some(3..=5)), "{e:?}");
    let e = parse_record(root, p, b"---\nstatus: ok\n# A\n").unwrap_err();
    assert!(e.message.contains("never closed"));
    assert_eq!(e.path.as_deref(), Some(Path::new("a.md")));
}

proptest::proptest! {
    /// Any bytes: an error or a record, never a panic.
    #[test]
    fn never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = parse_record(Path::new("/r"), Path::new("/r/0001-x.md"), &bytes);
    }

    #[test]
    fn never_panics_on_markdownish_text(s in "(---\n|# |## Status\n|\\* Status: |Date: |\\[a\\]\\(|\\)|0001-x.md|\r\n|\n|[a-z ]{0,8}|`{3}|: |-)*") {
        let _ = parse_record(Path::new("/r"), Path::new("/r/0001-x.md"), s.as_bytes());
    }
}
