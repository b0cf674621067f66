//! One fixture per goals rule. Each `<rule>.rs` writes goal records (and a
//! techlead.toml for `[goals]`) and lists the decisions, debt items and
//! technologies by hand, as the CLI hands them over from their contexts,
//! with the metric values the registry computed: one project that trips
//! the rule (the hit) and one that looks close but must not (the near
//! miss). `techlead_testing::rule_report` checks both, the rule switched
//! off, and the hit's baseline after lines moved.
//!
//! Goals are read by `techlead_goals::load` and checked through
//! `check::analyse` and `rules::check`, the path `techlead check` takes,
//! so a rule removed from `RULES` fails here.

mod expired;
mod goal_without_work;
mod off_track;
mod orphan_decision;
mod unknown_goal;
mod unknown_record;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::Path;
use techlead_core::Finding;
use techlead_core::config::LoadedConfig;
use techlead_goals::check::{Inputs, analyse};
use techlead_goals::config::GoalsConfig;
use techlead_goals::{Catalog, Kind, MetricInfo, Readings, Work, Works};
use techlead_testing::{Fixture, Tree};

/// `today` for every fixture: half of 2026-Q1 has gone by.
const TODAY: &str = "2026-02-15";

/// Goal records in `docs/goals`, an optional techlead.toml, the records
/// that may serve goals, and the metrics' values.
#[derive(Default)]
pub struct Goals {
    tree: Tree,
    works: Vec<Work>,
    values: BTreeMap<String, Result<f64, String>>,
    /// Lines added above every line since the fixture was built.
    moved: Cell<u32>,
}

impl Goals {
    pub fn new() -> Goals {
        Goals::default()
    }

    /// `docs/goals/<file>` with `front` as its front matter.
    pub fn goal(self, file: &str, front: &str) -> Goals {
        self.tree.write(
            &format!("docs/goals/{file}"),
            &format!("---\n{front}---\n\nWhy it matters.\n"),
        );
        self
    }

    pub fn config(self, toml: &str) -> Goals {
        self.tree.write("techlead.toml", toml);
        self
    }

    /// A record of `kind` named `stem` (`0002-use-rust`), its status and
    /// date, serving `goals` (its `goals:` field on line 4).
    pub fn work(
        mut self,
        kind: Kind,
        stem: &str,
        status: &str,
        date: &str,
        goals: &[&str],
    ) -> Goals {
        let number = stem.split('-').next().and_then(|d| d.parse::<u32>().ok());
        let id = match number {
            Some(_) => stem.split('-').next().unwrap_or(stem).to_string(),
            None => stem.to_string(),
        };
        let folder = match kind {
            Kind::Decision => "docs/decisions",
            Kind::Debt => "docs/debt",
            Kind::Technology => "docs/radar",
        };
        self.works.push(Work {
            kind,
            id,
            stem: stem.to_string(),
            number,
            title: stem.replace('-', " "),
            status: (!status.is_empty()).then(|| status.to_string()),
            date: (!date.is_empty()).then(|| date.to_string()),
            path: format!("{folder}/{stem}.md"),
            line: Some(1),
            goals: goals.iter().map(|g| g.to_string()).collect(),
            goals_line: (!goals.is_empty()).then_some(4),
        });
        self
    }

    /// The value the metric registry computed for `metric`.
    pub fn metric(mut self, metric: &str, value: f64) -> Goals {
        self.values.insert(metric.to_string(), Ok(value));
        self
    }
}

/// The registry's names, as the CLI hands them over.
fn catalog() -> Catalog {
    let m = |name: &str, unit: &str| MetricInfo {
        name: name.into(),
        unit: unit.into(),
    };
    Catalog {
        metrics: vec![
            m("boundaries.violations", "count"),
            m("history.truck_factor", "count"),
            m("practices.level", "level"),
        ],
        levels: ["none", "bronze", "silver", "gold"]
            .map(String::from)
            .to_vec(),
    }
}

impl Fixture for Goals {
    fn tree(&self) -> &Tree {
        &self.tree
    }

    fn findings(&self) -> Vec<Finding> {
        let root = self.tree.root();
        let loaded = match std::fs::read_to_string(root.join("techlead.toml")) {
            Ok(text) => LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap(),
            Err(_) => LoadedConfig::default(),
        };
        let config: GoalsConfig = loaded.section("goals").unwrap();
        assert!(config.validate(&loaded).is_empty());
        let goals = techlead_goals::load(root, &root.join(config.dir())).unwrap();
        let moved = self.moved.get();
        let items = self
            .works
            .iter()
            .map(|w| Work {
                line: w.line.map(|l| l + moved),
                goals_line: w.goals_line.map(|l| l + moved),
                ..w.clone()
            })
            .collect();
        let inputs = Inputs {
            works: Works {
                items,
                kinds: Kind::ALL.to_vec(),
            },
            catalog: catalog(),
            readings: Readings {
                values: self.values.clone(),
                history: None,
            },
        };
        let analysis = analyse(goals, inputs, &config, TODAY).unwrap();
        techlead_goals::rules::check(&analysis.context(&config, TODAY))
    }

    fn move_lines(&self) {
        self.tree.add_line_above();
        self.moved.set(self.moved.get() + 1);
    }
}

techlead_testing::rule_fixtures!(techlead_goals::rules::RULES);
