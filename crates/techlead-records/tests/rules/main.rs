//! One fixture per decision-records rule, as ruff keeps a fixture per rule
//! and zizmor a test per audit. Each `<rule>.rs` writes a small decisions
//! folder that trips the rule (the hit) and one that looks close but must
//! not (the near miss); `techlead_testing::rule_report` checks both, the
//! rule switched off, and the hit's baseline after lines moved, and the
//! report is the snapshot `snapshots/<rule>.snap`.
//!
//! Records are read by `folder::load` and linted by `lint::lint`, the path
//! `techlead adr lint` takes, so a rule removed from `RULES` fails here.

mod broken_link;
mod duplicate_number;
mod filename_title_mismatch;
mod invalid_date;
mod missing_date;
mod missing_status;
mod missing_title;
mod one_sided_supersede;
mod review_overdue;
mod superseded_without_successor;
mod unknown_status;

use std::path::Path;
use techlead_core::Finding;
use techlead_core::config::LoadedConfig;
use techlead_records::config::DecisionsConfig;
use techlead_records::folder;
use techlead_records::lint::{self, LintOptions};
use techlead_testing::{Fixture, Tree};

/// Where fixtures keep their records.
const DIR: &str = "docs/adr";

/// `today` for every fixture, as `TECHLEAD_TODAY` fixes it in CLI tests.
const TODAY: &str = "2026-01-15";

/// A decisions folder, and optionally a techlead.toml for `[decisions]`.
#[derive(Default)]
pub struct Records(Tree);

impl Records {
    pub fn new() -> Records {
        Records(Tree::new())
    }

    /// A file in the decisions folder.
    pub fn record(self, name: &str, text: &str) -> Records {
        Records(self.0.file(&format!("{DIR}/{name}"), text))
    }

    /// A file elsewhere in the project.
    pub fn file(self, rel: &str, text: &str) -> Records {
        Records(self.0.file(rel, text))
    }
}

impl Fixture for Records {
    fn tree(&self) -> &Tree {
        &self.0
    }

    fn findings(&self) -> Vec<Finding> {
        let root = self.0.root();
        let loaded = match std::fs::read_to_string(root.join("techlead.toml")) {
            Ok(text) => LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap(),
            Err(_) => LoadedConfig::default(),
        };
        let config: DecisionsConfig = loaded.section("decisions").unwrap();
        let decisions = folder::load(root, &root.join(DIR)).unwrap();
        let opts = LintOptions {
            extra_statuses: config.statuses,
            today: TODAY.to_string(),
        };
        lint::lint(&decisions.records, &decisions.dir, &opts)
    }
}

/// An adr-tools record: numbered title, `Date:` line, `## Status` section.
pub fn nygard(n: u32, title: &str, status: &str) -> String {
    format!("# {n}. {title}\n\nDate: 2020-01-01\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n")
}

techlead_testing::rule_fixtures!(techlead_records::lint::RULES);
