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
    let Some(first) = starts.first() else {
        return (Vec::new(), Vec::new());
    };
    if techlead_core::source::mounted(first) {
        // A past commit's tree (`snapshot --backfill`).
        let mut found: (Vec<Found>, Vec<Skipped>) = Default::default();
        for start in starts {
            let files = techlead_project::mounted::files(start, Purpose::Code).unwrap_or_default();
            for f in files {
                match classify(root, exclude, &f) {
                    Some(Ok(x)) => found.0.push(x),
                    Some(Err(s)) => found.1.push(s),
                    None => {}
                }
            }
        }
        return finish(found);
    }
    // The project's one walker, with the skip list boundaries uses; a
    // start the user named is walked even if its own name is on the list.
    let starts: Vec<&Path> = starts.iter().map(|s| s.as_path()).collect();
    let mut builder = walk::walker_of(&starts, Purpose::Code);
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
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    classify(root, exclude, e.path())
                }
                Ok(_) => None,
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
    finish(found.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// The files sorted, each once, and the trouble sorted.
fn finish((mut files, mut trouble): (Vec<Found>, Vec<Skipped>)) -> (Vec<Found>, Vec<Skipped>) {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    trouble.sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
    (files, trouble)
}

/// A walk entry: a source file to measure, one that cannot be named, or
/// nothing (folders, other files, excluded files).
fn classify(root: &Path, exclude: &GlobSet, path: &Path) -> Option<Result<Found, Skipped>> {
    let lang = Language::from_path(path)?;
    let Some(rel) = walk::relative(root, path) else {
        return Some(Err(Skipped {
            path: techlead_core::paths::display_rel(root, path),
            reason: "the path is not UTF-8".into(),
        }));
    };
    (!exclude.is_match(&rel)).then(|| Ok((rel, path.to_path_buf(), lang)))
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

/// The average line length of a file no one writes by hand: over 200
/// bytes a line on average, in a file over 2 KB (hugo's
/// `renderkatex.bundle.js`: 262 lines of 1,167 on average).
fn minified(bytes: &[u8]) -> Option<usize> {
    if bytes.len() <= 2048 {
        return None;
    }
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    let average = bytes.len() / lines;
    (average > 200).then_some(average)
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
    if let Some(average) = minified(&bytes) {
        return Err(format!(
            "minified or bundled code (lines of {average} bytes on average)"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        format!("invalid UTF-8 on line {line}")
    })?;
    if let Some(line) = generated_header(&text) {
        return Err(format!("generated code (line {line} says so)"));
    }
    Ok(text)
}

/// The line of a generator's header in a comment of the file's first ten
/// lines. prometheus's goyacc parser and golex lexers, and babel's
/// `validators/generated/index.ts`, were among their least healthy files
/// under names no glob can know.
fn generated_header(text: &str) -> Option<usize> {
    text.lines().take(10).enumerate().find_map(|(i, l)| {
        let l = l.trim_start();
        let comment = ["//", "#", "/*", "*", "--", "<!--"]
            .iter()
            .any(|c| l.starts_with(c));
        (comment && says_generated(&l.to_lowercase())).then_some(i + 1)
    })
}

/// Whether a comment line (lower case) is a generator's header: Go's
/// `// Code generated by goyacc ... DO NOT EDIT.`, the `@generated` token
/// (Meta), "this file is (auto-)generated" (babel's `This file is
/// auto-generated! Do not modify it directly.`), or "do not edit" beside
/// "generated" (protoc's `Generated by the protocol buffer compiler.  DO
/// NOT EDIT!`). A hand-written header that only asks not to edit or
/// modify something (`do not modify the order of INSTALLED_APPS`), or
/// speaks of code a tool generates, is not one.
fn says_generated(l: &str) -> bool {
    let do_not = l.contains("do not edit") || l.contains("do not modify");
    let token = |w: &str| {
        l.match_indices(w).any(|(at, _)| {
            let before = l[..at].chars().next_back();
            let after = l[at + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric())
                && !after.is_some_and(|c| c.is_alphanumeric())
        })
    };
    let this_file = ["file is ", "file was "].iter().any(|p| {
        l.match_indices(p).any(|(at, _)| {
            let rest = &l[at + p.len()..];
            let rest = ["auto-", "automatically ", "auto"]
                .iter()
                .find_map(|a| rest.strip_prefix(a))
                .unwrap_or(rest);
            rest.starts_with("generated")
        })
    });
    (l.contains("code generated") && l.contains("do not edit"))
        || token("@generated")
        || this_file
        || (do_not && token("generated"))
}

#[cfg(test)]
mod minified_tests {
    #[test]
    fn generator_headers_and_not_hand_written_ones() {
        for l in [
            "// Code generated by goyacc -l -o parser.y.go parser.y. DO NOT EDIT.",
            " * @generated SignedSource<<abc>>",
            " * This file is auto-generated! Do not modify it directly.",
            "// This file was automatically generated by gen.py",
            "# Generated by the protocol buffer compiler.  DO NOT EDIT!",
        ] {
            assert!(super::says_generated(&l.to_lowercase()), "{l}");
        }
        for l in [
            "// This program generates tables.go; do not edit tables.go by hand.",
            "// Package protoimpl: helpers for code generated by protoc-gen-go.",
            "# Settings. Do not modify the order of INSTALLED_APPS.",
            " * Please do not modify this header.",
            "// Run go generate after editing; the output file says DO NOT EDIT.",
            "// See @generatedFiles in the config.",
        ] {
            assert!(!super::says_generated(&l.to_lowercase()), "{l}");
        }
    }

    #[test]
    fn long_average_lines_are_minified_short_files_and_code_are_not() {
        let bundle = format!("{}\n", "var a=1;".repeat(40)).repeat(20);
        assert_eq!(super::minified(bundle.as_bytes()), Some(305));
        let code = "def f(x):\n    return x\n".repeat(200);
        assert_eq!(super::minified(code.as_bytes()), None);
        // One long line in a small file: a constant, not a bundle.
        assert_eq!(super::minified("x = \"".repeat(300).as_bytes()), None);
    }
}
