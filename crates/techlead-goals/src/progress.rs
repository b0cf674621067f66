//! Where each goal stands: every key result's progress, the goal's, and
//! whether it keeps pace with its horizon.
//!
//! - A key result's progress is (current - start) / (target - start),
//!   clamped to 0..1, and 1 once the target is met.
//! - A metric-bound key result's `current` is the metric computed on the
//!   working tree; its `start` is the value the record keeps (written by
//!   `goals add`), else the first snapshot on or after the horizon's first
//!   day. The record wins: it is the value the key result was agreed on.
//!   A metric that cannot be computed, or a start that is not known, leaves
//!   the progress unknown with the reason, never 0.
//! - A goal's progress is the mean of its key results' (unknown when any
//!   is unknown); a goal without key results of its own takes the mean of
//!   its child goals', when all are known.
//! - On track: the progress is at least the elapsed share of the horizon
//!   minus the tolerance (`[goals] off_track_tolerance`, 0.1). Only active
//!   goals have a track.

use crate::goal::{Goal, KeyResult, Spec};
use crate::kr::{self, Op};
use crate::links::{Links, Via};
use crate::readings::{Catalog, Point, Readings};
use crate::status::Status;
use crate::work::{Kind, Works};
use jiff::civil::Date;
use serde::Serialize;
use techlead_core::InputError;

/// Whether a goal or key result keeps pace with its horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    /// Every target is met.
    Met,
    OnTrack,
    /// Behind the elapsed share of the horizon by more than the tolerance.
    OffTrack,
    /// The horizon has not begun.
    NotStarted,
    /// No progress or no horizon to compare with.
    Unknown,
}

impl Track {
    pub fn as_str(self) -> &'static str {
        match self {
            Track::Met => "met",
            Track::OnTrack => "on track",
            Track::OffTrack => "off track",
            Track::NotStarted => "not started",
            Track::Unknown => "unknown",
        }
    }
}

/// Where a metric-bound key result's start value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StartFrom {
    /// The record's `start:`, written when the key result was added.
    Record,
    /// The first snapshot on or after the horizon's first day.
    Snapshot,
}

/// Values as text reads them (`silver`, `82.5%`), for renderers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    pub target: String,
    pub start: Option<String>,
    pub current: Option<String>,
    /// `days`, `methods`, or empty.
    pub unit: String,
}

/// One key result, evaluated.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KeyResultStatus {
    /// The metric it is bound to; null for a manual key result.
    pub metric: Option<String>,
    /// A manual key result's text; null for a metric.
    pub text: Option<String>,
    pub op: Op,
    pub target: f64,
    pub start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_from: Option<StartFrom>,
    pub current: Option<f64>,
    /// The metric's unit (`count`, `days`, `level`...) or the manual unit.
    pub unit: Option<String>,
    /// 0..1, null when unknown.
    pub progress: Option<f64>,
    /// Why the progress is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    pub met: Option<bool>,
    /// Only for active goals.
    pub track: Option<Track>,
    /// A manual key result's last update, YYYY-MM-DD.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// The metric's recorded values, oldest first; null when the project
    /// keeps no snapshots (and always for manual key results).
    pub trend: Option<Vec<Point>>,
    #[serde(skip)]
    pub line: u32,
    #[serde(skip)]
    pub shown: Shown,
}

impl KeyResultStatus {
    /// The metric name, or the manual key result's text.
    pub fn label(&self) -> &str {
        self.metric
            .as_deref()
            .or(self.text.as_deref())
            .unwrap_or("")
    }
}

/// A record that serves a goal.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LinkStatus {
    pub kind: Kind,
    /// `adr:0002`, `debt:0003`, `radar:postgresql`.
    pub id: String,
    pub title: String,
    pub status: Option<String>,
    pub path: String,
    /// Where the link is written.
    pub via: Via,
}

/// One goal, evaluated: the result type of `goals list`, the report's
/// goals section and the MCP tools.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GoalStatus {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub owner: Option<String>,
    /// As written (`2027-Q1`).
    pub horizon: Option<String>,
    /// YYYY-MM-DD.
    pub horizon_start: Option<String>,
    /// YYYY-MM-DD, the last day.
    pub horizon_end: Option<String>,
    /// The share of the horizon gone by today, 0..1.
    pub elapsed: Option<f64>,
    /// The parent goal's id.
    pub parent: Option<String>,
    pub children: Vec<String>,
    pub path: String,
    /// 0..1, null when unknown.
    pub progress: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// Only for active goals.
    pub track: Option<Track>,
    pub key_results: Vec<KeyResultStatus>,
    pub links: Vec<LinkStatus>,
    /// How deep in the goal tree (0 for a goal without a parent).
    #[serde(skip)]
    pub depth: usize,
}

/// What evaluation needs besides the goals.
pub struct Inputs<'a> {
    pub catalog: &'a Catalog,
    pub readings: &'a Readings,
    /// YYYY-MM-DD.
    pub today: &'a str,
    pub tolerance: f64,
}

/// Metric names, targets and starts that do not read: input errors at
/// the key result's line, the unknown names with the closest one.
pub fn validate(goals: &[Goal], catalog: &Catalog) -> Vec<InputError> {
    let mut errors = Vec::new();
    for g in goals {
        for kr in &g.key_results {
            let Spec::Metric {
                metric,
                target,
                start,
                ..
            } = &kr.spec
            else {
                continue;
            };
            let at =
                |message: String| InputError::in_file(&g.path, message).at(kr.line as usize, None);
            let info = match catalog.lookup(metric) {
                Ok(i) => i,
                Err((message, help)) => {
                    errors.push(at(message).with_help(help));
                    continue;
                }
            };
            for (what, value) in [("target", Some(target)), ("start", start.as_ref())] {
                if let Some(v) = value
                    && catalog.parse(info, v).is_none()
                {
                    errors.push(
                        at(format!("{what} `{v}` is not a value of {metric}")).with_help(
                            if info.unit == "level" {
                                format!("use one of: {}", catalog.levels.join(", "))
                            } else {
                                format!("{metric} is a number ({})", info.unit)
                            },
                        ),
                    );
                }
            }
        }
    }
    errors
}

/// Every goal evaluated, parents before their children (a depth-first
/// walk of the goal tree in file order).
pub fn evaluate(goals: &[Goal], works: &Works, links: &Links, inputs: &Inputs) -> Vec<GoalStatus> {
    let today: Option<Date> = inputs.today.parse().ok();
    let parent_of = |g: &Goal| -> Option<usize> {
        let p = g.parent.as_deref()?;
        goals.iter().position(|x| x.matches(p))
    };
    let mut out: Vec<GoalStatus> = goals
        .iter()
        .enumerate()
        .map(|(i, g)| goal_status(g, i, works, links, inputs, today))
        .collect();
    for (i, g) in goals.iter().enumerate() {
        if let Some(p) = parent_of(g) {
            out[i].parent = Some(goals[p].id.clone());
            let child = goals[i].id.clone();
            out[p].children.push(child);
        }
    }
    // Roll-up, children first: a goal without key results of its own
    // takes the mean of its children's progress.
    let order = tree_order(goals, &parent_of);
    for &i in order.iter().rev() {
        if !goals[i].key_results.is_empty() || out[i].children.is_empty() {
            continue;
        }
        let kids: Vec<Option<f64>> = goals
            .iter()
            .enumerate()
            .filter(|(k, _)| parent_of(&goals[*k]) == Some(i))
            .map(|(k, _)| out[k].progress)
            .collect();
        if kids.iter().all(Option::is_some) {
            let sum: f64 = kids.iter().flatten().sum();
            out[i].progress = Some(sum / kids.len() as f64);
            out[i].unknown = None;
        } else {
            out[i].unknown = Some("a child goal's progress is unknown".into());
        }
        out[i].track = goal_track(&goals[i], &out[i], inputs, today);
    }
    let mut depth = vec![0usize; goals.len()];
    for &i in &order {
        depth[i] = parent_of(&goals[i]).map_or(0, |p| depth[p] + 1);
    }
    order
        .into_iter()
        .map(|i| {
            let mut s = out[i].clone();
            s.depth = depth[i];
            s
        })
        .collect()
}

/// Indexes in tree order: each root in file order, then its children.
fn tree_order(goals: &[Goal], parent_of: &dyn Fn(&Goal) -> Option<usize>) -> Vec<usize> {
    fn visit(
        i: usize,
        goals: &[Goal],
        parent_of: &dyn Fn(&Goal) -> Option<usize>,
        out: &mut Vec<usize>,
    ) {
        out.push(i);
        for (k, g) in goals.iter().enumerate() {
            if parent_of(g) == Some(i) && !out.contains(&k) {
                visit(k, goals, parent_of, out);
            }
        }
    }
    let mut out = Vec::with_capacity(goals.len());
    for (i, g) in goals.iter().enumerate() {
        if parent_of(g).is_none() {
            visit(i, goals, parent_of, &mut out);
        }
    }
    // Parents loop only in trees `goal::load` refuses; keep any left.
    for i in 0..goals.len() {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn goal_status(
    g: &Goal,
    index: usize,
    works: &Works,
    links: &Links,
    inputs: &Inputs,
    today: Option<Date>,
) -> GoalStatus {
    let active = g.status == Status::Active;
    let elapsed = g.horizon.as_ref().zip(today).map(|(h, t)| h.elapsed(t));
    let key_results: Vec<KeyResultStatus> = g
        .key_results
        .iter()
        .map(|kr| {
            let mut s = key_result(g, kr, inputs);
            if active {
                s.track = Some(track(s.progress, s.met, elapsed, inputs.tolerance));
            }
            s
        })
        .collect();
    let (progress, unknown) = if key_results.is_empty() {
        (None, Some("no key results".to_string()))
    } else if let Some(k) = key_results.iter().find(|k| k.progress.is_none()) {
        (
            None,
            Some(format!(
                "key result `{}`: {}",
                k.label(),
                k.unknown.as_deref().unwrap_or("unknown")
            )),
        )
    } else {
        let sum: f64 = key_results.iter().filter_map(|k| k.progress).sum();
        (Some(sum / key_results.len() as f64), None)
    };
    let links = links
        .of_goal(index)
        .map(|l| {
            let w = &works.items[l.work];
            LinkStatus {
                kind: w.kind,
                id: w.reference(),
                title: w.title.clone(),
                status: w.status.clone(),
                path: w.path.clone(),
                via: l.via,
            }
        })
        .collect();
    let mut s = GoalStatus {
        id: g.id.clone(),
        title: g.title.clone(),
        status: g.status,
        owner: g.owner.clone(),
        horizon: g.horizon.as_ref().map(|h| h.text.clone()),
        horizon_start: g.horizon.as_ref().map(|h| h.start.to_string()),
        horizon_end: g.horizon.as_ref().map(|h| h.end.to_string()),
        elapsed,
        parent: g.parent.clone(),
        children: Vec::new(),
        path: g.path.clone(),
        progress,
        unknown,
        track: None,
        key_results,
        links,
        depth: 0,
    };
    s.track = goal_track(g, &s, inputs, today);
    s
}

fn goal_track(g: &Goal, s: &GoalStatus, inputs: &Inputs, _today: Option<Date>) -> Option<Track> {
    if g.status != Status::Active {
        return None;
    }
    let met =
        (!s.key_results.is_empty()).then(|| s.key_results.iter().all(|k| k.met == Some(true)));
    Some(track(s.progress, met, s.elapsed, inputs.tolerance))
}

/// Met, on track, off track, not started, or unknown.
pub fn track(
    progress: Option<f64>,
    met: Option<bool>,
    elapsed: Option<f64>,
    tolerance: f64,
) -> Track {
    if met == Some(true) {
        return Track::Met;
    }
    let (Some(p), Some(e)) = (progress, elapsed) else {
        return Track::Unknown;
    };
    if e <= 0.0 {
        Track::NotStarted
    } else if p + tolerance + 1e-9 >= e {
        Track::OnTrack
    } else {
        Track::OffTrack
    }
}

fn key_result(g: &Goal, kr: &KeyResult, inputs: &Inputs) -> KeyResultStatus {
    match &kr.spec {
        Spec::Metric {
            metric,
            op,
            target,
            start,
            ..
        } => metric_key_result(g, kr.line, metric, *op, target, start.as_deref(), inputs),
        Spec::Manual {
            text,
            start,
            target,
            current,
            unit,
            updated,
        } => {
            let op = if target >= start { Op::Ge } else { Op::Le };
            let progress = current.map(|c| kr::progress(*start, *target, c, op));
            let f = |v: f64| crate::readings::trim(v, 2);
            KeyResultStatus {
                metric: None,
                text: Some(text.clone()),
                op,
                target: *target,
                start: Some(*start),
                start_from: None,
                current: *current,
                unit: unit.clone(),
                progress,
                unknown: current
                    .is_none()
                    .then(|| "no `current:` value yet".to_string()),
                met: current.map(|c| op.holds(c, *target)),
                track: None,
                updated: updated.clone(),
                trend: None,
                line: kr.line,
                shown: Shown {
                    target: f(*target),
                    start: Some(f(*start)),
                    current: current.map(f),
                    unit: unit.clone().unwrap_or_default(),
                },
            }
        }
    }
}

fn metric_key_result(
    g: &Goal,
    line: u32,
    metric: &str,
    op: Op,
    target_text: &str,
    start_text: Option<&str>,
    inputs: &Inputs,
) -> KeyResultStatus {
    let catalog = inputs.catalog;
    let info = catalog.find(metric);
    let read = |t: &str| info.and_then(|i| catalog.parse(i, t));
    let show = |v: f64| info.map_or_else(|| crate::readings::trim(v, 2), |i| catalog.format(i, v));
    // `validate` refuses targets that do not read before evaluation.
    let target = read(target_text).unwrap_or(f64::NAN);
    let trend: Option<Vec<Point>> = inputs.readings.series(metric).map(<[Point]>::to_vec);
    let from_snapshot = || {
        let h = g.horizon.as_ref()?;
        let first_day = h.start.to_string();
        trend
            .as_ref()?
            .iter()
            .find(|p| p.date.as_str() >= first_day.as_str())
            .map(|p| p.value)
    };
    let (start, start_from) = match start_text.and_then(read) {
        Some(v) => (Some(v), Some(StartFrom::Record)),
        None => match from_snapshot() {
            Some(v) => (Some(v), Some(StartFrom::Snapshot)),
            None => (None, None),
        },
    };
    let current = inputs.readings.value(metric);
    let met = current.as_ref().ok().map(|c| op.holds(*c, target));
    let (progress, unknown) = match (&current, start) {
        (Err(why), _) => (None, Some(format!("{metric} cannot be computed: {why}"))),
        (Ok(_), _) if met == Some(true) => (Some(1.0), None),
        (Ok(c), Some(s)) => (Some(kr::progress(s, target, *c, op)), None),
        (Ok(_), None) => (
            None,
            Some(if trend.is_none() {
                "no start value: the record has no `start:` and no snapshots are kept".to_string()
            } else {
                "no start value: the record has no `start:` and no snapshot was taken in the horizon"
                    .to_string()
            }),
        ),
    };
    KeyResultStatus {
        metric: Some(metric.to_string()),
        text: None,
        op,
        target,
        start,
        start_from,
        current: current.as_ref().ok().copied(),
        unit: info.map(|i| i.unit.clone()),
        progress,
        unknown,
        met,
        track: None,
        updated: None,
        trend,
        line,
        shown: Shown {
            target: show(target),
            start: start.map(show),
            current: current.as_ref().ok().map(|v| show(*v)),
            unit: info.map_or("", Catalog::unit_label).to_string(),
        },
    }
}

#[cfg(test)]
mod tests;
