//! One fixture per health rule, as ruff keeps a fixture per rule. Each
//! `<rule>.rs` writes source files and a techlead.toml with `[health]`: one
//! tree whose function is over the rule's limit (the hit) and one at the
//! limit or over it only for another language's reading (the near miss).
//! `techlead_testing::rule_report` checks both, the rule switched off, and
//! the hit's baseline after lines moved; the report is the snapshot
//! `snapshots/<rule>.snap`.
//!
//! Files are measured by `techlead_health::measure` and checked by
//! `rules::check`, the path `techlead check` takes, so a rule removed from
//! `RULES` fails here.

mod complex_function;
mod deep_nesting;
mod long_function;
mod too_many_params;

use std::path::Path;
use techlead_core::Finding;
use techlead_core::config::LoadedConfig;
use techlead_health::config::HealthConfig;
use techlead_health::{Options, measure, rules};
use techlead_testing::{Fixture, Tree};

/// Source files and a techlead.toml.
pub struct Health {
    tree: Tree,
}

impl Health {
    /// A project whose techlead.toml holds `[health]` and `section`.
    pub fn new(section: &str) -> Health {
        let tree = Tree::new().file("techlead.toml", &format!("[health]\n{section}"));
        Health { tree }
    }

    pub fn file(self, rel: &str, text: &str) -> Health {
        self.tree.write(rel, text);
        self
    }
}

impl Fixture for Health {
    fn tree(&self) -> &Tree {
        &self.tree
    }

    fn findings(&self) -> Vec<Finding> {
        let root = self.tree.root();
        let text = std::fs::read_to_string(root.join("techlead.toml")).unwrap();
        let loaded = LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap();
        let config: Option<HealthConfig> = loaded.section("health").unwrap();
        let config = config.expect("the fixture has a [health] section");
        assert!(config.validate(&loaded).is_empty());
        let report = measure(root, &[], &Options::from_config(&config)).unwrap();
        rules::check(&report)
    }
}

/// `n` lines `x = x + 1` (or `;`-terminated for the C-like languages),
/// indented by `indent`.
pub fn statements(n: usize, indent: &str, semicolon: bool) -> String {
    let end = if semicolon { ";" } else { "" };
    (0..n)
        .map(|_| format!("{indent}x = x + 1{end}\n"))
        .collect()
}

techlead_testing::rule_fixtures!(techlead_health::rules::RULES);
