//! Mutation test (issue 21): front matter mutated 2,000 times; reading it
//! never panics, and every error names the file and a line.

use crate::front_matter;
use proptest::prelude::*;
use techlead_testing::mutate::{check_location, config, mutated};

const SEEDS: &[&str] = &[
    "---\nstatus: accepted\ndate: 2021-03-04\ndecision-makers: [Cy, \"Dee\"]\ntags:\n  - a\n  - b\nevaluation:\n  fit: 4\n  cost: 423e9175\n---\n\n# Title\n",
    "\u{feff}---\r\nname: \"Kafka: the log\"\r\nquadrant: platforms\r\npackages: ['npm:kafkajs']\r\n---\r\nBody\r\n",
    "---\nanchors: &a [1, 2]\nagain: *a\nblock: |\n  text\n  more\n---\n",
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_front_matter_reads_or_fails_with_file_and_line(bytes in mutated(SEEDS)) {
        let Ok(text) = std::str::from_utf8(&bytes) else { return Ok(()) };
        if let Err(e) = front_matter::read("docs/adr/x.md", text) {
            let r = check_location(e.path.as_deref(), e.line, "docs/adr/x.md", &bytes, &e.message);
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }
}
