//! The goals and the records that may serve them, for the evidence: each
//! context has read its own records (decisions, radar, debt); goals reads
//! the `goals:` field of each, which it owns.

use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_goals::{Kind, Work, Works};
use techlead_metrics::evidence::{Debt, Decisions, Goals, Radar};
use techlead_metrics::{Absent, Source};

/// The goals; absent when the project has no goals folder.
pub fn gather(
    ctx: &Context,
    decisions: &Source<Decisions>,
    radar: &Source<Radar>,
    debt: &Source<Debt>,
) -> Result<Source<Goals>> {
    let dir = ctx.root.join(ctx.goals.dir());
    if !techlead_core::source::is_dir(&dir) {
        return Ok(Err(Absent::new(format!(
            "no goals folder {}",
            ctx.goals.dir()
        ))
        .setup("techlead goals add TITLE")));
    }
    let goals = techlead_goals::load(&ctx.root, &dir)?;
    Ok(Ok(Goals {
        goals,
        works: works(decisions, radar, debt),
        tolerance: ctx.goals.tolerance(),
    }))
}

/// The records that may serve goals, with the goals each names. A kind
/// whose context is not set up is left out of `kinds`, so a goal's link
/// to it is not reported as broken.
pub fn works(decisions: &Source<Decisions>, radar: &Source<Radar>, debt: &Source<Debt>) -> Works {
    let mut out = Works::default();
    if let Ok(d) = decisions {
        out.kinds.push(Kind::Decision);
        for (r, text) in d.records.iter().zip(&d.bodies) {
            let field = techlead_goals::field::read(text);
            out.items.push(Work {
                kind: Kind::Decision,
                id: id_of(&stem(&r.rel_path)),
                stem: stem(&r.rel_path),
                number: r.number,
                title: r.title.clone().unwrap_or_else(|| r.id.clone()),
                status: r.status.clone(),
                date: r.date.clone(),
                path: r.rel_path.clone(),
                line: r.title_line,
                goals: field.goals,
                goals_line: field.line,
            });
        }
    }
    if let Ok(r) = radar {
        out.kinds.push(Kind::Technology);
        for t in &r.technologies {
            let field = read_field(&t.abs_path);
            out.items.push(Work {
                kind: Kind::Technology,
                id: t.id.clone(),
                stem: stem(&t.path),
                number: None,
                title: t.name.clone(),
                status: t.ring.clone(),
                date: t.date.clone(),
                path: t.path.clone(),
                line: t.lines.name,
                goals: field.goals,
                goals_line: field.line,
            });
        }
    }
    if let Ok(d) = debt {
        out.kinds.push(Kind::Debt);
        for i in &d.items {
            out.items.push(Work {
                kind: Kind::Debt,
                id: i.id.clone(),
                stem: stem(&i.path),
                number: i.number,
                title: i.title.clone(),
                status: Some(i.status.as_str().to_string()),
                date: i.created.clone(),
                path: i.path.clone(),
                line: Some(i.lines.title),
                goals: i.goals.clone(),
                goals_line: read_field(&i.abs_path).line,
            });
        }
    }
    out
}

/// The `goals:` field of a record its context has read already.
fn read_field(path: &Path) -> techlead_goals::field::GoalsField {
    techlead_core::read::regular_text(path, techlead_core::read::RECORD_LIMIT)
        .map(|t| techlead_goals::field::read(&t))
        .unwrap_or_default()
}

/// A record's id as goals name it: the number as its file name writes it
/// (`0002`), else the file stem.
fn id_of(stem: &str) -> String {
    techlead_goals::goal::number_of(stem).map_or_else(|| stem.to_string(), |(digits, _)| digits)
}

fn stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}
