//! The metrics layer: one registry of stable metric names (snapshots,
//! trends and goals all use it) and their computation from the contexts'
//! results, gathered by the CLI into an [`Evidence`].
//!
//! A metric that cannot be computed (not a git repository, a context not
//! configured or not built yet) is absent with a reason, never zero.

mod compute;
pub mod doc;
pub mod evidence;
pub mod goals;
pub mod registry;

pub use compute::Computed;
pub use evidence::{Absent, Evidence, Source};
pub use registry::{Better, LEVELS, METRICS, Metric, Unit, find, lookup, names};

use serde::Serialize;
use techlead_history::{Assessment, Coupling};

/// One metric's value for one commit, or why it has none.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Measurement {
    pub metric: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Why there is no value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absent: Option<String>,
}

/// Every registered metric, in registry order.
pub fn measure(evidence: &Evidence) -> Vec<Measurement> {
    METRICS
        .iter()
        .map(|m| match m.compute(evidence) {
            Ok(v) => Measurement {
                metric: m.name.to_string(),
                value: Some(v),
                absent: None,
            },
            Err(reason) => Measurement {
                metric: m.name.to_string(),
                value: None,
                absent: Some(reason),
            },
        })
        .collect()
}

/// Coupled file pairs whose files sit in two different modules, with
/// those modules: the dependencies the architecture does not show.
pub fn cross_module(h: &Assessment) -> Vec<(&Coupling, &str, &str)> {
    h.summary
        .coupling
        .iter()
        .filter_map(|c| {
            let a = h.file_modules.get(&c.entity)?;
            let b = h.file_modules.get(&c.coupled)?;
            (a != b).then_some((c, a.as_str(), b.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests;
