//! `[snapshot]` in `techlead.toml`: where snapshots are kept and under
//! which repository name.

use serde::Deserialize;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "snapshot";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotConfig {
    /// The database file, relative to the project root (default
    /// `.techlead/snapshots.db`).
    pub db: Option<String>,
    /// The repository's name in the database (default: the project
    /// folder's name). One database may hold several repositories.
    pub repository: Option<String>,
}
