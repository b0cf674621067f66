//! The incremental cache, `.techlead/cache/boundaries.bin`: per file, its
//! content hash and what resolving it gave (edges and external packages),
//! plus the facts other files' resolution needs from it (a Java or Go
//! package, Rust `#[path]` modules), and what the rules need from its text
//! (inline suppressions, `#[cfg(test)]` module declarations).
//!
//! Keys are content hashes, not modification times, so the cache stays
//! valid in CI where every checkout has fresh mtimes. Cached edges are used
//! only when the resolution context is unchanged: the same set of source
//! files, the same manifests (Cargo.toml, package.json, tsconfig, go.mod)
//! and the same settings. Otherwise every file is resolved again.
//!
//! The format is private and versioned: a file from another techlead
//! build (see `techlead_core::cache::build_id`), or one that does not
//! decode, is ignored and rewritten.

use crate::resolve::{Edge, External};
use crate::suppress::Suppression;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;
use techlead_core::cache::{Reader, Writer};
use techlead_lang::{ImportKind, Language};

const NAME: &str = "boundaries.bin";
const MAGIC: &[u8; 8] = b"TLBCACHE";
/// 2: suppressions and `#[cfg(test)]` declarations per file.
/// 3: test-only line ranges (inline `#[cfg(test)]` modules) per file.
const FORMAT: u32 = 3;

/// A stable 64-bit hash of file content (the kernel's, shared with the
/// other caches keyed by content).
pub use techlead_core::cache::content_hash;

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
    /// Line ranges of test-only code (Rust).
    pub test_lines: Vec<(u32, u32)>,
    pub suppressions: Vec<Suppression>,
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
        techlead_core::cache::load(root, NAME)
            .and_then(|b| decode(&b))
            .unwrap_or_default()
    }

    /// The entry for `path` if its content is unchanged.
    pub fn get(&self, path: &str, hash: u64, len: u64) -> Option<&Entry> {
        self.files
            .get(path)
            .filter(|e| e.hash == hash && e.len == len)
    }

    /// The cache file to write once the command has succeeded (see
    /// [`techlead_core::cache::save`]).
    pub fn pending(root: &Path, bytes: Vec<u8>) -> techlead_core::cache::Pending {
        techlead_core::cache::Pending::new(root, NAME, bytes)
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
            test: false,
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

/// One file's record, as `encode` writes it.
struct FileRecord<'a, E, X, P>
where
    E: Iterator<Item = (&'a Arc<str>, u32, ImportKind)>,
    X: Iterator<Item = (&'a str, u32)>,
    P: Iterator<Item = (u32, &'a str)>,
{
    path: &'a str,
    hash: u64,
    len: u64,
    package: Option<&'a str>,
    path_mods: Vec<(&'a str, &'a str)>,
    edges: E,
    externals: X,
    problems: P,
    test_lines: &'a [(u32, u32)],
    suppressions: &'a [Suppression],
}

/// Writes the header, then the target table, then each file. Targets are
/// interned `Arc`s shared by every edge to the same file, so the table is
/// keyed by pointer: no string is hashed per edge.
struct Encoder<'a> {
    w: Writer,
    table: FxHashMap<*const u8, u32>,
    strings: Vec<&'a str>,
    body: Writer,
    files: u32,
}

impl<'a> Encoder<'a> {
    fn new() -> Self {
        Encoder {
            w: Writer::default(),
            table: FxHashMap::default(),
            strings: Vec::new(),
            body: Writer::default(),
            files: 0,
        }
    }

    fn file<E, X, P>(&mut self, r: FileRecord<'a, E, X, P>)
    where
        E: Iterator<Item = (&'a Arc<str>, u32, ImportKind)>,
        X: Iterator<Item = (&'a str, u32)>,
        P: Iterator<Item = (u32, &'a str)>,
    {
        self.files += 1;
        let b = &mut self.body;
        b.str(r.path);
        b.u64(r.hash);
        b.u64(r.len);
        match r.package {
            Some(p) => {
                b.u8(1);
                b.str(p);
            }
            None => b.u8(0),
        }
        b.u32(r.path_mods.len() as u32);
        for (m, p) in &r.path_mods {
            b.str(m);
            b.str(p);
        }
        let edges: Vec<_> = r.edges.collect();
        b.u32(edges.len() as u32);
        for (to, line, kind) in edges {
            let next = self.strings.len() as u32;
            let id = *self.table.entry(to.as_ptr()).or_insert_with(|| {
                self.strings.push(to);
                next
            });
            b.u32(id);
            b.u32(line);
            b.u8(ImportKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8);
        }
        let externals: Vec<_> = r.externals.collect();
        b.u32(externals.len() as u32);
        for (name, line) in externals {
            b.str(name);
            b.u32(line);
        }
        let problems: Vec<_> = r.problems.collect();
        b.u32(problems.len() as u32);
        for (line, message) in problems {
            b.u32(line);
            b.str(message);
        }
        b.u32(r.test_lines.len() as u32);
        for &(first, last) in r.test_lines {
            b.u32(first);
            b.u32(last);
        }
        b.u32(r.suppressions.len() as u32);
        for s in r.suppressions {
            b.u32(s.line);
            b.u32(s.first);
            b.u32(s.last);
            b.u32(s.rules.len() as u32);
            for rule in &s.rules {
                b.str(rule);
            }
            b.opt_str(s.reason.as_deref());
            b.u8(s.tach as u8);
            b.opt_str(s.problem.as_deref());
        }
    }

    fn finish(mut self, context: u64) -> Vec<u8> {
        let w = &mut self.w;
        w.out.extend_from_slice(MAGIC);
        w.u32(FORMAT);
        w.str(techlead_core::cache::build_id());
        w.u64(context);
        w.u32(self.strings.len() as u32);
        for s in &self.strings {
            w.str(s);
        }
        w.u32(self.files);
        w.out.extend_from_slice(&self.body.out);
        self.w.out
    }
}

/// The cache file for a finished analysis, written straight from the
/// walk and the resolved edges (both in file order).
pub fn encode_analysis(
    context: u64,
    files: &[crate::walk::SourceFile],
    edges: &[Edge],
    externals: &[External],
) -> Vec<u8> {
    let mut enc = Encoder::new();
    let (mut e, mut x) = (0, 0);
    for f in files {
        // Edges and externals are sorted by `from`, in the files' order.
        let e_start = e;
        while e < edges.len() && *edges[e].from == *f.path {
            e += 1;
        }
        let x_start = x;
        while x < externals.len() && *externals[x].from == *f.path {
            x += 1;
        }
        enc.file(FileRecord {
            path: &f.path,
            hash: f.hash,
            len: f.len,
            package: f.scan.package.as_deref(),
            path_mods: f
                .scan
                .imports
                .iter()
                .filter_map(|i| Some((i.module.as_str(), i.path_attr.as_deref()?)))
                .collect(),
            edges: edges[e_start..e].iter().map(|d| (&d.to, d.line, d.kind)),
            externals: externals[x_start..x]
                .iter()
                .map(|d| (d.name.as_str(), d.line)),
            problems: f.scan.problems.iter().map(|p| (p.line, p.message.as_str())),
            test_lines: &f.test_lines,
            suppressions: &f.suppressions,
        });
    }
    enc.finish(context)
}

#[cfg(test)]
fn encode(cache: &Cache) -> Vec<u8> {
    let mut enc = Encoder::new();
    let mut files: Vec<(&String, &Entry)> = cache.files.iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    for (path, e) in files {
        enc.file(FileRecord {
            path,
            hash: e.hash,
            len: e.len,
            package: e.package.as_deref(),
            path_mods: e
                .path_mods
                .iter()
                .map(|(m, p)| (m.as_str(), p.as_str()))
                .collect(),
            edges: e.edges.iter().map(|(to, line, kind)| (to, *line, *kind)),
            externals: e.externals.iter().map(|(n, l)| (n.as_str(), *l)),
            problems: e.problems.iter().map(|(l, m)| (*l, m.as_str())),
            test_lines: &e.test_lines,
            suppressions: &e.suppressions,
        });
    }
    enc.finish(cache.context)
}

fn decode(b: &[u8]) -> Option<Cache> {
    let mut r = Reader::new(b);
    if r.take(8)? != MAGIC || r.u32()? != FORMAT || r.str()? != techlead_core::cache::build_id() {
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
        let test_n = r.u32()? as usize;
        let mut test_lines = Vec::with_capacity(test_n.min(b.len()));
        for _ in 0..test_n {
            test_lines.push((r.u32()?, r.u32()?));
        }
        let sup_n = r.u32()? as usize;
        let mut suppressions = Vec::with_capacity(sup_n.min(b.len()));
        for _ in 0..sup_n {
            suppressions.push(suppression(&mut r)?);
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
                test_lines,
                suppressions,
            },
        );
    }
    r.at_end().then_some(Cache { context, files })
}

fn suppression(r: &mut Reader) -> Option<Suppression> {
    let (line, first, last) = (r.u32()?, r.u32()?, r.u32()?);
    let n = r.u32()? as usize;
    let mut rules = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        rules.push(r.str()?.to_string());
    }
    Some(Suppression {
        line,
        first,
        last,
        rules,
        reason: r.opt_str()?.map(str::to_string),
        tach: r.u8()? != 0,
        problem: r.opt_str()?.map(str::to_string),
    })
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
                test_lines: vec![(6, 10)],
                suppressions: vec![Suppression {
                    line: 7,
                    first: 8,
                    last: 9,
                    rules: vec!["boundaries/cycle".into()],
                    reason: Some("see ADR 12".into()),
                    tach: false,
                    problem: None,
                }],
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
        assert_eq!(e.test_lines, [(6, 10)]);
        assert_eq!(e.suppressions[0].reason.as_deref(), Some("see ADR 12"));
        assert_eq!(e.suppressions[0].rules, ["boundaries/cycle"]);
        assert!(back.get("a.py", 1, 3).is_none());
        // Every truncation is rejected, never a panic.
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_none());
        }
    }
}
