//! One fixture per deps rule. Each `<rule>.rs` writes lockfiles (and a
//! techlead.toml with `[deps]`) and, for the online rules, hands over
//! canned registry and OSV answers as the online module would give them:
//! one tree that trips the rule (the hit) and one that looks close but
//! must not (the near miss). `techlead_testing::rule_report` checks both,
//! the rule switched off, and the hit's baseline after lines moved; the
//! report is the snapshot `snapshots/<rule>.snap`.
//!
//! Packages are read by `techlead_inventory::inventory`, licenses filled
//! and rules run by `check::check`, the path `techlead check` takes, so a
//! rule removed from `RULES` fails here.

mod denied_license;
mod outdated_major;
mod unknown_license;
mod unmaintained;
mod vulnerable;
mod yanked;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use techlead_core::Finding;
use techlead_core::config::LoadedConfig;
use techlead_inventory::Ecosystem;
use techlead_inventory::check::{self as deps, DepsCtx, Hold};
use techlead_inventory::config::DepsConfig;
use techlead_inventory::online::osv::Advisory;
use techlead_inventory::online::registry::RegistryInfo;
use techlead_inventory::online::{Assessment, Risk};
use techlead_testing::{Fixture, Tree};

/// `today` for every fixture, as `TECHLEAD_TODAY` fixes it in CLI tests.
const TODAY: &str = "2026-01-15";

/// Lockfiles, a techlead.toml, and what the services would say.
#[derive(Default)]
pub struct Deps {
    tree: Tree,
    risks: RefCell<HashMap<(Ecosystem, String, String), Risk>>,
    hold: Vec<Hold>,
    online: bool,
}

impl Deps {
    pub fn new() -> Deps {
        Deps::default()
    }

    pub fn file(self, rel: &str, text: &str) -> Deps {
        self.tree.write(rel, text);
        self
    }

    pub fn config(self, toml: &str) -> Deps {
        self.file("techlead.toml", toml)
    }

    /// What the registry and OSV say of `eco:name@version`; the online
    /// rules run.
    pub fn online(
        mut self,
        package: &str,
        registry: RegistryInfo,
        vulnerabilities: Vec<Advisory>,
    ) -> Deps {
        let (eco_name, version) = package.rsplit_once('@').expect("eco:name@version");
        let (eco, name) = eco_name.split_once(':').expect("eco:name");
        let eco = match eco {
            "npm" => Ecosystem::Npm,
            "cargo" => Ecosystem::Cargo,
            "pypi" => Ecosystem::Pypi,
            "go" => Ecosystem::Go,
            other => panic!("no {other} here"),
        };
        self.risks.borrow_mut().insert(
            (eco, name.to_string(), version.to_string()),
            Risk {
                registry: Some(Ok(registry)),
                vulnerabilities: Ok(vulnerabilities),
            },
        );
        self.online = true;
        self
    }

    /// The radar has `eco:name` on Hold.
    pub fn hold(mut self, eco_name: &str, technology: &str) -> Deps {
        let (ecosystem, name) = eco_name.split_once(':').expect("eco:name");
        self.hold.push(Hold {
            ecosystem: ecosystem.into(),
            name: name.into(),
            technology: technology.into(),
            record: format!("docs/radar/{}.md", technology.to_lowercase()),
        });
        self
    }
}

/// An npm lockfile (v3) of `(name, version, license, dev)`, the root
/// declaring each.
pub fn npm_lock(packages: &[(&str, &str, Option<&str>, bool)]) -> String {
    let declared: Vec<String> = packages
        .iter()
        .map(|(n, _, _, _)| format!("\"{n}\": \"*\""))
        .collect();
    let mut s = format!(
        "{{\n  \"lockfileVersion\": 3,\n  \"packages\": {{\n    \"\": {{ \"dependencies\": {{ {} }} }}",
        declared.join(", ")
    );
    for (name, version, license, dev) in packages {
        s.push_str(&format!(
            ",\n    \"node_modules/{name}\": {{ \"version\": \"{version}\""
        ));
        if let Some(l) = license {
            s.push_str(&format!(", \"license\": \"{l}\""));
        }
        if *dev {
            s.push_str(", \"dev\": true");
        }
        s.push_str(" }");
    }
    s.push_str("\n  }\n}\n");
    s
}

impl Fixture for Deps {
    fn tree(&self) -> &Tree {
        &self.tree
    }

    fn findings(&self) -> Vec<Finding> {
        let root = self.tree.root();
        let loaded = match std::fs::read_to_string(root.join("techlead.toml")) {
            Ok(text) => LoadedConfig::parse(Path::new("techlead.toml"), text).unwrap(),
            Err(_) => LoadedConfig::default(),
        };
        let config: DepsConfig = loaded.section("deps").unwrap();
        let mut inventory = techlead_inventory::inventory(root);
        assert!(inventory.errors.is_empty(), "{:?}", inventory.errors);
        let packages = &mut inventory.packages;
        techlead_inventory::license::fill_installed(root, None, packages);
        let assessment = self.online.then(|| Assessment {
            risks: self.risks.borrow().clone(),
            ..Assessment::default()
        });
        deps::fill_licenses(packages, &config, assessment.as_ref());
        let cx = DepsCtx {
            packages,
            config: &config,
            policy: config.policy(),
            online: assessment.as_ref(),
            hold: &self.hold,
            today: TODAY,
        };
        deps::check(&cx)
    }

    /// A comment above a TOML lockfile, a blank line above a JSON one.
    fn move_lines(&self) {
        self.tree.add_line_above();
        let root = self.tree.root();
        for name in ["package-lock.json", "Cargo.lock", "uv.lock"] {
            let p = root.join(name);
            if let Ok(text) = std::fs::read_to_string(&p) {
                let moved = if name.ends_with(".json") {
                    format!("\n{text}")
                } else {
                    format!("# moved\n{text}")
                };
                std::fs::write(&p, moved).unwrap();
            }
        }
    }
}

/// An advisory as OSV's details give it.
pub fn advisory(id: &str, alias: &str, summary: &str, fixed: &[&str]) -> Advisory {
    Advisory {
        id: id.into(),
        aliases: vec![alias.into()],
        summary: Some(summary.into()),
        severity: Some("HIGH".into()),
        fixed: fixed.iter().map(|s| s.to_string()).collect(),
        url: format!("https://osv.dev/vulnerability/{id}"),
    }
}

techlead_testing::rule_fixtures!(techlead_inventory::check::RULES);
