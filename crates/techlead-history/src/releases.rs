//! Release tags with what their tag objects say: the tags `history
//! delivery` counts as releases (the same patterns, [`DEFAULT_TAGS`] by
//! default), each with its commit's time and whether the tag object
//! carries a signature. Nothing else is walked, so this stays cheap on any
//! history; delivery's lead times need the walk, a cadence does not.

use crate::DEFAULT_TAGS;
use crate::delivery::is_prerelease;
use globset::{Glob, GlobSetBuilder};
use std::path::Path;
use techlead_core::InputError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseTag {
    pub name: String,
    /// The commit it names.
    pub commit: String,
    /// That commit's committer time, as `history delivery` dates a release.
    pub time: i64,
    /// An annotated tag (a tag object), not a plain ref.
    pub annotated: bool,
    /// The tag object's signature: `pgp`, `ssh` or `x509`.
    pub signature: Option<&'static str>,
}

/// Release tags matching `patterns` (globs; [`DEFAULT_TAGS`] when empty),
/// oldest first, one per commit. With the default patterns, pre-releases (`-rc1`, `-beta`)
/// are left out as `history delivery` leaves them out: a release
/// candidate is not a release.
pub fn release_tags(repo_path: &Path, patterns: &[String]) -> Result<Vec<ReleaseTag>, InputError> {
    let repo = gix::discover(repo_path)
        .map_err(|e| InputError::new(format!("not a git repository: {e}")))?;
    let mut b = GlobSetBuilder::new();
    let defaults: Vec<String> = DEFAULT_TAGS.iter().map(|s| s.to_string()).collect();
    let chosen = if patterns.is_empty() {
        &defaults
    } else {
        patterns
    };
    for p in chosen {
        b.add(Glob::new(p).map_err(|e| InputError::new(format!("tag pattern `{p}`: {e}")))?);
    }
    let matcher = b.build().map_err(|e| InputError::new(e.to_string()))?;
    let fail = |e: &dyn std::fmt::Display| InputError::new(format!("reading tags: {e}"));
    let refs = repo.references().map_err(|e| fail(&e))?;
    let mut out = Vec::new();
    for mut r in refs.tags().map_err(|e| fail(&e))?.flatten() {
        let name = r.name().shorten().to_string();
        if !matcher.is_match(&name) || (patterns.is_empty() && is_prerelease(&name)) {
            continue;
        }
        let (annotated, signature) = match r.target().try_id().map(|id| id.to_owned()) {
            Some(id) => match repo.find_object(id) {
                Ok(o) if o.kind == gix::object::Kind::Tag => {
                    let sig = o.to_tag_ref().signature().map(|s| match s.format {
                        gix::objs::signature::Format::OpenPgp => "pgp",
                        gix::objs::signature::Format::Ssh => "ssh",
                        gix::objs::signature::Format::X509 => "x509",
                    });
                    (true, sig)
                }
                _ => (false, None),
            },
            None => (false, None),
        };
        let Ok(commit) = r.peel_to_commit() else {
            continue;
        };
        out.push(ReleaseTag {
            name,
            commit: commit.id.to_string(),
            time: commit.time().map(|t| t.seconds).unwrap_or_default(),
            annotated,
            signature,
        });
    }
    out.sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.name.cmp(&b.name)));
    Ok(one_per_commit(out))
}

/// Tags naming one commit are one release, as `history delivery` counts
/// them: prometheus tags each release twice (`v3.14.0`, and `v0.314.0` for
/// Go modules), and the scorecard counted 36 releases in a year where
/// there were 18. Named by the shortest tag; annotated or signed when any
/// of its tags is.
fn one_per_commit(tags: Vec<ReleaseTag>) -> Vec<ReleaseTag> {
    let mut at: std::collections::HashMap<String, usize> = Default::default();
    let mut out: Vec<ReleaseTag> = Vec::with_capacity(tags.len());
    for t in tags {
        let Some(&i) = at.get(&t.commit) else {
            at.insert(t.commit.clone(), out.len());
            out.push(t);
            continue;
        };
        let kept = &mut out[i];
        kept.annotated |= t.annotated;
        kept.signature = kept.signature.or(t.signature);
        if (t.name.len(), &t.name) < (kept.name.len(), &kept.name) {
            kept.name = t.name;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn prereleases() {
        assert!(super::is_prerelease("v2.45.0-rc1"));
        assert!(super::is_prerelease("1.0.0-beta.2"));
        assert!(super::is_prerelease("8.0.0a1"));
        assert!(!super::is_prerelease("v1.2.3"));
        assert!(!super::is_prerelease("release"));
    }
}
