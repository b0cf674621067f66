//! The tools that write, listed only with `--allow-write`. They go through
//! the same library functions as `adr new` and `adr link`: a new record is
//! created exclusively with the next number, edits keep every byte they do
//! not mean to change and replace each file atomically. A decision an
//! assistant writes is always `proposed`: people accept decisions.

use super::{DecisionSummary, Tool, ToolError, tool};
use crate::project::Session;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use techlead_core::check::Env;
use techlead_records::config::Template;
use techlead_records::{folder, write};

/// The status of every record this server creates.
pub const PROPOSED: &str = "proposed";

pub fn tools() -> Vec<Tool> {
    vec![
        tool(
            "propose_decision",
            "Propose a decision record",
            "Create a new decision record with status `proposed` (never anything else: people \
             accept decisions), numbered and named as `techlead adr new` does, from the \
             project's template. Returns its path and text, for filling in the sections.",
            true,
            propose,
        ),
        tool(
            "link_decisions",
            "Link two decision records",
            "Add a typed link between two records as `techlead adr link` does: `source` gets \
             \"KIND target\", and `target` gets \"REVERSE source\" (`reverse`, or the usual \
             verb's reverse: Amends and Amended by). Existing links are left alone; nothing \
             else in either file changes, and both files change together or not at all.",
            true,
            link,
        ),
        tool(
            "add_debt_item",
            "Add a technical-debt item",
            "Add an item to the debt register (status `open`), numbered, named and written \
             exactly as `techlead debt add` does, under the register folder's lock. \
             `principal` is a range of working time (2-4d, 4h-1d, 1-2w) and `interest` \
             what it costs per month meanwhile (2-4h); `target` a date YYYY-MM-DD; `paths` \
             files, folders or globs it lives in; `modules` [boundaries] modules; \
             `decisions` the records behind it (they must exist); `goals` the goals its \
             repayment serves; `tags`. Returns the item as `techlead debt list --format json` \
             shows it.",
            true,
            add_debt,
        ),
    ]
}

/// The record templates, as `--template` names them.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateArg {
    Madr,
    MadrMinimal,
    Nygard,
    Evaluation,
    BuildVsBuy,
}

impl From<TemplateArg> for Template {
    fn from(t: TemplateArg) -> Template {
        match t {
            TemplateArg::Madr => Template::Madr,
            TemplateArg::MadrMinimal => Template::MadrMinimal,
            TemplateArg::Nygard => Template::Nygard,
            TemplateArg::Evaluation => Template::Evaluation,
            TemplateArg::BuildVsBuy => Template::BuildVsBuy,
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeArgs {
    /// The decision's title, one line.
    pub title: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Decision makers to name.
    #[serde(default)]
    pub deciders: Vec<String>,
    /// Default: `[decisions] template`, else the folder's own style.
    pub template: Option<TemplateArg>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ProposeOutput {
    /// The new file, relative to the project root.
    pub path: String,
    pub uri: String,
    pub decision: DecisionSummary,
    /// The file as created, to fill in.
    pub text: String,
}

fn propose(session: &Session, args: ProposeArgs) -> Result<ProposeOutput, ToolError> {
    let p = session.project;
    write::check_title(&args.title)?;
    let (dir, created) = write::folder_for_new(p.root(), p.file(), p.decisions(), None)?;
    if created {
        session.note(&format!("created {}", write::DEFAULT_DIR));
    }
    // Held until the record exists: numbers are taken one at a time.
    let _lock = write::lock(p.root(), &dir)?;
    let decisions = folder::load(p.root(), &dir)?;
    let new = write::NewArgs {
        title: args.title,
        status: PROPOSED.to_string(),
        tags: args.tags,
        deciders: args.deciders,
        template: args.template.map(Template::from),
    };
    let path = write::new_record(p.root(), &decisions, p.decisions().template, new, p.today())?;
    let bytes =
        std::fs::read(&path).map_err(|e| techlead_core::InputError::io(session.rel(&path), &e))?;
    let record = techlead_records::parse::parse_record(p.root(), &path, &bytes)?;
    Ok(ProposeOutput {
        path: record.rel_path.clone(),
        uri: crate::resources::decision_uri(&record.id),
        decision: (&record).into(),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkArgs {
    /// The record that gets the link: a number, file name or title piece.
    pub source: String,
    /// How `source` relates to `target`, e.g. "Amends", "Relates to".
    pub kind: String,
    pub target: String,
    /// The link `target` gets back; default: the usual verb's reverse
    /// ("Amends" and "Amended by"), none for a verb of the team's own.
    pub reverse: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct LinkOutput {
    /// The files written (none when the links were there already).
    pub changed: Vec<String>,
    pub source: DecisionSummary,
    pub target: DecisionSummary,
}

fn link(session: &Session, args: LinkArgs) -> Result<LinkOutput, ToolError> {
    let p = session.project;
    let (decisions, _lock) = super::decisions::required_for_edit(session)?;
    let edits = write::link(
        &decisions,
        &args.source,
        &args.kind,
        &args.target,
        args.reverse.as_deref(),
    )?;
    write::apply(p.root(), &edits)?;
    // Read back: the summaries show the links as they now are.
    let after = folder::load(p.root(), &decisions.dir)?;
    Ok(LinkOutput {
        changed: edits.into_iter().map(|e| e.rel_path).collect(),
        source: after.resolve(&args.source)?.into(),
        target: after.resolve(&args.target)?.into(),
    })
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DebtArgs {
    /// The item's title, one line.
    pub title: String,
    /// Who answers for repaying it.
    pub owner: Option<String>,
    /// What repaying it costs, a range of working time: "2-4d", "4h-1d".
    pub principal: Option<String>,
    /// The date it should be repaid by, YYYY-MM-DD.
    pub target: Option<String>,
    /// Files, folders or globs (relative to the project root) it lives in.
    #[serde(default)]
    pub paths: Vec<String>,
    /// `[boundaries]` modules it lives in.
    #[serde(default)]
    pub modules: Vec<String>,
    /// What it costs each month meanwhile, an estimate: "2-4h", "1d".
    pub interest: Option<String>,
    /// Decision records behind it, by number or file name; each must exist.
    #[serde(default)]
    pub decisions: Vec<String>,
    /// Goals its repayment serves, by number or file name.
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct DebtOutput {
    /// The new file, relative to the project root.
    pub path: String,
    pub item: techlead_debt::DebtItem,
}

fn add_debt(session: &Session, args: DebtArgs) -> Result<DebtOutput, ToolError> {
    let p = session.project;
    let declared: Vec<&str> = p
        .boundaries()
        .modules
        .iter()
        .map(|m| m.name.get_ref().as_str())
        .collect();
    if let Some(m) = args
        .modules
        .iter()
        .find(|m| !declared.contains(&m.as_str()))
    {
        return Err(ToolError::BadArguments(format!(
            "module `{m}` is not a [boundaries] module (modules: {})",
            declared.join(", ")
        )));
    }
    // Written as given, but only inside the project, as every path this
    // server takes.
    for path in &args.paths {
        crate::paths::inside(p.root(), path)?;
    }
    // Written by number (`0012`), or by file stem when unnumbered, as
    // `debt add --decision` writes them.
    let decisions: Vec<String> = if args.decisions.is_empty() {
        Vec::new()
    } else {
        let all = super::decisions::required(session)?;
        args.decisions
            .iter()
            .map(|id| {
                let r = all.resolve(id)?;
                Ok(r.number.map_or_else(|| r.id.clone(), |n| format!("{n:04}")))
            })
            .collect::<Result<_, techlead_core::InputError>>()?
    };
    let new = techlead_debt::new::NewItem {
        title: &args.title,
        status: None,
        owner: args.owner.as_deref().filter(|o| !o.trim().is_empty()),
        created: p.today(),
        target: args.target.as_deref(),
        principal: args.principal.as_deref(),
        interest: args.interest.as_deref(),
        paths: &args.paths,
        modules: &args.modules,
        decisions: &decisions,
        goals: &args.goals,
        tags: &args.tags,
    };
    techlead_debt::new::validate(&new)?;
    let folder = super::risk::debt_folder(session)?;
    std::fs::create_dir_all(&folder)
        .map_err(|e| techlead_core::InputError::io_write(session.rel(&folder), &e))?;
    // Held from reading the numbers taken to creating the file, as
    // `debt add` holds it.
    let _lock = techlead_core::lock::Lock::exclusive(&folder)
        .map_err(|e| techlead_core::InputError::io(session.rel(&folder), &e))?;
    let taken: Vec<u32> = techlead_debt::load(p.root(), &folder)?
        .iter()
        .filter_map(|i| i.number)
        .collect();
    let path = techlead_debt::new::create(&folder, &taken, &new)?;
    let item = techlead_debt::item::read(p.root(), &path)?;
    Ok(DebtOutput {
        path: item.path.clone(),
        item,
    })
}
