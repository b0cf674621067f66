//! The boundary rules, one file each. Every rule looks at the import
//! edges that cross from one module into another and reports at most one
//! finding per importing file and target module (at the first import
//! line), so the fingerprint is rule + importing file + target module, as
//! the baseline wants.

pub(crate) mod cycle;
mod forbidden_dependency;
mod layer_violation;
mod not_visible;
pub(crate) mod private_import;
mod undeclared_dependency;
mod unused_declared_dependency;
mod unused_suppression;

use crate::config::TestsMode;
use crate::modules::Modules;
use crate::resolve::Edge;
use crate::suppressed::Suppressions;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use techlead_core::check::Rule;
use techlead_core::config::LoadedConfig;
use techlead_core::{Finding, Location, RuleInfo, Severity};

/// A boundaries rule: one file each, over the imports that cross modules.
pub type BoundaryRule = dyn for<'a> Rule<Ctx<'a>>;

/// Every boundaries rule, in the order `techlead rules` lists them.
pub static RULES: &[&BoundaryRule] = &[
    &undeclared_dependency::UndeclaredDependency,
    &forbidden_dependency::ForbiddenDependency,
    &layer_violation::LayerViolation,
    &private_import::PrivateImport,
    &not_visible::NotVisible,
    &cycle::Cycle,
    &unused_declared_dependency::UnusedDeclaredDependency,
    // Last: it reads which suppressions the rules before it used.
    &unused_suppression::UnusedSuppression,
];

/// An import of a package outside the tree from a module's file.
pub struct OutsideImport<'e> {
    pub module: usize,
    pub import: &'e crate::resolve::External,
    /// The importing file is test code by its path.
    pub test: bool,
}

/// One import that crosses modules.
pub struct Crossing<'e> {
    pub from: usize,
    pub to: usize,
    pub edge: &'e Edge,
}

pub struct Ctx<'a> {
    pub modules: &'a Modules,
    pub crossings: Vec<Crossing<'a>>,
    /// Per `[[boundaries.ignore_imports]]` entry: whether it left out an
    /// import between modules.
    pub ignores_used: Vec<bool>,
    /// Imports of packages outside the tree, for `cannot_import`.
    pub outside: Vec<OutsideImport<'a>>,
    pub config: &'a LoadedConfig,
    pub section: &'a crate::config::BoundariesConfig,
    /// How the config file is named in findings.
    pub config_path: String,
    /// Module pairs that break a rule, for the graph: (from, to, rule id).
    pub violations: RefCell<BTreeSet<(usize, usize, &'static str)>>,
    pub root: &'a std::path::Path,
    /// Files read for snippets, by path.
    pub sources: RefCell<BTreeMap<String, Option<String>>>,
    /// Inline suppressions, which of them were used, and what they hid.
    pub suppressions: Suppressions<'a>,
}

impl Ctx<'_> {
    /// A finding on the first import from a file into a module, noting how
    /// many more imports the same file makes into it.
    pub fn on_imports(
        &self,
        rule: &RuleInfo,
        group: &[&Crossing],
        message: String,
        help: String,
    ) -> Finding {
        let first = group[0];
        self.violations
            .borrow_mut()
            .insert((first.from, first.to, rule.id));
        let more = group.len() - 1;
        let mut message = if more > 0 {
            format!(
                "{message} (and {more} more import{} in this file)",
                if more == 1 { "" } else { "s" }
            )
        } else {
            message
        };
        let mut severity = rule.default_severity;
        if first.edge.test && self.section.tests == TestsMode::Separate {
            (message, severity) = test_finding(message, severity);
        }
        let key = &self.modules.modules[first.to].name;
        let finding = Finding::new(
            rule.id,
            severity,
            message,
            Some(Location::line(&*first.edge.from, first.edge.line)),
            help,
            key,
        );
        match self.source_line(&first.edge.from, first.edge.line) {
            Some(line) => finding.with_snippet(line),
            None => finding,
        }
    }

    /// Line `line` of a source file, for the finding's snippet. Files are
    /// read once, and only those with findings.
    pub fn source_line(&self, path: &str, line: u32) -> Option<String> {
        let mut sources = self.sources.borrow_mut();
        let text = sources.entry(path.to_string()).or_insert_with(|| {
            techlead_core::read::regular_text(&self.root.join(path), crate::walk::MAX_FILE_BYTES)
                .ok()
        });
        let l = text
            .as_deref()?
            .lines()
            .nth(line.checked_sub(1)? as usize)?;
        // A snippet is one line of context, not a minified bundle.
        Some(l.chars().take(200).collect())
    }

    /// A finding that points into techlead.toml.
    pub fn on_config(
        &self,
        rule: &RuleInfo,
        offset: usize,
        message: String,
        help: String,
        key: &str,
    ) -> Finding {
        Finding::new(
            rule.id,
            rule.default_severity,
            message,
            Some(Location::line(
                &self.config_path,
                self.config.line_of(offset),
            )),
            help,
            key,
        )
    }

    /// Crossings that fail `pred`, grouped by importing file and target
    /// module, in file order. Imports that a comment suppresses for `rule`
    /// are grouped per comment, so that each such group is reported (and
    /// then set aside) at a line its comment covers.
    pub fn groups<'s>(
        &'s self,
        rule: &RuleInfo,
        pred: impl Fn(&Crossing) -> bool,
    ) -> Vec<Vec<&'s Crossing<'s>>> {
        let mut map: BTreeMap<(&str, usize, Option<usize>), Vec<&Crossing>> = BTreeMap::new();
        for c in self.crossings.iter().filter(|c| pred(c)) {
            let by = self
                .suppressions
                .covering(&c.edge.from, c.edge.line, rule.id)
                .next();
            map.entry((&*c.edge.from, c.to, by)).or_default().push(c);
        }
        let mut groups: Vec<Vec<&Crossing>> = map.into_values().collect();
        for g in &mut groups {
            g.sort_by_key(|c| c.edge.line);
        }
        groups
    }

    pub fn name(&self, m: usize) -> &str {
        &self.modules.modules[m].name
    }
}

/// A finding from test code, as `tests = "separate"` reports it: marked,
/// and at most a warning, so that it is seen without gating a merge the
/// way production code does.
pub fn test_finding(message: String, severity: Severity) -> (String, Severity) {
    (
        format!("test code: {message}"),
        severity.max(Severity::Warning),
    )
}

/// Runs every rule; findings at an import that a comment suppresses for
/// their rule are set aside (see [`Suppressions`]) after each rule, so
/// that `unused-suppression`, last in the list, knows which were used.
pub fn run(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in RULES {
        let mut found = Vec::new();
        rule.check(ctx, &mut found);
        out.extend(ctx.suppressions.filter(found));
    }
    out
}
