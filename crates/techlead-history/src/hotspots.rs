//! Hotspots: where change concentrates in complex code. Revisions from the
//! history times the total cyclomatic complexity of the file as it is now,
//! from the language scanners; other code (C, Ruby, Kotlin, shell, ...)
//! falls back to indentation complexity. Data and prose (JSON, YAML,
//! markdown, snapshots) are not code and are left out. The score is
//! normalised so the top file is 1.

use crate::{ChangeSet, revisions};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use techlead_core::table::{Cell, Column, Row};
use techlead_lang::Language;

#[derive(Debug, Clone, PartialEq)]
pub struct Hotspot {
    pub entity: String,
    pub revisions: usize,
    pub complexity: u32,
    /// Lines of code (non-blank, non-comment with a scanner; non-blank
    /// otherwise).
    pub loc: u32,
    /// revisions × complexity, divided by the highest such product.
    pub score: f64,
    /// Code health from 1 to 10, as `techlead health` scores the file
    /// (for a group, its files' weighted by lines of code); None for code
    /// without a scanner, or when no scorer was lent.
    pub health: Option<f64>,
}

impl Row for Hotspot {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("revisions"),
        Column::digits_right("complexity"),
        Column::digits_right("loc"),
        Column::digits_right("score"),
        Column::digits_right("health"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.entity).into(),
            self.revisions.into(),
            self.complexity.into(),
            self.loc.into(),
            Cell::Float(self.score, 3),
            match self.health {
                Some(h) => Cell::Float(h, 2),
                None => Cell::Null,
            },
        ]
    }
}

/// Code without a scanner, measured by indentation.
const OTHER_CODE: &[&str] = &[
    "c", "h", "cc", "cpp", "cxx", "hpp", "cs", "rb", "php", "kt", "kts", "swift", "scala", "sh",
    "bash", "lua", "pl", "r", "m", "ex", "exs", "erl", "hs", "clj", "dart", "vue", "svelte", "sql",
];

/// Measures a file of a scanned language from its path and text: its
/// total complexity, lines of code and health (1 to 10). The health
/// context's scan and formula, lent by whoever composes the two, so that a
/// file the health context scanned (in this run, or in an earlier one for
/// the same content) is not scanned again.
pub type HealthScorer<'a> = &'a (dyn Fn(&str, Language, &str) -> (u32, u32, f64) + Sync);

/// `top` is the working tree's top folder; files that no longer exist or
/// are not text are left out. With `health`, scanned files get a health.
pub fn hotspots(top: &Path, sets: &[ChangeSet], health: Option<HealthScorer>) -> Vec<Hotspot> {
    hotspots_parallel(&|path| worktree_file(top, path), revisions(sets), health)
}

/// A file of the working tree as the project walker sees files: a
/// symbolic link is not one (it would count its target twice, and a
/// commit's tree read from git lists no links either).
fn worktree_file(top: &Path, path: &str) -> Option<Vec<u8>> {
    let abs = top.join(path);
    if std::fs::symlink_metadata(&abs).ok()?.is_symlink() {
        return None;
    }
    std::fs::read(abs).ok()
}

/// The hotspots of files with these revisions as they are at `rev` (read
/// from its tree: the working tree holds another commit's, as for
/// `snapshot --backfill` or `--rev`), or in the working tree at `top`.
pub(crate) fn hotspots_at(
    top: &Path,
    rev: Option<&str>,
    revisions: Vec<crate::Revisions>,
    health: Option<HealthScorer>,
) -> Result<Vec<Hotspot>, techlead_core::InputError> {
    let Some(rev) = rev else {
        return Ok(hotspots_parallel(
            &|p| worktree_file(top, p),
            revisions,
            health,
        ));
    };
    let tree = crate::revision::resolve(top, rev)
        .and_then(|r| crate::tree::Trees::open(top).ok()?.at(&r.id).ok());
    let Some(tree) = tree else {
        return Err(techlead_core::InputError::new(format!(
            "revision `{rev}`: its tree cannot be read"
        )));
    };
    Ok(hotspots_of(&|p| tree.read(p), revisions, health))
}

/// The hotspots of files with these revisions, read by `read`.
pub(crate) fn hotspots_of(
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    revisions: Vec<crate::Revisions>,
    health: Option<HealthScorer>,
) -> Vec<Hotspot> {
    let mut out: Vec<Hotspot> = revisions
        .into_iter()
        .filter_map(|r| measure(read, r, health))
        .collect();
    normalise(&mut out);
    out
}

/// [`hotspots_of`] reading and scanning the files on every core, for a
/// reader that can be shared (the working tree's files; a git tree's
/// reader cannot): the scans were most of a warm `history hotspots`.
pub(crate) fn hotspots_parallel(
    read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    revisions: Vec<crate::Revisions>,
    health: Option<HealthScorer>,
) -> Vec<Hotspot> {
    use rayon::prelude::*;
    let mut out: Vec<Hotspot> = revisions
        .into_par_iter()
        .filter_map(|r| measure(read, r, health))
        .collect();
    normalise(&mut out);
    out
}

/// One file's hotspot row (score still 0), or None when it is not code,
/// no longer exists or is not text.
fn measure(
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    r: crate::Revisions,
    health: Option<HealthScorer>,
) -> Option<Hotspot> {
    let path = Path::new(&r.entity);
    let lang = Language::from_path(path);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if lang.is_none() && !OTHER_CODE.contains(&ext.to_ascii_lowercase().as_str()) {
        return None;
    }
    let bytes = read(&r.entity)?;
    if bytes.len() > 4 * 1024 * 1024 || bytes.contains(&0) {
        return None;
    }
    let text = String::from_utf8(bytes).ok()?;
    if minified(&text) {
        return None;
    }
    let (complexity, loc, file_health) = match (lang, health) {
        (Some(lang), Some(measure)) => {
            let (complexity, loc, h) = measure(&r.entity, lang, &text);
            (complexity, loc, Some(h))
        }
        (Some(lang), None) => {
            let scan = techlead_lang::scan(lang, &text);
            (scan.complexity, scan.code_lines, None)
        }
        (None, _) => (
            techlead_lang::indentation_complexity(&text),
            text.lines().filter(|l| !l.trim().is_empty()).count() as u32,
            None,
        ),
    };
    Some(Hotspot {
        entity: r.entity,
        revisions: r.n_revs,
        complexity,
        loc,
        score: 0.0,
        health: file_health,
    })
}

/// Whether code is minified or bundled rather than written, by the rule
/// `techlead health` skips such files with: over 200 bytes a line on
/// average, in a file over 2 KB. babel's `Makefile.js`, a 256 KB bundle in
/// 36 lines under a hand-written name, ranked second of babel's hotspots
/// (complexity 4,380 in "8 lines of code"), with a health of 1.08 that
/// `techlead health` itself does not give it. Nobody refactors such a
/// file; `*.min.js` names are left out by kind already.
fn minified(text: &str) -> bool {
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    text.len() > 2048 && text.len() / lines > 200
}

/// Hotspots per folder of `depth` path components (the file's own folder
/// when shallower), highest score first. See [`by_group`].
pub fn by_folder(spots: &[Hotspot], sets: &[ChangeSet], depth: usize) -> Vec<Hotspot> {
    by_group(spots, sets, |f| Some(crate::folder_of(f, depth)))
}

/// Hotspots per group (a module, a folder); files in no group are left
/// out. A group's revisions are the distinct commits that changed any of
/// its files (a commit changing three files of a folder is one change of
/// the folder), its complexity and lines of code the sums over its files,
/// and its score revisions × complexity over the highest group's, 0 to 1
/// as for files. Highest score first.
pub fn by_group(
    spots: &[Hotspot],
    sets: &[ChangeSet],
    group: impl Fn(&str) -> Option<String>,
) -> Vec<Hotspot> {
    roll_up(
        spots,
        sets.iter().map(|s| s.files.iter().map(String::as_str)),
        group,
    )
}

/// [`by_group`] of numbered rows.
pub(crate) fn by_group_of(
    spots: &[Hotspot],
    n: &crate::numbered::Numbered,
    rows: &[crate::numbered::Row],
    group: impl Fn(&str) -> Option<String>,
) -> Vec<Hotspot> {
    roll_up(
        spots,
        rows.iter().map(|r| r.files.iter().map(|&f| n.path(f))),
        group,
    )
}

/// [`by_group`] of commits given as their files' names.
fn roll_up<'a, C: Iterator<Item = &'a str>>(
    spots: &[Hotspot],
    commits: impl Iterator<Item = C>,
    group: impl Fn(&str) -> Option<String>,
) -> Vec<Hotspot> {
    let mut of_file: HashMap<&str, String> = HashMap::new();
    let mut sums: BTreeMap<String, Hotspot> = BTreeMap::new();
    // Per group: health × lines of code and lines of code of the files
    // with a health, for the group's weighted mean.
    let mut weighted: HashMap<String, (f64, f64)> = HashMap::new();
    for h in spots {
        let Some(name) = group(&h.entity) else {
            continue;
        };
        of_file.insert(&h.entity, name.clone());
        let e = sums.entry(name.clone()).or_insert(Hotspot {
            entity: name.clone(),
            revisions: 0,
            complexity: 0,
            loc: 0,
            score: 0.0,
            health: None,
        });
        e.complexity += h.complexity;
        e.loc += h.loc;
        if let Some(health) = h.health {
            let w = weighted.entry(name).or_default();
            w.0 += health * f64::from(h.loc);
            w.1 += f64::from(h.loc);
        }
    }
    for (name, (sum, loc)) in &weighted {
        if let Some(h) = sums.get_mut(name)
            && *loc > 0.0
        {
            h.health = Some((sum / loc * 100.0).round() / 100.0);
        }
    }
    let mut touched: Vec<&str> = Vec::new();
    for files in commits {
        touched.clear();
        touched.extend(files.filter_map(|f| of_file.get(f).map(String::as_str)));
        touched.sort_unstable();
        touched.dedup();
        for g in &touched {
            if let Some(h) = sums.get_mut(*g) {
                h.revisions += 1;
            }
        }
    }
    let mut out: Vec<Hotspot> = sums.into_values().collect();
    normalise(&mut out);
    out
}

/// Scores from 0 to 1: revisions × complexity over the highest such
/// product, three decimals; highest first, then most revisions, then name.
fn normalise(out: &mut [Hotspot]) {
    let max = out
        .iter()
        .map(|h| h.revisions as f64 * f64::from(h.complexity))
        .fold(0.0, f64::max);
    for h in out.iter_mut() {
        let raw = h.revisions as f64 * f64::from(h.complexity);
        h.score = if max > 0.0 {
            (raw / max * 1000.0).round() / 1000.0
        } else {
            0.0
        };
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.revisions.cmp(&a.revisions))
            .then_with(|| a.entity.cmp(&b.entity))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_and_roll_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src/core")).unwrap();
        std::fs::write(
            dir.path().join("src/core/a.py"),
            "def f(x):\n    if x:\n        return 1\n    for i in x:\n        pass\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("src/b.rs"), "fn g() {}\n").unwrap();
        std::fs::write(dir.path().join("tool.rb"), "a\n    b\n        c\n").unwrap();
        std::fs::write(dir.path().join("data.json"), "{\n    \"deep\": 1\n}\n").unwrap();
        let set = |files: &[&str]| ChangeSet {
            id: String::new(),
            author: "a".into(),
            time: 0,
            files: files.iter().map(|f| f.to_string()).collect(),
            ..Default::default()
        };
        let sets = vec![
            set(&[
                "src/core/a.py",
                "src/b.rs",
                "tool.rb",
                "data.json",
                "gone.rs",
            ]),
            set(&["src/core/a.py"]),
        ];
        let h = hotspots(dir.path(), &sets, None);
        let rows: Vec<(&str, usize, u32, u32, f64)> = h
            .iter()
            .map(|x| (x.entity.as_str(), x.revisions, x.complexity, x.loc, x.score))
            .collect();
        // a.py: complexity 1 + if + for = 3, twice changed = 6 (the max).
        assert_eq!(
            rows,
            [
                ("src/core/a.py", 2, 3, 5, 1.0),
                ("tool.rb", 1, 3, 3, 0.5),
                ("src/b.rs", 1, 1, 1, 0.167),
            ]
        );
        // src: a.py and b.rs, changed together once and a.py once more: 2
        // distinct commits, not 3; complexity 3 + 1. Its score is the top,
        // 1; the top folder is never above 1.
        let folders = by_folder(&h, &sets, 1);
        let rows: Vec<(&str, usize, u32, f64)> = folders
            .iter()
            .map(|x| (x.entity.as_str(), x.revisions, x.complexity, x.score))
            .collect();
        assert_eq!(rows, [("src", 2, 4, 1.0), (".", 1, 3, 0.375)]);
    }
}
