//! Finding the source files under the requested paths (.gitignore
//! respected, installed packages and build output left out) and reading,
//! scanning and scoring each, in parallel. Files that cannot be read are
//! skipped with the reason, never a failure of the run.

use crate::score::{self, Thresholds};
use crate::{FileHealth, FunctionHealth, Skipped};
use globset::GlobSet;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use techlead_core::check::Progress;
use techlead_lang::Language;

/// Files larger than this are skipped: generated bundles and data, not
/// code anyone maintains by hand (the boundaries scan uses the same limit).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Folders never walked into, whatever .gitignore says: installed
/// packages, virtual environments and build output are not the team's
/// code. Hidden folders (`.git`, `.venv`, ...) are skipped too.
pub const SKIP_DIRS: &[&str] = &["node_modules", ".venv", "venv", "target", ".git"];

/// A source file found: its root-relative `/` path, where it is, and its
/// language.
pub type Found = (String, PathBuf, Language);

/// The source files under `starts` (folders or files, absolute), sorted,
/// each once; and what could not be walked or named (a folder that cannot
/// be read, a file name that is not UTF-8).
pub fn find(root: &Path, starts: &[PathBuf], exclude: &GlobSet) -> (Vec<Found>, Vec<Skipped>) {
    let Some((first, rest)) = starts.split_first() else {
        return (Vec::new(), Vec::new());
    };
    let mut builder = ignore::WalkBuilder::new(first);
    for s in rest {
        builder.add(s);
    }
    builder
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .threads(rayon::current_num_threads())
        .filter_entry(|e| {
            // A start the user named is walked even if it is a skipped
            // name; only folders found below it are left out.
            e.depth() == 0
                || !e.file_type().is_some_and(|t| t.is_dir())
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(|n| SKIP_DIRS.contains(&n))
        });
    let found: Mutex<(Vec<Found>, Vec<Skipped>)> = Mutex::new(Default::default());
    builder.build_parallel().run(|| {
        let found = &found;
        Box::new(move |entry| {
            let item = match entry {
                Err(e) => Some(Err(Skipped {
                    path: String::new(),
                    reason: e.to_string(),
                })),
                Ok(e) => classify(root, exclude, e),
            };
            if let Some(item) = item {
                let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
                match item {
                    Ok(f) => found.0.push(f),
                    Err(s) => found.1.push(s),
                }
            }
            ignore::WalkState::Continue
        })
    });
    let (mut files, mut trouble) = found.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    trouble.sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
    (files, trouble)
}

/// A walk entry: a source file to measure, one that cannot be named, or
/// nothing (folders, other files, excluded files).
fn classify(root: &Path, exclude: &GlobSet, e: ignore::DirEntry) -> Option<Result<Found, Skipped>> {
    if !e.file_type().is_some_and(|t| t.is_file()) {
        return None;
    }
    let lang = Language::from_path(e.path())?;
    let Some(rel) = relative(root, e.path()) else {
        return Some(Err(Skipped {
            path: techlead_core::paths::display_rel(root, e.path()),
            reason: "the path is not UTF-8".into(),
        }));
    };
    (!exclude.is_match(&rel)).then(|| Ok((rel, e.into_path(), lang)))
}

/// Reads, scans and scores every file, in parallel, in the order given.
pub fn measure(
    files: Vec<Found>,
    thresholds: &Thresholds,
    progress: &dyn Progress,
) -> Vec<Result<FileHealth, Skipped>> {
    files
        .into_par_iter()
        .map(|(rel, abs, lang)| {
            let r = read(&abs).map(|text| of_text(rel.clone(), lang, &text, thresholds));
            progress.tick();
            r.map_err(|reason| Skipped { path: rel, reason })
        })
        .collect()
}

/// One file's health from its text.
pub fn of_text(path: String, language: Language, text: &str, t: &Thresholds) -> FileHealth {
    let scan = techlead_lang::scan(language, text);
    let loc = scan.code_lines;
    let functions: Vec<FunctionHealth> = scan
        .functions
        .into_iter()
        .map(|f| FunctionHealth {
            penalty: score::function_penalty(&f, t),
            function: f,
        })
        .collect();
    let penalty =
        functions.iter().map(|f| f.penalty.total()).sum::<f64>() + score::size_penalty(loc, t);
    FileHealth {
        path,
        language,
        loc,
        complexity: scan.complexity,
        functions,
        penalty,
        health: score::health(penalty),
    }
}

/// The text of a source file, or why it is skipped.
fn read(abs: &Path) -> Result<String, String> {
    // The size from the open file, before reading: a 2 GB dump is not
    // read only to be refused.
    let mut file = std::fs::File::open(abs).map_err(|e| e.to_string())?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "{len} bytes is over the {} MiB limit for source files",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| e.to_string())?;
    if bytes.contains(&0) {
        return Err("binary file (NUL byte)".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        format!("invalid UTF-8 on line {line}")
    })
}

/// `root`-relative path with `/` separators; None outside the root or for
/// names that are not UTF-8.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut s = String::new();
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            s.push('/');
        }
        s.push_str(c.as_os_str().to_str()?);
    }
    Some(s)
}
