//! Goals and metrics meet here: key results bound to a metric are
//! computed by this registry from the same evidence snapshots use, and
//! `goals.total` and `goals.on_track` are computed from the goals
//! evaluated against those values.

use crate::compute::Computed;
use crate::evidence::{Evidence, Goals};
use crate::registry::{LEVELS, METRICS, lookup};
use std::collections::BTreeMap;
use techlead_core::InputError;
use techlead_goals::progress::{self, GoalStatus};
use techlead_goals::readings::Point;
use techlead_goals::{Catalog, MetricInfo, Readings, Spec, Status, Track};

/// Every metric name and unit, and the level names, as goals reads them.
pub fn catalog() -> Catalog {
    Catalog {
        metrics: METRICS
            .iter()
            .map(|m| MetricInfo {
                name: m.name.to_string(),
                unit: m.unit.as_str().to_string(),
            })
            .collect(),
        levels: LEVELS.iter().map(|l| l.to_string()).collect(),
    }
}

/// Each metric-bound key result whose metric this registry does not know,
/// as an input error at its line with the closest name.
pub fn unknown_metrics(goals: &[techlead_goals::Goal]) -> Vec<InputError> {
    let mut errors = Vec::new();
    for g in goals {
        for kr in &g.key_results {
            if let Spec::Metric { metric, .. } = &kr.spec
                && let Err(e) = lookup(metric)
            {
                let mut at = InputError::in_file(&g.path, e.message).at(kr.line as usize, None);
                at.help = e.help;
                errors.push(at);
            }
        }
    }
    errors
}

/// The value of each metric in `names`, or why it has none. A key result
/// may not be bound to a goals metric: it would count itself.
pub fn values(e: &Evidence, names: &[String]) -> BTreeMap<String, Result<f64, String>> {
    names
        .iter()
        .map(|name| {
            let value = if name.starts_with("goals.") {
                Err("a key result cannot be bound to a goals metric (it would count itself)".into())
            } else {
                match crate::registry::find(name) {
                    Some(m) => m.compute(e),
                    None => Err(format!("unknown metric `{name}`")),
                }
            };
            (name.clone(), value)
        })
        .collect()
}

/// The goals evaluated against the metrics computed from `e`, with each
/// metric's recorded series when snapshots are kept.
pub fn evaluate(
    e: &Evidence,
    g: &Goals,
    history: Option<BTreeMap<String, Vec<Point>>>,
) -> Result<Vec<GoalStatus>, Vec<InputError>> {
    let mut errors = unknown_metrics(&g.goals);
    let catalog = catalog();
    if errors.is_empty() {
        errors = progress::validate(&g.goals, &catalog);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let readings = Readings {
        values: values(e, &techlead_goals::check::metrics_used(&g.goals)),
        history,
    };
    let links = techlead_goals::links::resolve(&g.goals, &g.works);
    Ok(progress::evaluate(
        &g.goals,
        &g.works,
        &links,
        &progress::Inputs {
            catalog: &catalog,
            readings: &readings,
            today: &e.today,
            tolerance: g.tolerance,
        },
    ))
}

fn active_key_results(e: &Evidence) -> Result<Vec<Option<Track>>, String> {
    let g = e.goals.as_ref().map_err(|a| a.reason.clone())?;
    let statuses = evaluate(e, g, None).map_err(|errors| {
        let first = &errors[0];
        format!(
            "{}: {} (`techlead goals list` shows every problem)",
            first
                .path
                .as_ref()
                .map_or(String::new(), |p| p.display().to_string()),
            first.message
        )
    })?;
    Ok(statuses
        .iter()
        .filter(|s| s.status == Status::Active)
        .flat_map(|s| s.key_results.iter().map(|k| k.track))
        .collect())
}

pub fn goals_total(e: &Evidence) -> Computed {
    let g = e.goals.as_ref().map_err(|a| a.reason.clone())?;
    Ok(g.goals
        .iter()
        .filter(|g| g.status == Status::Active && !g.key_results.is_empty())
        .count() as f64)
}

/// Key results met, on track, or in a horizon not started, over every key
/// result of the active goals; absent while one cannot be evaluated.
pub fn goals_on_track(e: &Evidence) -> Computed {
    let tracks = active_key_results(e)?;
    if tracks.is_empty() {
        return Err("no active goal has key results".into());
    }
    let unknown = tracks
        .iter()
        .filter(|t| matches!(t, None | Some(Track::Unknown)))
        .count();
    if unknown > 0 {
        return Err(format!(
            "{unknown} key result{} of active goals cannot be evaluated (`techlead goals status` says why)",
            if unknown == 1 { "" } else { "s" }
        ));
    }
    let good = tracks
        .iter()
        .filter(|t| matches!(t, Some(Track::Met | Track::OnTrack | Track::NotStarted)))
        .count();
    Ok(((good as f64 / tracks.len() as f64) * 10_000.0).round() / 10_000.0)
}
