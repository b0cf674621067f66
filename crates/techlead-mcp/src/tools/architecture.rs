//! Architecture tools: which module holds a path, may one import another,
//! and what the boundary rules say about files, written or about to be.

use super::{Tool, ToolError, tool};
use crate::paths::inside;
use crate::project::Session;
use crate::rationale::{self, DecisionRef};
use crate::shapes::{self, FindingOut, ModuleOut};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use techlead_boundaries::{FileInput, Target};
use techlead_core::check::Env;
use techlead_core::{Finding, Location};

pub fn tools() -> Vec<Tool> {
    vec![
        tool(
            "module_of",
            "Module of a path",
            "The declared module (techlead.toml [boundaries]) that holds a file or folder, with \
             its rules: layer, depends_on, cannot_depend_on, visible_to, interface.",
            false,
            module_of,
        ),
        tool(
            "may_import",
            "May this import that?",
            "Whether code in `from` (a path or module) may import `to` (a path, module, or \
             package), judged by the same rules as `techlead boundaries check` over the real \
             import graph (a new cycle counts), with the rule and the decision records behind \
             it. A third-party package is judged by the technology radar (Hold means no).",
            false,
            may_import,
        ),
        tool(
            "check_paths",
            "Check files against the boundaries",
            "Run the boundary rules on files: on disk, or with `content` given inline to check \
             code before writing it. Imports are scanned and resolved against the analysed \
             tree; the answer lists each file's imports with their modules and every finding \
             on these files (or that they would add elsewhere, such as a cycle).",
            false,
            check_paths,
        ),
    ]
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModuleOfArgs {
    /// A file or folder, relative to the project root.
    pub path: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ModuleOfOutput {
    pub path: String,
    /// The first declared module whose paths match; null when none does.
    pub module: Option<ModuleOut>,
    /// How many modules techlead.toml declares (0: no boundaries at all).
    pub modules_declared: usize,
}

fn module_of(session: &Session, args: ModuleOfArgs) -> Result<ModuleOfOutput, ToolError> {
    let path = inside(session.root(), &args.path)?;
    let p = session.project;
    let module = techlead_boundaries::module_info(p.file(), p.boundaries(), &path)?;
    Ok(ModuleOfOutput {
        path,
        module: module.map(ModuleOut::from),
        modules_declared: p.boundaries().modules.len(),
    })
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MayImportArgs {
    /// The importing side: a file or folder relative to the root, or a module name.
    pub from: String,
    /// The imported side: a file or folder, a module name, or a package name
    /// (a workspace crate or package, or a third-party package).
    pub to: String,
}

/// What the imported side turned out to be.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TargetOut {
    /// module, path, workspace-package or external.
    pub kind: String,
    /// The module, package or path.
    pub name: String,
    /// A workspace package's folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MayImportOutput {
    pub from_module: Option<String>,
    pub to_module: Option<String>,
    pub target: TargetOut,
    /// No rule would report the import, at any severity.
    pub allowed: bool,
    /// Why, in one sentence.
    pub reason: String,
    /// What each rule that forbids it reports, with the configured severity.
    pub violations: Vec<FindingOut>,
    /// The target module's public files, when it declares an interface:
    /// import only these.
    pub interface: Vec<String>,
    /// The module loop the import would close.
    pub cycle: Option<Vec<String>>,
    /// For a third-party package: its technology record, if the radar has one.
    pub radar: Option<shapes::TechnologyOut>,
    /// The decision records behind the rules in play.
    pub decisions: Vec<DecisionRef>,
}

fn may_import(session: &Session, args: MayImportArgs) -> Result<MayImportOutput, ToolError> {
    let root = session.root();
    let p = session.project;
    let side = |s: &str| -> Result<String, ToolError> {
        let is_module = p.boundaries().modules.iter().any(|m| m.name.get_ref() == s);
        // Names that are not paths (modules, packages) pass as written;
        // anything that looks like a path must stay inside the root.
        if is_module || !(s.contains('/') || s.starts_with('.') || root.join(s).exists()) {
            Ok(s.trim().to_string())
        } else {
            inside(root, s)
        }
    };
    let (from, to) = (side(&args.from)?, side(&args.to)?);
    let analysis = crate::load::analysis(session)?;
    let v = techlead_boundaries::may_import(
        p.file(),
        p.boundaries(),
        &analysis,
        &from,
        &to,
        &crate::load::config_name(session),
    )?;
    let mut violations = v.violations;
    let mut allowed = v.allowed;
    let mut reason = v.reason;
    let decisions = crate::tools::load_decisions(session)?;
    let records = decisions.as_ref().map_or(&[][..], |d| &d.records[..]);
    let mut refs: Vec<DecisionRef> = Vec::new();
    let mut radar = None;
    if let Target::External { name } = &v.to {
        let techs = crate::load::technologies(session)?;
        if let Some(t) = crate::tools::technology_for_package(&techs, None, name) {
            let rings = p.radar().rings();
            if t.ring.is_some() && t.ring.as_ref() == rings.last() {
                let hold = hold_finding(session, t, name);
                let kept = p.file().apply_severities(vec![hold]);
                if !kept.is_empty() {
                    allowed = false;
                    reason = format!(
                        "`{}` is on {} in the technology radar ({})",
                        t.name,
                        t.ring.as_deref().unwrap_or_default(),
                        t.path
                    );
                }
                violations.extend(kept);
            } else {
                reason = format!(
                    "{reason}; the radar has `{}` in {}",
                    t.name,
                    t.ring.as_deref().unwrap_or("no ring")
                );
            }
            if let Some(id) = &t.decision
                && let Some(d) = &decisions
                && let Ok(r) = d.resolve(id)
            {
                rationale::add(&mut refs, r, format!("the radar entry {} names it", t.path));
            }
            radar = Some(t.into());
        }
    }
    if let (Some(a), Some(b)) = (&v.from_module, &v.to_module) {
        let source = p
            .config_file()
            .and_then(|f| {
                techlead_core::read::regular_text(f, techlead_core::read::CONFIG_LIMIT).ok()
            })
            .unwrap_or_default();
        let offset = p
            .boundaries()
            .modules
            .iter()
            .find(|m| m.name.get_ref() == a)
            .map(|m| m.name.span().start);
        let comments = rationale::config_comments(&source, offset);
        for r in rationale::referenced(&comments, records) {
            rationale::add(
                &mut refs,
                r,
                "techlead.toml names it beside these boundaries",
            );
        }
        for r in rationale::naming_all(session, records, &[a.as_str(), b.as_str()]) {
            rationale::add(&mut refs, r, format!("it names both `{a}` and `{b}`"));
        }
    }
    let (kind, name, folder) = match v.to {
        Target::Module { name } => ("module", name, None),
        Target::Path { path } => ("path", path, None),
        Target::WorkspacePackage { name, folder } => ("workspace-package", name, Some(folder)),
        Target::External { name } => ("external", name, None),
    };
    Ok(MayImportOutput {
        from_module: v.from_module,
        to_module: v.to_module,
        target: TargetOut {
            kind: kind.to_string(),
            name,
            folder,
        },
        allowed,
        reason,
        violations: shapes::findings(violations),
        interface: v.interface,
        cycle: v.cycle,
        radar,
        decisions: refs,
    })
}

/// What `radar/hold-in-use` says about a package on Hold, pointing at the
/// technology record.
fn hold_finding(session: &Session, t: &techlead_radar::Technology, package: &str) -> Finding {
    const RULE: &str = "radar/hold-in-use";
    let severity = session
        .project
        .rules()
        .iter()
        .find(|r| r.id == RULE)
        .map_or(techlead_core::Severity::Error, |r| r.default_severity);
    Finding::new(
        RULE,
        severity,
        format!(
            "`{package}` is covered by `{}`, which the radar puts on {}",
            t.name,
            t.ring.as_deref().unwrap_or_default()
        ),
        Some(Location::line(&t.path, t.lines.ring.unwrap_or(1))),
        "use the technology the radar adopts for this purpose instead, or propose a decision to move it",
        package,
    )
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckPathsArgs {
    /// The files to check (at most 200).
    pub files: Vec<FileArg>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileArg {
    /// Relative to the project root; the file need not exist when
    /// `content` is given.
    pub path: String,
    /// The file's text as it is about to be written (at most 4 MiB);
    /// omitted: the file on disk.
    pub content: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckPathsOutput {
    pub files: Vec<FileOut>,
    /// Findings on these files, and new findings they would cause elsewhere;
    /// the baseline is not applied (new code should not need it).
    pub findings: Vec<FindingOut>,
    /// Trouble reading or scanning the inputs.
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FileOut {
    pub path: String,
    /// rust, python, typescript, javascript, go, java; null: no scanner.
    pub language: Option<String>,
    pub module: Option<String>,
    /// The text checked was given inline.
    pub inline: bool,
    pub imports: Vec<ImportOut>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ImportOut {
    pub line: u32,
    /// The file of the tree it resolves to (a package folder for Go).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The third-party package it names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// The module of the file it resolves to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
}

const MAX_FILES: usize = 200;
const MAX_CONTENT: usize = 4 * 1024 * 1024;

fn check_paths(session: &Session, args: CheckPathsArgs) -> Result<CheckPathsOutput, ToolError> {
    if args.files.is_empty() || args.files.len() > MAX_FILES {
        return Err(ToolError::BadArguments(format!(
            "give between 1 and {MAX_FILES} files"
        )));
    }
    let mut inputs = Vec::new();
    for f in args.files {
        let path = inside(session.root(), &f.path)?;
        if f.content.as_ref().is_some_and(|c| c.len() > MAX_CONTENT) {
            return Err(ToolError::BadArguments(format!(
                "{path}: the content is over the 4 MiB limit for source files"
            )));
        }
        if f.content.is_none() && !session.root().join(&path).is_file() {
            return Err(ToolError::BadArguments(format!(
                "{path}: no such file; give its `content` to check it before it is written"
            )));
        }
        inputs.push(FileInput {
            path,
            content: f.content,
        });
    }
    let p = session.project;
    if p.boundaries().modules.is_empty() {
        session.note("techlead.toml declares no [boundaries] modules: no module rule applies");
    }
    let ws = crate::load::workspace(session)?;
    let checked = ws.check_files(
        p.file(),
        p.boundaries(),
        &inputs,
        &crate::load::config_name(session),
    )?;
    Ok(CheckPathsOutput {
        files: checked
            .files
            .into_iter()
            .map(|f| FileOut {
                path: f.path,
                language: f.language.map(str::to_string),
                module: f.module,
                inline: f.inline,
                imports: f
                    .imports
                    .into_iter()
                    .map(|i| ImportOut {
                        line: i.line,
                        file: i.file,
                        package: i.package,
                        module: i.module,
                    })
                    .collect(),
            })
            .collect(),
        findings: shapes::findings(checked.findings),
        warnings: checked.warnings,
    })
}
