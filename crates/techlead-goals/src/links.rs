//! Links between goals and the records that serve them, read both ways: a
//! record's `goals:` names goals, a goal's `links:` names records. Either
//! side makes the link; each side is checked for names that resolve to
//! nothing.

use crate::goal::Goal;
use crate::work::{RecordRef, Works};
use serde::Serialize;

/// Where a link is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// The record's `goals:` field.
    Record,
    /// The goal's `links:` field.
    Goal,
    Both,
}

/// Goal `goal` is served by record `work` (indexes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Linked {
    pub goal: usize,
    pub work: usize,
    pub via: Via,
}

/// A name of a goal that no goal answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownGoal {
    /// As written.
    pub reference: String,
    /// Who names it: `adr:0002`, or `goal 0003` for a parent.
    pub from: String,
    pub path: String,
    pub line: Option<u32>,
}

/// A record named in a goal's `links:` that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRecord {
    pub goal: usize,
    pub to: RecordRef,
    pub line: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Links {
    pub linked: Vec<Linked>,
    pub unknown_goals: Vec<UnknownGoal>,
    pub unknown_records: Vec<UnknownRecord>,
}

impl Links {
    /// The records serving goal `goal`, in record order.
    pub fn of_goal(&self, goal: usize) -> impl Iterator<Item = &Linked> {
        self.linked.iter().filter(move |l| l.goal == goal)
    }

    /// The goals record `work` serves.
    pub fn of_work(&self, work: usize) -> impl Iterator<Item = &Linked> {
        self.linked.iter().filter(move |l| l.work == work)
    }
}

/// Every link, each once, sorted by goal then record.
pub fn resolve(goals: &[Goal], works: &Works) -> Links {
    let mut out = Links::default();
    let mut add = |goal: usize, work: usize, via: crate::links::Via| {
        if let Some(l) = out
            .linked
            .iter_mut()
            .find(|l| l.goal == goal && l.work == work)
        {
            if l.via != via {
                l.via = Via::Both;
            }
        } else {
            out.linked.push(Linked { goal, work, via });
        }
    };
    for (wi, w) in works.items.iter().enumerate() {
        for reference in &w.goals {
            match goals.iter().position(|g| g.matches(reference)) {
                Some(gi) => add(gi, wi, Via::Record),
                None => out.unknown_goals.push(UnknownGoal {
                    reference: reference.clone(),
                    from: w.reference(),
                    path: w.path.clone(),
                    line: w.goals_line,
                }),
            }
        }
    }
    for (gi, g) in goals.iter().enumerate() {
        for link in &g.links {
            match works.find(&link.to) {
                Some(wi) => add(gi, wi, Via::Goal),
                None if works.kinds.contains(&link.to.kind) => {
                    out.unknown_records.push(UnknownRecord {
                        goal: gi,
                        to: link.to.clone(),
                        line: link.line,
                    })
                }
                None => {}
            }
        }
        if let Some(p) = &g.parent
            && !goals.iter().any(|x| x.matches(p))
        {
            out.unknown_goals.push(UnknownGoal {
                reference: p.clone(),
                from: format!("goal {}", g.id),
                path: g.path.clone(),
                line: g.lines.parent,
            });
        }
    }
    out.linked.sort_by_key(|l| (l.goal, l.work));
    out
}
