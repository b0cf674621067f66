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

/// The `[store]` section's name in `techlead.toml`.
pub const STORE_SECTION: &str = "store";

/// `[store]`: the organisation store this repository pushes its snapshots
/// to, and how the organisation knows it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreConfig {
    /// `postgres://user@host/db` (or a SQLite file path). `--store` and
    /// `TECHLEAD_STORE` win over it. Keep the password out of it:
    /// `PGPASSWORD` or `~/.pgpass`.
    pub url: Option<String>,
    /// The team that owns the repository, for the org views.
    pub team: Option<String>,
    /// Free labels (`["payments", "tier-1"]`).
    #[serde(default)]
    pub tags: Vec<String>,
}
