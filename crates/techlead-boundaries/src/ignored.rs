//! `[[boundaries.ignore_imports]]`: imports accepted in the configuration
//! rather than by a comment at the import (import-linter's
//! `ignore_imports`, which `boundaries init` carries over). They are left
//! out before any rule sees them, so they are out of `sync` and the graph
//! too; an entry that leaves out no import between modules is reported by
//! `boundaries/unused-suppression`, as import-linter alerts on unmatched
//! ignores.

use crate::config::BoundariesConfig;
use crate::modules::globs;
use crate::resolve::{Edge, External};
use globset::GlobSet;
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use techlead_lang::Language;

pub struct IgnoredImports {
    /// (importing files, imported files) per entry, in config order.
    entries: Vec<(GlobSet, GlobSet)>,
    /// Each entry's packages outside the tree.
    packages: Vec<Vec<String>>,
}

impl IgnoredImports {
    pub fn compile(loaded: &LoadedConfig, config: &BoundariesConfig) -> Result<Self, InputError> {
        let mut entries = Vec::new();
        for i in &config.ignore_imports {
            let at = i.span().start;
            let entry = i.get_ref();
            entries.push((
                globs(loaded, &entry.from, at)?,
                globs(loaded, &entry.to, at)?,
            ));
        }
        let packages = config
            .ignore_imports
            .iter()
            .map(|i| i.get_ref().packages.clone())
            .collect();
        Ok(IgnoredImports { entries, packages })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The entries that leave `edge` out (empty: it is judged).
    pub fn matching<'s>(&'s self, edge: &'s Edge) -> impl Iterator<Item = usize> + 's {
        // Go imports name a package folder: any file in it matches.
        let dir_file = (edge.language == Language::Go).then(|| format!("{}/_.go", edge.to));
        self.entries
            .iter()
            .enumerate()
            .filter(move |(_, (from, to))| {
                from.is_match(&*edge.from)
                    && (to.is_match(&*edge.to) || dir_file.as_ref().is_some_and(|d| to.is_match(d)))
            })
            .map(|(i, _)| i)
    }

    /// The entries that leave out `import`, of a package outside the tree.
    pub fn matching_external<'s>(
        &'s self,
        import: &'s External,
    ) -> impl Iterator<Item = usize> + 's {
        self.entries
            .iter()
            .zip(&self.packages)
            .enumerate()
            .filter(move |(_, ((from, _), packages))| {
                packages.contains(&import.name) && from.is_match(&*import.from)
            })
            .map(|(i, _)| i)
    }
}
