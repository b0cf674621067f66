//! Questions asked before code is written (the MCP server's architecture
//! tools): which module holds a file, may one module import another, and
//! what the rules would say about files as they are about to be written.
//! Every answer comes from the same rules as `boundaries check`, run over
//! the real imports plus the import in question.

use crate::config::BoundariesConfig;
use crate::modules::Modules;
use crate::resolve::{self, Edge, External};
use crate::rules::{self, Crossing, Ctx};
use crate::walk::{SourceFile, Walked};
use crate::{Analysis, Progress, Warning};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;
use std::sync::Arc;
use techlead_core::config::LoadedConfig;
use techlead_core::{Finding, InputError};
use techlead_lang::{ImportKind, Language};

/// A tree's imports, kept with its scanned files so that files not yet
/// written can be resolved against it.
pub struct Workspace {
    pub analysis: Analysis,
    walked: Walked,
}

/// [`crate::analyze`], keeping what [`Workspace::check_files`] needs.
pub fn analyze_workspace(
    root: &Path,
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    use_cache: bool,
    progress: &dyn Progress,
) -> Result<Workspace, InputError> {
    let (analysis, walked) = crate::scan_tree(root, loaded, config, use_cache, progress)?;
    Ok(Workspace { analysis, walked })
}

/// A declared module, as `techlead.toml` declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleInfo {
    pub name: String,
    pub paths: Vec<String>,
    pub layer: Option<String>,
    /// Absent: the module may import any module (layers and
    /// `cannot_depend_on` still apply).
    pub depends_on: Option<Vec<String>>,
    pub cannot_depend_on: Vec<String>,
    /// Absent: every module may import this one.
    pub visible_to: Option<Vec<String>>,
    /// The public files; empty when every file is public.
    pub interface: Vec<String>,
    pub utility: bool,
    pub unchecked: bool,
}

/// The module named `name`, if declared.
pub fn module_named(config: &BoundariesConfig, name: &str) -> Option<ModuleInfo> {
    let m = config.modules.iter().find(|m| m.name.get_ref() == name)?;
    let names = |v: &[toml::Spanned<String>]| v.iter().map(|s| s.get_ref().clone()).collect();
    Some(ModuleInfo {
        name: m.name.get_ref().clone(),
        paths: m.paths.clone(),
        layer: m.layer.as_ref().map(|l| l.get_ref().clone()),
        depends_on: m.depends_on.as_deref().map(names),
        cannot_depend_on: names(&m.cannot_depend_on),
        visible_to: m.visible_to.as_deref().map(names),
        interface: m.interface.clone(),
        utility: m.utility,
        unchecked: m.unchecked,
    })
}

/// The module holding `path` (a file, or a folder: any file in it), if any.
pub fn module_info(
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    path: &str,
) -> Result<Option<ModuleInfo>, InputError> {
    let modules = Modules::compile(loaded, config)?;
    Ok(module_index(&modules, path).and_then(|i| module_named(config, &modules.modules[i].name)))
}

fn module_index(modules: &Modules, path: &str) -> Option<usize> {
    let path = normal(path);
    modules.module_of_target(path, true)
}

/// `./a/b/` as `a/b`.
fn normal(path: &str) -> &str {
    path.trim_start_matches("./").trim_end_matches('/')
}

/// What the other side of an import turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Target {
    /// A declared module, by name.
    Module { name: String },
    /// A file or folder in the tree.
    Path { path: String },
    /// A package the tree declares itself (a workspace crate or package).
    WorkspacePackage { name: String, folder: String },
    /// Neither: a third-party package (the radar's and the inventory's
    /// business, not the module rules').
    External { name: String },
}

/// May `from` import `to`?
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub from_module: Option<String>,
    pub to: Target,
    pub to_module: Option<String>,
    /// No boundaries rule would report the import, at any severity.
    pub allowed: bool,
    /// Why, in one sentence, when no rule speaks.
    pub reason: String,
    /// What each rule that forbids it would report, with the configured
    /// severity (rules switched off are left out).
    pub violations: Vec<Finding>,
    /// The target module's public files, when it declares an interface and
    /// the question named the module rather than a file.
    pub interface: Vec<String>,
    /// The module loop the import would close, `a -> b -> a`.
    pub cycle: Option<Vec<String>>,
}

/// The importing side of a probe: a path no file can have, so findings on
/// it are the probe's alone and no snippet is read for it.
const PROBE: &str = "\u{0}probe";

/// May `from` (a file, a folder or a module name) import `to` (a file, a
/// folder, a module name, or a package name)? A name that is both a module
/// and a path is taken as the module.
pub fn may_import(
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    analysis: &Analysis,
    from: &str,
    to: &str,
    config_path: &str,
) -> Result<Verdict, InputError> {
    let modules = Modules::compile(loaded, config)?;
    let from_index = modules.index(from).or_else(|| module_index(&modules, from));
    let (target, to_index) = resolve_target(&modules, analysis, to);
    let name = |i: Option<usize>| i.map(|i| modules.modules[i].name.clone());
    let mut verdict = Verdict {
        from_module: name(from_index),
        to: target.clone(),
        to_module: name(to_index),
        allowed: true,
        reason: String::new(),
        violations: Vec::new(),
        interface: Vec::new(),
        cycle: None,
    };
    let (Some(f), Some(t)) = (from_index, to_index) else {
        verdict.reason = match (from_index, &target) {
            (None, _) => {
                format!("`{from}` is in no declared module: module rules do not apply to it")
            }
            (_, Target::External { name }) => format!(
                "`{name}` is a third-party package, not a module of this tree: module rules do not apply \
                 (the radar and the dependency inventory speak for packages)"
            ),
            _ => format!("`{to}` is in no declared module: module rules do not apply to it"),
        };
        return Ok(verdict);
    };
    if f == t {
        verdict.reason = format!("both are in module `{}`", modules.modules[f].name);
        return Ok(verdict);
    }
    if modules.modules[f].unchecked {
        verdict.reason = format!(
            "module `{}` is unchecked: its imports are not judged",
            modules.modules[f].name
        );
        return Ok(verdict);
    }
    let by_module = !matches!(target, Target::Path { .. });
    let to_path: Arc<str> = match &target {
        Target::Path { path } => Arc::from(path.as_str()),
        _ => Arc::from(PROBE),
    };
    let probe = Edge {
        from: Arc::from(PROBE),
        to: to_path,
        line: 0,
        kind: ImportKind::Static,
        language: Language::Rust,
        test: false,
    };
    let mut crossings = crate::crossings(&modules, config, &analysis.edges);
    // The code may already import `to` from `from`: then a loop through
    // them is there already, and not this import's doing.
    let known = crossings.iter().any(|c| c.from == f && c.to == t);
    crossings.push(Crossing {
        from: f,
        to: t,
        edge: &probe,
    });
    let cycle = shortest_loop(&crossings, modules.modules.len(), t, f);
    let ctx = context(&modules, loaded, config, analysis, crossings, config_path);
    let mut found: Vec<Finding> = rules::run(&ctx)
        .into_iter()
        .filter(|x| x.location.as_ref().is_some_and(|l| l.path == PROBE))
        // Naming a module, not one of its files, is not a private import:
        // the interface is reported instead.
        .filter(|x| !(by_module && x.rule == rules::private_import::INFO.id))
        .collect();
    let names = cycle.as_ref().map(|c| ctx_names(&modules, c));
    if config.forbid_cycles != Some(false)
        && !known
        && let Some(names) = names.clone()
    {
        let info = &rules::cycle::INFO;
        found.push(Finding::new(
            info.id,
            info.default_severity,
            format!(
                "the import would close a dependency cycle: {}",
                names.join(" -> ")
            ),
            None,
            "keep the dependency one way: move what both need into a lower module, or invert one \
             dependency behind an interface",
            &names.join(","),
        ));
        verdict.cycle = Some(names);
    }
    for x in &mut found {
        x.location = None;
    }
    verdict.violations = loaded.apply_severities(found);
    verdict.allowed = verdict.violations.is_empty();
    if by_module {
        verdict.interface = config
            .modules
            .iter()
            .find(|m| m.name.get_ref() == &modules.modules[t].name)
            .map(|m| m.interface.clone())
            .unwrap_or_default();
    }
    verdict.reason = if verdict.allowed {
        format!(
            "no rule forbids `{}` importing `{}`",
            modules.modules[f].name, modules.modules[t].name
        )
    } else {
        let ids: BTreeSet<&str> = verdict.violations.iter().map(|v| v.rule.as_str()).collect();
        format!(
            "forbidden by {}",
            ids.into_iter().collect::<Vec<_>>().join(", ")
        )
    };
    if known && let Some(names) = names {
        verdict.reason.push_str(&format!(
            "; the code already imports it, in a dependency cycle ({}) that boundaries/cycle reports",
            names.join(" -> ")
        ));
        verdict.cycle = Some(names);
    }
    Ok(verdict)
}

fn ctx_names(modules: &Modules, path: &[usize]) -> Vec<String> {
    path.iter()
        .map(|&m| modules.modules[m].name.clone())
        .collect()
}

/// `to` as a module, a path, a workspace package or an external package.
fn resolve_target(modules: &Modules, analysis: &Analysis, to: &str) -> (Target, Option<usize>) {
    if let Some(i) = modules.index(to) {
        return (
            Target::Module {
                name: to.to_string(),
            },
            Some(i),
        );
    }
    let path = normal(to);
    let in_tree = analysis
        .scanned
        .binary_search_by(|p| p.as_str().cmp(path))
        .is_ok()
        || techlead_core::source::exists(&analysis.root.join(path));
    if in_tree {
        return (
            Target::Path {
                path: path.to_string(),
            },
            module_index(modules, path),
        );
    }
    // Crates are imported with `_` where their manifests say `-`.
    let folded = |s: &str| s.replace('_', "-");
    if let Some((name, folder)) = analysis
        .packages
        .iter()
        .find(|(name, _)| *name == to || folded(name) == folded(to))
    {
        return (
            Target::WorkspacePackage {
                name: name.clone(),
                folder: folder.clone(),
            },
            module_index(modules, folder),
        );
    }
    (
        Target::External {
            name: to.to_string(),
        },
        None,
    )
}

/// The shortest module path from `start` to `goal` over the crossings,
/// as the loop that an import `goal -> start` would close.
fn shortest_loop(
    crossings: &[Crossing],
    n: usize,
    start: usize,
    goal: usize,
) -> Option<Vec<usize>> {
    let mut adj: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for c in crossings {
        adj[c.from].insert(c.to);
    }
    let mut prev: Vec<Option<usize>> = vec![None; n];
    let mut seen = vec![false; n];
    let mut queue = VecDeque::from([start]);
    seen[start] = true;
    while let Some(m) = queue.pop_front() {
        if m == goal {
            let mut back = vec![goal];
            let mut at = goal;
            while let Some(p) = prev[at] {
                back.push(p);
                at = p;
            }
            back.push(goal);
            back.reverse();
            return Some(back);
        }
        for &next in &adj[m] {
            if !seen[next] {
                seen[next] = true;
                prev[next] = Some(m);
                queue.push_back(next);
            }
        }
    }
    None
}

fn context<'a>(
    modules: &'a Modules,
    loaded: &'a LoadedConfig,
    config: &'a BoundariesConfig,
    analysis: &'a Analysis,
    crossings: Vec<Crossing<'a>>,
    config_path: &str,
) -> Ctx<'a> {
    // As `check` does: which ignore_imports entries are used, and the
    // imports of packages outside the tree for `cannot_import`.
    let (_, mut ignores_used) = crate::crossings_and_ignores(modules, config, &analysis.edges);
    let outside = crate::outside_imports(modules, config, &analysis.externals, &mut ignores_used);
    Ctx {
        modules,
        crossings,
        ignores_used,
        outside,
        suppressions: crate::suppressed::Suppressions::new(
            &analysis.suppressions,
            config.honour_tach_ignore,
        ),
        config: loaded,
        section: config,
        config_path: config_path.to_string(),
        violations: Default::default(),
        root: &analysis.root,
        sources: Default::default(),
    }
}

/// A file to check: on disk, or as it is about to be written.
#[derive(Debug, Clone)]
pub struct FileInput {
    /// Relative to the project root, `/` separators.
    pub path: String,
    /// The text to check instead of the file on disk.
    pub content: Option<String>,
}

/// One import of a checked file and where it leads.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub line: u32,
    /// A file of the tree, or a package folder for Go.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// A package outside the tree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
}

/// A checked file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    /// `rust`, `python`, ...; None for a file no scanner reads.
    pub language: Option<&'static str>,
    pub module: Option<String>,
    /// Whether the text checked was passed in rather than read from disk.
    pub inline: bool,
    pub imports: Vec<ImportReport>,
}

/// What the rules say about some files.
#[derive(Debug, Clone, Serialize)]
pub struct FilesCheck {
    pub files: Vec<FileReport>,
    /// The findings the files as given cause, on them or elsewhere (a cycle
    /// they close), and those the tree reports on them already; before the
    /// baseline, `[checks.severity]` applied.
    pub findings: Vec<Finding>,
    /// Trouble with the inputs (an unreadable file, a scanner problem).
    pub warnings: Vec<String>,
}

impl Workspace {
    /// Runs the boundary rules on `files`, each read from disk or taken as
    /// given, its imports resolved against the rest of the tree.
    pub fn check_files(
        mut self,
        loaded: &LoadedConfig,
        config: &BoundariesConfig,
        files: &[FileInput],
        config_path: &str,
    ) -> Result<FilesCheck, InputError> {
        let modules = Modules::compile(loaded, config)?;
        let root = self.analysis.root.clone();
        // What the tree reports today, and where: a finding these files
        // did not cause (a cycle that was there, now first met in one of
        // them) is not theirs.
        let today = crate::check(loaded, config, &self.analysis, config_path)?;
        // A cycle's finding sits on the first import of the loop, which
        // may now be in a checked file: cycles compare by their message.
        let cycle = rules::cycle::INFO.id;
        let cycles_before: HashSet<String> = today
            .iter()
            .filter(|f| f.rule == cycle)
            .map(|f| f.message.clone())
            .collect();
        let before: HashMap<String, Option<String>> = today
            .into_iter()
            .map(|f| (f.fingerprint, f.location.map(|l| l.path)))
            .collect();
        let mut warnings = Vec::new();
        let mut texts: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut reports = Vec::new();
        let mut fresh: Vec<SourceFile> = Vec::new();
        for input in files {
            let path = normal(&input.path).to_string();
            let language = Language::from_path(Path::new(&path));
            let text = match &input.content {
                Some(t) => t.clone(),
                None => std::fs::read_to_string(root.join(&path))
                    .map_err(|e| InputError::io(&path, &e))?,
            };
            reports.push(FileReport {
                path: path.clone(),
                language: language.map(|l| l.name()),
                module: module_index(&modules, &path).map(|i| modules.modules[i].name.clone()),
                inline: input.content.is_some(),
                imports: Vec::new(),
            });
            let Some(language) = language else {
                warnings.push(format!("{path}: no scanner reads this kind of file"));
                continue;
            };
            let scan = techlead_lang::scan(language, &text);
            for p in &scan.problems {
                warnings.push(format!("{path}:{}: {}", p.line, p.message));
            }
            // Test code and inline suppressions as the walk reads them
            // from a file on disk.
            let test_lines = scan.test_lines.clone();
            let suppressions = crate::suppress::find(language, &text);
            texts.insert(path.clone(), Some(text));
            self.analysis.suppressions.retain(|(p, _)| *p != path);
            if !suppressions.is_empty() {
                self.analysis
                    .suppressions
                    .push((path.clone(), suppressions.clone()));
            }
            fresh.push(SourceFile {
                path,
                language,
                scan,
                hash: 0,
                len: 0,
                cached: false,
                test_lines,
                suppressions,
            });
        }
        let checked: HashSet<String> = fresh.iter().map(|f| f.path.clone()).collect();
        self.walked.files.retain(|f| !checked.contains(&f.path));
        self.walked.files.extend(fresh);
        self.walked.files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut resolve_warnings: Vec<Warning> = Vec::new();
        let resolved = resolve::resolve_where(
            &self.walked,
            &root,
            config,
            &mut resolve_warnings,
            None,
            &|f| checked.contains(&f.path),
        );
        let ignored = config.ignored_kinds();
        // Test code as a full analysis marks it: the new files' own test
        // lines, and the `#[cfg(test)] mod` declarations of the others.
        let tests = crate::test_code::TestCode::new(
            self.walked
                .files
                .iter()
                .map(|f| (f.path.as_str(), f.test_lines.as_slice())),
            self.analysis
                .edges
                .iter()
                .filter(|e| !checked.contains(&*e.from))
                .chain(&resolved.edges),
        );
        let new_edges: Vec<Edge> = resolved
            .edges
            .iter()
            .filter(|e| !ignored.contains(&e.kind))
            .map(|e| Edge {
                test: tests.is_test(&e.from, e.line),
                ..e.clone()
            })
            .collect();
        for r in &mut reports {
            r.imports = imports_of(&modules, &r.path, &new_edges, &resolved.externals);
        }
        let mut edges: Vec<Edge> = std::mem::take(&mut self.analysis.edges)
            .into_iter()
            .filter(|e| !checked.contains(&*e.from))
            .chain(new_edges)
            .collect();
        edges.sort();
        self.analysis.edges = edges;
        let crossings = crate::crossings(&modules, config, &self.analysis.edges);
        let ctx = context(
            &modules,
            loaded,
            config,
            &self.analysis,
            crossings,
            config_path,
        );
        // Snippets come from the text checked, not the file on disk.
        *ctx.sources.borrow_mut() = texts;
        let findings: Vec<Finding> = rules::run(&ctx)
            .into_iter()
            .filter(|f| {
                if f.rule == cycle {
                    return !cycles_before.contains(&f.message);
                }
                match before.get(&f.fingerprint) {
                    None => true,
                    Some(was) => was.as_ref().is_some_and(|p| checked.contains(p)),
                }
            })
            .collect();
        let mut findings = loaded.apply_severities(findings);
        techlead_core::findings::sort(&mut findings);
        Ok(FilesCheck {
            files: reports,
            findings,
            warnings,
        })
    }
}

/// A checked file's imports in line order, with the module each leads to.
fn imports_of(
    modules: &Modules,
    path: &str,
    edges: &[Edge],
    externals: &[External],
) -> Vec<ImportReport> {
    let mut out: Vec<ImportReport> = edges
        .iter()
        .filter(|e| &*e.from == path)
        .map(|e| ImportReport {
            line: e.line,
            file: Some(e.to.to_string()),
            package: None,
            module: modules
                .module_of_target(&e.to, e.language == Language::Go)
                .map(|i| modules.modules[i].name.clone()),
        })
        .chain(
            externals
                .iter()
                .filter(|x| &*x.from == path)
                .map(|x| ImportReport {
                    line: x.line,
                    file: None,
                    package: Some(x.name.clone()),
                    module: None,
                }),
        )
        .collect();
    out.sort_by(|a, b| (a.line, &a.file, &a.package).cmp(&(b.line, &b.file, &b.package)));
    out
}
