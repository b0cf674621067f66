//! Finding the source files under the requested paths with the project
//! kernel's walker (.gitignore respected, installed packages left out, as
//! for boundaries) and reading, scanning and scoring each, in parallel.
//! Files that cannot be read are skipped with the reason, never a failure
//! of the run.

use crate::memo::Memo;
use crate::score::Thresholds;
use crate::{FileHealth, Skipped};
use globset::GlobSet;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use techlead_core::check::Progress;
use techlead_core::read::SOURCE_LIMIT;
use techlead_lang::Language;
use techlead_project::walk::{self, Purpose};

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
    // The project's one walker, with the skip list boundaries uses; a
    // start the user named is walked even if its own name is on the list.
    let mut builder = walk::walker(first, Purpose::Code);
    for s in rest {
        builder.add(s);
    }
    builder.threads(rayon::current_num_threads());
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
    let Some(rel) = walk::relative(root, e.path()) else {
        return Some(Err(Skipped {
            path: techlead_core::paths::display_rel(root, e.path()),
            reason: "the path is not UTF-8".into(),
        }));
    };
    (!exclude.is_match(&rel)).then(|| Ok((rel, e.into_path(), lang)))
}

/// Reads, scans and scores every file, in parallel, in the order given;
/// a file `memo` already scanned with this content is not scanned again.
pub fn measure(
    files: Vec<Found>,
    thresholds: &Thresholds,
    progress: &dyn Progress,
    memo: &Memo,
) -> Vec<Result<FileHealth, Skipped>> {
    files
        .into_par_iter()
        .map(|(rel, abs, lang)| {
            let r = read(&abs).map(|text| {
                let measured = memo.measure(&rel, lang, &text);
                measured.file_health(rel.clone(), lang, thresholds)
            });
            progress.tick();
            r.map_err(|reason| Skipped { path: rel, reason })
        })
        .collect()
}

/// The text of a source file, or why it is skipped. Read through the
/// kernel's one read path: a regular file only (a FIFO named like a source
/// would hang the run), at most [`SOURCE_LIMIT`] bytes (generated bundles
/// and data, not code anyone maintains by hand), checked before and while
/// reading.
fn read(abs: &Path) -> Result<String, String> {
    let bytes = techlead_core::read::regular_file(abs, SOURCE_LIMIT).map_err(|e| e.to_string())?;
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
