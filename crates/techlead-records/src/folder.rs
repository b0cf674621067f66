//! Finding the decisions folder and loading every record in it, in
//! parallel. A record that cannot be read safely stops the load with an
//! input error naming the file, so no command acts on a half-read folder.

use crate::model::Record;
use crate::parse::{number_of, parse_record};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
#[cfg(unix)]
use std::time::SystemTime;
use techlead_core::InputError;
use techlead_core::cache::Pending;
use techlead_core::paths::display_rel;
use techlead_core::read;
use techlead_core::source;

/// Folders searched, in order, after `.adr-dir` and `.log4brains.yml`.
pub const AUTO_DIRS: &[&str] = &[
    "doc/adr",
    "docs/adr",
    "docs/decisions",
    "docs/architecture/decisions",
    "adr",
];

/// How records in a folder are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// `NNNN-slug.md`, numbers padded to `width` digits.
    Numbered { width: usize },
    /// log4brains: `YYYYMMDD-slug.md`.
    DateSlug,
}

#[derive(Debug)]
pub struct Decisions {
    /// Absolute path of the folder.
    pub dir: PathBuf,
    /// Sorted by number (records without one last), then id.
    pub records: Vec<Record>,
    pub naming: Naming,
}

impl Decisions {
    /// The template new records follow when none is configured: an
    /// adr-tools folder (mostly `## Status` sections) gets adr-tools
    /// records, anything else MADR 4.
    pub fn style_template(&self) -> crate::config::Template {
        let sections = self
            .records
            .iter()
            .filter(|r| r.style == crate::model::RecordStyle::Section)
            .count();
        if !self.records.is_empty() && sections * 2 > self.records.len() {
            crate::config::Template::Nygard
        } else {
            crate::config::Template::Madr
        }
    }
}

/// The decisions folder: the configured one, else adr-tools' `.adr-dir`,
/// log4brains' `.log4brains.yml`, then the usual places.
pub fn find_dir(root: &Path, configured: Option<&str>) -> Option<PathBuf> {
    if let Some(c) = configured {
        return Some(root.join(c));
    }
    let small = |name: &str| read::regular_text(&root.join(name), read::CONFIG_LIMIT);
    if let Ok(s) = small(".adr-dir") {
        let d = s.trim();
        if !d.is_empty() && source::is_dir(&root.join(d)) {
            return Some(root.join(d));
        }
    }
    if let Ok(s) = small(".log4brains.yml")
        && let Some(d) = log4brains_folder(&s)
        && source::is_dir(&root.join(&d))
    {
        return Some(root.join(d));
    }
    AUTO_DIRS
        .iter()
        .map(|d| root.join(d))
        .find(|p| source::is_dir(p))
}

/// Where the decisions folder was found, when that is not inside the
/// project root once symlinks and `..` are resolved: `.adr-dir` holding
/// `../elsewhere` would make `adr new` write outside the project.
pub fn outside_root(root: &Path, dir: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(dir)) {
        (Ok(r), Ok(d)) => !d.starts_with(r),
        _ => false,
    }
}

/// `adrFolder: ./docs/adr` from a log4brains config, read by line so a
/// config we cannot fully parse still yields its folder.
fn log4brains_folder(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|l| {
        let v = l.trim().strip_prefix("adrFolder:")?;
        let v = v.trim().trim_matches(['"', '\'']);
        let v = v.strip_prefix("./").unwrap_or(v);
        (!v.is_empty()).then(|| v.trim_end_matches('/').to_string())
    })
}

/// The packages of a log4brains monorepo (`project.packages` in
/// `.log4brains.yml`), each with its ADR folder, in declared order.
/// Folders that do not exist are left out.
pub fn log4brains_packages(root: &Path) -> Vec<(String, PathBuf)> {
    let Ok(text) = read::regular_text(&root.join(".log4brains.yml"), read::CONFIG_LIMIT) else {
        return Vec::new();
    };
    let Ok(doc) = serde_saphyr::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    doc["project"]["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let name = p["name"].as_str()?;
            let folder = p["adrFolder"].as_str()?;
            let folder = folder.strip_prefix("./").unwrap_or(folder);
            let dir = root.join(folder.trim_end_matches('/'));
            source::is_dir(&dir).then(|| (name.to_string(), dir))
        })
        .collect()
}

/// Whether a file name is a record: markdown, and not an index, README or
/// template.
pub fn is_record_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown"))
        && lower != "readme.md"
        && lower != "index.md"
        && !lower.contains("template")
}

/// Reads and parses every record in `dir`.
pub fn load(root: &Path, dir: &Path) -> Result<Decisions, InputError> {
    let files = record_files(root, dir)?;
    let mut results = Vec::with_capacity(files.len());
    files
        .par_iter()
        .map_init(Vec::new, |buf, (p, regular)| {
            read_record(root, p, *regular, buf)
        })
        .collect_into_vec(&mut results);
    Ok(Decisions::new(dir, first_error(results)?))
}

/// The records, or the first error in load order, so the message does not
/// depend on which thread failed first.
fn first_error(results: Vec<Result<Record, InputError>>) -> Result<Vec<Record>, InputError> {
    results.into_iter().collect()
}

/// As [`load`], but takes unchanged records from `.techlead/cache` (see
/// [`crate::cache`]), and gives the updated cache to write once the command
/// has succeeded. For commands that only read records: one that edits a
/// file reads it with [`load`].
#[cfg(unix)]
pub fn load_cached(root: &Path, dir: &Path) -> Result<(Decisions, Option<Pending>), InputError> {
    let (decisions, _, pending) = load_counted(root, dir, SystemTime::now())?;
    Ok((decisions, pending))
}

/// Without ctime and inode numbers there is nothing safe to key a cache
/// on, so records are always read.
#[cfg(not(unix))]
pub fn load_cached(root: &Path, dir: &Path) -> Result<(Decisions, Option<Pending>), InputError> {
    Ok((load(root, dir)?, None))
}

/// What a cached load took from the cache, for tests.
#[cfg(unix)]
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct CacheUse {
    /// The names came from the cache; the folder was not read.
    pub listed: bool,
    /// Records taken from the cache.
    pub hits: usize,
}

/// The cached load, with stamps judged against `started`, the moment
/// before anything is read (tests move it).
#[cfg(unix)]
pub(crate) fn load_counted(
    root: &Path,
    dir: &Path,
    started: SystemTime,
) -> Result<(Decisions, CacheUse, Option<Pending>), InputError> {
    use crate::cache::{self, Item, Snapshot};
    use std::borrow::Cow;

    let rel_dir = display_rel(root, dir);
    let old = techlead_core::cache::load(root, cache::NAME).unwrap_or_default();
    let snapshot = Snapshot::read(&old, &rel_dir);
    let folder = cache::Folder::open(dir);
    let dir_stat = folder.as_ref().and_then(cache::Folder::stat_self);
    let listed_from_cache = matches!(
        (&snapshot, &dir_stat),
        (Some(s), Some(d)) if s.dir.is_some() && s.dir == Some(d.stamp)
    );
    // The cached entry of each record, by position when the names came from
    // the cache (no hashing), else by name.
    let (listing, cached) = match &snapshot {
        Some(s) if listed_from_cache => (
            Listing::Cached(&s.names),
            Cow::Borrowed(s.entries.as_slice()),
        ),
        Some(s) => {
            let paths = record_paths(root, dir)?;
            let cached = s.match_names(&paths);
            (Listing::Read(paths), Cow::Owned(cached))
        }
        None => {
            let paths = record_paths(root, dir)?;
            let none = vec![None; paths.len()];
            (Listing::Read(paths), Cow::Owned(none))
        }
    };
    // The folder was stamped through its open descriptor but listed by
    // path: its stamp goes with the names only if the path still names the
    // same, unchanged folder.
    let dir_stat = dir_stat.filter(|d| {
        listed_from_cache
            || std::fs::metadata(dir).is_ok_and(|m| cache::Stat::of(&m).stamp == d.stamp)
    });
    // Unzipped straight into two indexed vectors: collecting a `Result`
    // would gather chunks in a list and copy them, and so would splitting
    // tuples afterwards (megabytes of memmove for 10,000 records).
    let n = cached.len();
    let mut results = Vec::with_capacity(n);
    let mut stamps: Vec<(Option<cache::Stamp>, bool)> = Vec::with_capacity(n);
    (0..n)
        .into_par_iter()
        .zip(cached.as_ref())
        .map_init(Vec::new, |buf, (i, cached)| {
            let name = listing.name(i);
            let path = listing.path(i, dir);
            if let (Some((stamp, body)), Some(name)) = (cached, name)
                && let Some(st) = folder.as_ref().and_then(|f| f.stat(name))
                && *stamp == st.stamp
                && let Some(mut r) = cache::decode_record(body, &rel_dir, name)
            {
                r.path = path;
                return (Ok(r), (Some(*stamp), true));
            }
            // Read it as `load` does, so a bad file fails with the same
            // message, and stamp the open file: its stamp is that of the
            // bytes read, and costs no second path lookup.
            match read_into(&path, buf, true) {
                Ok((len, meta)) => {
                    let stamp = meta.and_then(|m| cache::Stat::of(&m).trusted(started));
                    (parse_record(root, &path, &buf[..len]), (stamp, false))
                }
                Err(e) => (
                    Err(InputError::io(display_rel(root, &path), &e)),
                    (None, false),
                ),
            }
        })
        .unzip_into_vecs(&mut results, &mut stamps);
    let records = first_error(results)?;
    let used = CacheUse {
        listed: listed_from_cache,
        hits: stamps.iter().filter(|(_, hit)| *hit).count(),
    };
    let mut pending = None;
    if !(listed_from_cache && used.hits == n) {
        // A name that is not UTF-8 cannot be stored, so such a folder is
        // always listed again and that record always read.
        let all_named = (0..n).all(|i| listing.name(i).is_some());
        let dir_stamp = dir_stat
            .filter(|_| all_named)
            .and_then(|s| s.trusted(started));
        let items: Vec<Item> = (0..n)
            .zip(records.iter().zip(&stamps))
            .filter_map(|(i, (record, (stamp, _)))| {
                Some(Item {
                    name: listing.name(i)?,
                    stamp: *stamp,
                    record,
                })
            })
            .collect();
        // A cache that trusts nothing (a fresh checkout, every file just
        // written) would save nothing next time: no file for it.
        let trusts_something = dir_stamp.is_some() || items.iter().any(|i| i.stamp.is_some());
        let bytes = cache::encode(&rel_dir, dir_stamp, &items);
        if trusts_something && bytes != old {
            pending = Some(Pending::new(root, cache::NAME, bytes));
        }
    }
    Ok((Decisions::new(dir, records), used, pending))
}

/// Where a cached load's record names came from.
#[cfg(unix)]
enum Listing<'a> {
    /// The cache, while the folder is unchanged: names only.
    Cached(&'a [&'a str]),
    /// The folder, read again.
    Read(Vec<PathBuf>),
}

#[cfg(unix)]
impl Listing<'_> {
    fn name(&self, i: usize) -> Option<&str> {
        match self {
            Listing::Cached(names) => Some(names[i]),
            Listing::Read(paths) => paths[i].file_name()?.to_str(),
        }
    }

    /// The record's path, built where it is used (in parallel, and moved
    /// into the record) rather than in a list of its own.
    fn path(&self, i: usize, dir: &Path) -> PathBuf {
        match self {
            Listing::Cached(names) => join_name(dir, names[i]),
            Listing::Read(paths) => paths[i].clone(),
        }
    }
}

/// `dir.join(name)` for a plain file name (no separator in it, as a
/// directory listing gives), without `Path::join`'s parsing of both: it
/// is made for each of 10,000 records on a warm run.
fn join_name(dir: &Path, name: &str) -> PathBuf {
    let d = dir.as_os_str();
    let mut p = std::ffi::OsString::with_capacity(d.len() + 1 + name.len());
    p.push(d);
    if !d.is_empty()
        && !d
            .as_encoded_bytes()
            .ends_with(std::path::MAIN_SEPARATOR_STR.as_bytes())
    {
        p.push(std::path::MAIN_SEPARATOR_STR);
    }
    p.push(name);
    PathBuf::from(p)
}

/// Every record file in `dir`, in load order: by number (records without
/// one last), then file stem.
fn record_paths(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    Ok(record_files(root, dir)?
        .into_iter()
        .map(|(p, _)| p)
        .collect())
}

/// As [`record_paths`], each with whether the listing showed a regular
/// file (not a symlink), which spares the read a type check.
fn record_files(root: &Path, dir: &Path) -> Result<Vec<(PathBuf, bool)>, InputError> {
    let rel_dir = display_rel(root, dir);
    let mut paths = Vec::new();
    if source::mounted(dir) {
        // A commit's tree mounted for a backfill: its files are blobs.
        let entries = source::read_dir(dir).map_err(|e| InputError::io(&rel_dir, &e))?;
        for (name, kind) in entries {
            if is_record_name(&name) {
                paths.push((dir.join(&name), kind == source::Kind::File));
            }
        }
    }
    let entries = match source::mounted(dir) {
        true => None,
        false => Some(std::fs::read_dir(dir).map_err(|e| InputError::io(&rel_dir, &e))?),
    };
    for entry in entries.into_iter().flatten() {
        let entry = entry.map_err(|e| InputError::io(&rel_dir, &e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_record_name(&name) {
            // The type from the listing itself: no system call.
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            paths.push((entry.path(), regular));
        }
    }
    // Sort the paths, not the records: the order depends only on the file
    // name, and moving thousands of large records through a sort costs more
    // than parsing them.
    let stem = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    paths.sort_by_cached_key(|(p, _)| {
        let id = stem(p);
        let n = number_of(&id);
        (n.is_none(), n, id)
    });
    Ok(paths)
}

fn read_record(
    root: &Path,
    path: &Path,
    regular: bool,
    buf: &mut Vec<u8>,
) -> Result<Record, InputError> {
    let read = if regular {
        techlead_core::read::listed_file_into(path, RECORD_LIMIT, buf)
    } else {
        read_into(path, buf, false).map(|(len, _)| len)
    };
    let len = read.map_err(|e| InputError::io(display_rel(root, path), &e))?;
    parse_record(root, path, &buf[..len])
}

/// Reads a record into the front of `buf` (see
/// [`techlead_core::read::regular_file_into`]): a regular file of at most
/// [`RECORD_LIMIT`] bytes; with `stat`, the open file's metadata too.
fn read_into(
    path: &Path,
    buf: &mut Vec<u8>,
    stat: bool,
) -> std::io::Result<(usize, Option<std::fs::Metadata>)> {
    let (len, meta) = techlead_core::read::regular_file_into(path, RECORD_LIMIT, buf)?;
    Ok((len, meta.filter(|_| stat)))
}

/// A record's text read again for an edit: bounded like the load, and
/// still UTF-8 (the file may have changed since).
pub fn read_text(record: &Record) -> Result<String, InputError> {
    read::regular_text(&record.path, RECORD_LIMIT).map_err(|e| InputError::io(&record.rel_path, &e))
}

/// The largest record read.
pub const RECORD_LIMIT: u64 = techlead_core::read::RECORD_LIMIT;

fn detect_naming(records: &[Record]) -> Naming {
    let date_slugs = records
        .iter()
        .filter(|r| {
            r.id.len() >= 9
                && r.id[..8].bytes().all(|b| b.is_ascii_digit())
                && r.id.as_bytes()[8] == b'-'
        })
        .count();
    if date_slugs > 0 && date_slugs * 2 >= records.len() {
        return Naming::DateSlug;
    }
    let width = records
        .iter()
        .filter(|r| number_of(&r.id).is_some())
        .map(|r| r.id.bytes().take_while(u8::is_ascii_digit).count())
        .max()
        .unwrap_or(4);
    Naming::Numbered { width }
}

impl Decisions {
    fn new(dir: &Path, records: Vec<Record>) -> Decisions {
        let naming = detect_naming(&records);
        Decisions {
            dir: dir.to_path_buf(),
            records,
            naming,
        }
    }

    /// A record by number (`7`, `0007`, `ADR-0007`), file stem, or an unambiguous,
    /// case-insensitive piece of the title.
    pub fn resolve(&self, id: &str) -> Result<&Record, InputError> {
        let id = id.trim();
        let id = id.strip_suffix(".md").unwrap_or(id);
        if let Some(r) = self.records.iter().find(|r| r.id == id) {
            return Ok(r);
        }
        // `ADR-0007` is how MADR and log4brains name records in prose.
        let digits = match id.get(..4) {
            Some(p) if p.eq_ignore_ascii_case("adr-") => &id[4..],
            _ => id,
        };
        if !digits.is_empty() && digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let n: u32 = digits.parse().unwrap_or(u32::MAX);
            let hits: Vec<&Record> = self
                .records
                .iter()
                .filter(|r| r.number == Some(n))
                .collect();
            return match hits.as_slice() {
                [one] => Ok(one),
                [] => Err(InputError::new(format!("no decision record numbered {n}"))),
                many => Err(ambiguous(id, many)),
            };
        }
        let needle = id.to_lowercase();
        let hits: Vec<&Record> = self
            .records
            .iter()
            .filter(|r| {
                r.title
                    .as_deref()
                    .is_some_and(|t| t.to_lowercase().contains(&needle))
                    || r.id.to_lowercase().contains(&needle)
            })
            .collect();
        match hits.as_slice() {
            [one] => Ok(one),
            [] => Err(InputError::new(format!("no decision record matches `{id}`"))
                .with_help("use a number, a file name, or a piece of the title; `techlead adr list` shows them")),
            many => Err(ambiguous(id, many)),
        }
    }
}

fn ambiguous(id: &str, many: &[&Record]) -> InputError {
    let names: Vec<&str> = many.iter().map(|r| r.rel_path.as_str()).collect();
    InputError::new(format!(
        "`{id}` matches {} records: {}",
        many.len(),
        names.join(", ")
    ))
    .with_help("use the file name to pick one")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_name_is_path_join() {
        for dir in ["docs/adr", "docs/adr/", "/abs/dir", "/", ".", ""] {
            for name in ["0001-a.md", ".hidden", "x"] {
                assert_eq!(
                    join_name(Path::new(dir), name),
                    Path::new(dir).join(name),
                    "{dir} + {name}"
                );
            }
        }
    }
}
