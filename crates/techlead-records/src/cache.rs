//! `.techlead/cache/decisions.bin`: every record of the decisions folder as
//! parsed, keyed by its file's stat stamp (size, mtime, ctime, inode,
//! device), and the folder's own stamp with the record names it held.
//!
//! Why stat and not content: reading 10,000 small files costs three system
//! calls each, and on a virtual machine those calls are most of `adr list`.
//! One `stat` a file is a third of that (ADR 0019). Git trusts its index the
//! same way.
//!
//! When a stamp can be trusted:
//! - A file whose mtime or ctime is less than [`RACY`] before the cache was
//!   built is not cached: a second write within the clock's granularity
//!   could keep the same stamp (git's "racily clean" entries).
//! - ctime is in the stamp because no tool can set it: `touch -d`, `cp -p`
//!   and `rsync -t` restore an mtime, but each write still moves the ctime.
//! - The folder's stamp changes whenever a file is added, removed or
//!   renamed in it, so while it is unchanged the cached list of names
//!   replaces reading the folder. Edits in place do not change it, which is
//!   why every file is still stat'ed.
//!
//! Unix only: elsewhere there is no ctime or inode to stamp with, and the
//! records are always read. On NFS, attribute caching can make `stat` lag
//! behind `open`; mount with `actimeo=0` or run with `--no-cache` there.
//!
//! The format is private and versioned like the boundaries cache: a file
//! from another techlead build, for another folder, or one that does not
//! decode is ignored and rewritten.

use crate::model::{Field, Href, Link, Record, RecordStyle};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};
use techlead_core::cache::{Reader, Writer};

pub const NAME: &str = "decisions.bin";
const MAGIC: &[u8; 8] = b"TLDCACHE";
const FORMAT: u32 = 1;

/// How long before a run a file's mtime and ctime must both lie for its
/// stamp to be trusted: more than the coarsest common timestamp granularity
/// (FAT's 2 s).
pub const RACY: Duration = Duration::from_secs(3);

/// What `stat` says about a file or folder, compared whole: size, mtime,
/// ctime, inode and device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp([u64; 7]);

/// A file's stamp, and the newer of its mtime and ctime.
#[derive(Debug, Clone, Copy)]
pub struct Stat {
    pub stamp: Stamp,
    changed: Option<SystemTime>,
}

// The field types differ between platforms, so some casts are no-ops here.
#[allow(clippy::unnecessary_cast)]
impl Stat {
    /// The stat in `m`, as [`Folder::stat`] gives it for the same file.
    pub fn of(m: &std::fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        Stat::new(
            m.size(),
            (m.mtime() as i64, m.mtime_nsec() as i64),
            (m.ctime() as i64, m.ctime_nsec() as i64),
            m.ino(),
            m.dev(),
        )
    }

    fn from_rustix(s: &rustix::fs::Stat) -> Stat {
        Stat::new(
            s.st_size as u64,
            (s.st_mtime as i64, s.st_mtime_nsec as i64),
            (s.st_ctime as i64, s.st_ctime_nsec as i64),
            s.st_ino as u64,
            s.st_dev as u64,
        )
    }

    fn new(size: u64, mtime: (i64, i64), ctime: (i64, i64), ino: u64, dev: u64) -> Stat {
        let changed = time(mtime).zip(time(ctime)).map(|(m, c)| m.max(c));
        Stat {
            stamp: Stamp([
                size,
                mtime.0 as u64,
                mtime.1 as u64,
                ctime.0 as u64,
                ctime.1 as u64,
                ino,
                dev,
            ]),
            changed,
        }
    }

    /// The stamp if the file last changed, by mtime or ctime, at least
    /// [`RACY`] before `started` (see the module comment). ctime counts
    /// because `cp -p` or `touch -r` give a file an old mtime the moment it
    /// is written.
    pub fn trusted(&self, started: SystemTime) -> Option<Stamp> {
        let changed = self.changed?;
        changed
            .checked_add(RACY)
            .is_some_and(|t| t <= started)
            .then_some(self.stamp)
    }
}

/// Seconds and nanoseconds since the epoch, as `stat` gives them.
fn time((secs, nanos): (i64, i64)) -> Option<SystemTime> {
    let nanos = Duration::from_nanos(u64::try_from(nanos).ok()?);
    match u64::try_from(secs) {
        Ok(s) => SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(s) + nanos),
        Err(_) => SystemTime::UNIX_EPOCH
            .checked_sub(Duration::from_secs(secs.unsigned_abs()))?
            .checked_add(nanos),
    }
}

/// A folder opened once, so that each file in it is stat'ed by its name: one
/// path component to look up, not every component of an absolute path (a
/// tenth of a warm `adr list` on 10,000 records).
pub struct Folder {
    fd: rustix::fd::OwnedFd,
}

impl Folder {
    pub fn open(dir: &std::path::Path) -> Option<Folder> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = rustix::fs::open(dir, flags, Mode::empty()).ok()?;
        Some(Folder { fd })
    }

    /// The folder's own stat.
    pub fn stat_self(&self) -> Option<Stat> {
        rustix::fs::fstat(&self.fd)
            .ok()
            .map(|s| Stat::from_rustix(&s))
    }

    /// The stat of the file `name` in the folder, following symlinks as
    /// reading it does.
    pub fn stat(&self, name: &str) -> Option<Stat> {
        let s = rustix::fs::statat(&self.fd, name, rustix::fs::AtFlags::empty()).ok()?;
        Some(Stat::from_rustix(&s))
    }
}

impl Stamp {
    fn write(&self, w: &mut Writer) {
        for v in self.0 {
            w.u64(v);
        }
    }

    fn read(r: &mut Reader) -> Option<Stamp> {
        let mut s = [0; 7];
        for v in &mut s {
            *v = r.u64()?;
        }
        Some(Stamp(s))
    }
}

/// A cache file, read for one folder. Record bodies stay undecoded until a
/// file's stamp matches, and are then decoded in parallel.
pub struct Snapshot<'b> {
    /// The folder's stamp when the names were listed, if trusted then.
    pub dir: Option<Stamp>,
    /// Every record's file name then, in load order.
    pub names: Vec<&'b str>,
    /// For each name, the stamp and encoded record when it was trusted.
    pub entries: Vec<Option<(Stamp, &'b [u8])>>,
}

impl<'b> Snapshot<'b> {
    /// The snapshot in `bytes` if this build wrote it, for `rel_dir`.
    pub fn read(bytes: &'b [u8], rel_dir: &str) -> Option<Snapshot<'b>> {
        let mut r = Reader::new(bytes);
        if r.take(8)? != MAGIC || r.u32()? != FORMAT || r.str()? != techlead_core::cache::build_id()
        {
            return None;
        }
        if r.str()? != rel_dir {
            return None;
        }
        let dir = match r.u8()? {
            0 => None,
            1 => Some(Stamp::read(&mut r)?),
            _ => return None,
        };
        let n = r.u32()? as usize;
        let mut names = Vec::with_capacity(n.min(bytes.len()));
        let mut entries = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            names.push(r.str()?);
            entries.push(match r.u8()? {
                0 => None,
                1 => {
                    let stamp = Stamp::read(&mut r)?;
                    let len = r.u32()? as usize;
                    Some((stamp, r.take(len)?))
                }
                _ => return None,
            });
        }
        r.at_end().then_some(Snapshot {
            dir,
            names,
            entries,
        })
    }

    /// The cached entry for each of `paths`, looked up by file name: for a
    /// folder listed again because it changed.
    pub fn match_names(&self, paths: &[std::path::PathBuf]) -> Vec<Option<(Stamp, &'b [u8])>> {
        let by_name: HashMap<&str, usize> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i))
            .collect();
        paths
            .iter()
            .map(|p| {
                let name = p.file_name()?.to_str()?;
                self.entries[*by_name.get(name)?]
            })
            .collect()
    }
}

/// One record as the cache will hold it: its file name, and its stamp when
/// trusted (an untrusted record is listed by name only).
pub struct Item<'a> {
    pub name: &'a str,
    pub stamp: Option<Stamp>,
    pub record: &'a Record,
}

/// The cache file for `rel_dir`: the folder's stamp (None when it must be
/// listed again next time), then each record in load order.
pub fn encode(rel_dir: &str, dir: Option<Stamp>, items: &[Item]) -> Vec<u8> {
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    w.u32(FORMAT);
    w.str(techlead_core::cache::build_id());
    w.str(rel_dir);
    match dir {
        Some(s) => {
            w.u8(1);
            s.write(&mut w);
        }
        None => w.u8(0),
    }
    w.u32(items.len() as u32);
    let mut body = Writer::default();
    for it in items {
        w.str(it.name);
        match it.stamp {
            Some(s) => {
                w.u8(1);
                s.write(&mut w);
                body.out.clear();
                encode_record(&mut body, it.record, &Derived::new(rel_dir, it.name));
                w.u32(body.out.len() as u32);
                w.out.extend_from_slice(&body.out);
            }
            None => w.u8(0),
        }
    }
    w.out
}

/// The path and id a record in `rel_dir` named `name` has unless something
/// odd happened: stored as one byte instead of twice the file name.
struct Derived {
    rel_path: String,
    id: String,
}

impl Derived {
    // Made for every record of every warm run (10,000 of them): a
    // concatenation and a slice, not `format!` and `Path::file_stem`,
    // which cost four times the rest of decoding a record's names.
    fn new(rel_dir: &str, name: &str) -> Derived {
        Derived {
            rel_path: match rel_dir {
                "." => name.to_string(),
                d => {
                    let mut p = String::with_capacity(d.len() + 1 + name.len());
                    p.push_str(d);
                    p.push('/');
                    p.push_str(name);
                    p
                }
            },
            id: file_stem(name).to_string(),
        }
    }
}

/// A file name without its last extension, as `Path::file_stem` reads
/// it: a name whose only dot leads (`.adr-dir`) keeps it; `.` and `..`
/// name no file and have none.
fn file_stem(name: &str) -> &str {
    match name.rfind('.') {
        _ if name == "." || name == ".." => "",
        None | Some(0) => name,
        Some(i) => &name[..i],
    }
}

/// `s`, or one byte when it equals the derived value.
fn derived_str(w: &mut Writer, s: &str, derived: &str) {
    if s == derived {
        w.u8(0);
    } else {
        w.u8(1);
        w.str(s);
    }
}

fn read_derived(r: &mut Reader, derived: String) -> Option<String> {
    match r.u8()? {
        0 => Some(derived),
        1 => Some(r.str()?.to_string()),
        _ => None,
    }
}

fn encode_record(w: &mut Writer, r: &Record, d: &Derived) {
    // Destructured whole, so a field added to Record does not compile until
    // the cache keeps it too.
    let Record {
        path: _, // the folder joined with the file name, rebuilt on decode
        rel_path,
        id,
        number,
        title,
        title_line,
        status,
        status_field,
        date,
        date_field,
        review_by,
        tags,
        decision_makers,
        links,
        hrefs,
        style,
        has_front_matter,
        package: _, // set by the caller for package folders, which are not cached
    } = r;
    derived_str(w, rel_path, &d.rel_path);
    derived_str(w, id, &d.id);
    w.opt_u32(*number);
    w.opt_str(title.as_deref());
    w.opt_u32(*title_line);
    w.opt_str(status.as_deref());
    field(w, status_field);
    w.opt_str(date.as_deref());
    field(w, date_field);
    field(w, review_by);
    strings(w, tags);
    strings(w, decision_makers);
    w.u32(links.len() as u32);
    for l in links {
        let Link {
            kind,
            target,
            href,
            line,
        } = l;
        w.str(kind);
        w.str(target);
        w.str(href);
        w.u32(*line);
    }
    w.u32(hrefs.len() as u32);
    for h in hrefs {
        let Href { target, span, line } = h;
        w.str(target);
        w.u64(span.start as u64);
        w.u64(span.end as u64);
        w.u32(*line);
    }
    w.u8(match style {
        RecordStyle::FrontMatter => 0,
        RecordStyle::Bullets => 1,
        RecordStyle::Section => 2,
    });
    w.u8(u8::from(*has_front_matter));
}

fn field(w: &mut Writer, f: &Option<Field>) {
    match f {
        Some(Field { raw, line }) => {
            w.u8(1);
            w.str(raw);
            w.u32(*line);
        }
        None => w.u8(0),
    }
}

fn strings(w: &mut Writer, v: &[String]) {
    w.u32(v.len() as u32);
    for s in v {
        w.str(s);
    }
}

/// The record encoded in `body` for the file `name` in `rel_dir`, with its
/// `path` left empty for the caller to move in; None if it is damaged.
pub fn decode_record(body: &[u8], rel_dir: &str, name: &str) -> Option<Record> {
    let mut r = Reader::new(body);
    let owned = |s: Option<&str>| s.map(str::to_string);
    let d = Derived::new(rel_dir, name);
    let record = Record {
        path: PathBuf::new(),
        rel_path: read_derived(&mut r, d.rel_path)?,
        id: read_derived(&mut r, d.id)?,
        number: r.opt_u32()?,
        title: owned(r.opt_str()?),
        title_line: r.opt_u32()?,
        status: owned(r.opt_str()?),
        status_field: read_field(&mut r)?,
        date: owned(r.opt_str()?),
        date_field: read_field(&mut r)?,
        review_by: read_field(&mut r)?,
        tags: read_strings(&mut r)?,
        decision_makers: read_strings(&mut r)?,
        links: {
            let n = r.u32()? as usize;
            let mut v = Vec::with_capacity(n.min(body.len()));
            for _ in 0..n {
                v.push(Link {
                    kind: r.str()?.to_string(),
                    target: r.str()?.to_string(),
                    href: r.str()?.to_string(),
                    line: r.u32()?,
                });
            }
            v
        },
        hrefs: {
            let n = r.u32()? as usize;
            let mut v = Vec::with_capacity(n.min(body.len()));
            for _ in 0..n {
                v.push(Href {
                    target: r.str()?.to_string(),
                    span: usize::try_from(r.u64()?).ok()?..usize::try_from(r.u64()?).ok()?,
                    line: r.u32()?,
                });
            }
            v
        },
        style: match r.u8()? {
            0 => RecordStyle::FrontMatter,
            1 => RecordStyle::Bullets,
            2 => RecordStyle::Section,
            _ => return None,
        },
        has_front_matter: match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        },
        package: None,
    };
    r.at_end().then_some(record)
}

fn read_field(r: &mut Reader) -> Option<Option<Field>> {
    match r.u8()? {
        0 => Some(None),
        1 => Some(Some(Field {
            raw: r.str()?.to_string(),
            line: r.u32()?,
        })),
        _ => None,
    }
}

fn read_strings(r: &mut Reader) -> Option<Vec<String>> {
    let n = r.u32()? as usize;
    let mut v = Vec::with_capacity(n.min(r.b.len()));
    for _ in 0..n {
        v.push(r.str()?.to_string());
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The cheap stem is `Path::file_stem` on every file name a listing
        /// can give (no separator), dots anywhere.
        #[test]
        fn file_stem_is_paths(name in "[.a-z0-9-]{1,12}") {
            let want = std::path::Path::new(&name)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            prop_assert_eq!(file_stem(&name), want);
        }
    }

    #[test]
    fn trust_needs_both_times_old_and_never_overflows() {
        let now = SystemTime::now();
        let secs =
            |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs() as i64;
        let old = secs(now) - 3600;
        let fresh = secs(now);
        let stat = |m: i64, c: i64| Stat::new(1, (m, 0), (c, 0), 2, 3);
        assert!(stat(old, old).trusted(now).is_some());
        assert!(
            stat(old, fresh).trusted(now).is_none(),
            "cp -p: old mtime, new ctime"
        );
        assert!(stat(fresh, old).trusted(now).is_none());
        // Times a file system can hold but SystemTime arithmetic cannot.
        assert!(stat(i64::MAX, old).trusted(now).is_none());
        let _ = stat(i64::MIN, i64::MIN).trusted(now);
        assert!(stat(-10, -10).trusted(now).is_some(), "before 1970 is old");
    }
}
