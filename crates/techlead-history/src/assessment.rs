//! The assessment: every analysis the report and the snapshot need, from
//! one walk of the history (revisions, hotspots, coupling, knowledge and
//! delivery), instead of one walk per analysis.

use crate::numbered::{Numbered, Row as NRow};
use crate::summary::Summary;
use crate::{Coupling, CouplingOptions, Loss, MainDev, TruckFactor};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// What the report's history sections show, from one walk.
pub struct Assessment {
    /// `history summary`'s numbers: commits, people, hotspots (every
    /// present source file, highest first), coupling, truck factor,
    /// knowledge islands, delivery.
    pub summary: Summary,
    /// The main developer by revisions of every present file (people only).
    pub main_devs: Vec<MainDev>,
    /// Files whose every author made no commit in the activity window.
    pub knowledge_loss: Vec<Loss>,
    /// People who made no commit in the window and are still the main
    /// developer of files that exist, most files first.
    pub departed: Vec<Departed>,
    /// The truck factor of each `[boundaries]` module, by name; empty
    /// without modules.
    pub module_truck_factors: Vec<(String, TruckFactor)>,
    /// Coupling between modules (code-maat's thresholds over module
    /// change sets); empty without modules.
    pub module_coupling: Vec<Coupling>,
    /// The module of each present file that is in one.
    pub file_modules: BTreeMap<String, String>,
    /// The first moment counted as active (seconds since the epoch).
    pub active_since: i64,
}

/// Someone who left: no commit since the activity window began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Departed {
    pub author: String,
    /// YYYY-MM-DD of their last commit.
    pub last_commit: String,
    /// Present files they are the main developer of.
    pub files: usize,
}

/// `people` are the present files' change sets of people (bots out);
/// `coupled` the change sets of people file coupling counted (commits
/// over the size limit out, then only the kinds ranked); `modules` names
/// the module of each present file.
pub(crate) fn assess(
    summary: Summary,
    n: &Numbered,
    people: &[NRow],
    coupled: &[NRow],
    modules: BTreeMap<String, String>,
    active_since: i64,
) -> Result<Assessment, techlead_core::InputError> {
    let main_devs = crate::people::main_devs(n, people);
    let knowledge_loss = crate::people::knowledge_loss_of(n, people, active_since);
    let departed = departed(n, people, &main_devs, active_since);
    let mut module_truck_factors = Vec::new();
    let mut module_coupling = Vec::new();
    if !modules.is_empty() {
        let mut names: Vec<&String> = modules.values().collect();
        names.sort();
        names.dedup();
        // Each path's module, as its place among the names.
        let mut module_of: Vec<Option<u32>> = vec![None; n.paths.len()];
        for (path, module) in &modules {
            if let (Ok(p), Ok(m)) = (n.paths.binary_search(path), names.binary_search(&module)) {
                module_of[p] = Some(m as u32);
            }
        }
        for (m, name) in names.iter().enumerate() {
            let only: Vec<NRow> = people
                .iter()
                .map(|r| NRow {
                    commit: r.commit,
                    files: r
                        .files
                        .iter()
                        .copied()
                        .filter(|&f| module_of[f as usize] == Some(m as u32))
                        .collect(),
                    lines: Vec::new(),
                })
                .filter(|r| !r.files.is_empty())
                .collect();
            module_truck_factors.push((name.to_string(), crate::people::truck_factor_of(n, &only)));
        }
        // Coupling between modules: each commit file coupling counted (of
        // at most the size limit, in files) as the set of its ranked
        // files' modules.
        let grouped: Vec<Vec<u32>> = coupled
            .iter()
            .map(|r| {
                let mut m: Vec<u32> = r
                    .files
                    .iter()
                    .filter_map(|&f| module_of[f as usize])
                    .collect();
                m.sort_unstable();
                m.dedup();
                m
            })
            .collect();
        let rows: Vec<&[u32]> = grouped.iter().map(Vec::as_slice).collect();
        module_coupling = crate::coupling::coupling_of(&rows, &names, &CouplingOptions::default())?;
    }
    Ok(Assessment {
        summary,
        main_devs,
        knowledge_loss,
        departed,
        module_truck_factors,
        module_coupling,
        file_modules: modules,
        active_since,
    })
}

fn departed(
    n: &Numbered,
    people: &[NRow],
    main_devs: &[MainDev],
    active_since: i64,
) -> Vec<Departed> {
    let mut last: Vec<Option<i64>> = vec![None; n.authors.len()];
    for r in people {
        let c = n.commit(r);
        let t = &mut last[c.author as usize];
        *t = Some(t.map_or(c.time, |t| t.max(c.time)));
    }
    let mut owned: HashMap<&str, usize> = HashMap::new();
    for m in main_devs {
        *owned.entry(&m.main_dev).or_default() += 1;
    }
    let mut out: Vec<Departed> = last
        .into_iter()
        .enumerate()
        .filter_map(|(a, t)| Some((n.author(a as u32), t?)))
        .filter(|(_, t)| *t < active_since)
        .filter_map(|(a, t)| {
            let files = *owned.get(a)?;
            Some(Departed {
                author: a.to_string(),
                last_commit: crate::revision::date_of(t),
                files,
            })
        })
        .collect();
    out.sort_by(|a, b| b.files.cmp(&a.files).then_with(|| a.author.cmp(&b.author)));
    out
}

impl Assessment {
    /// The JSON `history` writes for it (not a command of its own: the
    /// report and the snapshot read the struct).
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "commits": self.summary.commits,
            "people": self.summary.people,
            "truck_factor": self.summary.truck_factor,
            "knowledge_islands": self.summary.knowledge_islands,
            "files": self.summary.files,
            "departed": self.departed,
        })
    }
}
