//! Mutation tests (issue 21) for the kernel's parsers: techlead.toml, the
//! baseline and the CSV reader, mutated 2,000 times each; never a panic,
//! and every error names the file and a line.

use crate::baseline::Baseline;
use crate::config::LoadedConfig;
use proptest::prelude::*;
use std::path::Path;
use techlead_testing::mutate::{check_location, config, mutated};

const CONFIGS: &[&str] = &[
    "# ours\n[checks]\nrun = [\"decisions\", \"boundaries\"]   # only these\n\n[checks.severity]\n\"decisions/missing-status\" = \"error\"\n\"boundaries/cycle\" = \"off\"\n",
    "[checks]\nseverity = { \"radar/stale-assessment\" = \"note\" }\n",
];

const BASELINES: &[&str] = &[
    "# Recorded by techlead\n\n[[entry]]\nrule = \"boundaries/forbidden-dependency\"\npath = \"crates/app/src/lib.rs\"\nfingerprint = \"a1b2c3d4e5f60718\"\nmessage = \"app imports infra\"\n",
];

const CSV: &[&str] = &["name,ring\n\"a, b\",\"x\"\"y\"\nc,\"two\nlines\"\n"];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_configs_parse_or_fail_with_file_and_line(bytes in mutated(CONFIGS)) {
        let Ok(text) = String::from_utf8(bytes.clone()) else { return Ok(()) };
        if let Err(e) = LoadedConfig::parse(Path::new("techlead.toml"), text) {
            let r = check_location(e.path.as_deref(), e.line, "techlead.toml", &bytes, &e.message);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }

    #[test]
    fn mutated_csv_is_read_or_fails_at_a_line(bytes in mutated(CSV)) {
        let Ok(text) = std::str::from_utf8(&bytes) else { return Ok(()) };
        if let Err(e) = crate::csv::rows(text) {
            let r = check_location(Some(Path::new("x.csv")), Some(e.line), "x.csv", &bytes, &e.message);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }
}

proptest! {
    // Each case writes a file: fewer cases, same mutations.
    #![proptest_config(ProptestConfig { cases: 300, ..config() })]

    #[test]
    fn mutated_baselines_load_or_fail_with_file_and_line(bytes in mutated(BASELINES)) {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join(".techlead")).unwrap();
        std::fs::write(root.path().join(crate::baseline::PATH), &bytes).unwrap();
        if let Err(e) = Baseline::load(root.path()) {
            let r = check_location(e.path.as_deref(), e.line, crate::baseline::PATH, &bytes, &e.message);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }
}
