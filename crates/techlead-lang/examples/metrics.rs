//! Per-function measures of every source file under the given paths, one
//! JSON object a line: `file`, `name`, `line`, `end_line`, `complexity`,
//! `nloc`, `params`, `nesting`. The files, bytes and time go to stderr.
//! Used by bench/health_agreement.py to compare with lizard.
//!
//!     cargo run --release -p techlead-lang --example metrics -- TREE > out.jsonl
//!
//! File paths are printed relative to the argument they were found under.
//! Folders named `.git` and `node_modules` are skipped; so are files that
//! are not UTF-8.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use techlead_lang::{Language, scan};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            let name = e.file_name();
            if name != ".git" && name != "node_modules" {
                walk(&path, out);
            }
        } else if kind.is_file() && Language::from_path(&path).is_some() {
            out.push(path);
        }
    }
}

fn main() {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        eprintln!("usage: metrics PATH...");
        std::process::exit(2);
    }
    let mut files = Vec::new();
    for root in &roots {
        if root.is_file() {
            files.push((root.clone(), root.clone()));
            continue;
        }
        let mut found = Vec::new();
        walk(root, &mut found);
        files.extend(found.into_iter().map(|f| (root.clone(), f)));
    }
    // Read everything first: the timing is the scanners', not the disk's.
    let texts: Vec<(String, Language, String)> = files
        .iter()
        .filter_map(|(root, f)| {
            let text = std::fs::read_to_string(f).ok()?;
            let rel = f
                .strip_prefix(root)
                .unwrap_or(f)
                .to_string_lossy()
                .into_owned();
            let rel = if rel.is_empty() {
                f.to_string_lossy().into_owned()
            } else {
                rel
            };
            Some((rel, Language::from_path(f)?, text))
        })
        .collect();
    let bytes: usize = texts.iter().map(|(_, _, t)| t.len()).sum();
    let start = Instant::now();
    let scans: Vec<_> = texts
        .iter()
        .map(|(_, lang, text)| scan(*lang, text))
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut functions = 0usize;
    for ((file, _, _), s) in texts.iter().zip(&scans) {
        for f in &s.functions {
            functions += 1;
            let row = serde_json::json!({
                "file": file,
                "name": f.name,
                "line": f.start_line,
                "end_line": f.end_line,
                "complexity": f.complexity,
                "nloc": f.nloc,
                "params": f.params,
                "nesting": f.nesting,
            });
            if writeln!(out, "{row}").is_err() {
                return;
            }
        }
    }
    let _ = out.flush();
    eprintln!(
        "{} files, {:.2} MB, {} functions, scanned in {:.3} s: {:.0} files/s, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        functions,
        secs,
        texts.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
