//! Mutation tests (issue 21): radar records and every import format,
//! mutated 2,000 times each; parsing never panics, every error of a record
//! or a CSV names a line, and an import that passes its checks renders
//! records that read back with the imported fields.

use crate::config::RadarConfig;
use crate::exchange::{Format, import};
use proptest::prelude::*;
use std::path::Path;
use techlead_testing::mutate::{check_location, config, mutated};

const RECORDS: &[&str] = &[
    "---\nname: PostgreSQL\nquadrant: platforms\nring: trial\npackages: [\"cargo:tokio-postgres\", \"npm:pg\"]\npurpose: relational-database\ndecision: \"0007\"\ntags: [data]\nevaluation:\n  fit: 4\ndate: 2026-01-10\n---\n\n# PostgreSQL\n\n## Rationale\n\nWhy we use it.\n\n## History\n\n- 2026-02-01: assess → trial: the pilot went well\n- not dated\n",
    "---\nname: Kafka\nquadrant: platforms\nring: adopt\n---\n\n## History\n\n- 2025-01-01: added in assess\n- 2026-01-02: assess → adopt: two years\n",
];

const CSV: &[&str] = &[
    "name,ring,quadrant,isNew,description\nKafka,adopt,platforms,false,\"Events,\nline two\"\nDeno,hold,languages-and-frameworks,true,\n",
    "\u{feff}name,ring,quadrant,isNew,description\r\n\"Kafka, \"\"the\"\" log\",adopt,platforms,FALSE,x\r\n",
];

const JSON: &[&str] = &[
    r#"[{"name":"Kafka","ring":"adopt","quadrant":"platforms","isNew":false,"description":"x"}]"#,
    r###"{"title":"R","quadrants":[{"name":"platforms"},{"name":"tools"}],"rings":[{"name":"adopt"},{"name":"hold"}],"entries":[{"label":"Kafka","quadrant":0,"ring":1,"moved":-1,"active":true,"description":"## History"}]}"###,
    r#"{"title":"R","entries":[{"id":"kafka","title":"Kafka","quadrant":"platforms","description":"d","timeline":[{"moved":1,"ringId":"adopt","date":"","description":"new"}]}]}"#,
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_radar_records_parse_or_fail_with_file_and_line(bytes in mutated(RECORDS)) {
        let Ok(text) = std::str::from_utf8(&bytes) else { return Ok(()) };
        if let Err(e) = crate::parse("docs/radar/x.md", Path::new("docs/radar/x.md"), text) {
            let r = check_location(e.path.as_deref(), e.line, "docs/radar/x.md", &bytes, &e.message);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }

    #[test]
    fn mutated_csv_imports_are_whole_or_fail_at_a_line(bytes in mutated(CSV)) {
        let Ok(text) = std::str::from_utf8(&bytes) else { return Ok(()) };
        match import(text, Format::ByorCsv) {
            Err(e) => {
                let shown = techlead_core::InputError { path: Some("in.csv".into()), ..e };
                let r = check_location(shown.path.as_deref(), shown.line, "in.csv", &bytes, &shown.message);
                prop_assert!(r.is_ok(), "{}", r.unwrap_err());
            }
            Ok(entries) => imported_records_read_back(&entries)?,
        }
    }

    #[test]
    fn mutated_json_imports_never_panic(bytes in mutated(JSON), f in 0usize..3) {
        let Ok(text) = std::str::from_utf8(&bytes) else { return Ok(()) };
        let format = [Format::ByorJson, Format::Zalando, Format::Backstage][f];
        if let Ok(entries) = import(text, format) {
            imported_records_read_back(&entries)?;
        }
    }
}

/// Entries that pass the import's checks make records that parse, with
/// the entry's name, ring and quadrant, and no history but what the
/// import wrote.
fn imported_records_read_back(entries: &[crate::exchange::Located]) -> Result<(), TestCaseError> {
    let Ok(plan) = crate::import::plan(
        entries,
        &RadarConfig::default(),
        &[],
        Path::new("docs/radar"),
        "2026-01-15",
    ) else {
        return Ok(());
    };
    for (p, located) in plan.create.iter().zip(entries) {
        let t = crate::parse("x.md", &p.path, &p.text)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&t.name, &located.entry.name);
        prop_assert_eq!(t.ring.as_deref(), Some(located.entry.ring.as_str()));
        prop_assert_eq!(t.quadrant.as_deref(), Some(located.entry.quadrant.as_str()));
        prop_assert!(
            t.history.iter().all(|m| m.date == "2026-01-15"),
            "{:?}",
            t.history
        );
    }
    Ok(())
}
