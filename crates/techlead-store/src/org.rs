//! Reading across the organisation: every repository with its latest
//! snapshot, and what those latest snapshots hold (values, radar,
//! packages, findings, hotspots, knowledge risks). The same SQL on both
//! backends. A store whose schema predates the organisation tables (a
//! SQLite file of an older techlead, not yet written by this one) is an
//! error that says how to bring it up to date.

use crate::db::Value;
use crate::read::{Point, text};
use crate::{Store, schema};
use serde::Serialize;
use techlead_core::InputError;

/// A repository and its latest snapshot (the one of the latest commit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repository {
    /// Its display name, unique in the store.
    pub name: String,
    /// Its identity: the normalised remote, or `name:NAME`.
    pub key: String,
    pub team: Option<String>,
    pub tags: Vec<String>,
    pub snapshots: usize,
    pub latest: Option<crate::Taken>,
    /// The techlead version that took the latest snapshot.
    pub tool_version: Option<String>,
}

/// A metric's value in a repository's latest snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatestValue {
    pub repo: String,
    pub commit: String,
    pub committed_at: String,
    pub metric: String,
    pub value: f64,
}

/// One point of a metric's series in one repository.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepoPoint {
    pub repo: String,
    #[serde(flatten)]
    pub point: Point,
}

/// A technology on a repository's radar (latest snapshot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TechnologyUse {
    pub technology: String,
    pub quadrant: Option<String>,
    pub ring: Option<String>,
    pub repo: String,
}

/// A package in a repository's inventory (latest snapshot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageUse {
    pub ecosystem: String,
    pub package: String,
    pub version: String,
    pub direct: bool,
    pub dev: bool,
    /// On the repository's Hold ring.
    pub hold: bool,
    pub repo: String,
}

/// Findings of one rule at one severity in a repository (latest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Findings {
    pub repo: String,
    pub rule: String,
    pub severity: String,
    pub count: usize,
}

/// A hotspot of a repository's latest snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HotspotRow {
    pub repo: String,
    #[serde(flatten)]
    pub hotspot: crate::Hotspot,
}

/// A knowledge risk of a repository's latest snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnowledgeRow {
    pub repo: String,
    #[serde(flatten)]
    pub knowledge: crate::Knowledge,
}

/// The latest snapshot of each repository, joined to `r` and `s`: kept
/// on the repository row since schema 3.
const LATEST: &str = "FROM repositories r
     JOIN snapshots s ON s.id = r.latest_snapshot_id";

/// The same at schema 2, which a read-only role may still read before a
/// push of this techlead upgrades the store: the view finds each one.
const LATEST_V2: &str = "FROM latest_snapshots l
     JOIN snapshots s ON s.id = l.snapshot_id
     JOIN repositories r ON r.id = l.repository_id";

fn count(v: &crate::db::Value) -> usize {
    v.int().unwrap_or(0).max(0) as usize
}

fn opt_text(v: &crate::db::Value) -> Option<String> {
    v.text()
}

impl Store {
    /// The organisation tables exist (schema 2 or later): the schema
    /// version.
    fn org_version(&self) -> Result<usize, InputError> {
        let v = self.version()?;
        if v < 2 {
            return Err(InputError::in_file(
                &self.shown,
                format!(
                    "schema version {v} predates the organisation tables (this techlead writes {})",
                    schema::MIGRATIONS.len()
                ),
            )
            .with_help("record one snapshot with this techlead (`techlead snapshot`), which upgrades the store"));
        }
        Ok(v)
    }

    /// The organisation tables exist: how to join each repository's
    /// latest snapshot.
    fn org_ready(&self) -> Result<&'static str, InputError> {
        Ok(if self.org_version()? < 3 {
            LATEST_V2
        } else {
            LATEST
        })
    }

    /// Every repository, by name, with its latest snapshot.
    pub fn repositories(&self) -> Result<Vec<Repository>, InputError> {
        let latest = if self.org_version()? < 3 {
            "LEFT JOIN latest_snapshots l ON l.repository_id = r.id
             LEFT JOIN snapshots s ON s.id = l.snapshot_id"
        } else {
            "LEFT JOIN snapshots s ON s.id = r.latest_snapshot_id"
        };
        let rows = self.query(
            &format!(
                "SELECT r.name, r.repo_key, r.team, s.commit_id, s.committed_at, s.taken_at,
                        s.tool_version,
                        (SELECT count(*) FROM snapshots c WHERE c.repository_id = r.id)
                 FROM repositories r
                 {latest}
                 ORDER BY r.name"
            ),
            &[],
        )?;
        let tags = self.query(
            "SELECT r.name, t.tag FROM repository_tags t
             JOIN repositories r ON r.id = t.repository_id ORDER BY r.name, t.tag",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let name = text(&r[0]);
                Repository {
                    tags: tags
                        .iter()
                        .filter(|t| text(&t[0]) == name)
                        .map(|t| text(&t[1]))
                        .collect(),
                    name,
                    key: text(&r[1]),
                    team: opt_text(&r[2]),
                    latest: opt_text(&r[3]).map(|commit| crate::Taken {
                        commit,
                        committed_at: text(&r[4]),
                        taken_at: text(&r[5]),
                    }),
                    tool_version: opt_text(&r[6]),
                    snapshots: count(&r[7]),
                }
            })
            .collect())
    }

    /// Every metric value of every repository's latest snapshot, by
    /// repository then metric; `metric` keeps one.
    pub fn latest_values(&self, metric: Option<&str>) -> Result<Vec<LatestValue>, InputError> {
        let latest = self.org_ready()?;
        let one = if metric.is_some() {
            "AND m.metric = ?1"
        } else {
            ""
        };
        let params: Vec<Value> = metric.into_iter().map(Value::from).collect();
        let rows = self.query(
            &format!(
                "SELECT r.name, s.commit_id, s.committed_at, m.metric, m.value {latest}
                 JOIN measurements m ON m.snapshot_id = s.id
                 WHERE m.value IS NOT NULL {one}
                 ORDER BY r.name, m.metric"
            ),
            &params,
        )?;
        Ok(rows
            .iter()
            .map(|r| LatestValue {
                repo: text(&r[0]),
                commit: text(&r[1]),
                committed_at: text(&r[2]),
                metric: text(&r[3]),
                value: r[4].real().unwrap_or(f64::NAN),
            })
            .collect())
    }

    /// A metric's series in every repository (or one), by repository then
    /// oldest commit first.
    pub fn org_series(
        &self,
        metric: &str,
        repo: Option<&str>,
    ) -> Result<Vec<RepoPoint>, InputError> {
        self.org_ready()?;
        let one = if repo.is_some() { "AND repo = ?2" } else { "" };
        let mut params: Vec<Value> = vec![metric.into()];
        params.extend(repo.map(Value::from));
        let rows = self.query(
            &format!(
                "SELECT repo, \"commit\", committed_at, taken_at, value FROM metrics
                 WHERE metric = ?1 {one}
                 ORDER BY repo, committed_at, \"commit\""
            ),
            &params,
        )?;
        Ok(rows
            .iter()
            .map(|r| RepoPoint {
                repo: text(&r[0]),
                point: Point {
                    commit: text(&r[1]),
                    committed_at: text(&r[2]),
                    taken_at: text(&r[3]),
                    value: r[4].real().unwrap_or(f64::NAN),
                },
            })
            .collect())
    }

    /// The technologies on the repositories' radars (latest snapshots), by
    /// technology (case-insensitive) then repository.
    pub fn technologies(&self) -> Result<Vec<TechnologyUse>, InputError> {
        let latest = self.org_ready()?;
        let rows = self.query(
            &format!(
                "SELECT t.technology, t.quadrant, t.ring, r.name {latest}
                 JOIN snapshot_technologies t ON t.snapshot_id = s.id
                 ORDER BY lower(t.technology), t.technology, r.name"
            ),
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| TechnologyUse {
                technology: text(&r[0]),
                quadrant: opt_text(&r[1]),
                ring: opt_text(&r[2]),
                repo: text(&r[3]),
            })
            .collect())
    }

    /// The packages in use (latest snapshots), by ecosystem, package,
    /// version, repository; `hold_only` keeps those on a Hold ring.
    pub fn packages(&self, hold_only: bool) -> Result<Vec<PackageUse>, InputError> {
        let latest = self.org_ready()?;
        let rows = self.query(
            &format!(
                "SELECT p.ecosystem, p.package, p.version, p.direct, p.dev, p.hold, r.name {latest}
                 JOIN snapshot_packages p ON p.snapshot_id = s.id
                 WHERE (?1 = 0 OR p.hold = 1)
                 ORDER BY p.ecosystem, p.package, p.version, r.name"
            ),
            &[hold_only.into()],
        )?;
        Ok(rows
            .iter()
            .map(|r| PackageUse {
                ecosystem: text(&r[0]),
                package: text(&r[1]),
                version: text(&r[2]),
                direct: r[3].int() == Some(1),
                dev: r[4].int() == Some(1),
                hold: r[5].int() == Some(1),
                repo: text(&r[6]),
            })
            .collect())
    }

    /// The findings per rule and severity (latest snapshots), by
    /// repository then rule.
    pub fn findings(&self) -> Result<Vec<Findings>, InputError> {
        let latest = self.org_ready()?;
        let rows = self.query(
            &format!(
                "SELECT r.name, f.rule, f.severity, f.count {latest}
                 JOIN snapshot_findings f ON f.snapshot_id = s.id
                 ORDER BY r.name, f.rule, f.severity"
            ),
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| Findings {
                repo: text(&r[0]),
                rule: text(&r[1]),
                severity: text(&r[2]),
                count: count(&r[3]),
            })
            .collect())
    }

    /// The hotspots of the latest snapshots, the worst across the
    /// organisation first: most revisions × complexity (a score that,
    /// unlike each repository's 0-to-1 `score`, compares repositories),
    /// then lowest health; at most `limit`.
    pub fn hotspots(&self, limit: usize) -> Result<Vec<HotspotRow>, InputError> {
        let latest = self.org_ready()?;
        let rows = self.query(
            &format!(
                "SELECT r.name, h.path, h.revisions, h.loc, h.complexity, h.score, h.health {latest}
                 JOIN snapshot_hotspots h ON h.snapshot_id = s.id
                 ORDER BY h.revisions * h.complexity DESC, h.health IS NULL, h.health, r.name, h.path
                 LIMIT ?1"
            ),
            &[limit.into()],
        )?;
        Ok(rows
            .iter()
            .map(|r| HotspotRow {
                repo: text(&r[0]),
                hotspot: crate::Hotspot {
                    path: text(&r[1]),
                    revisions: count(&r[2]),
                    loc: count(&r[3]),
                    complexity: count(&r[4]),
                    score: r[5].real().unwrap_or(0.0),
                    health: r[6].real(),
                },
            })
            .collect())
    }

    /// The knowledge risks of the latest snapshots, the worst first:
    /// modules by lowest truck factor, then files by most changes held by
    /// one person (changes × share); at most `limit`.
    pub fn knowledge(&self, limit: usize) -> Result<Vec<KnowledgeRow>, InputError> {
        let latest = self.org_ready()?;
        let rows = self.query(
            &format!(
                "SELECT r.name, k.kind, k.path, k.main_dev, k.ownership, k.truck_factor, k.revisions {latest}
                 JOIN snapshot_knowledge k ON k.snapshot_id = s.id
                 ORDER BY k.truck_factor IS NULL, k.truck_factor,
                          k.revisions * k.ownership DESC, r.name, k.path
                 LIMIT ?1"
            ),
            &[limit.into()],
        )?;
        Ok(rows
            .iter()
            .map(|r| KnowledgeRow {
                repo: text(&r[0]),
                knowledge: crate::Knowledge {
                    kind: text(&r[1]),
                    path: text(&r[2]),
                    main_dev: opt_text(&r[3]),
                    ownership: r[4].real(),
                    truck_factor: r[5].int().map(|t| t.max(0) as usize),
                    revisions: count(&r[6]),
                },
            })
            .collect())
    }
}
