//! The kernel's own rule, `baseline/stale-entry`, with a fixture as every
//! context's rules have (see `techlead_testing`). Its input is the
//! baseline file and the findings of the checks that ran, so the fixtures
//! write `.techlead/baseline.toml` and hand-build those findings; they are
//! judged by `Baseline::apply_configured`, the path every findings command
//! takes.

mod stale_entry;

use std::path::Path;
use techlead_core::baseline::STALE;

#[test]
fn every_rule_has_a_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    techlead_testing::assert_fixture_per_rule(&[STALE.id], &dir, &[]);
}
