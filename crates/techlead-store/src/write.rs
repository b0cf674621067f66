//! Recording a snapshot: one transaction that makes the repository known
//! (or updates its name, team and tags), upserts the snapshot of its
//! commit and replaces everything the snapshot holds. Concurrent pushes
//! are safe: the upserts serialise writers of one repository on its row,
//! and a transaction that loses a race is run again.

use crate::db::{Backend, DbError, ErrorKind, Value};
use crate::model::{Recorded, Snapshot};
use crate::{Store, schema};
use techlead_core::InputError;

/// How often a transaction that lost a race runs again.
const ATTEMPTS: u32 = 5;

/// SQLite's historical limit of parameters per statement.
const MAX_PARAMS: usize = 999;

impl Store {
    /// Records a snapshot in one transaction: a commit that already has
    /// one keeps its row and gets the new values.
    pub fn record(&mut self, s: &Snapshot) -> Result<Recorded, InputError> {
        let mut db = self.db.borrow_mut();
        let db = &mut **db;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = db.begin_write().and_then(|()| write(db, s));
            let result = match result {
                Ok(r) => db.batch("COMMIT").map(|()| r),
                Err(e) => {
                    let _ = db.batch("ROLLBACK");
                    Err(e)
                }
            };
            match result {
                Err(e) if e.kind == ErrorKind::Retry && attempt < ATTEMPTS => {
                    std::thread::sleep(std::time::Duration::from_millis(20 * u64::from(attempt)));
                }
                Err(e) => return Err(crate::error(&self.shown, self.file, e)),
                Ok(r) => return Ok(r),
            }
        }
    }
}

fn one_int(db: &mut dyn Backend, sql: &str, params: &[Value]) -> Result<Option<i64>, DbError> {
    Ok(db.query(sql, params)?.first().and_then(|r| r[0].int()))
}

fn write(db: &mut dyn Backend, s: &Snapshot) -> Result<Recorded, DbError> {
    let repo = repository(db, s)?;
    let existing = one_int(
        db,
        "SELECT id FROM snapshots WHERE repository_id = ?1 AND commit_id = ?2",
        &[repo.into(), (&s.commit).into()],
    )?;
    let id = one_int(
        db,
        "INSERT INTO snapshots (repository_id, commit_id, committed_at, taken_at, tool_version, backfilled)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (repository_id, commit_id) DO UPDATE SET
           committed_at = excluded.committed_at, taken_at = excluded.taken_at,
           tool_version = excluded.tool_version, backfilled = excluded.backfilled
         RETURNING id",
        &[
            repo.into(),
            (&s.commit).into(),
            (&s.committed_at).into(),
            (&s.taken_at).into(),
            (&s.tool_version).into(),
            s.backfilled.into(),
        ],
    )?
    .ok_or_else(|| DbError::new(ErrorKind::Other, "the snapshot row was not returned"))?;
    db.execute(schema::SET_LATEST, &[repo.into()])?;
    for table in [
        "measurements",
        "snapshot_technologies",
        "snapshot_packages",
        "snapshot_findings",
        "snapshot_hotspots",
        "snapshot_knowledge",
    ] {
        db.execute(
            &format!("DELETE FROM {table} WHERE snapshot_id = ?1"),
            &[id.into()],
        )?;
    }
    let mut seen = std::collections::BTreeSet::new();
    let measurements = s
        .values
        .iter()
        .filter(|(m, _)| seen.insert(m.as_str()))
        .map(|(metric, value)| {
            let (v, reason) = match value {
                Ok(v) if v.is_finite() => (Some(*v), None),
                Ok(_) => (None, Some("not a finite number")),
                Err(r) if r.is_empty() => (None, Some("no value")),
                Err(r) => (None, Some(r.as_str())),
            };
            vec![id.into(), metric.into(), v.into(), reason.into()]
        });
    insert(
        db,
        "measurements (snapshot_id, metric, value, absent_reason)",
        measurements,
    )?;
    let d = &s.details;
    let mut seen = std::collections::BTreeSet::new();
    let techs = d
        .technologies
        .iter()
        .filter(|t| seen.insert(t.name.as_str()))
        .map(|t| {
            vec![
                id.into(),
                (&t.name).into(),
                t.quadrant.as_ref().into(),
                t.ring.as_ref().into(),
            ]
        });
    insert(
        db,
        "snapshot_technologies (snapshot_id, technology, quadrant, ring)",
        techs,
    )?;
    // A package read from two lockfiles is one package: direct, dev or on
    // Hold when either says so.
    let mut packages: std::collections::BTreeMap<(&str, &str, &str), (bool, bool, bool)> =
        std::collections::BTreeMap::new();
    for p in &d.packages {
        let e = packages
            .entry((p.ecosystem.as_str(), p.name.as_str(), p.version.as_str()))
            .or_insert((false, true, false));
        e.0 |= p.direct;
        e.1 &= p.dev;
        e.2 |= p.hold;
    }
    let packages = packages
        .into_iter()
        .map(|((eco, name, version), (direct, dev, hold))| {
            vec![
                id.into(),
                eco.into(),
                name.into(),
                version.into(),
                direct.into(),
                dev.into(),
                hold.into(),
            ]
        });
    insert(
        db,
        "snapshot_packages (snapshot_id, ecosystem, package, version, direct, dev, hold)",
        packages,
    )?;
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for f in &d.findings {
        *counts
            .entry((f.rule.as_str(), f.severity.as_str()))
            .or_default() += f.count;
    }
    let findings = counts
        .into_iter()
        .map(|((rule, sev), n)| vec![id.into(), rule.into(), sev.into(), n.into()]);
    insert(
        db,
        "snapshot_findings (snapshot_id, rule, severity, count)",
        findings,
    )?;
    let hotspots = d
        .hotspots
        .iter()
        .take(schema::TOP)
        .enumerate()
        .map(|(i, h)| {
            vec![
                id.into(),
                (i + 1).into(),
                (&h.path).into(),
                h.revisions.into(),
                h.loc.into(),
                h.complexity.into(),
                h.score.into(),
                h.health.into(),
            ]
        });
    insert(
        db,
        "snapshot_hotspots (snapshot_id, rank, path, revisions, loc, complexity, score, health)",
        hotspots,
    )?;
    let knowledge = d
        .knowledge
        .iter()
        .take(schema::TOP)
        .enumerate()
        .map(|(i, k)| {
            vec![
                id.into(),
                (i + 1).into(),
                (&k.kind).into(),
                (&k.path).into(),
                k.main_dev.as_ref().into(),
                k.ownership.into(),
                k.truck_factor.into(),
                k.revisions.into(),
            ]
        });
    insert(
        db,
        "snapshot_knowledge (snapshot_id, rank, kind, path, main_dev, ownership, truck_factor, revisions)",
        knowledge,
    )?;
    Ok(if existing.is_some() {
        Recorded::Replaced
    } else {
        Recorded::New
    })
}

/// The repository's id: found by its key (a repository first recorded by
/// name alone is adopted when it gains a remote), inserted or updated with
/// its name, team and tags. A name another repository holds is kept by
/// that one; this one is then named by its key.
fn repository(db: &mut dyn Backend, s: &Snapshot) -> Result<i64, DbError> {
    let key = s.identity.key(&s.repo);
    let by_name = format!("name:{}", s.repo);
    if key != by_name
        && one_int(
            db,
            "SELECT id FROM repositories WHERE repo_key = ?1",
            &[(&key).into()],
        )?
        .is_none()
    {
        db.execute(
            "UPDATE repositories SET repo_key = ?1 WHERE repo_key = ?2",
            &[(&key).into(), (&by_name).into()],
        )?;
    }
    let taken = one_int(
        db,
        "SELECT id FROM repositories WHERE name = ?1 AND repo_key <> ?2",
        &[(&s.repo).into(), (&key).into()],
    )?
    .is_some();
    let name = if taken { key.clone() } else { s.repo.clone() };
    let id = one_int(
        db,
        "INSERT INTO repositories (name, repo_key, team) VALUES (?1, ?2, ?3)
         ON CONFLICT (repo_key) DO UPDATE SET name = excluded.name, team = excluded.team
         RETURNING id",
        &[
            (&name).into(),
            (&key).into(),
            s.identity.team.as_ref().into(),
        ],
    )?
    .ok_or_else(|| DbError::new(ErrorKind::Other, "the repository row was not returned"))?;
    db.execute(
        "DELETE FROM repository_tags WHERE repository_id = ?1",
        &[id.into()],
    )?;
    let mut tags: Vec<&String> = s.identity.tags.iter().collect();
    tags.sort();
    tags.dedup();
    insert(
        db,
        "repository_tags (repository_id, tag)",
        tags.into_iter().map(|t| vec![id.into(), t.into()]),
    )?;
    Ok(id)
}

/// Inserts rows with as few statements as the parameter limit allows: a
/// push to a server is a few round trips, not one per row.
fn insert(
    db: &mut dyn Backend,
    table: &str,
    rows: impl Iterator<Item = Vec<Value>>,
) -> Result<(), DbError> {
    let rows: Vec<Vec<Value>> = rows.collect();
    let Some(width) = rows.first().map(Vec::len) else {
        return Ok(());
    };
    for chunk in rows.chunks(MAX_PARAMS / width) {
        let mut sql = format!("INSERT INTO {table} VALUES ");
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for j in 0..width {
                n += 1;
                if j > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("?{n}"));
            }
            sql.push(')');
        }
        let params: Vec<Value> = chunk.iter().flatten().cloned().collect();
        db.execute(&sql, &params)?;
    }
    Ok(())
}
