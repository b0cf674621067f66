//! The organisation dashboard: one self-contained HTML page (or its JSON
//! model) over every repository in the organisation store. The model is
//! built from the store's reads ([`load`]) by plain functions ([`build`]),
//! and drawn with the assessment report's building blocks: inline CSS and
//! SVG, a Content-Security-Policy that allows only that stylesheet, no
//! script and no request of any kind, every text from a repository escaped.

pub mod build;
pub mod html;
pub mod model;
mod spark;

pub use build::{Input, build};
pub use model::Dashboard;

use techlead_core::InputError;
use techlead_store::Store;

/// Reads everything the dashboard shows from the store and builds it.
/// `generated` is the date printed on the page.
pub fn load(store: &Store, generated: &str) -> Result<Dashboard, InputError> {
    let mut series = Vec::new();
    for metric in model::SERIES {
        series.push((metric.to_string(), store.org_series(metric, None)?));
    }
    let input = Input {
        store: store.shown().to_string(),
        generated: generated.to_string(),
        repositories: store.repositories()?,
        series,
        latest: store.latest_values(None)?,
        technologies: store.technologies()?,
        packages: store.packages(false)?,
        findings: store.findings()?,
        hotspots: store.hotspots(model::TOP)?,
        knowledge: store.knowledge(model::TOP)?,
    };
    Ok(build(input))
}

#[cfg(test)]
mod tests;
