//! `boundaries/layer-violation`: a module imports one in a higher layer, or skips a
//! closed layer between them.

use super::Ctx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/layer-violation",
    Severity::Error,
    "A module imports a higher layer, or reaches past a closed layer.",
);

pub struct LayerViolation;

impl Rule<Ctx<'_>> for LayerViolation {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let mods = &ctx.modules.modules;
        let layers = &ctx.modules.layers;
        let problem = |from: usize, to: usize| -> Option<String> {
            let (a, b) = (mods[from].layer?, mods[to].layer?);
            if a > b {
                return Some(format!(
                    "layer `{}` is below layer `{}`: lower layers must not import higher ones",
                    layers[a].name, layers[b].name
                ));
            }
            let closed = (a + 1..b).find(|&l| layers[l].closed)?;
            Some(format!(
                "layer `{}` is closed: layer `{}` must go through it to reach `{}`",
                layers[closed].name, layers[a].name, layers[b].name
            ))
        };
        for g in ctx.groups(&INFO, |c| {
            !mods[c.from].unchecked && problem(c.from, c.to).is_some()
        }) {
            let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
            let why = problem(g[0].from, g[0].to).unwrap_or_default();
            out.push(
                ctx.on_imports(
                    &INFO,
                    &g,
                    format!("module `{from}` imports `{to}`: {why}"),
                    "invert the dependency (the lower layer defines an interface that the higher one \
                 implements), or move the code to the layer it belongs to"
                        .to_string(),
                ),
            );
        }
    }
}
