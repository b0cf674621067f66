//! Prompts: the two conversations a team wants an assistant to have with
//! it. Each is built from the project as it is (its decisions, modules and
//! radar), so the assistant starts from the team's own rules rather than
//! from a generic checklist.

use crate::project::Session;
use crate::tools::{ToolError, load_decisions};
use std::fmt::Write as _;
use techlead_core::check::Env;

/// A prompt as listed.
pub struct PromptDef {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// (name, description, required)
    pub arguments: &'static [(&'static str, &'static str, bool)],
}

pub const PROMPTS: &[PromptDef] = &[
    PromptDef {
        name: "review_change",
        title: "Review a change against our decisions and boundaries",
        description: "Review a change (a diff or a description) against the team's accepted decision records, module boundaries and technology radar, with the tools that check each file and import.",
        arguments: &[
            (
                "change",
                "The change: a unified diff, or a description of what it does",
                true,
            ),
            (
                "paths",
                "The files it touches, comma-separated (optional)",
                false,
            ),
        ],
    },
    PromptDef {
        name: "draft_decision",
        title: "Draft a decision record for this choice",
        description: "Draft an architecture decision record for a choice, in the team's template, starting from the related decisions the team already has.",
        arguments: &[
            (
                "choice",
                "The choice to record, e.g. \"use PostgreSQL for the event store\"",
                true,
            ),
            ("context", "Why the choice comes up now (optional)", false),
            (
                "options",
                "The options considered, comma-separated (optional)",
                false,
            ),
        ],
    },
];

/// The prompt's text for `args`; None for an unknown prompt.
pub fn render(
    session: &Session,
    name: &str,
    args: &serde_json::Map<String, serde_json::Value>,
    allow_write: bool,
) -> Result<Option<String>, ToolError> {
    let def = match PROMPTS.iter().find(|p| p.name == name) {
        Some(d) => d,
        None => return Ok(None),
    };
    let arg = |k: &str| {
        args.get(k)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    for (k, _, required) in def.arguments {
        if *required && arg(k).is_none() {
            return Err(ToolError::BadArguments(format!(
                "the prompt `{name}` needs `{k}`"
            )));
        }
    }
    Ok(Some(match name {
        "review_change" => review(session, arg("change").unwrap_or_default(), arg("paths"))?,
        _ => draft(
            session,
            arg("choice").unwrap_or_default(),
            arg("context"),
            arg("options"),
            allow_write,
        )?,
    }))
}

fn review(session: &Session, change: &str, paths: Option<&str>) -> Result<String, ToolError> {
    let mut s = String::from(
        "Review this change against the team's decisions, module boundaries and technology radar.\n\n## The change\n\n",
    );
    let _ = writeln!(s, "{change}\n");
    s.push_str("## What the team has decided\n\n");
    decisions_in_force(session, &mut s)?;
    boundaries(session, &mut s);
    on_hold(session, &mut s)?;
    if let Some(paths) = paths {
        s.push_str("## The files it touches\n\n");
        for p in paths.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let m = crate::mentions::for_subject(session, p);
            let named: Vec<String> = m
                .map(|m| {
                    m.decisions
                        .iter()
                        .map(|d| d.decision.id.clone())
                        .take(5)
                        .collect()
                })
                .unwrap_or_default();
            let module =
                techlead_boundaries::module_info(session.file(), session.project.boundaries(), p)
                    .ok()
                    .flatten()
                    .map(|m| m.name);
            let _ = writeln!(
                s,
                "- {p}: module {}; decisions naming it: {}",
                module.as_deref().unwrap_or("none"),
                if named.is_empty() {
                    "none".to_string()
                } else {
                    named.join(", ")
                }
            );
        }
        s.push('\n');
    }
    s.push_str(
        "## How to review\n\n\
1. For every file the change adds or edits, call `check_paths` with the file's new text as `content`: it runs the module rules on the imports as written.\n\
2. For every import of another module or a new package, call `may_import`: it names the rule and the decision record behind a refusal, and the radar ring of a package.\n\
3. Call `decisions_for_path` for the touched paths and read the records it returns with `get_decision`; check the change against what they decided.\n\
4. Report each conflict with the rule id or decision record it breaks and a concrete fix; say plainly when you found none. Do not invent rules the project does not have.\n",
    );
    Ok(s)
}

/// Accepted records, and those with no status, one line each.
fn decisions_in_force(session: &Session, s: &mut String) -> Result<(), ToolError> {
    let Some(d) = load_decisions(session)? else {
        s.push_str("The project has no decisions folder.\n\n");
        return Ok(());
    };
    let mut n = 0;
    for r in &d.records {
        if !matches!(r.status.as_deref(), Some("accepted") | None) {
            continue;
        }
        n += 1;
        let _ = writeln!(
            s,
            "- {} {} ({})",
            r.id,
            r.title.as_deref().unwrap_or("(untitled)"),
            r.status.as_deref().unwrap_or("no status")
        );
    }
    if n == 0 {
        s.push_str("No record is accepted yet.\n");
    }
    s.push('\n');
    Ok(())
}

fn boundaries(session: &Session, s: &mut String) {
    let b = session.project.boundaries();
    s.push_str("## Module boundaries (techlead.toml)\n\n");
    if b.modules.is_empty() {
        s.push_str("No modules are declared: no module rule applies.\n\n");
        return;
    }
    let layers: Vec<&str> = b.layers.iter().map(|l| l.get_ref().name()).collect();
    if !layers.is_empty() {
        let _ = writeln!(s, "Layers, highest first: {}.", layers.join(" > "));
    }
    for m in &b.modules {
        let deps = match &m.depends_on {
            Some(d) => d
                .iter()
                .map(|x| x.get_ref().as_str())
                .collect::<Vec<_>>()
                .join(", "),
            None => "any module".into(),
        };
        let _ = writeln!(
            s,
            "- {} ({}{}): may import {}",
            m.name.get_ref(),
            m.paths.join(", "),
            m.layer
                .as_ref()
                .map(|l| format!("; layer {}", l.get_ref()))
                .unwrap_or_default(),
            if deps.is_empty() {
                "no other module".into()
            } else {
                deps
            }
        );
    }
    s.push('\n');
}

fn on_hold(session: &Session, s: &mut String) -> Result<(), ToolError> {
    let techs = crate::load::technologies(session)?;
    let rings = session.project.radar().rings();
    let hold: Vec<String> = techs
        .iter()
        .filter(|t| t.ring.is_some() && t.ring.as_ref() == rings.last())
        .map(|t| {
            let pkgs: Vec<String> = t
                .packages
                .iter()
                .map(|p| format!("{}:{}", p.ecosystem, p.name))
                .collect();
            format!("- {} ({})", t.name, pkgs.join(", "))
        })
        .collect();
    if !hold.is_empty() {
        let _ = writeln!(
            s,
            "## On Hold in the technology radar: do not add\n\n{}\n",
            hold.join("\n")
        );
    }
    Ok(())
}

fn draft(
    session: &Session,
    choice: &str,
    context: Option<&str>,
    options: Option<&str>,
    allow_write: bool,
) -> Result<String, ToolError> {
    let mut s = format!("Draft an architecture decision record for this choice: {choice}\n\n");
    if let Some(c) = context {
        let _ = writeln!(s, "Context: {c}\n");
    }
    if let Some(o) = options {
        let _ = writeln!(s, "Options considered: {o}\n");
    }
    s.push_str("## Related decisions the team already has\n\n");
    let related = crate::tools::related_decisions(session, choice, 5)?;
    if related.is_empty() {
        s.push_str("None found by a search of the titles and bodies.\n");
    }
    for (id, title, status) in &related {
        let _ = writeln!(s, "- {id} {title} ({status})");
    }
    s.push_str("\n## The team's template\n\n```markdown\n");
    s.push_str(&crate::tools::template_text(session, choice)?);
    s.push_str("```\n\n## How to write it\n\n");
    s.push_str(
        "Read the related records with `get_decision` first: say which one this refines, replaces or contradicts. \
Keep the template's sections; fill them with this project's facts, not generic text; list at least two real options with their pros and cons. \
The record's status stays `proposed`: people accept decisions.\n",
    );
    if allow_write {
        s.push_str("Create the file with `propose_decision` (title only), then write the sections into the path it returns; link related records with `link_decisions`.\n");
    } else {
        s.push_str("This server is read-only: give the record as markdown for a person to save with `techlead adr new`.\n");
    }
    Ok(s)
}
