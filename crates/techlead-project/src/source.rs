//! The walker's skip list applied to a list of tracked paths (a commit's
//! tree read from git objects, which has no folders to walk): installed
//! packages ([`crate::walk::INSTALLED`]) and Python virtual environments
//! are never the project's files, committed or not.

use crate::walk::Purpose;

/// Does the skip list leave this tracked path out? Any folder on its way
/// that is an installed-packages folder, or a virtual environment (a
/// folder whose tracked files include `pyvenv.cfg`, as `venvs` lists).
pub fn skipped(path: &str, venvs: &[&str]) -> bool {
    let folders = path.split('/').rev().skip(1);
    if folders.into_iter().any(|f| Purpose::Code.skips_name(f)) {
        return true;
    }
    venvs
        .iter()
        .any(|v| path.strip_prefix(v).is_some_and(|r| r.starts_with('/')))
}

/// The folders of a list of tracked files that are Python virtual
/// environments (they hold a `pyvenv.cfg`, PEP 405).
pub fn virtualenvs(files: &[String]) -> Vec<&str> {
    files
        .iter()
        .filter_map(|f| f.strip_suffix("/pyvenv.cfg"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skip_list_on_tracked_paths() {
        let files: Vec<String> = [
            "a.py",
            "env/lib/site.py",
            "env/pyvenv.cfg",
            "environment.py",
            "node_modules/x/package.json",
            "src/.venv/y.py",
            "vendor/x/go.mod",
        ]
        .map(String::from)
        .to_vec();
        let venvs = virtualenvs(&files);
        assert_eq!(venvs, ["env"]);
        let kept: Vec<&str> = files
            .iter()
            .map(String::as_str)
            .filter(|f| !skipped(f, &venvs))
            .collect();
        assert_eq!(kept, ["a.py", "environment.py", "vendor/x/go.mod"]);
    }
}
