//! The files at the analysed revision: which paths exist now (so that
//! analyses of the present leave out files deleted long ago), and the
//! `.gitattributes` that classify them.

use std::collections::HashSet;
use std::path::Path;
use techlead_core::InputError;

#[derive(Debug, Default)]
pub struct Snapshot {
    /// Every file (not tree, not submodule) at the revision.
    pub paths: HashSet<String>,
    /// Each `.gitattributes` file: the folder it sits in (`""` or
    /// `dir/`), and its text.
    pub attributes: Vec<(String, String)>,
}

/// The tree of `rev` (HEAD when None).
pub fn snapshot(repo: &Path, rev: Option<&str>) -> Result<Snapshot, InputError> {
    let repo =
        gix::discover(repo).map_err(|e| InputError::new(format!("not a git repository: {e}")))?;
    let rev = rev.unwrap_or("HEAD");
    let fail = |e: &dyn std::fmt::Display| InputError::new(format!("revision `{rev}`: {e}"));
    let tree = repo
        .rev_parse_single(rev)
        .map_err(|e| fail(&e))?
        .object()
        .map_err(|e| fail(&e))?
        .peel_to_tree()
        .map_err(|e| fail(&e))?;
    let mut recorder = gix::traverse::tree::Recorder::default();
    tree.traverse()
        .breadthfirst(&mut recorder)
        .map_err(|e| fail(&e))?;
    let mut snap = Snapshot::default();
    for e in recorder.records {
        if e.mode.is_tree() || e.mode.is_commit() {
            continue;
        }
        let path = e.filepath.to_string();
        if (path == ".gitattributes" || path.ends_with("/.gitattributes"))
            && let Ok(blob) = repo.find_object(e.oid)
            && let Ok(text) = std::str::from_utf8(&blob.data)
        {
            let dir = &path[..path.len() - ".gitattributes".len()];
            snap.attributes.push((dir.to_string(), text.to_string()));
        }
        snap.paths.insert(path);
    }
    snap.attributes.sort();
    Ok(snap)
}
