//! Finding and scanning the source files: .gitignore respected, excludes
//! applied, every file read and scanned in parallel. Files that cannot be
//! scanned become warnings and the run goes on.

use crate::Warning;
use crate::cache::{self, Cache};
use globset::GlobSet;
use std::path::Path;
use std::sync::Mutex;
use techlead_lang::{Language, Scan};

/// Files larger than this are skipped with a warning: generated bundles
/// and data files, not code anyone maintains by hand.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A scanned source file.
#[derive(Debug)]
pub struct SourceFile {
    /// Relative to the project root, `/` separators.
    pub path: String,
    pub language: Language,
    /// For a file found in the cache, only what other files' resolution
    /// needs: the package and Rust `#[path]` modules.
    pub scan: Scan,
    pub hash: u64,
    pub len: u64,
    /// The cache has this content: its edges can be reused.
    pub cached: bool,
    /// Rust: line ranges of test-only code (the scan's `test_lines`).
    pub test_lines: Vec<(u32, u32)>,
    /// Inline suppression comments.
    pub suppressions: Vec<crate::suppress::Suppression>,
}

/// Every file path under `root` that the walk sees, plus the scanned
/// source files. Manifests (Cargo.toml, package.json, go.mod, tsconfig)
/// are listed so that resolvers can find them without a second walk.
pub struct Walked {
    pub files: Vec<SourceFile>,
    pub manifests: Vec<String>,
    pub warnings: Vec<Warning>,
}

const MANIFESTS: &[&str] = &[
    "Cargo.toml",
    "package.json",
    "go.mod",
    "tsconfig.json",
    "jsconfig.json",
];

pub fn walk(
    root: &Path,
    exclude: &GlobSet,
    cache: Option<&Cache>,
    progress: &dyn crate::Progress,
) -> Walked {
    // One parallel walk that also reads and scans each file as it is
    // found: walking, reading and scanning overlap on every core.
    let found: Mutex<Vec<Found>> = Mutex::new(Vec::new());
    let purpose = techlead_project::walk::Purpose::Code;
    if let Some(files) = techlead_project::mounted::files(root, purpose) {
        // A past commit's tree (`snapshot --backfill`): listed, then read
        // and scanned in parallel.
        use rayon::prelude::*;
        let items: Vec<Found> = files
            .par_iter()
            .filter_map(|p| classify(root, exclude, p, cache, progress))
            .collect();
        *found.lock().unwrap_or_else(|e| e.into_inner()) = items;
        return sorted(found);
    }
    // The project's one walker (techlead-project): .gitignore honoured,
    // installed packages and virtual environments skipped.
    let walker = techlead_project::walk::walker(root, purpose)
        .threads(rayon::current_num_threads())
        .build_parallel();
    walker.run(|| {
        let found = &found;
        Box::new(move |entry| {
            let item = match entry {
                Err(e) => Some(Found::Trouble(Warning {
                    path: String::new(),
                    line: None,
                    message: e.to_string(),
                })),
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    classify(root, exclude, entry.path(), cache, progress)
                }
                Ok(_) => None,
            };
            if let Some(item) = item {
                found.lock().unwrap_or_else(|e| e.into_inner()).push(item);
            }
            ignore::WalkState::Continue
        })
    });
    sorted(found)
}

/// The walk's finds in path order.
fn sorted(found: Mutex<Vec<Found>>) -> Walked {
    let mut manifests = Vec::new();
    let mut results = Vec::new();
    let mut warnings = Vec::new();
    for item in found.into_inner().unwrap_or_else(|e| e.into_inner()) {
        match item {
            Found::Manifest(m) => manifests.push(m),
            Found::Source(r) => results.push(r),
            Found::Trouble(w) => warnings.push(w),
        }
    }
    manifests.sort();
    let key = |r: &Result<SourceFile, Warning>| match r {
        Ok(f) => f.path.clone(),
        Err(w) => w.path.clone(),
    };
    results.sort_by_cached_key(key);
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => {
                for p in &f.scan.problems {
                    warnings.push(Warning {
                        path: f.path.clone(),
                        line: Some(p.line),
                        message: format!("{}; imports after it may be missed", p.message),
                    });
                }
                files.push(f);
            }
            Err(w) => warnings.push(w),
        }
    }
    Walked {
        files,
        manifests,
        warnings,
    }
}

enum Found {
    Manifest(String),
    Source(Result<SourceFile, Warning>),
    Trouble(Warning),
}

/// One walk entry: a manifest to list, a source file read and scanned, or
/// nothing (folders, excluded and other files).
fn classify(
    root: &Path,
    exclude: &GlobSet,
    path: &Path,
    cache: Option<&Cache>,
    progress: &dyn crate::Progress,
) -> Option<Found> {
    let rel = techlead_project::walk::relative(root, path)?;
    if exclude.is_match(&rel) {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    if MANIFESTS.contains(&name) {
        return Some(Found::Manifest(rel));
    }
    let lang = Language::from_path(path)?;
    let done = read_and_scan(rel, path, lang, cache, cache.is_some());
    progress.tick();
    Some(Found::Source(done))
}

pub fn read_and_scan(
    rel: String,
    abs: &Path,
    language: Language,
    cache: Option<&Cache>,
    want_hash: bool,
) -> Result<SourceFile, Warning> {
    let warn = |line: Option<u32>, message: String| Warning {
        path: rel.clone(),
        line,
        message,
    };
    // A regular file only (a FIFO or a device named like a source would
    // hang or fill memory), its size checked before it is read and the
    // read capped, through the kernel's one read path.
    let mut bytes = Vec::new();
    let (n, _) = techlead_core::read::regular_file_into(abs, MAX_FILE_BYTES, &mut bytes).map_err(
        |e| match e.kind() {
            std::io::ErrorKind::FileTooLarge => warn(
                None,
                format!(
                    "skipped: {} bytes is over the {} MiB limit for source files",
                    techlead_core::source::len(abs).unwrap_or(0),
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            ),
            _ => warn(None, e.to_string()),
        },
    )?;
    bytes.truncate(n);
    let len = bytes.len() as u64;
    // Hashing is only for the cache; without one it is wasted work.
    let hash = if want_hash {
        cache::content_hash(&bytes)
    } else {
        0
    };
    if let Some(entry) = cache.and_then(|c| c.get(&rel, hash, len)) {
        return Ok(SourceFile {
            path: rel,
            language,
            scan: stub_scan(entry),
            hash,
            len,
            cached: true,
            test_lines: entry.test_lines.clone(),
            suppressions: entry.suppressions.clone(),
        });
    }
    if let Some(pos) = memchr_nul(&bytes) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        return Err(warn(Some(line), "skipped: binary file (NUL byte)".into()));
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32
                + 1;
            return Err(warn(Some(line), "skipped: invalid UTF-8".into()));
        }
    };
    let scan = techlead_lang::scan(language, text);
    Ok(SourceFile {
        path: rel,
        language,
        test_lines: scan.test_lines.clone(),
        suppressions: crate::suppress::find(language, text),
        scan,
        hash,
        len,
        cached: false,
    })
}

/// The scan facts a cached file contributes to resolving other files.
fn stub_scan(entry: &cache::Entry) -> Scan {
    Scan {
        package: entry.package.clone(),
        imports: entry
            .path_mods
            .iter()
            .map(|(module, attr)| techlead_lang::Import {
                module: module.clone(),
                names: Vec::new(),
                line: 1,
                kind: techlead_lang::ImportKind::ModDecl,
                path_attr: Some(attr.clone()),
            })
            .collect(),
        problems: entry
            .problems
            .iter()
            .map(|(line, message)| techlead_lang::Problem {
                line: *line,
                message: message.clone(),
            })
            .collect(),
        ..Scan::default()
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}
