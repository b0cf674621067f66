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
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(InputError::io(&rel_dir, &e)),
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| InputError::io(&rel_dir, &e))?;
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".md")
            && name != "readme.md"
            && name != "index.md"
            && !name.contains("template")
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
