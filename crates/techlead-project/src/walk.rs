//! The one project walker. Both contexts that read the working tree use
//! it, so that they agree on what is the project and what is not:
//!
//! - `.gitignore`, `.git/info/exclude` and `.ignore` files are honoured
//!   (not the user's global git excludes: the result must not depend on
//!   who runs it, and at a repository's top no ignore file above it is
//!   read), hidden files and folders are skipped, links are not followed;
//! - [`INSTALLED`] folders (`node_modules`, `.venv`, `venv`) and any folder
//!   that holds a `pyvenv.cfg` (a Python virtual environment by whatever
//!   name) are skipped for every purpose: installed packages are other
//!   projects' code and manifests, even where `.gitignore` forgets them;
//! - for [`Purpose::Manifests`] (the dependency inventory) [`VENDORED`]
//!   folders (`vendor`, `target`) are skipped too: vendored copies and
//!   build output hold other projects' lockfiles. They stay in for
//!   [`Purpose::Code`] (boundaries): vendored code is code the team ships
//!   and can leave out with `[boundaries] exclude`, and Rust's `target` is
//!   gitignored by `cargo new`.
//!
//! History mining does not walk the working tree: it reads git history and
//! keeps its own exclude list of lock and generated files (techlead-history
//! `DEFAULT_EXCLUDES`).

use std::path::Path;

/// Installed third-party packages: never the project's own.
pub const INSTALLED: &[&str] = &["node_modules", ".venv", "venv"];

/// Vendored copies and build output: left out of the manifest walk.
pub const VENDORED: &[&str] = &["vendor", "target"];

/// What a walk is for; each purpose has its skip list (see the module
/// documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Source files, for import analysis: skips [`INSTALLED`] and
    /// virtual environments.
    Code,
    /// Manifests and lockfiles, for the dependency inventory: skips
    /// [`INSTALLED`], [`VENDORED`] and virtual environments.
    Manifests,
}

impl Purpose {
    /// Does the walk skip a folder of this name?
    pub fn skips_name(self, name: &str) -> bool {
        INSTALLED.contains(&name) || (self == Purpose::Manifests && VENDORED.contains(&name))
    }
}

/// A walker over `root` for `purpose`, ready to build sequentially or in
/// parallel. The root itself is never skipped, whatever its name.
pub fn walker(root: &Path, purpose: Purpose) -> ignore::WalkBuilder {
    walker_of(&[root], purpose)
}

/// A walker over several starts of one project (`health src lib`): each
/// file once, the starts themselves never skipped.
///
/// The `ignore` crate reads the ignore files of the folders above a walk's
/// root all the way up to `/`, also above the repository (a ripgrep user's
/// `~/.ignore` with `*.py`, or a `~/.gitignore` kept as the global excludes
/// file, would change what the project is). So the walk starts at the
/// repository's top, with no parent folders read, and goes down only along
/// the folders that lead to the starts: the top's and the intermediate
/// folders' ignore files apply with git's precedence, nothing above the
/// top does.
pub fn walker_of(starts: &[&Path], purpose: Purpose) -> ignore::WalkBuilder {
    let first = starts.first().copied().unwrap_or(Path::new("."));
    let starts: Vec<std::path::PathBuf> = starts.iter().map(|s| s.to_path_buf()).collect();
    // Every start must be reachable from the top (none behind a hidden or
    // linked folder), else each is walked from itself.
    let top =
        repository_top(first).filter(|top| starts.iter().all(|s| repository_top(s) == Some(*top)));
    let Some(top) = top else {
        // No repository to stop at: the folders above are read, as the
        // project's own ignore files may be there (`health src` in a
        // project that is not a git repository).
        let mut b = ignore::WalkBuilder::new(first);
        for s in &starts[1..] {
            b.add(s);
        }
        b.parents(true);
        return configured(b, purpose, move |e, skipped| e.depth() == 0 || !skipped(e));
    };
    // A file the user named is read whatever the ignore files say, as a
    // walk's root is: it is a root of its own, not a goal of the walk.
    let (files, starts): (Vec<_>, Vec<_>) = starts.into_iter().partition(|s| s.is_file());
    let mut b = ignore::WalkBuilder::new(top);
    for f in &files {
        b.add(f);
    }
    b.parents(false);
    configured(b, purpose, move |e, skipped| {
        if e.depth() == 0 {
            return true;
        }
        let path = e.path();
        if let Some(start) = starts.iter().find(|s| path.starts_with(s)) {
            return path == start || !skipped(e);
        }
        // On the way down to a start; nothing else above them.
        e.file_type().is_some_and(|t| t.is_dir()) && starts.iter().any(|s| s.starts_with(path))
    })
}

/// The walker's settings, with `keep` deciding on each entry given the
/// purpose's skip list.
fn configured(
    mut b: ignore::WalkBuilder,
    purpose: Purpose,
    keep: impl Fn(&ignore::DirEntry, &dyn Fn(&ignore::DirEntry) -> bool) -> bool + Send + Sync + 'static,
) -> ignore::WalkBuilder {
    b.hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |e| keep(e, &|e| skipped_dir(e, purpose)));
    b
}

/// The top of the git repository `start` is in: the nearest folder at or
/// above it with a `.git`. None outside a repository, for a relative
/// start (the walk's paths must stay in the caller's form), and when a
/// folder on the way down is hidden or a link (the walk would skip it).
fn repository_top(start: &Path) -> Option<&Path> {
    if !start.is_absolute() {
        return None;
    }
    let top = start.ancestors().find(|d| d.join(".git").exists())?;
    let below = start.strip_prefix(top).ok()?;
    let hidden = below
        .components()
        .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."));
    // A linked folder on the way down would not be followed either.
    let linked = start.ancestors().take_while(|d| *d != top).any(|d| {
        d.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    });
    (!hidden && !linked).then_some(top)
}

fn skipped_dir(e: &ignore::DirEntry, purpose: Purpose) -> bool {
    if !e.file_type().is_some_and(|t| t.is_dir()) {
        return false;
    }
    let name = e.file_name().to_str().unwrap_or_default();
    purpose.skips_name(name) || is_virtualenv(e.path())
}

/// A Python virtual environment: a folder with a `pyvenv.cfg` (PEP 405),
/// whatever its name.
pub fn is_virtualenv(dir: &Path) -> bool {
    techlead_core::source::is_file(&dir.join("pyvenv.cfg"))
}

/// `root`-relative path with `/` separators; None for paths outside `root`
/// or not valid UTF-8 (a config glob cannot name them either).
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

/// The folder part of a relative path (`""` at the root).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Writes each (path, text) below `root`, folders made as needed.
#[cfg(test)]
pub(crate) fn write_all(root: &Path, files: &[(&str, &str)]) {
    for (f, text) in files {
        let p = root.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// The files a walk from `start` finds, relative to `root`, sorted.
#[cfg(test)]
pub(crate) fn walked(root: &Path, start: &Path, purpose: Purpose) -> Vec<String> {
    walked_of(root, &[start], purpose)
}

/// The files a walk from `starts` finds, relative to `root`, sorted.
#[cfg(test)]
pub(crate) fn walked_of(root: &Path, starts: &[&Path], purpose: Purpose) -> Vec<String> {
    let mut out: Vec<String> = walker_of(starts, purpose)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| relative(root, e.path()))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(root: &Path, purpose: Purpose) -> Vec<String> {
        walked(root, root, purpose)
    }

    #[test]
    fn nothing_above_a_repository_top_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".ignore"), "*.py\n").unwrap();
        std::fs::write(dir.path().join(".gitignore"), "*.rs\n").unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("app")).unwrap();
        std::fs::write(repo.join(".gitignore"), "*.log\n").unwrap();
        for f in ["a.py", "b.rs", "c.log", "app/d.py", "app/e.log"] {
            std::fs::write(repo.join(f), "").unwrap();
        }
        assert_eq!(
            walked(&repo, &repo, Purpose::Code),
            ["a.py", "app/d.py", "b.rs"]
        );
        // A project in a folder of its repository: the top's .gitignore
        // applies to it, the ignore files above the repository do not.
        assert_eq!(
            walked(&repo, &repo.join("app"), Purpose::Code),
            ["app/d.py"]
        );
        std::fs::write(repo.join("app/f.rs"), "").unwrap();
        assert_eq!(
            walked(&repo, &repo.join("app"), Purpose::Code),
            ["app/d.py", "app/f.rs"]
        );
    }

    #[test]
    fn the_ignore_files_between_the_top_and_a_project_in_a_folder_apply_as_git_has_them() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        write_all(
            &repo,
            &[
                (".git/HEAD", ""),
                (".gitignore", "*.json\n/services/api/gen/\n"),
                ("services/.ignore", "*.tmp\n"),
                ("services/api/.gitignore", "!package.json\n"),
                ("services/api/package.json", ""),
                ("services/api/tsconfig.json", ""),
                ("services/api/gen/x.py", ""),
                ("services/api/a.tmp", ""),
                ("services/api/vendor/v.py", ""),
                ("services/api/src/b.py", ""),
                ("services/web/c.py", ""),
                ("top.py", ""),
            ],
        );
        let api = repo.join("services/api");
        // The nearer `!package.json` wins over the top's `*.json`; the top's
        // anchored pattern and the middle folder's `.ignore` apply.
        assert_eq!(
            walked(&repo, &api, Purpose::Manifests),
            ["services/api/package.json", "services/api/src/b.py"]
        );
        // Several starts, each file once; a start on the skip list is
        // walked; a file named is read even where an ignore file names it.
        let b = walked_of(
            &repo,
            &[
                &api.join("src"),
                &api.join("vendor"),
                &api.join("src"),
                &api.join("tsconfig.json"),
            ],
            Purpose::Manifests,
        );
        assert_eq!(
            b,
            [
                "services/api/src/b.py",
                "services/api/tsconfig.json",
                "services/api/vendor/v.py"
            ]
        );
    }

    /// A project reached through a hidden or linked folder of its
    /// repository is walked from its own folder, as before.
    #[cfg(unix)]
    #[test]
    fn a_project_behind_a_hidden_or_linked_folder_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        write_all(
            &repo,
            &[
                (".git/HEAD", ""),
                ("real/app/a.py", ""),
                (".config/app/b.py", ""),
            ],
        );
        std::os::unix::fs::symlink(repo.join("real"), repo.join("link")).unwrap();
        assert_eq!(
            walked(&repo, &repo.join("link/app"), Purpose::Code),
            ["link/app/a.py"]
        );
        assert_eq!(
            walked(&repo, &repo.join(".config/app"), Purpose::Code),
            [".config/app/b.py"]
        );
        // Behind a link as a later start, too.
        let both = walked_of(
            &repo,
            &[&repo.join("real"), &repo.join("link/app")],
            Purpose::Code,
        );
        assert_eq!(both, ["link/app/a.py", "real/app/a.py"]);
    }

    #[test]
    fn one_skip_list_per_purpose() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("node_modules");
        for f in [
            "a.py",
            "node_modules/x/package.json",
            ".venv/lib/y.py",
            "venv/lib/y.py",
            "env/pyvenv.cfg",
            "env/lib/site.py",
            "vendor/github.com/x/go.mod",
            "target/debug/build.rs",
            "ignored/z.py",
            ".hidden/h.py",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        // The root is walked even when its own name is on the list.
        assert_eq!(
            files(&root, Purpose::Code),
            [
                "a.py",
                "target/debug/build.rs",
                "vendor/github.com/x/go.mod"
            ]
        );
        assert_eq!(files(&root, Purpose::Manifests), ["a.py"]);
        assert_eq!(relative(&root, &root.join("a/b")).as_deref(), Some("a/b"));
        assert_eq!(parent("a/b/c"), "a/b");
        assert_eq!(parent("c"), "");
    }
}
