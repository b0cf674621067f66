//! One repository's snapshots and series, through the `metrics` view.

use crate::Store;
use serde::Serialize;
use techlead_core::InputError;

/// One point of a metric's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub commit: String,
    pub committed_at: String,
    pub taken_at: String,
    pub value: f64,
}

/// A recorded snapshot, without its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Taken {
    pub commit: String,
    pub committed_at: String,
    pub taken_at: String,
}

pub(crate) fn text(v: &crate::db::Value) -> String {
    v.text().unwrap_or_default()
}

impl Store {
    /// A metric's values for a repository, oldest commit first.
    pub fn series(&self, repo: &str, metric: &str) -> Result<Vec<Point>, InputError> {
        let rows = self.query(
            "SELECT \"commit\", committed_at, taken_at, value FROM metrics
             WHERE repo = ?1 AND metric = ?2 ORDER BY committed_at, \"commit\"",
            &[repo.into(), metric.into()],
        )?;
        Ok(rows
            .iter()
            .map(|r| Point {
                commit: text(&r[0]),
                committed_at: text(&r[1]),
                taken_at: text(&r[2]),
                value: r[3].real().unwrap_or(f64::NAN),
            })
            .collect())
    }

    /// Why a metric has no value at each snapshot that lacks one, newest
    /// first (the newest reason first).
    pub fn absent_reasons(&self, repo: &str, metric: &str) -> Result<Vec<String>, InputError> {
        let rows = self.query(
            "SELECT m.absent_reason FROM measurements m
             JOIN snapshots s ON s.id = m.snapshot_id
             JOIN repositories r ON r.id = s.repository_id
             WHERE r.name = ?1 AND m.metric = ?2 AND m.value IS NULL
             ORDER BY s.committed_at DESC",
            &[repo.into(), metric.into()],
        )?;
        Ok(rows.iter().map(|r| text(&r[0])).collect())
    }

    /// The snapshots of a repository, oldest commit first.
    pub fn snapshots(&self, repo: &str) -> Result<Vec<Taken>, InputError> {
        let rows = self.query(
            "SELECT s.commit_id, s.committed_at, s.taken_at FROM snapshots s
             JOIN repositories r ON r.id = s.repository_id
             WHERE r.name = ?1 ORDER BY s.committed_at, s.commit_id",
            &[repo.into()],
        )?;
        Ok(rows
            .iter()
            .map(|r| Taken {
                commit: text(&r[0]),
                committed_at: text(&r[1]),
                taken_at: text(&r[2]),
            })
            .collect())
    }

    /// Every value of one snapshot, by metric.
    pub fn values(&self, repo: &str, commit: &str) -> Result<Vec<(String, f64)>, InputError> {
        let rows = self.query(
            "SELECT metric, value FROM metrics WHERE repo = ?1 AND \"commit\" = ?2 ORDER BY metric",
            &[repo.into(), commit.into()],
        )?;
        Ok(rows
            .iter()
            .map(|r| (text(&r[0]), r[1].real().unwrap_or(f64::NAN)))
            .collect())
    }
}
