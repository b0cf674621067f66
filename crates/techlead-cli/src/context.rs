//! What every command starts from: the project root, the loaded config,
//! and the output conventions (format, quiet, colour).

use crate::cli::{ColorChoice, Format, GlobalArgs};
use anyhow::Result;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use techlead_boundaries::config::BoundariesConfig;
use techlead_core::InputError;
use techlead_core::cache::Pending;
use techlead_core::check::{Env, Progress};
use techlead_core::config::LoadedConfig;
use techlead_core::paths;
use techlead_debt::config::DebtConfig;
use techlead_goals::config::GoalsConfig;
use techlead_health::HealthConfig;
use techlead_history::config::HistoryConfig;
use techlead_inventory::config::DepsConfig;
use techlead_practices::config::PracticesConfig;
use techlead_radar::config::RadarConfig;
use techlead_records::config::DecisionsConfig;
use techlead_store::config::{SnapshotConfig, StoreConfig};

pub struct Context {
    pub root: PathBuf,
    /// The configuration file; each context's section is typed below.
    pub config: LoadedConfig,
    pub decisions: DecisionsConfig,
    pub boundaries: BoundariesConfig,
    pub history: HistoryConfig,
    pub radar: RadarConfig,
    pub debt: DebtConfig,
    /// `[debt]` is written in the configuration file.
    pub debt_configured: bool,
    pub deps: DepsConfig,
    /// `techlead check --online` or `snapshot --online`: the network may
    /// be asked (the registries and OSV).
    pub online: bool,
    /// `[practices]`; None when techlead.toml has no such section (then
    /// `techlead check` does not run practices).
    pub practices: Option<PracticesConfig>,
    pub goals: GoalsConfig,
    pub snapshot: SnapshotConfig,
    /// `[store]`: the organisation store and this repository's team and tags.
    pub store: StoreConfig,
    /// `[health]`, None when absent (the health rules are then off).
    pub health: Option<HealthConfig>,
    /// Today, YYYY-MM-DD (`TECHLEAD_TODAY` fixes it).
    pub today: crate::Today,
    /// The config file in use, absolute; None when there is none.
    pub config_file: Option<PathBuf>,
    pub format: Option<Format>,
    /// The formats the invoked command accepts, its default first.
    pub formats: &'static [Format],
    pub quiet: bool,
    /// `--no-cache`: leave .techlead/cache alone.
    pub no_cache: bool,
    pub color: bool,
}

impl Context {
    pub fn new(
        global: &GlobalArgs,
        format: Option<Format>,
        formats: &'static [Format],
    ) -> Result<Self> {
        let start = match &global.repo {
            Some(repo) => {
                if !repo.is_dir() {
                    return Err(InputError::in_file(repo, "--repo is not a directory").into());
                }
                paths::absolute(repo)
            }
            None => paths::absolute(Path::new(".")),
        };
        let root = paths::find_root(&start);
        let config_path = match &global.config {
            Some(p) => Some(paths::absolute(p)),
            None => paths::find_config(&start),
        };
        let config = match &config_path {
            Some(p) => LoadedConfig::load(p, Path::new(&paths::display_rel(&root, p)))?,
            None => LoadedConfig::default(),
        };
        // Every section is read, and every problem reported at once (as
        // cargo-deny collects its diagnostics), before any command runs.
        let mut errors = config.unknown_sections(crate::commands::registry::SECTIONS);
        let decisions: DecisionsConfig = collect(
            &mut errors,
            config.section(techlead_records::config::SECTION),
        );
        let boundaries: BoundariesConfig = collect(
            &mut errors,
            config.section(techlead_boundaries::config::SECTION),
        );
        let radar: RadarConfig =
            collect(&mut errors, config.section(techlead_radar::config::SECTION));
        let practices: Option<PracticesConfig> = collect(
            &mut errors,
            config.section(techlead_practices::config::SECTION),
        );
        let history: HistoryConfig = collect(
            &mut errors,
            config.section(techlead_history::config::SECTION),
        );
        let debt: Option<DebtConfig> =
            collect(&mut errors, config.section(techlead_debt::config::SECTION));
        let debt_configured = debt.is_some();
        let debt = debt.unwrap_or_default();
        let deps: DepsConfig = collect(
            &mut errors,
            config.section(techlead_inventory::config::SECTION),
        );
        let goals: GoalsConfig =
            collect(&mut errors, config.section(techlead_goals::config::SECTION));
        let snapshot: SnapshotConfig =
            collect(&mut errors, config.section(techlead_store::config::SECTION));
        let store: StoreConfig = collect(
            &mut errors,
            config.section(techlead_store::config::STORE_SECTION),
        );
        let health: Option<HealthConfig> =
            collect(&mut errors, config.section(techlead_health::SECTION));
        errors.extend(boundaries.validate(&config));
        errors.extend(debt.validate(&config));
        errors.extend(goals.validate(&config));
        errors.extend(health.iter().flat_map(|h| h.validate(&config)));
        errors.extend(deps.validate(&config));
        if let Some(p) = &practices {
            errors.extend(p.validate(&config));
        }
        if !errors.is_empty() {
            // In file order, as an editor walks them.
            errors.sort_by_key(|e| (e.line, e.column));
            return Err(techlead_core::error::InputErrors(errors).into());
        }
        if !global.no_cache
            && !global.quiet
            && let Err(e) = techlead_core::cache::check_dir(&root)
        {
            eprintln!("warning: {e}");
        }
        Ok(Context {
            config_file: config_path,
            root,
            config,
            decisions,
            boundaries,
            radar,
            practices,
            history,
            debt,
            debt_configured,
            deps,
            online: false,
            goals,
            snapshot,
            store,
            health,
            today: crate::Today::new()?,
            format,
            formats,
            quiet: global.quiet,
            no_cache: global.no_cache,
            color: color_enabled(global.color),
        })
    }

    /// Keeps an updated cache to write if the command succeeds (exit 0 or
    /// 1): a command that stops on bad input touches no file.
    pub fn defer_cache(&self, pending: Option<Pending>) {
        deferred().extend(pending);
    }

    /// The requested format, else the command's default. The command line
    /// parser has already refused formats the command does not accept.
    pub fn output_format(&self) -> Format {
        self.format
            .or(self.formats.first().copied())
            .unwrap_or(Format::Text)
    }

    /// Where Cargo keeps its registry sources: `CARGO_HOME`, else
    /// `~/.cargo`; read for the licenses of installed crates.
    pub fn cargo_home(&self) -> Option<PathBuf> {
        std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    }

    /// A path for messages: relative to the root, `/` separators.
    pub fn rel(&self, path: &Path) -> String {
        paths::display_rel(&self.root, path)
    }

    /// Notes for people go to stderr, never stdout, and not with --quiet.
    pub fn note(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            // Notes name files and titles from the repository.
            eprintln!(
                "{}",
                techlead_core::terminal::visible_controls(msg.as_ref())
            );
        }
    }
}

/// A section's value, or its default with the error kept for the report.
fn collect<T: Default>(errors: &mut Vec<InputError>, section: Result<T, InputError>) -> T {
    section.unwrap_or_else(|e| {
        errors.push(e);
        T::default()
    })
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Caches to write once the command has succeeded. Global rather than in
/// the context, so that a command cut short by a closed stdout pipe, which
/// exits 0 from inside `out!`, still writes them.
static DEFERRED: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

fn deferred() -> MutexGuard<'static, Vec<Pending>> {
    DEFERRED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes the deferred caches. A cache only saves time, so failing to write
/// one is a warning on stderr (unless `quiet`), not an error.
pub fn save_caches(quiet: bool) {
    for p in std::mem::take(&mut *deferred()) {
        let rel = p.rel_path();
        if let Err(e) = p.save()
            && !quiet
        {
            eprintln!("warning: {rel}: cache not written: {e}");
        }
    }
}

impl Env for Context {
    fn root(&self) -> &Path {
        &self.root
    }

    fn file(&self) -> &LoadedConfig {
        &self.config
    }

    fn today(&self) -> &str {
        &self.today
    }

    fn use_cache(&self) -> bool {
        !self.no_cache
    }

    fn defer_cache(&self, pending: Option<Pending>) {
        Context::defer_cache(self, pending);
    }

    fn note(&self, message: &str) {
        Context::note(self, message);
    }

    fn progress(&self, label: &str) -> Box<dyn Progress + '_> {
        Box::new(crate::progress::Files::new(self, label))
    }
}
