//! A folder of markdown records (technologies, debt items, goals): which
//! files are records, and reading one as text. Every such context reads
//! its folder the same way, so a README or a template beside the records
//! is never taken for one.

use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::paths::display_rel;

/// Every `*.md` file in `dir` (README.md, index.md and templates
/// excepted), sorted by name. A folder that does not exist holds none.
pub fn files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let rel_dir = display_rel(root, dir);
    let is_record = |name: &str| {
        let name = name.to_ascii_lowercase();
        name.ends_with(".md")
            && name != "readme.md"
            && name != "index.md"
            && !name.contains("template")
    };
    if techlead_core::source::mounted(dir) {
        // A commit's tree mounted for a backfill.
        return Ok(techlead_core::source::read_dir(dir)
            .unwrap_or_default()
            .into_iter()
            .filter(|(n, k)| *k == techlead_core::source::Kind::File && is_record(n))
            .map(|(n, _)| dir.join(n))
            .collect());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(InputError::io(&rel_dir, &e)),
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| InputError::io(&rel_dir, &e))?;
        if is_record(&entry.file_name().to_string_lossy())
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            paths.push(entry.path());
        }
    }
    paths.sort();
    Ok(paths)
}

/// A record's text: a regular file within the record size limit, in
/// UTF-8 (else an input error at the line of the first bad byte). `rel`
/// names the file in messages.
pub fn read_text(rel: &str, path: &Path) -> Result<String, InputError> {
    let bytes = techlead_core::read::regular_file(path, techlead_core::read::RECORD_LIMIT)
        .map_err(|e| InputError::io(rel, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        InputError::in_file(rel, "invalid UTF-8").at(line, None)
    })
}

/// A file name for a title: lowercase words joined by `-`, at most about
/// 60 characters; `fallback` when the title has no letter or digit.
pub fn slug(title: &str, fallback: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
        if s.len() >= 60 {
            break;
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { fallback.into() } else { s }
}

/// Far above any real race.
const ATTEMPTS: u32 = 10_000;

/// Creates `NNNN-{slug}.md` holding `text` in `dir` under the first number
/// after `taken` that no file of the folder holds (another process may
/// take one meanwhile: creation is exclusive, and the next is tried), and
/// returns its path. `what` names the record in the error.
pub fn create_numbered(
    dir: &Path,
    taken: &[u32],
    slug: &str,
    text: &str,
    what: &str,
) -> Result<PathBuf, InputError> {
    let mut n = taken.iter().max().map_or(1, |m| m + 1);
    for _ in 0..ATTEMPTS {
        if number_taken(dir, n).map_err(|e| InputError::io(dir, &e))? {
            n += 1;
            continue;
        }
        let path = dir.join(format!("{n:04}-{slug}.md"));
        match techlead_core::atomic::create_new_atomic(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(InputError::io_write(dir, &e)),
        }
    }
    Err(InputError::in_file(
        dir,
        format!("could not find a free number for the new {what}"),
    ))
}

/// Whether a record file `NNNN-*.md` with number `n` exists.
fn number_taken(dir: &Path, n: u32) -> std::io::Result<bool> {
    for e in std::fs::read_dir(dir)? {
        let name = e?.file_name();
        let name = name.to_string_lossy();
        let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && digits.parse::<u32>().ok() == Some(n) && name.ends_with(".md") {
            return Ok(true);
        }
    }
    Ok(false)
}
