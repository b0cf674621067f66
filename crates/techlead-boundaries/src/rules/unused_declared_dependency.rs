//! `boundaries/unused-declared-dependency` (only with `strict = true`): a
//! `depends_on` entry that no import uses.

use super::Ctx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/unused-declared-dependency",
    Severity::Warning,
    "A `depends_on` entry is used by no import (only with `strict = true`).",
);

pub struct UnusedDeclaredDependency;

impl Rule<Ctx<'_>> for UnusedDeclaredDependency {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let config = ctx.section;
        if !config.strict {
            return;
        }
        for (i, m) in config.modules.iter().enumerate() {
            for dep in m.depends_on.iter().flatten() {
                let Some(j) = ctx.modules.index(dep.get_ref()) else {
                    continue;
                };
                if ctx.crossings.iter().any(|c| c.from == i && c.to == j) {
                    continue;
                }
                let (from, to) = (m.name.get_ref(), dep.get_ref());
                out.push(ctx.on_config(
                    &INFO,
                    dep.span().start,
                    format!("module `{from}` declares a dependency on `{to}` but never imports it"),
                    format!(
                        "remove \"{to}\" from `{from}`'s depends_on, so the declared graph stays true"
                    ),
                    &format!("{from}->{to}"),
                ));
            }
        }
    }
}
