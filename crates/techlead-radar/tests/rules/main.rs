//! One fixture per radar rule, as ruff keeps a fixture per rule and zizmor
//! a test per audit. Each `<rule>.rs` writes technology records (and a
//! techlead.toml for `[radar]`) and lists the packages in use by hand, as
//! the CLI hands them over from the inventory context: one radar that trips
//! the rule (the hit) and one that looks close but must not (the near
//! miss). `techlead_testing::rule_report` checks both, the rule switched
//! off, and the hit's baseline after lines moved; the report is the
//! snapshot `snapshots/<rule>.snap`.
//!
//! Records are read by `techlead_radar::load` and checked by
//! `policy::check`, the path `techlead check` takes, so a rule removed from
//! `RULES` fails here.

mod hold_in_use;
mod overlapping_purpose;
mod stale_assessment;
mod unevaluated_direct_dependency;
mod unknown_quadrant;
mod unknown_ring;

use std::cell::Cell;
use std::path::Path;
use techlead_core::Finding;
use techlead_core::config::LoadedConfig;
use techlead_radar::config::RadarConfig;
use techlead_radar::policy::{self, InUse};
use techlead_testing::{Fixture, Tree};

/// `today` for every fixture, as `TECHLEAD_TODAY` fixes it in CLI tests.
const TODAY: &str = "2026-01-15";

/// Technology records in `docs/radar`, an optional techlead.toml, and the
/// packages in use.
#[derive(Default)]
pub struct Radar {
    tree: Tree,
    in_use: Vec<InUse>,
    /// Lines added above every lockfile line since the fixture was built.
    moved: Cell<u32>,
}

impl Radar {
    pub fn new() -> Radar {
        Radar {
            tree: Tree::new(),
            in_use: Vec::new(),
            moved: Cell::new(0),
        }
    }

    /// `docs/radar/<id>.md` with `front` as its front matter.
    pub fn record(self, id: &str, front: &str, body: &str) -> Radar {
        self.tree.write(
            &format!("docs/radar/{id}.md"),
            &format!("---\n{front}---\n\n{body}"),
        );
        self
    }

    pub fn config(self, toml: &str) -> Radar {
        self.tree.write("techlead.toml", toml);
        self
    }

    /// A package at `source:line`; `direct` as the lockfile tells it.
    pub fn uses(mut self, eco_name: &str, direct: Option<bool>, source: &str, line: u32) -> Radar {
        let (ecosystem, name) = eco_name.split_once(':').expect("eco:name");
        self.in_use.push(InUse {
            ecosystem: ecosystem.to_string(),
            name: name.to_string(),
            direct,
            source: source.to_string(),
            line,
        });
        self
    }
}

impl Fixture for Radar {
    fn tree(&self) -> &Tree {
        &self.tree
    }

    fn findings(&self) -> Vec<Finding> {
        let root = self.tree.root();
        let loaded = match std::fs::read_to_string(root.join("techlead.toml")) {
            Ok(text) => LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap(),
            Err(_) => LoadedConfig::default(),
        };
        let config: RadarConfig = loaded.section("radar").unwrap();
        let techs = techlead_radar::load(root, &root.join(config.dir())).unwrap();
        let in_use: Vec<InUse> = self
            .in_use
            .iter()
            .map(|p| InUse {
                line: p.line + self.moved.get(),
                ..p.clone()
            })
            .collect();
        policy::check(&techs, &config, &in_use, TODAY)
    }

    fn move_lines(&self) {
        self.tree.add_line_above();
        self.moved.set(self.moved.get() + 1);
    }
}

techlead_testing::rule_fixtures!(techlead_radar::policy::RULES);
