//! One fixture per debt rule. Each `<rule>.rs` writes debt items (and a
//! techlead.toml for `[debt]`), source files with markers, and, for the
//! hotspot rule, the commits of the window by hand, as the CLI hands them
//! over from the history context: one tree that trips the rule (the hit)
//! and one that looks close but must not (the near miss).
//! `techlead_testing::rule_report` checks both, the rule switched off, and
//! the hit's baseline after lines moved; the report is the snapshot
//! `snapshots/<rule>.snap`.
//!
//! Items are read by `techlead_debt::load`, markers by `scan_tree` and
//! everything checked by `rules::check`, the path `techlead check` takes,
//! so a rule removed from `RULES` fails here.

mod expired_todo;
mod overdue;
mod unowned;
mod unregistered_hotspot;

use std::collections::HashMap;
use std::path::Path;
use techlead_core::Finding;
use techlead_core::config::LoadedConfig;
use techlead_debt::config::DebtConfig;
use techlead_debt::rules::{self, DebtCtx, Hotspots};
use techlead_debt::signals::{Commit, Evidence, Health, History};
use techlead_testing::{Fixture, Tree};

/// `today` for every fixture, as `TECHLEAD_TODAY` fixes it in CLI tests.
const TODAY: &str = "2026-01-15";

/// A project with a debt register, source files, and the history of the
/// window (or why it cannot be read).
pub struct Debt {
    tree: Tree,
    history: History,
}

impl Default for Debt {
    fn default() -> Self {
        Self::new()
    }
}

impl Debt {
    pub fn new() -> Debt {
        Debt {
            tree: Tree::new(),
            history: History::Read {
                commits: Vec::new(),
                prefix: String::new(),
            },
        }
    }

    /// `docs/debt/<name>.md` with `front` as its front matter.
    pub fn item(self, name: &str, front: &str) -> Debt {
        self.tree.write(
            &format!("docs/debt/{name}.md"),
            &format!("---\n{front}---\n\n# {name}\n"),
        );
        self
    }

    pub fn file(self, rel: &str, text: &str) -> Debt {
        self.tree.write(rel, text);
        self
    }

    pub fn config(self, toml: &str) -> Debt {
        self.tree.write("techlead.toml", toml);
        self
    }

    /// A commit of the window by `author` changing `files`.
    pub fn commit(mut self, author: &str, files: &[&str], message: &str) -> Debt {
        if let History::Read { commits, .. } = &mut self.history {
            commits.push(Commit {
                author: author.into(),
                time: 1_767_225_600,
                files: files.iter().map(|f| f.to_string()).collect(),
                message: message.into(),
                bot: false,
            });
        }
        self
    }

    pub fn no_history(mut self, why: &str) -> Debt {
        self.history = History::Missing(why.into());
        self
    }
}

impl Fixture for Debt {
    fn tree(&self) -> &Tree {
        &self.tree
    }

    fn findings(&self) -> Vec<Finding> {
        let root = self.tree.root();
        let loaded = match std::fs::read_to_string(root.join("techlead.toml")) {
            Ok(text) => LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap(),
            Err(_) => LoadedConfig::default(),
        };
        let config: DebtConfig = loaded.section("debt").unwrap();
        let items = techlead_debt::load(root, &root.join(config.dir())).unwrap();
        let markers = techlead_debt::scan::scan_tree(root, &[], &config.excludes(), &()).markers;
        let hotspots = if config.unregistered_hotspots {
            let ev = Evidence {
                history: self.history.clone(),
                health: Health::Missing("not measured in this fixture".into()),
                files: techlead_debt::scan::tree_files(root, &config.excludes()),
                module_of: HashMap::new(),
                source: None,
                window_days: config.window_days(),
                max_changeset_size: config.max_changeset_size(),
                bug_fix: config.bug_fix(),
            };
            techlead_debt::check::hotspots(&items, &config, &ev)
        } else {
            Hotspots::NotLooked
        };
        rules::check(&DebtCtx {
            items: &items,
            config: &config,
            today: TODAY,
            markers: &markers,
            hotspots: &hotspots,
        })
    }
}

techlead_testing::rule_fixtures!(techlead_debt::rules::RULES);
