//! `adr new`: pick the next name and create the file exclusively. Two runs
//! at the same moment never write the same file or take the same number:
//! choosing and creating happen under a lock file in the folder, and the
//! file itself is created with a no-clobber rename, so a name taken by any
//! other tool meanwhile moves us on to the next number.

use crate::config::Template;
use crate::templates::{NewRecord, render};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::atomic::create_new_atomic;

pub use crate::lint::slugify;

/// How the new file is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameScheme {
    /// `NNNN-slug.md`, zero-padded to `width`.
    Numbered { width: usize },
    /// log4brains: `YYYYMMDD-slug.md`, then `-2`, `-3` when taken.
    DateSlug,
}

/// Upper bound on retries; far above any real race.
const ATTEMPTS: u32 = 10_000;

pub fn create(
    dir: &Path,
    scheme: NameScheme,
    existing_numbers: &[u32],
    existing_stems: &[String],
    template: Template,
    mut rec: NewRecord,
) -> Result<PathBuf, InputError> {
    let slug = match slugify(&rec.title) {
        s if s.is_empty() => "untitled".to_string(),
        s => s,
    };
    let dir_err = |e: &std::io::Error| InputError::io(dir, e);
    let write_err = |e: &std::io::Error| InputError::io_write(dir, e);
    match scheme {
        NameScheme::Numbered { width } => {
            // Checking for a free number and creating the file must be one
            // step, or two runs with different titles take the same number.
            let _lock = DirLock::acquire(dir).map_err(|e| write_err(&e))?;
            let mut n = existing_numbers.iter().max().map(|m| m + 1).unwrap_or(1);
            for _ in 0..ATTEMPTS {
                // Another run may have taken `n` under a different slug.
                if number_taken(dir, n, width).map_err(|e| dir_err(&e))? {
                    n += 1;
                    continue;
                }
                rec.number = Some(n);
                let path = dir.join(format!("{n:0width$}-{slug}.md"));
                match create_new_atomic(&path, render(template, &rec).as_bytes()) {
                    Ok(()) => return Ok(path),
                    Err(e) if e.kind() == ErrorKind::AlreadyExists => n += 1,
                    Err(e) => return Err(write_err(&e)),
                }
            }
        }
        NameScheme::DateSlug => {
            let day = rec.date.replace('-', "");
            rec.number = None;
            for k in 1..=ATTEMPTS {
                let stem = if k == 1 {
                    format!("{day}-{slug}")
                } else {
                    format!("{day}-{slug}-{k}")
                };
                if existing_stems.contains(&stem) {
                    continue;
                }
                let path = dir.join(format!("{stem}.md"));
                match create_new_atomic(&path, render(template, &rec).as_bytes()) {
                    Ok(()) => return Ok(path),
                    Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(write_err(&e)),
                }
            }
        }
    }
    Err(InputError::in_file(
        dir,
        "could not find a free file name for the new record",
    ))
}

fn prefix(n: u32, width: usize) -> String {
    format!("{n:0width$}-")
}

fn number_taken(dir: &Path, n: u32, width: usize) -> std::io::Result<bool> {
    let p = prefix(n, width);
    for e in std::fs::read_dir(dir)? {
        let name = e?.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&p) && name.ends_with(".md") {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A lock file held while a number is chosen and taken. Removed on drop;
/// one left by a crashed run is taken over once it is stale.
struct DirLock {
    path: PathBuf,
}

const LOCK_NAME: &str = ".techlead-adr-new.lock";
const STALE: std::time::Duration = std::time::Duration::from_secs(30);

impl DirLock {
    fn acquire(dir: &Path) -> std::io::Result<DirLock> {
        let path = dir.join(LOCK_NAME);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(DirLock { path }),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .map(|t| t.elapsed().unwrap_or_default() > STALE)
                        .unwrap_or(false);
                    if stale {
                        let _ = std::fs::remove_file(&path);
                    } else if std::time::Instant::now() > deadline {
                        return Err(std::io::Error::new(
                            ErrorKind::TimedOut,
                            format!("{} is held by another `techlead adr new`", path.display()),
                        ));
                    } else {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn rec(title: &str) -> NewRecord {
        NewRecord {
            title: title.into(),
            date: "2026-01-15".into(),
            status: "proposed".into(),
            ..Default::default()
        }
    }

    #[test]
    fn next_number_and_slug() {
        let d = tempfile::tempdir().unwrap();
        let p = create(
            d.path(),
            NameScheme::Numbered { width: 4 },
            &[1, 7],
            &[],
            Template::Nygard,
            rec("Use Rust: now!"),
        )
        .unwrap();
        assert_eq!(p.file_name().unwrap(), "0008-use-rust-now.md");
        assert!(
            std::fs::read_to_string(&p)
                .unwrap()
                .starts_with("# 8. Use Rust: now!\n")
        );
        // A file that appeared with the next number under another slug counts.
        std::fs::write(d.path().join("0009-other.md"), "x").unwrap();
        let p = create(
            d.path(),
            NameScheme::Numbered { width: 4 },
            &[1, 7, 8],
            &[],
            Template::Madr,
            rec("?!"),
        )
        .unwrap();
        assert_eq!(p.file_name().unwrap(), "0010-untitled.md");
    }

    #[test]
    fn date_slugs_get_a_suffix_when_taken() {
        let d = tempfile::tempdir().unwrap();
        let a = create(
            d.path(),
            NameScheme::DateSlug,
            &[],
            &[],
            Template::Madr,
            rec("Same"),
        )
        .unwrap();
        let b = create(
            d.path(),
            NameScheme::DateSlug,
            &[],
            &[],
            Template::Madr,
            rec("Same"),
        )
        .unwrap();
        assert_eq!(a.file_name().unwrap(), "20260115-same.md");
        assert_eq!(b.file_name().unwrap(), "20260115-same-2.md");
    }

    #[test]
    fn sixteen_threads_get_sixteen_numbers() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().to_path_buf();
        let handles: Vec<_> = (0..16)
            .map(|i| {
                let dir = dir.clone();
                std::thread::spawn(move || {
                    create(
                        &dir,
                        NameScheme::Numbered { width: 4 },
                        &[],
                        &[],
                        Template::Madr,
                        rec(&format!("T {i}")),
                    )
                    .unwrap()
                })
            })
            .collect();
        let paths: BTreeSet<PathBuf> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(paths.len(), 16);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 16, "{names:?}");
        let numbers: BTreeSet<&str> = names.iter().map(|n| &n[..4]).collect();
        assert_eq!(numbers.len(), 16, "{names:?}");
        for p in paths {
            assert!(
                std::fs::read_to_string(p)
                    .unwrap()
                    .contains("## Decision Outcome")
            );
        }
    }
}
