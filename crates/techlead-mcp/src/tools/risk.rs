//! Risk and ownership: what to know about a file before changing it.
//! History analyses go through `techlead_history::analyse_with` with the
//! server's walk cache: the first question reads the history, later ones
//! reuse it until a new commit arrives.

use super::{Tool, ToolError, tool};
use crate::mentions;
use crate::paths::inside;
use crate::project::Session;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use techlead_core::InputError;
use techlead_core::check::Env;
use techlead_history::{Analysis, CouplingOptions, Group, Options, Outcome, Report, Request};

pub fn tools() -> Vec<Tool> {
    vec![tool(
        "file_context",
        "Risk and ownership of a file",
        "What to know before changing a file: its module, its code health (1 to 10, and \
         every function's complexity, size, parameters and nesting), its hotspot rank \
         (changes × complexity from git history), its main developer and owners by lines \
         added, the files that change with it (change coupling), and the decision records \
         that name it, and the debt items of the register (`techlead debt`) whose paths or \
         modules cover it, shaped as `techlead debt list --format json`, and the goals \
         it touches: those served by a decision that names it, a debt item that covers it \
         or a technology it imports, each evaluated as `techlead goals list --format json` \
         gives it, with `via` naming the records that tie it to the file. \
         Fields a part of techlead does not compute yet are null with a reason beside them.",
        false,
        file_context,
    )]
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileArgs {
    /// A file relative to the project root.
    pub path: String,
    /// At most this many coupled files (default 10).
    pub coupled_limit: Option<usize>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FileContext {
    pub path: String,
    pub module: Option<String>,
    /// Where the file ranks among the hotspots; null when it is not one
    /// (not source code, or never changed).
    pub hotspot: Option<HotspotOut>,
    /// How many files the hotspot ranking has.
    pub hotspots_ranked: Option<usize>,
    /// The author who added most of its lines (code-maat's main-dev).
    pub main_developer: Option<MainDeveloper>,
    /// Lines added and deleted per author, most added first.
    pub owners: Vec<Owner>,
    /// Files that change together with it, most coupled first.
    pub coupled: Vec<CoupledOut>,
    /// Why the history fields are empty, when they are (no git, a bare
    /// repository).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history_unavailable: Option<String>,
    /// How many commits the history analyses read.
    pub commits: Option<usize>,
    /// Code health, as `techlead health PATH --format json` gives it;
    /// null for a file it does not measure, with the reason beside it.
    pub health: Option<super::health::HealthOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_unavailable: Option<String>,
    /// The register's items (any status) whose `paths` or `modules` cover
    /// the file, as `techlead debt list --format json` gives them.
    pub debt: Vec<techlead_debt::DebtItem>,
    /// The goals the file touches through the records that serve them.
    pub goals: Vec<GoalTouched>,
    /// Why `goals` is empty when the goals could not be evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals_unavailable: Option<String>,
    /// Decision records that name the file, its folders, module, package or
    /// the technologies it imports.
    pub decisions: Vec<mentions::Mention>,
}

/// A goal, and the records serving it that tie it to the file.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GoalTouched {
    /// `adr:0002`, `debt:0003`, `radar:postgresql`: the goal's links that
    /// name, cover or are imported by the file.
    pub via: Vec<String>,
    #[serde(flatten)]
    pub goal: techlead_goals::GoalStatus,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct HotspotOut {
    /// 1 is the hottest.
    pub rank: usize,
    pub revisions: usize,
    /// Total cyclomatic complexity now.
    pub complexity: u32,
    pub loc: u32,
    /// revisions × complexity over the top file's (1 for the top file).
    pub score: f64,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MainDeveloper {
    pub name: String,
    pub added: u64,
    pub total_added: u64,
    /// added / total_added.
    pub ownership: f64,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Owner {
    pub author: String,
    pub added: u64,
    pub deleted: u64,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CoupledOut {
    pub file: String,
    /// Percent of their average revisions in which both changed.
    pub degree: u32,
    pub average_revs: u32,
}

fn file_context(session: &Session, args: FileArgs) -> Result<FileContext, ToolError> {
    let path = inside(session.root(), &args.path)?;
    if !session.root().join(&path).is_file() {
        return Err(ToolError::BadArguments(format!("{path}: no such file")));
    }
    let p = session.project;
    let module = techlead_boundaries::module_info(p.file(), p.boundaries(), &path)?.map(|m| m.name);
    let debt = debt_on(session, &path, module.as_deref())?;
    let mentions = mentions::for_subject(session, &path)?;
    // The records that tie a goal to the file, by path.
    let mut tied: Vec<String> = mentions
        .decisions
        .iter()
        .map(|m| m.decision.path.clone())
        .chain(debt.iter().map(|d| d.path.clone()))
        .collect();
    let imported: Vec<&str> = mentions
        .terms
        .iter()
        .filter(|t| t.kind == mentions::TermKind::Technology)
        .map(|t| t.text.as_str())
        .collect();
    if !imported.is_empty() {
        tied.extend(
            crate::load::technologies(session)?
                .into_iter()
                .filter(|t| imported.contains(&t.name.as_str()))
                .map(|t| t.path),
        );
    }
    let (goals, goals_unavailable) = match p.goals() {
        Ok(all) => (goals_touched(all, &tied), None),
        Err(e) => (Vec::new(), Some(format!("{e:#}"))),
    };
    let mut out = FileContext {
        path: path.clone(),
        module,
        hotspot: None,
        hotspots_ranked: None,
        main_developer: None,
        owners: Vec::new(),
        coupled: Vec::new(),
        history_unavailable: None,
        commits: None,
        health: None,
        health_unavailable: None,
        debt,
        goals,
        goals_unavailable,
        decisions: mentions.decisions,
    };
    match super::health::of_file(session, &path) {
        Ok(h) => out.health = Some(h),
        Err(why) => out.health_unavailable = Some(why),
    }
    // History paths are relative to the repository's top, which may be
    // above the project root.
    let prefix = techlead_history::revision::prefix(session.root()).unwrap_or_default();
    let in_history = format!("{prefix}{path}");
    if let Err(e) = history(
        session,
        &in_history,
        args.coupled_limit.unwrap_or(10),
        &mut out,
    ) {
        out.history_unavailable = Some(e.to_string());
    }
    Ok(out)
}

/// The goals some of whose links are among `tied` (record paths).
fn goals_touched(all: Vec<techlead_goals::GoalStatus>, tied: &[String]) -> Vec<GoalTouched> {
    all.into_iter()
        .filter_map(|goal| {
            let via: Vec<String> = goal
                .links
                .iter()
                .filter(|l| tied.contains(&l.path))
                .map(|l| l.id.clone())
                .collect();
            (!via.is_empty()).then_some(GoalTouched { via, goal })
        })
        .collect()
}

/// The register folder: `[debt] dir` under the project root.
pub fn debt_folder(session: &Session) -> Result<std::path::PathBuf, InputError> {
    let config: techlead_debt::config::DebtConfig =
        session.file().section(techlead_debt::config::SECTION)?;
    Ok(session.root().join(config.dir()))
}

/// The items whose paths name the file, or whose modules hold it.
fn debt_on(
    session: &Session,
    path: &str,
    module: Option<&str>,
) -> Result<Vec<techlead_debt::DebtItem>, InputError> {
    let items = techlead_debt::load(session.root(), &debt_folder(session)?)?;
    let module_of: std::collections::HashMap<String, String> = module
        .map(|m| (path.to_string(), m.to_string()))
        .into_iter()
        .collect();
    Ok(items
        .into_iter()
        .filter(|i| techlead_debt::signals::Coverage::of(i).covers(path, &module_of))
        .collect())
}

/// Fills the history fields from four analyses over two cached walks.
fn history(
    session: &Session,
    path: &str,
    coupled_limit: usize,
    out: &mut FileContext,
) -> Result<(), InputError> {
    let run = |analysis: Analysis| -> Result<Outcome, InputError> {
        let p = session.project;
        let config_error = |at: usize, message: String| p.file().error_at(at, message);
        let outcome = techlead_history::analyse_with(
            Request {
                repo: p.root(),
                options: Options::default(),
                analysis,
                today: techlead_history::revision::day_start(p.today()).unwrap_or_default(),
                modules: None,
                include_bots: false,
                include_deleted: false,
                kinds: Vec::new(),
                config: p.history(),
                config_error: &config_error,
                progress: &|| {},
                // file_context gives the file's health from the health
                // context itself.
                health: None,
            },
            Some(&session.state.walks),
        )?;
        if !outcome.skipped.is_empty() {
            session.note(&format!(
                "warning: {} unreadable blobs skipped in the history: line counts may be low",
                outcome.skipped.len()
            ));
        }
        Ok(outcome)
    };
    let hot = run(Analysis::Hotspots {
        top: None,
        group: Group::Files,
    })?;
    out.commits = hot.commits;
    if let Report::Hotspots(rows) = hot.report {
        out.hotspots_ranked = Some(rows.len());
        out.hotspot = rows
            .iter()
            .position(|h| h.entity == path)
            .map(|i| HotspotOut {
                rank: i + 1,
                revisions: rows[i].revisions,
                complexity: rows[i].complexity,
                loc: rows[i].loc,
                score: (rows[i].score * 1000.0).round() / 1000.0,
            });
    }
    if let Report::MainDev(rows) = run(Analysis::MainDev)?.report {
        out.main_developer = rows
            .into_iter()
            .find(|r| r.0.entity == path)
            .map(|r| MainDeveloper {
                name: r.0.main_dev,
                added: r.0.lines,
                total_added: r.0.total,
                ownership: r.0.ownership,
            });
    }
    if let Report::EntityOwnership(rows) = run(Analysis::EntityOwnership)?.report {
        out.owners = rows
            .into_iter()
            .filter(|r| r.entity == path)
            .map(|r| Owner {
                author: r.author,
                added: r.added,
                deleted: r.deleted,
            })
            .collect();
    }
    let coupling = run(Analysis::Coupling {
        options: CouplingOptions::default(),
        group: Group::Files,
    })?;
    if let Report::Coupling(rows) = coupling.report {
        out.coupled = rows
            .into_iter()
            .filter_map(|c| {
                let other = if c.entity == path {
                    c.coupled
                } else if c.coupled == path {
                    c.entity
                } else {
                    return None;
                };
                Some(CoupledOut {
                    file: other,
                    degree: c.degree,
                    average_revs: c.average_revs,
                })
            })
            .take(coupled_limit)
            .collect();
    }
    Ok(())
}
