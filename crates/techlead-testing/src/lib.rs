//! Test support for the rule fixtures of the context crates (ruff's
//! fixture per rule, zizmor's test per audit). Each context crate has one
//! test binary, `tests/rules/`, with one file per rule; every file builds a
//! small tree that trips its rule (a hit) and one that looks close but must
//! not (a near miss), and hands both to [`rule_report`], which checks the
//! suppressions every rule must honour and renders an insta snapshot.
//!
//! A dev-dependency only: no shipped crate depends on this one.

mod coverage;
mod git;
pub mod http;
pub mod mutate;
pub mod postgres;
pub mod postgres_tls;
mod report;
mod tree;

pub use coverage::assert_fixture_per_rule;
pub use git::git;
pub use report::{Fixture, rule_report};
pub use tree::Tree;

/// The snapshot of a rule's report, `tests/rules/snapshots/<name>.snap`
/// where `<name>` is the rule id after its family (`duplicate-number`).
/// A macro so that insta places the snapshot next to the calling test.
#[macro_export]
macro_rules! assert_rule_snapshot {
    ($id:expr, $report:expr) => {{
        let id: &str = $id;
        let name = id.rsplit('/').next().unwrap_or(id);
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_description(id);
        settings.bind(|| insta::assert_snapshot!(name, $report));
    }};
}

/// What every crate's `tests/rules/main.rs` holds besides its fixture
/// type, for the crate's rule list `$rules`: `check(id, hit, near_miss)`,
/// which each rule's test calls, and the test that every rule in the list
/// has its fixture file. A rule removed from the list fails both.
#[macro_export]
macro_rules! rule_fixtures {
    ($rules:path) => {
        /// The rule `id` as the crate's rule list holds it.
        fn info(id: &str) -> &'static techlead_core::RuleInfo {
            $rules
                .iter()
                .map(|r| r.info())
                .find(|i| i.id == id)
                .unwrap_or_else(|| panic!("`{id}` is not in {}", stringify!($rules)))
        }

        /// Checks rule `id` on its fixtures and compares the report with
        /// its snapshot, `snapshots/<rule>.snap`.
        pub fn check(id: &str, hit: impl $crate::Fixture, near_miss: impl $crate::Fixture) {
            let report = $crate::rule_report(info(id), &hit, &near_miss);
            $crate::assert_rule_snapshot!(id, report);
        }

        #[test]
        fn every_rule_has_a_fixture() {
            let ids: Vec<&str> = $rules.iter().map(|r| r.info().id).collect();
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
            $crate::assert_fixture_per_rule(&ids, &dir, &[]);
        }
    };
}
