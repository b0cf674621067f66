//! Mutation test (issue 21): records in every style, mutated 2,000 times;
//! parsing never panics, and every error names the file and a line.

use super::parse_record;
use proptest::prelude::*;
use std::path::Path;
use techlead_testing::mutate::{check_location, config, mutated};

const SEEDS: &[&str] = &[
    "# 1. Record architecture decisions\n\nDate: 2019-05-13\n\n## Status\n\nAccepted\n\nAmended by [3. Use X](0003-use-x.md)\n\n## Context\n\nSee [the guide](../guide.md).\n",
    "---\nstatus: accepted\ndate: 2021-03-04\ndecision-makers: [Cy, \"Dee\"]\ntags:\n  - a\n  - b\nreview-by: 2022-01-01\n---\n\n# A title\n\n## Context and Problem Statement\n\nText.\n\n## Links\n\n* Supersedes [2. Old](0002-old.md)\n",
    "# Use X\n\n* Status: accepted\n* Deciders: Ann Lee, Bob\n* Date: 2020-02-01\n* Tags: db, storage\n\nTechnical Story: [#12](https://example.com/12)\n\n```\n## Status\nnot a heading\n```\n",
    "\u{feff}# 4. Windows record\r\n\r\nDate: 2020-01-04\r\n\r\n## Status\r\n\r\nProposed\r\n",
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_records_parse_or_fail_with_file_and_line(bytes in mutated(SEEDS)) {
        let root = Path::new("/project");
        let path = root.join("docs/adr/0004-record.md");
        if let Err(e) = parse_record(root, &path, &bytes) {
            let r = check_location(
                e.path.as_deref(),
                e.line,
                "docs/adr/0004-record.md",
                &bytes,
                &e.message,
            );
            prop_assert!(r.is_ok(), "{}", r.unwrap_err());
        }
    }
}
