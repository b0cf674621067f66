//! Architecture boundaries: the modules of a modular monolith, declared in
//! `techlead.toml`, checked against the imports the code really has.
//!
//! [`analyze`] walks the tree, scans every source file with
//! `techlead-lang` and resolves the imports to files (edges) or external
//! packages. [`check`] maps files to modules and runs the rules.

mod cache;
pub mod config;
mod graph;
mod graph_view;
mod ignored;
pub mod init;
mod modules;
#[cfg(test)]
mod mutation_tests;
mod query;
mod resolve;
mod rules;
pub mod suppress;
mod suppressed;
mod sync;
mod test_code;
mod walk;

pub use graph::{GraphModule, ModuleEdge, ModuleGraph};
pub use query::{
    FileInput, FileReport, FilesCheck, ImportReport, ModuleInfo, Target, Verdict, Workspace,
    analyze_workspace, may_import, module_info, module_named,
};
pub use resolve::{Edge, External};
pub use rules::{BoundaryRule, RULES};
pub use suppressed::{Suppressed, SuppressedBy};
pub use sync::ModuleChange;

use cache::Cache;
use config::BoundariesConfig;
use globset::GlobSet;
use modules::Modules;
use rules::{Crossing, Ctx};
use std::path::Path;
use techlead_core::check::{Check, Env};
use techlead_core::config::LoadedConfig;
use techlead_core::{Finding, InputError, RuleInfo};
use techlead_lang::Language;

pub use techlead_core::check::Progress;

/// Trouble with one input file that did not stop the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub line: Option<u32>,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.path.is_empty(), self.line) {
            (true, _) => write!(f, "{}", self.message),
            (false, Some(l)) => write!(f, "{}:{l}: {}", self.path, self.message),
            (false, None) => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The imports of a tree, resolved.
pub struct Analysis {
    /// The project root the paths are relative to.
    pub root: std::path::PathBuf,
    /// Scanned source files.
    pub files: usize,
    /// Their paths, sorted.
    pub scanned: Vec<String>,
    /// The languages of the scanned files (`rust`, `python`, ...), sorted.
    pub languages: Vec<&'static str>,
    /// Each scanned file's language, in the order of `scanned`.
    pub scanned_languages: Vec<&'static str>,
    /// Packages declared by manifests (Rust crates, JS/TS workspace
    /// packages): name and folder.
    pub packages: Vec<(String, String)>,
    pub edges: Vec<Edge>,
    pub externals: Vec<External>,
    pub warnings: Vec<Warning>,
    /// Inline suppression comments, by file (only files that have some),
    /// sorted by path.
    pub suppressions: Vec<(String, Vec<suppress::Suppression>)>,
    /// The updated incremental cache, for the caller to write once the
    /// command has succeeded (a command that stops on bad input touches no
    /// file).
    pub cache: Option<techlead_core::cache::Pending>,
}

impl Analysis {
    /// The scanned files in `language` (`rust`, `python`, ...).
    pub fn files_in<'a>(&'a self, language: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.scanned
            .iter()
            .zip(&self.scanned_languages)
            .filter(move |(_, l)| **l == language)
            .map(|(p, _)| p.as_str())
    }
}

/// Walks `root`, scans and resolves. Only a broken `[boundaries]` config
/// is an error; unreadable files are warnings.
///
/// With `use_cache`, `.techlead/cache/boundaries.bin` is read and
/// rewritten: files whose content is unchanged are neither scanned nor
/// resolved again when the resolution context is the same.
pub fn analyze(
    root: &Path,
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    use_cache: bool,
    progress: &dyn Progress,
) -> Result<Analysis, InputError> {
    Ok(scan_tree(root, loaded, config, use_cache, progress)?.0)
}

/// [`analyze`], keeping the scanned files for questions about files that
/// are not written yet ([`Workspace::check_files`]).
fn scan_tree(
    root: &Path,
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    use_cache: bool,
    progress: &dyn Progress,
) -> Result<(Analysis, walk::Walked), InputError> {
    // Installed packages and virtual environments are skipped by the
    // project walker itself; these are the config's own excludes.
    let exclude: GlobSet = modules::globs(loaded, &config.exclude, 0)?;
    let ignored = config.ignored_kinds();
    let cache = use_cache.then(|| Cache::load(root));
    let mut walked = walk::walk(root, &exclude, cache.as_ref(), progress);
    let context = context_hash(root, &walked, config);
    let valid = cache.as_ref().filter(|c| c.context == context);
    if valid.is_none() {
        // Files were added or removed, or a manifest changed: cached
        // edges may be stale, so files taken from the cache are scanned.
        rescan(root, &mut walked);
    }
    let mut warnings = walked.warnings.clone();
    let resolved = resolve::resolve_all(&walked, root, config, &mut warnings, valid);
    let mut cache_update = None;
    if let Some(old) = &cache {
        let fresh = walked.files.iter().any(|f| !f.cached);
        if fresh || old.context != context || old.files.len() != walked.files.len() {
            let bytes = cache::encode_analysis(
                context,
                &walked.files,
                &resolved.edges,
                &resolved.externals,
            );
            cache_update = Some(Cache::pending(root, bytes));
        }
    }
    let tests = test_code::TestCode::new(
        walked
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.test_lines.as_slice())),
        &resolved.edges,
    );
    let edges = resolved
        .edges
        .into_iter()
        .filter(|e| !ignored.contains(&e.kind))
        .map(|mut e| {
            e.test = tests.is_test(&e.from, e.line);
            e
        })
        .collect();
    let suppressions = walked
        .files
        .iter_mut()
        .filter(|f| !f.suppressions.is_empty())
        .map(|f| (f.path.clone(), std::mem::take(&mut f.suppressions)))
        .collect();
    let analysis = Analysis {
        root: root.to_path_buf(),
        files: walked.files.len(),
        scanned: walked.files.iter().map(|f| f.path.clone()).collect(),
        scanned_languages: walked.files.iter().map(|f| f.language.name()).collect(),
        languages: {
            let mut l: Vec<&'static str> = walked.files.iter().map(|f| f.language.name()).collect();
            l.sort();
            l.dedup();
            l
        },
        packages: resolved.packages,
        edges,
        externals: resolved.externals,
        warnings,
        suppressions,
        cache: cache_update,
    };
    Ok((analysis, walked))
}

/// What resolution depends on besides each file's own content: the set of
/// source files, the manifests and the settings per language.
fn context_hash(root: &Path, walked: &walk::Walked, config: &BoundariesConfig) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    for f in &walked.files {
        f.path.hash(&mut h);
        f.language.hash(&mut h);
    }
    for m in &walked.manifests {
        m.hash(&mut h);
        techlead_core::read::regular_file(&root.join(m), techlead_core::read::CONFIG_LIMIT)
            .unwrap_or_default()
            .hash(&mut h);
    }
    config.python.roots.hash(&mut h);
    config.typescript.tsconfig.hash(&mut h);
    h.finish()
}

/// Scans again the files that were taken from the cache.
fn rescan(root: &Path, walked: &mut walk::Walked) {
    use rayon::prelude::*;
    if !walked.files.iter().any(|f| f.cached) {
        return;
    }
    let files = std::mem::take(&mut walked.files);
    let results: Vec<Result<walk::SourceFile, Warning>> = files
        .into_par_iter()
        .map(|f| {
            if f.cached {
                walk::read_and_scan(f.path.clone(), &root.join(&f.path), f.language, None, true)
            } else {
                Ok(f)
            }
        })
        .collect();
    for r in results {
        match r {
            Ok(f) => walked.files.push(f),
            Err(w) => walked.warnings.push(w),
        }
    }
}

/// Runs the boundary rules on an analysis. `config_path` is how
/// techlead.toml is named in findings.
pub fn check(
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    analysis: &Analysis,
    config_path: &str,
) -> Result<Vec<Finding>, InputError> {
    Ok(checked(loaded, config, analysis, config_path)?.findings)
}

/// What [`checked`] gives: the findings, and those that inline comments
/// suppressed, with the comments.
pub struct Checked {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
}

/// [`check`], also returning the findings that comments suppressed.
pub fn checked(
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    analysis: &Analysis,
    config_path: &str,
) -> Result<Checked, InputError> {
    let modules = Modules::compile(loaded, config)?;
    let run = run_rules(&modules, loaded, config, analysis, config_path);
    Ok(Checked {
        findings: run.0,
        suppressed: run.2,
    })
}

type Violations = std::collections::BTreeSet<(usize, usize, &'static str)>;

fn run_rules(
    modules: &Modules,
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    analysis: &Analysis,
    config_path: &str,
) -> (Vec<Finding>, Violations, Vec<Suppressed>) {
    let (crossings, mut ignores_used) = crossings_and_ignores(modules, config, &analysis.edges);
    let outside = outside_imports(modules, config, &analysis.externals, &mut ignores_used);
    let ctx = Ctx {
        modules,
        crossings,
        ignores_used,
        outside,
        config: loaded,
        section: config,
        config_path: config_path.to_string(),
        violations: Default::default(),
        root: &analysis.root,
        sources: Default::default(),
        suppressions: suppressed::Suppressions::new(
            &analysis.suppressions,
            config.honour_tach_ignore,
        ),
    };
    let findings = rules::run(&ctx);
    (
        findings,
        ctx.violations.into_inner(),
        ctx.suppressions.into_hidden(),
    )
}

/// The declared module of each path (None for files in no module), for
/// contexts that aggregate by module, such as history's coupling.
pub fn modules_of(
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    paths: &[&str],
) -> Result<Vec<Option<String>>, InputError> {
    let modules = Modules::compile(loaded, config)?;
    Ok(paths
        .iter()
        .map(|p| {
            modules
                .module_of(p)
                .map(|i| modules.modules[i].name.clone())
        })
        .collect())
}

/// `boundaries sync`: the new text of techlead.toml with each module's
/// depends_on set to what it imports, and what changed.
pub fn sync(
    source: &str,
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    analysis: &Analysis,
) -> Result<(String, Vec<ModuleChange>), InputError> {
    sync::sync(source, loaded, config, analysis)
}

/// The module graph: every declared module, and the dependencies between
/// them with import counts and the rules they break.
pub fn graph(
    loaded: &LoadedConfig,
    config: &BoundariesConfig,
    analysis: &Analysis,
    config_path: &str,
) -> Result<ModuleGraph, InputError> {
    let modules = Modules::compile(loaded, config)?;
    let (_, violations, _) = run_rules(&modules, loaded, config, analysis, config_path);
    let crossings = crossings(&modules, config, &analysis.edges);
    Ok(graph::build(&modules, &crossings, &violations))
}

/// The imports from one module into another; with `tests = "ignore"`,
/// not those of test code, and never those `ignore_imports` names.
pub(crate) fn crossings<'e>(
    modules: &Modules,
    config: &BoundariesConfig,
    edges: &'e [Edge],
) -> Vec<Crossing<'e>> {
    crossings_and_ignores(modules, config, edges).0
}

/// [`crossings`], and for each `ignore_imports` entry whether it left out
/// an import between modules.
fn crossings_and_ignores<'e>(
    modules: &Modules,
    config: &BoundariesConfig,
    edges: &'e [Edge],
) -> (Vec<Crossing<'e>>, Vec<bool>) {
    let skip_tests = config.tests == config::TestsMode::Ignore;
    let mut used = vec![false; modules.ignored.len()];
    // Edges name the same files many times over, each through one shared
    // `Arc<str>`: match each path once, keyed by where its text lives
    // (hashing two words, not the path's bytes, for every edge end).
    let mut memo: rustc_hash::FxHashMap<(usize, usize), Option<usize>> = Default::default();
    let mut module_of = |path: &'e str, is_dir: bool| {
        *memo
            .entry((path.as_ptr() as usize, path.len()))
            .or_insert_with(|| modules.module_of_target(path, is_dir))
    };
    let crossings = edges
        .iter()
        .filter(|e| !(skip_tests && e.test))
        .filter_map(|e| {
            let from = module_of(&e.from, false)?;
            let to = module_of(&e.to, e.language == Language::Go)?;
            if from == to {
                return None;
            }
            let mut ignored = false;
            for i in modules.ignored.matching(e) {
                used[i] = true;
                ignored = true;
            }
            (!ignored).then_some(Crossing { from, to, edge: e })
        })
        .collect();
    (crossings, used)
}

/// Imports of packages outside the tree made by the modules' files, for
/// `cannot_import`: without those `ignore_imports` names (noting each
/// entry that leaves one out in `used`), nor, with `tests = "ignore"`,
/// those of test files. Test code is told by its path here (a Rust
/// `#[cfg(test)]` module's crate imports count as production).
fn outside_imports<'e>(
    modules: &Modules,
    config: &BoundariesConfig,
    externals: &'e [External],
    used: &mut [bool],
) -> Vec<rules::OutsideImport<'e>> {
    let wanted = modules.modules.iter().any(|m| !m.cannot_import.is_empty())
        || config
            .ignore_imports
            .iter()
            .any(|i| !i.get_ref().packages.is_empty());
    if !wanted {
        return Vec::new();
    }
    let skip_tests = config.tests == config::TestsMode::Ignore;
    let mut out = Vec::new();
    for e in externals {
        let Some(module) = modules.module_of(&e.from) else {
            continue;
        };
        let test = test_code::is_test_path(&e.from);
        if skip_tests && test {
            continue;
        }
        let mut ignored = false;
        for i in modules.ignored.matching_external(e) {
            used[i] = true;
            ignored = true;
        }
        if !ignored {
            out.push(rules::OutsideImport {
                module,
                import: e,
                test,
            });
        }
    }
    out
}

/// [`analyze`] for a command: with the environment's cache setting and
/// progress display; the updated cache is deferred until the command
/// succeeded, and trouble with single files is noted as warnings.
pub fn analyze_in(env: &dyn Env, config: &BoundariesConfig) -> Result<Analysis, InputError> {
    let progress = env.progress("scanning files:");
    let mut analysis = analyze(env.root(), env.file(), config, env.use_cache(), &*progress)?;
    drop(progress);
    env.defer_cache(analysis.cache.take());
    for w in &analysis.warnings {
        env.note(&format!("warning: {w}"));
    }
    Ok(analysis)
}

/// How findings name the configuration file.
pub fn config_name(file: &LoadedConfig) -> String {
    file.path
        .as_deref()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|| "techlead.toml".into())
}

/// `boundaries/*`: the module rules over the imports the code has, when
/// `[boundaries]` declares modules.
pub struct BoundariesCheck<'a> {
    pub config: &'a BoundariesConfig,
}

impl Check for BoundariesCheck<'_> {
    fn name(&self) -> &'static str {
        "boundaries"
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        techlead_core::check::infos(RULES)
    }

    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError> {
        if self.config.modules.is_empty() {
            return Ok(None);
        }
        let analysis = analyze_in(env, self.config)?;
        let run = checked(env.file(), self.config, &analysis, &config_name(env.file()))?;
        if !run.suppressed.is_empty() {
            let n = run.suppressed.len();
            env.note(&format!(
                "boundaries: {n} finding{} suppressed by inline comments (`techlead boundaries suppressions` lists them with their reasons)",
                if n == 1 { "" } else { "s" }
            ));
        }
        Ok(Some(run.findings))
    }
}
