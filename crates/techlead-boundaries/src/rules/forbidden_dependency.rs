//! `boundaries/forbidden-dependency`: a module imports one that its
//! `cannot_depend_on` lists, or a package outside the tree that its
//! `cannot_import` lists.

use super::{Ctx, OutsideImport, test_finding};
use crate::config::TestsMode;
use std::collections::BTreeMap;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/forbidden-dependency",
    Severity::Error,
    "A module imports a module that its `cannot_depend_on` lists, or a package that its `cannot_import` lists.",
);

pub struct ForbiddenDependency;

impl Rule<Ctx<'_>> for ForbiddenDependency {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let mods = &ctx.modules.modules;
        for g in ctx.groups(&INFO, |c| {
            !mods[c.from].unchecked
                && mods[c.from]
                    .cannot_depend_on
                    .iter()
                    .any(|n| n == &mods[c.to].name)
        }) {
            let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
            out.push(ctx.on_imports(
                &INFO,
                &g,
                format!("module `{from}` must not import `{to}` (cannot_depend_on)"),
                format!(
                    "remove the import; move what `{from}` needs into a module it may use, \
                     or invert the dependency behind an interface that `{from}` owns"
                ),
            ));
        }
        outside(ctx, out);
    }
}

/// `cannot_import`: one finding per importing file and package (and per
/// suppression comment, so that each comment hides its own), at the first
/// import.
fn outside(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let mods = &ctx.modules.modules;
    let mut groups: BTreeMap<(&str, &str, Option<usize>), Vec<&OutsideImport>> = BTreeMap::new();
    for o in &ctx.outside {
        let m = &mods[o.module];
        if m.unchecked || !m.cannot_import.contains(&o.import.name) {
            continue;
        }
        let by = ctx
            .suppressions
            .covering(&o.import.from, o.import.line, INFO.id)
            .next();
        groups
            .entry((&*o.import.from, o.import.name.as_str(), by))
            .or_default()
            .push(o);
    }
    for g in groups.into_values() {
        let first = g
            .iter()
            .min_by_key(|o| o.import.line)
            .copied()
            .unwrap_or(g[0]);
        let (from, package) = (ctx.name(first.module), &first.import.name);
        let more = g.len() - 1;
        let mut message =
            format!("module `{from}` must not import package `{package}` (cannot_import)");
        if more > 0 {
            message.push_str(&format!(
                " (and {more} more import{} in this file)",
                if more == 1 { "" } else { "s" }
            ));
        }
        let mut severity = INFO.default_severity;
        if first.test && ctx.section.tests == TestsMode::Separate {
            (message, severity) = test_finding(message, severity);
        }
        let mut finding = Finding::new(
            INFO.id,
            severity,
            message,
            Some(Location::line(&*first.import.from, first.import.line)),
            format!(
                "remove the import; put what `{from}` needs from `{package}` behind a module that \
                 may use it"
            ),
            &format!("package:{package}"),
        );
        if let Some(line) = ctx.source_line(&first.import.from, first.import.line) {
            finding = finding.with_snippet(line);
        }
        out.push(finding);
    }
}
