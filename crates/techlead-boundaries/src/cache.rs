//! The incremental cache, `.techlead/cache/boundaries.bin`: per file, its
//! content hash and what resolving it gave (edges and external packages),
//! plus the facts other files' resolution needs from it (a Java or Go
//! package, Rust `#[path]` modules).
//!
//! Keys are content hashes, not modification times, so the cache stays
//! valid in CI where every checkout has fresh mtimes. Cached edges are used
//! only when the resolution context is unchanged: the same set of source
//! files, the same manifests (Cargo.toml, package.json, tsconfig, go.mod)
//! and the same settings. Otherwise every file is resolved again.
//!
//! The format is private and versioned: a file from another techlead
//! version, or one that does not decode, is ignored and rewritten.

use crate::resolve::{Edge, External};
use rustc_hash::FxHashMap;
use std::hash::Hasher;
use std::path::Path;
use std::sync::Arc;
use techlead_lang::{ImportKind, Language};

pub const PATH: &str = ".techlead/cache/boundaries.bin";
const MAGIC: &[u8; 8] = b"TLBCACHE";
const FORMAT: u32 = 1;

/// A stable 64-bit hash of file content (SipHash-1-3 with fixed keys, as
/// std's DefaultHasher computes it; the cache header names the techlead
/// version, so a different hash in another build only means misses).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// What the cache holds for one file.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub hash: u64,
    pub len: u64,
    pub package: Option<String>,
    /// Rust `#[path]` modules: (module, path attribute).
    pub path_mods: Vec<(String, String)>,
    /// (target path, line, kind)
    pub edges: Vec<(Arc<str>, u32, ImportKind)>,
    /// (package name, line)
    pub externals: Vec<(String, u32)>,
    /// Scan problems, so a warm run warns as a cold one does.
    pub problems: Vec<(u32, String)>,
}

#[derive(Debug, Default)]
pub struct Cache {
    /// The resolution context the cached edges belong to.
    pub context: u64,
    pub files: FxHashMap<String, Entry>,
}

impl Cache {
    /// Reads the cache; an absent, foreign or damaged file is an empty cache.
    pub fn load(root: &Path) -> Cache {
        std::fs::read(root.join(PATH))
            .ok()
            .and_then(|b| decode(&b))
            .unwrap_or_default()
    }

    /// The entry for `path` if its content is unchanged.
    pub fn get(&self, path: &str, hash: u64, len: u64) -> Option<&Entry> {
        self.files
            .get(path)
            .filter(|e| e.hash == hash && e.len == len)
    }

    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let path = root.join(PATH);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        techlead_core::atomic::write_atomic(&path, &encode(self))
    }
}

/// Builds the entry of a resolved file.
pub fn entry_of(file: &crate::walk::SourceFile, edges: &[&Edge], externals: &[&External]) -> Entry {
    Entry {
        hash: file.hash,
        len: file.len,
        package: file.scan.package.clone(),
        path_mods: file
            .scan
            .imports
            .iter()
            .filter_map(|i| Some((i.module.clone(), i.path_attr.clone()?)))
            .collect(),
        problems: file
            .scan
            .problems
            .iter()
            .map(|p| (p.line, p.message.clone()))
            .collect(),
        edges: edges
            .iter()
            .map(|e| (e.to.clone(), e.line, e.kind))
            .collect(),
        externals: externals.iter().map(|x| (x.name.clone(), x.line)).collect(),
    }
}

/// Turns a cached entry back into edges and externals from `from`.
pub fn expand(
    entry: &Entry,
    from: &Arc<str>,
    language: Language,
    intern: impl Fn(&str) -> Arc<str>,
) -> (Vec<Edge>, Vec<External>) {
    let edges = entry
        .edges
        .iter()
        .map(|(to, line, kind)| Edge {
            from: from.clone(),
            to: intern(to),
            line: *line,
            kind: *kind,
            language,
        })
        .collect();
    let externals = entry
        .externals
        .iter()
        .map(|(name, line)| External {
            from: from.clone(),
            line: *line,
            name: name.clone(),
            language,
        })
        .collect();
    (edges, externals)
}

fn encode(cache: &Cache) -> Vec<u8> {
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    w.u32(FORMAT);
    w.str(env!("CARGO_PKG_VERSION"));
    w.u64(cache.context);
    // Paths repeat across edges: one table, referenced by index.
    let mut table: FxHashMap<&str, u32> = FxHashMap::default();
    let mut strings: Vec<&str> = Vec::new();
    let mut files: Vec<(&String, &Entry)> = cache.files.iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    for (_, e) in &files {
        for (to, _, _) in &e.edges {
            let next = strings.len() as u32;
            table.entry(&**to).or_insert_with(|| {
                strings.push(to);
                next
            });
        }
    }
    w.u32(strings.len() as u32);
    for s in &strings {
        w.str(s);
    }
    w.u32(files.len() as u32);
    for (path, e) in files {
        w.str(path);
        w.u64(e.hash);
        w.u64(e.len);
        match &e.package {
            Some(p) => {
                w.u8(1);
                w.str(p);
            }
            None => w.u8(0),
        }
        w.u32(e.path_mods.len() as u32);
        for (m, p) in &e.path_mods {
            w.str(m);
            w.str(p);
        }
        w.u32(e.edges.len() as u32);
        for (to, line, kind) in &e.edges {
            w.u32(table[&**to]);
            w.u32(*line);
            w.u8(ImportKind::ALL.iter().position(|k| k == kind).unwrap_or(0) as u8);
        }
        w.u32(e.externals.len() as u32);
        for (name, line) in &e.externals {
            w.str(name);
            w.u32(*line);
        }
        w.u32(e.problems.len() as u32);
        for (line, message) in &e.problems {
            w.u32(*line);
            w.str(message);
        }
    }
    w.out
}

fn decode(b: &[u8]) -> Option<Cache> {
    let mut r = Reader { b, pos: 0 };
    if r.take(8)? != MAGIC || r.u32()? != FORMAT || r.str()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let context = r.u64()?;
    let n = r.u32()? as usize;
    let mut strings: Vec<Arc<str>> = Vec::with_capacity(n.min(b.len()));
    for _ in 0..n {
        strings.push(Arc::from(r.str()?));
    }
    let files_n = r.u32()? as usize;
    let mut files = FxHashMap::default();
    files.reserve(files_n.min(b.len()));
    for _ in 0..files_n {
        let path = r.str()?.to_string();
        let hash = r.u64()?;
        let len = r.u64()?;
        let package = match r.u8()? {
            0 => None,
            _ => Some(r.str()?.to_string()),
        };
        let mods = r.u32()? as usize;
        let mut path_mods = Vec::with_capacity(mods.min(b.len()));
        for _ in 0..mods {
            path_mods.push((r.str()?.to_string(), r.str()?.to_string()));
        }
        let edges_n = r.u32()? as usize;
        let mut edges = Vec::with_capacity(edges_n.min(b.len()));
        for _ in 0..edges_n {
            let to = strings.get(r.u32()? as usize)?.clone();
            let line = r.u32()?;
            let kind = *ImportKind::ALL.get(r.u8()? as usize)?;
            edges.push((to, line, kind));
        }
        let ext_n = r.u32()? as usize;
        let mut externals = Vec::with_capacity(ext_n.min(b.len()));
        for _ in 0..ext_n {
            externals.push((r.str()?.to_string(), r.u32()?));
        }
        let problems_n = r.u32()? as usize;
        let mut problems = Vec::with_capacity(problems_n.min(b.len()));
        for _ in 0..problems_n {
            problems.push((r.u32()?, r.str()?.to_string()));
        }
        files.insert(
            path,
            Entry {
                hash,
                len,
                package,
                path_mods,
                edges,
                externals,
                problems,
            },
        );
    }
    (r.pos == b.len()).then_some(Cache { context, files })
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.out.extend_from_slice(s.as_bytes());
    }
}

struct Reader<'b> {
    b: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let s = self.b.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<&'b str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let mut cache = Cache {
            context: 7,
            ..Cache::default()
        };
        cache.files.insert(
            "a.py".into(),
            Entry {
                hash: 1,
                len: 2,
                package: Some("p".into()),
                path_mods: vec![("m".into(), "x.rs".into())],
                edges: vec![(Arc::from("b.py"), 3, ImportKind::TypeChecking)],
                externals: vec![("requests".into(), 4)],
                problems: vec![(5, "unterminated string".into())],
            },
        );
        let bytes = encode(&cache);
        let back = decode(&bytes).unwrap();
        assert_eq!(back.context, 7);
        let e = back.get("a.py", 1, 2).unwrap();
        assert_eq!(&*e.edges[0].0, "b.py");
        assert_eq!(e.edges[0].2, ImportKind::TypeChecking);
        assert_eq!(e.externals, vec![("requests".to_string(), 4)]);
        assert_eq!(e.problems[0].0, 5);
        assert!(back.get("a.py", 1, 3).is_none());
        // Every truncation is rejected, never a panic.
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_none());
        }
    }
}
