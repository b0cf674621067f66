//! Looking things up at a revision, for contexts that compare with the
//! past (the radar's movement): which commit a tag or a date stands for,
//! and a file's text there.

use std::path::Path;

/// A resolved revision: its commit id and its commit date (YYYY-MM-DD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub id: String,
    pub date: String,
    /// Commit time, seconds since the epoch.
    pub time: i64,
}

/// The commit `rev` names (a tag peeled to its commit), or why not:
/// `NotACommit` when the name resolves to something else (a tree, a blob).
pub(crate) fn commit_at<'r>(
    repo: &'r gix::Repository,
    rev: &str,
) -> Result<gix::Commit<'r>, RevError> {
    let object = repo
        .rev_parse_single(rev)
        .map_err(|e| RevError::Unresolved(e.to_string()))?
        .object()
        .map_err(|e| RevError::Unresolved(e.to_string()))?;
    object
        .peel_to_commit()
        .map_err(|e| RevError::NotACommit(e.to_string()))
}

/// Why a revision names no commit.
#[derive(Debug)]
pub(crate) enum RevError {
    /// Not found, or its object could not be read.
    Unresolved(String),
    NotACommit(String),
}

impl std::fmt::Display for RevError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RevError::Unresolved(e) | RevError::NotACommit(e) => f.write_str(e),
        }
    }
}

fn open(repo: &Path) -> Option<gix::Repository> {
    gix::discover(repo).ok()
}

/// A tag, branch or commit; None outside git or when it does not exist.
pub fn resolve(repo: &Path, rev: &str) -> Option<Revision> {
    let repo = open(repo)?;
    let commit = commit_at(&repo, rev).ok()?;
    let secs = commit.time().ok()?.seconds;
    Some(Revision {
        id: commit.id.to_string(),
        date: date_of(secs),
        time: secs,
    })
}

/// The last commit on HEAD's first-parent line made before `secs`.
pub fn before(repo: &Path, secs: i64) -> Option<Revision> {
    let repo = open(repo)?;
    let head = repo.head_commit().ok()?;
    for info in head.ancestors().first_parent_only().all().ok()? {
        let info = info.ok()?;
        let commit = info.object().ok()?;
        let t = commit.time().ok()?.seconds;
        if t < secs {
            return Some(Revision {
                id: info.id.to_string(),
                date: date_of(t),
                time: t,
            });
        }
    }
    None
}

/// The URL of the remote HEAD's branch fetches from (else `origin`), as
/// configured; None outside git or without a remote.
pub fn remote_url(dir: &Path) -> Option<String> {
    let repo = open(dir)?;
    let remote = repo
        .find_default_remote(gix::remote::Direction::Fetch)?
        .ok()?;
    let url = remote.url(gix::remote::Direction::Fetch)?;
    Some(url.to_bstring().to_string())
}

/// The working tree's top folder of the repository holding `dir`; None
/// outside git or for a bare repository.
pub fn top(dir: &Path) -> Option<std::path::PathBuf> {
    open(dir)?.workdir().map(Path::to_path_buf)
}

/// Where `dir` sits in its repository: `""` at the top, else
/// `sub/dir/`; None outside git. History paths are relative to the top.
pub fn prefix(dir: &Path) -> Option<String> {
    let repo = open(dir)?;
    let top = repo.workdir()?.canonicalize().ok()?;
    let here = dir.canonicalize().ok()?;
    let mut out = String::new();
    for c in here.strip_prefix(&top).ok()?.components() {
        out.push_str(c.as_os_str().to_str()?);
        out.push('/');
    }
    Some(out)
}

/// A file's text at a revision; None when it did not exist then. `path`
/// is relative to `dir`, which may be below the repository's top.
pub fn file_at(dir: &Path, rev: &str, path: &str) -> Option<String> {
    let full = format!("{}{path}", prefix(dir)?);
    let repo = open(dir)?;
    let id = repo
        .rev_parse_single(format!("{rev}:{full}").as_str())
        .ok()?;
    let blob = id.object().ok()?;
    String::from_utf8(blob.data.clone()).ok()
}

/// The first-parent line from `rev` back, newest first (the commits of
/// the main branch as merges brought them in), and the id of the first
/// commit that could not be read, if the line stops early (a shallow
/// clone's cut, a missing object). None outside git or without `rev`.
pub fn first_parents(dir: &Path, rev: &str) -> Option<(Vec<Revision>, Option<String>)> {
    let repo = open(dir)?;
    let mut id = commit_at(&repo, rev).ok()?.id;
    // A shallow clone's boundary commits are readable but their parents
    // are not there: the line stops at them.
    let cut: std::collections::HashSet<gix::ObjectId> = repo
        .shallow_commits()
        .ok()
        .flatten()
        .map(|s| s.iter().copied().collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    loop {
        let Ok(commit) = repo.find_commit(id) else {
            return Some((out, Some(id.to_string())));
        };
        let time = commit.time().map(|t| t.seconds).unwrap_or_default();
        out.push(Revision {
            id: id.to_string(),
            date: date_of(time),
            time,
        });
        let parent = commit.parent_ids().next().map(|p| p.detach());
        match parent {
            None => return Some((out, None)),
            Some(p) if cut.contains(&id) => return Some((out, Some(p.to_string()))),
            Some(p) => id = p,
        }
    }
}

/// The messages of the commits `ids` (full hex ids), by id; a commit that
/// cannot be read is left out. None outside git.
pub fn messages(dir: &Path, ids: &[&str]) -> Option<std::collections::HashMap<String, String>> {
    let repo = open(dir)?;
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    for id in ids {
        let Ok(oid) = gix::ObjectId::from_hex(id.as_bytes()) else {
            continue;
        };
        if let Ok(commit) = repo.find_commit(oid)
            && let Ok(message) = commit.message_raw()
        {
            out.insert(id.to_string(), message.to_string());
        }
    }
    Some(out)
}

/// Unix time of a date's start (YYYY-MM-DD, UTC).
pub fn day_start(date: &str) -> Option<i64> {
    let mut p = date.get(..10)?.split('-');
    let (y, m, d): (i64, i64, i64) = (
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// Whole months from one Unix time to a later one (0 if it is not later).
/// A month is 30.44 days, as code-maat counts it.
pub fn whole_months(from: i64, to: i64) -> i64 {
    ((to - from).max(0) as f64 / (30.44 * 86_400.0)).floor() as i64
}

/// YYYY-MM-DD of a Unix time, in UTC.
pub fn date_of(secs: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{m:02}-{d:02}", if m <= 2 { y + 1 } else { y })
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::date_of(0), "1970-01-01");
        assert_eq!(super::date_of(20_781 * 86_400), "2026-11-24");
        assert_eq!(super::date_of(11_017 * 86_400 - 1), "2000-02-29");
        assert_eq!(super::day_start("2026-11-24"), Some(20_781 * 86_400));
        assert_eq!(super::day_start("1970-01-01"), Some(0));
        assert_eq!(super::day_start("2026-13-01"), None);
    }
}
