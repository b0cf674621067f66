//! Links between decisions, debt items and goals, each read from where it
//! is written: a debt item's `decisions:` names decisions, a goal's
//! `links:` names decisions, debt items and technologies, and a record's
//! `goals:` names goals. The report shows every link on both ends, so a
//! decision lists the debt it left and the goals it serves, a debt item
//! the decisions behind it, and a goal the records that serve it.

use super::build::anchor;
use super::{DebtPart, DecisionsPart, GoalsPart, Mention, Part};
use std::collections::HashMap;
use techlead_goals::Kind;
use techlead_metrics::evidence;

/// A record as a link shows it: `0003 Title`.
fn label(id: &str, title: &str) -> String {
    if title.is_empty() || title == id {
        id.to_string()
    } else {
        format!("{id} {title}")
    }
}

fn mention(kind: &str, anchor_kind: &str, id: &str, title: &str) -> Mention {
    Mention {
        kind: kind.into(),
        name: label(id, title),
        anchor: anchor(anchor_kind, id),
    }
}

/// A decision is shown by its number as its file writes it (`0002 One
/// queue`), its file stem when it has none; the anchor is by its id.
fn decision(id: &str, title: &str) -> Mention {
    let shown = techlead_goals::goal::number_of(id).map_or_else(|| id.to_string(), |(n, _)| n);
    Mention {
        kind: "decision".into(),
        name: label(&shown, title),
        anchor: anchor("adr", id),
    }
}

/// The decision a debt item's `decisions:` entry names: `0012`, `12`,
/// `adr:12` or the record's id, resolved through `ids` (every key a
/// decision answers to).
fn decision_of<'a>(reference: &str, ids: &'a HashMap<String, String>) -> Option<&'a String> {
    let r = reference.trim();
    let r = r
        .split_once(':')
        .filter(|(p, _)| matches!(p.trim().to_ascii_lowercase().as_str(), "adr" | "decision"))
        .map_or(r, |(_, k)| k.trim());
    ids.get(r).or_else(|| {
        // `012` and `12` name the same record as `0012`.
        let n: u32 = r.parse().ok()?;
        ids.get(&n.to_string())
    })
}

/// Adds every link to both of its ends. `ids` maps each key a decision
/// answers to (`2`, `0002`, its id) to its id in the report.
pub(super) fn link(
    decisions: &mut Part<DecisionsPart>,
    debt: &mut Part<DebtPart>,
    goals: &mut Part<GoalsPart>,
    e: &techlead_metrics::Evidence,
    ids: &HashMap<String, String>,
) {
    let (titles, by_path): (HashMap<&str, &str>, HashMap<&str, &str>) = match &*decisions {
        Part::Ready(d) => (
            d.records
                .iter()
                .map(|r| (r.id.as_str(), r.title.as_str()))
                .collect(),
            d.records
                .iter()
                .map(|r| (r.path.as_str(), r.id.as_str()))
                .collect(),
        ),
        Part::Absent(_) => Default::default(),
    };
    // (the id of one end, the other end), for each kind of record.
    let mut on_decision: Vec<(String, Mention)> = Vec::new();
    let mut on_debt: Vec<(String, Mention)> = Vec::new();
    let mut on_goal: Vec<(String, Mention)> = Vec::new();
    if let Ok(d) = &e.debt {
        for i in &d.items {
            for r in &i.decisions {
                if let Some(id) = decision_of(r, ids) {
                    on_decision.push((id.clone(), mention("debt", "debt", &i.id, &i.title)));
                    let title = titles.get(id.as_str()).copied().unwrap_or("");
                    on_debt.push((i.id.clone(), decision(id, title)));
                }
            }
        }
    }
    if let Ok(g) = &e.goals {
        goal_links(g, &by_path, &mut on_decision, &mut on_debt, &mut on_goal);
    }
    if let Part::Ready(d) = decisions {
        for r in &mut d.records {
            add(&mut r.mentions, &on_decision, &r.id);
        }
    }
    if let Part::Ready(d) = debt {
        for i in &mut d.items {
            add(&mut i.links, &on_debt, &i.id);
        }
    }
    if let Part::Ready(g) = goals {
        for row in &mut g.goals {
            add(&mut row.links, &on_goal, &row.id);
        }
    }
}

/// The goals' links, read both ways by the goals context, onto each end.
fn goal_links(
    g: &evidence::Goals,
    by_path: &HashMap<&str, &str>,
    on_decision: &mut Vec<(String, Mention)>,
    on_debt: &mut Vec<(String, Mention)>,
    on_goal: &mut Vec<(String, Mention)>,
) {
    for l in techlead_goals::links::resolve(&g.goals, &g.works).linked {
        let goal = &g.goals[l.goal];
        let work = &g.works.items[l.work];
        let to_goal = mention("goal", "goal", &goal.id, &goal.title);
        match work.kind {
            Kind::Decision => {
                // Found by its file: goals names a record its own way
                // (`0002`), the report by the record's id.
                let Some(id) = by_path.get(work.path.as_str()) else {
                    continue;
                };
                on_decision.push((id.to_string(), to_goal));
                on_goal.push((goal.id.clone(), decision(id, &work.title)));
            }
            Kind::Debt => {
                on_debt.push((work.id.clone(), to_goal));
                on_goal.push((
                    goal.id.clone(),
                    mention("debt", "debt", &work.id, &work.title),
                ));
            }
            Kind::Technology => on_goal.push((
                goal.id.clone(),
                Mention {
                    kind: "technology".into(),
                    name: work.title.clone(),
                    anchor: anchor("tech", &work.id),
                },
            )),
        }
    }
}

fn add(list: &mut Vec<Mention>, links: &[(String, Mention)], id: &str) {
    list.extend(
        links
            .iter()
            .filter(|(at, _)| at == id)
            .map(|(_, m)| m.clone()),
    );
    list.sort();
    list.dedup();
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
