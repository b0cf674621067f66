//! `undeclared-dependency` and `forbidden-dependency`: a module imports
//! one it has not declared in `depends_on`, or one it `cannot_depend_on`.

use super::Ctx;
use techlead_core::{Finding, RuleInfo, Severity};

pub const UNDECLARED: RuleInfo = RuleInfo::new(
    "boundaries/undeclared-dependency",
    Severity::Error,
    "a module imports a module that its depends_on does not list",
);

pub const FORBIDDEN: RuleInfo = RuleInfo::new(
    "boundaries/forbidden-dependency",
    Severity::Error,
    "a module imports a module that its cannot_depend_on lists",
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mods = &ctx.modules.modules;
    for g in ctx.groups(|c| {
        let from = &mods[c.from];
        !from.unchecked
            && !mods[c.to].utility
            && from
                .depends_on
                .as_ref()
                .is_some_and(|d| !d.iter().any(|n| n == &mods[c.to].name))
    }) {
        let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
        out.push(ctx.on_imports(
            &UNDECLARED,
            &g,
            format!("module `{from}` imports `{to}`, which its depends_on does not list"),
            format!(
                "if `{from}` should depend on `{to}`, add \"{to}\" to its depends_on in techlead.toml; \
                 otherwise remove the import"
            ),
        ));
    }
    for g in ctx.groups(|c| {
        !mods[c.from].unchecked
            && mods[c.from]
                .cannot_depend_on
                .iter()
                .any(|n| n == &mods[c.to].name)
    }) {
        let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
        out.push(ctx.on_imports(
            &FORBIDDEN,
            &g,
            format!("module `{from}` must not import `{to}` (cannot_depend_on)"),
            format!(
                "remove the import; move what `{from}` needs into a module it may use, \
                 or invert the dependency behind an interface that `{from}` owns"
            ),
        ));
    }
}
