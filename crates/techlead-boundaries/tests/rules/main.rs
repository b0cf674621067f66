//! One fixture per boundaries rule, as ruff keeps a fixture per rule and
//! zizmor a test per audit. Each `<rule>.rs` writes a small real source
//! tree (a Cargo workspace or a Python package) with its techlead.toml:
//! one that trips the rule (the hit) and one that looks close but must not
//! (the near miss). `techlead_testing::rule_report` checks both, the rule
//! switched off, and the hit's baseline after lines moved; the report is
//! the snapshot `snapshots/<rule>.snap`.
//!
//! Findings come from the crate's public API, `analyze` then `check`, so
//! the imports are really scanned and resolved, and a rule removed from
//! `RULES` fails here.

mod cycle;
mod forbidden_dependency;
mod layer_violation;
mod not_visible;
mod private_import;
mod undeclared_dependency;
mod unused_declared_dependency;
mod unused_suppression;

use std::path::Path;
use techlead_boundaries::config::BoundariesConfig;
use techlead_core::Finding;
use techlead_core::config::LoadedConfig;
use techlead_testing::{Fixture, Tree};

/// A source tree and its techlead.toml.
#[derive(Default)]
pub struct Project(Tree);

impl Project {
    pub fn new() -> Project {
        Project(Tree::new())
    }

    pub fn file(self, rel: &str, text: &str) -> Project {
        Project(self.0.file(rel, text))
    }

    /// A Cargo workspace member `crates/<name>` whose `src/lib.rs` is
    /// `lib` (the workspace manifest is written with the first crate).
    pub fn krate(self, name: &str, lib: &str) -> Project {
        let p = if self.0.path("Cargo.toml").exists() {
            self
        } else {
            self.file("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
        };
        p.file(
            &format!("crates/{name}/Cargo.toml"),
            &format!("[package]\nname = \"{name}\"\nedition = \"2021\"\n"),
        )
        .file(&format!("crates/{name}/src/lib.rs"), lib)
    }

    pub fn config(self, toml: &str) -> Project {
        self.file("techlead.toml", toml)
    }
}

impl Fixture for Project {
    fn tree(&self) -> &Tree {
        &self.0
    }

    fn findings(&self) -> Vec<Finding> {
        let root = self.0.root();
        let text = std::fs::read_to_string(root.join("techlead.toml")).unwrap();
        let loaded = LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap();
        let config: BoundariesConfig = loaded.section("boundaries").unwrap();
        let errors = config.validate(&loaded);
        assert!(errors.is_empty(), "bad fixture config: {errors:?}");
        let analysis = techlead_boundaries::analyze(root, &loaded, &config, false, &()).unwrap();
        assert_eq!(
            analysis.warnings,
            [],
            "fixture files the scanner warns about"
        );
        techlead_boundaries::check(&loaded, &config, &analysis, "techlead.toml").unwrap()
    }
}

techlead_testing::rule_fixtures!(techlead_boundaries::RULES);
