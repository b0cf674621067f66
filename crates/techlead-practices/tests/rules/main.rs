//! One fixture per practices rule. Each `<rule>.rs` writes a tree (and a
//! techlead.toml with `[practices]`) and lists commits by hand, as the CLI
//! hands history over: one project that trips the rule (the hit) and one
//! that looks close but must not (the near miss). The assessment runs as
//! `techlead check` runs it: `techlead_practices::assess`, then the rules.

mod architecture_outpaces_team;
mod below_level;
mod check_below_minimum;

use std::path::{Path, PathBuf};
use techlead_core::Finding;
use techlead_core::check::run_rules;
use techlead_core::config::LoadedConfig;
use techlead_practices::config::PracticesConfig;
use techlead_practices::rules::{PracticesCx, RULES};
use techlead_practices::{
    Boundaries, Commit, Decisions, GitHistory, History, Input, Person, Tree as PracticesTree,
};
use techlead_testing::{Fixture, Tree};

/// `today` for every fixture, as `TECHLEAD_TODAY` fixes it in CLI tests.
const TODAY: &str = "2026-01-15";

/// A tree, read from its folder the way the CLI reads a working tree.
struct Folder {
    root: PathBuf,
    files: Vec<String>,
}

impl Folder {
    fn read(root: &Path) -> Folder {
        fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if e.file_name() == ".git" {
                    continue;
                }
                if p.is_dir() {
                    walk(&p, root, out);
                } else {
                    let rel = p
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    out.push(rel);
                }
            }
        }
        let mut files = Vec::new();
        walk(root, root, &mut files);
        files.sort();
        Folder {
            root: root.to_path_buf(),
            files,
        }
    }
}

impl PracticesTree for Folder {
    fn files(&self) -> &[String] {
        &self.files
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(self.root.join(path)).ok()
    }
}

/// Files, and the commits history would hand over.
pub struct Practices {
    tree: Tree,
    commits: Vec<Commit>,
}

impl Practices {
    pub fn new(config: &str) -> Practices {
        Practices {
            tree: Tree::new().file("techlead.toml", config),
            commits: Vec::new(),
        }
    }

    pub fn file(self, rel: &str, text: &str) -> Practices {
        self.tree.write(rel, text);
        self
    }

    /// A commit to main by `who`, `days` before today, changing `files`.
    pub fn commit(mut self, who: &str, days: i64, files: &[&str]) -> Practices {
        let time = techlead_practices::duration::day_start(TODAY.parse().unwrap()) - days * 86_400;
        let person = Person {
            name: who.to_string(),
            email: format!("{}@example.com", who.to_lowercase()),
            time,
            key: who.to_lowercase(),
            bot: false,
        };
        let id = format!("{:040x}", self.commits.len() + 1);
        // Newest first, each on the one before it.
        if let Some(newest) = self.commits.first_mut() {
            newest.parents = vec![id.clone()];
        }
        self.commits.insert(
            0,
            Commit {
                id,
                parents: Vec::new(),
                author: person.clone(),
                committer: person,
                message: format!("change by {who}\n"),
                files: Some(files.iter().map(|f| f.to_string()).collect()),
            },
        );
        self
    }
}

/// The fixtures' people are their names; none is a bot.
struct ByName;

impl techlead_practices::Identities for ByName {
    fn who(&self, name: &str, _: &str) -> (String, bool) {
        (name.to_lowercase(), false)
    }
}

impl Fixture for Practices {
    fn tree(&self) -> &Tree {
        &self.tree
    }

    fn findings(&self) -> Vec<Finding> {
        let root = self.tree.root();
        let text = std::fs::read_to_string(root.join("techlead.toml")).unwrap();
        let file = LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap();
        let config: Option<PracticesConfig> = file.section("practices").unwrap();
        let config = config.expect("a [practices] section");
        let tree = Folder::read(root);
        let mut commits = self.commits.clone();
        // The commits point at files of the tree, as history would.
        for c in &mut commits {
            c.files = c
                .files
                .take()
                .map(|f| f.into_iter().filter(|p| tree.files.contains(p)).collect());
        }
        let history = History::Read(GitHistory {
            head: commits.first().map(|c| c.id.clone()),
            commits,
            tags: Vec::new(),
            truck_factor: Some(Default::default()),
        });
        let tree_at = |_: &str| -> Option<techlead_practices::TreeMeasure> { None };
        let input = Input {
            tree: &tree,
            history: &history,
            packages: &[],
            decisions: &Decisions::None,
            boundaries: &Boundaries::default(),
            config: &config,
            today: TODAY,
            since: None,
            tree_at: &tree_at,
            identities: &ByName,
            code_memo: &techlead_practices::CodeMemo::in_memory(),
        };
        let report = techlead_practices::assess(&input).unwrap();
        let cx = PracticesCx {
            report: &report,
            config: &config,
            file: &file,
        };
        run_rules(RULES, &cx)
    }
}

techlead_testing::rule_fixtures!(techlead_practices::rules::RULES);
