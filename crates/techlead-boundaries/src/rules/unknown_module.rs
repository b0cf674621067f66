//! `unknown-module-in-config`: a module name in depends_on,
//! cannot_depend_on or visible_to that no module declares, a layer that
//! `layers` does not list, or a module declared twice.

use super::Ctx;
use techlead_core::suggest::did_you_mean;
use techlead_core::{Finding, RuleInfo, Severity};
use toml::Spanned;

pub const RULE: RuleInfo = RuleInfo::new(
    "boundaries/unknown-module-in-config",
    Severity::Error,
    "techlead.toml names a module or layer that is not declared",
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let config = &ctx.config.config.boundaries;
    let names: Vec<&str> = config
        .modules
        .iter()
        .map(|m| m.name.get_ref().as_str())
        .collect();
    let layers: Vec<&str> = config.layers.iter().map(|l| l.get_ref().name()).collect();
    let mut unknown = |what: &str, list: &[&str], s: &Spanned<String>, field: &str, owner: &str| {
        let name = s.get_ref();
        if list.contains(&name.as_str()) {
            return;
        }
        let help = match did_you_mean(name, list.iter().copied()) {
            Some(x) => format!("did you mean `{x}`?"),
            None => format!("declare the {what} in techlead.toml, or remove the name"),
        };
        out.push(ctx.on_config(
            &RULE,
            s.span().start,
            format!("{field} of module `{owner}` names unknown {what} `{name}`"),
            help,
            &format!("{owner}:{field}:{name}"),
        ));
    };
    for m in &config.modules {
        let owner = m.name.get_ref();
        for s in m.depends_on.iter().flatten() {
            unknown("module", &names, s, "depends_on", owner);
        }
        for s in &m.cannot_depend_on {
            unknown("module", &names, s, "cannot_depend_on", owner);
        }
        for s in m.visible_to.iter().flatten() {
            unknown("module", &names, s, "visible_to", owner);
        }
        if let Some(l) = &m.layer {
            unknown("layer", &layers, l, "layer", owner);
        }
    }
    for (i, m) in config.modules.iter().enumerate() {
        if names[..i].contains(&m.name.get_ref().as_str()) {
            out.push(ctx.on_config(
                &RULE,
                m.name.span().start,
                format!("module `{}` is declared twice", m.name.get_ref()),
                "give each module one declaration; list all its paths there".to_string(),
                &format!("duplicate:{}", m.name.get_ref()),
            ));
        }
    }
}
