//! The orders `techlead health` lists files and functions in: the least
//! healthy first by default, or by one measure, biggest first.

use crate::{FileHealth, FunctionHealth};
use std::cmp::Ordering;

/// What to sort by. Files and functions are both sorted; where a key
/// measures functions only, a file sorts by its worst function's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Files by health, lowest first; functions by what they cost their
    /// file (their penalty), highest first.
    #[default]
    Health,
    /// Cyclomatic complexity, highest first.
    Complexity,
    /// Lines of code of the function, highest first.
    Nloc,
    Params,
    Nesting,
    /// Lines of code of the file (functions: their NLOC), highest first.
    Loc,
    /// By path, then line.
    Path,
}

impl SortKey {
    pub const ALL: [SortKey; 7] = [
        SortKey::Health,
        SortKey::Complexity,
        SortKey::Nloc,
        SortKey::Params,
        SortKey::Nesting,
        SortKey::Loc,
        SortKey::Path,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Health => "health",
            SortKey::Complexity => "complexity",
            SortKey::Nloc => "nloc",
            SortKey::Params => "params",
            SortKey::Nesting => "nesting",
            SortKey::Loc => "loc",
            SortKey::Path => "path",
        }
    }

    /// The key named `name` (`health`, `complexity`, ...).
    pub fn parse(name: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A function's value for this key, for "biggest first" keys.
    fn of_function(self, f: &FunctionHealth) -> f64 {
        let m = &f.function;
        match self {
            SortKey::Health => f.penalty.total(),
            SortKey::Complexity => f64::from(m.complexity),
            SortKey::Nloc | SortKey::Loc => f64::from(m.nloc),
            SortKey::Params => f64::from(m.params),
            SortKey::Nesting => f64::from(m.nesting),
            SortKey::Path => 0.0,
        }
    }
}

/// The files in `key` order; ties by health (lowest first), then path.
pub fn sorted_files(files: &[FileHealth], key: SortKey) -> Vec<&FileHealth> {
    let mut v: Vec<&FileHealth> = files.iter().collect();
    let worst = |f: &FileHealth| {
        f.functions
            .iter()
            .map(|x| key.of_function(x))
            .fold(0.0, f64::max)
    };
    let by_health = |a: &FileHealth, b: &FileHealth| {
        a.health
            .total_cmp(&b.health)
            .then(b.penalty.total_cmp(&a.penalty))
    };
    v.sort_by(|a, b| {
        let first = match key {
            SortKey::Health => Ordering::Equal,
            SortKey::Path => a.path.cmp(&b.path),
            SortKey::Loc => b.loc.cmp(&a.loc),
            _ => worst(b).total_cmp(&worst(a)),
        };
        first
            .then_with(|| by_health(a, b))
            .then_with(|| a.path.cmp(&b.path))
    });
    v
}

/// Every function with its file in `key` order; ties by penalty (highest
/// first), complexity, NLOC (highest first), then path and line.
pub fn sorted_functions(files: &[FileHealth], key: SortKey) -> Vec<(&FileHealth, &FunctionHealth)> {
    let mut v: Vec<(&FileHealth, &FunctionHealth)> = files
        .iter()
        .flat_map(|f| f.functions.iter().map(move |x| (f, x)))
        .collect();
    fn place<'a>((f, x): &(&'a FileHealth, &FunctionHealth)) -> (&'a str, u32) {
        (f.path.as_str(), x.function.start_line)
    }
    if key == SortKey::Path {
        v.sort_by(|a, b| place(a).cmp(&place(b)));
        return v;
    }
    v.sort_by(|a, b| {
        key.of_function(b.1)
            .total_cmp(&key.of_function(a.1))
            .then_with(|| b.1.penalty.total().total_cmp(&a.1.penalty.total()))
            .then_with(|| b.1.function.complexity.cmp(&a.1.function.complexity))
            .then_with(|| b.1.function.nloc.cmp(&a.1.function.nloc))
            .then_with(|| place(a).cmp(&place(b)))
    });
    v
}
