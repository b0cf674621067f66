//! `debt plan`: a repayment schedule that fits a capacity.
//!
//! Capacity per period = team × weeks per period × 5 days × 8 hours ×
//! share (`--capacity 20% --team 4 --period 2w` gives 64 hours, 8 days, a
//! period). Items are repaid one after the other: in-progress items first
//! (work already started), then scheduled ones, then open ones, each group
//! in rank order ([`crate::rank`]). Every period's capacity goes to the
//! next items, an item spilling into the next period when it does not fit.
//!
//! The principal is a range, so the schedule is worked out twice: the best
//! case with every item at its lower bound, the worst case with every item
//! at its upper bound. An item's date is the last day of the period in
//! which it is repaid. An item with a target date is on track when even
//! the worst case meets it, at risk when only the best case does, and
//! misses it when neither does. The burn-down gives the open principal at
//! the end of each period as a range: best case to worst case. Items
//! without a principal cannot be scheduled and are listed apart.

use crate::effort::{Effort, HOURS_PER_WEEK};
use crate::rank::{Ranked, basis};
use crate::status::Status;
use serde::Serialize;

/// How much of the team's time goes to repaying debt.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Capacity {
    /// The share of working time, above 0 and at most 1.
    pub share: f64,
    pub team: u32,
    pub period_weeks: u32,
}

/// No plan longer than this many periods: a capacity that small is a typo.
const MAX_PERIODS: u64 = 10_000;

impl Capacity {
    /// `20%`, or a fraction such as `0.2`.
    pub fn parse_share(s: &str) -> Result<f64, String> {
        let t = s.trim();
        let v = match t.strip_suffix('%') {
            Some(p) => p.trim().parse::<f64>().map(|v| v / 100.0),
            None => t.parse::<f64>(),
        }
        .map_err(|_| format!("--capacity `{s}`: expected a share such as 20% or 0.2"))?;
        if !(v > 0.0 && v <= 1.0) {
            return Err(format!(
                "--capacity `{s}`: the share must be above 0% and at most 100%"
            ));
        }
        Ok(v)
    }

    /// `2w`, `1 week`, `3 weeks`.
    pub fn parse_period(s: &str) -> Result<u32, String> {
        let t = s.trim().to_lowercase();
        let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (n, unit) = t.split_at(end);
        let n: u32 = n.parse().map_err(|_| bad_period(s))?;
        if !matches!(unit.trim(), "w" | "wk" | "week" | "weeks") || n == 0 || n > 52 {
            return Err(bad_period(s));
        }
        Ok(n)
    }

    /// Working hours for debt in one period.
    pub fn hours_per_period(&self) -> f64 {
        f64::from(self.team) * f64::from(self.period_weeks) * f64::from(HOURS_PER_WEEK) * self.share
    }
}

fn bad_period(s: &str) -> String {
    format!("--period `{s}`: expected whole weeks, such as 1w or 2w (at most 52w)")
}

/// An item's place in the schedule.
#[derive(Debug, Clone, Serialize)]
pub struct Planned<'a> {
    pub rank: usize,
    #[serde(flatten)]
    pub ranked: Ranked<'a>,
    /// The end of the period it is repaid in, every item at its lower bound.
    pub best: String,
    /// The same, every item at its upper bound.
    pub worst: String,
    pub outlook: Option<Outlook>,
}

/// Against the item's target date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outlook {
    OnTrack,
    AtRisk,
    Misses,
}

impl Outlook {
    pub fn as_str(self) -> &'static str {
        match self {
            Outlook::OnTrack => "on track",
            Outlook::AtRisk => "at risk",
            Outlook::Misses => "misses",
        }
    }
}

/// An owed item the plan could not place.
#[derive(Debug, Clone, Serialize)]
pub struct Unplanned<'a> {
    #[serde(flatten)]
    pub ranked: Ranked<'a>,
    pub why: &'static str,
}

/// The open principal at the end of a period.
#[derive(Debug, Clone, Serialize)]
pub struct Burn {
    pub period: u64,
    /// The last day of the period (the start date for period 0).
    pub date: String,
    /// Best case to worst case.
    pub open: Effort,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan<'a> {
    pub start: String,
    pub capacity: Capacity,
    pub hours_per_period: f64,
    /// What the order rests on.
    pub basis: String,
    pub items: Vec<Planned<'a>>,
    pub unplanned: Vec<Unplanned<'a>>,
    /// The principal of the planned items.
    pub total: Effort,
    /// When everything is repaid: best and worst case.
    pub done_best: Option<String>,
    pub done_worst: Option<String>,
    pub burndown: Vec<Burn>,
    /// Why an interest figure is missing, once per reason.
    pub notes: Vec<String>,
}

/// The schedule of the ranked items from `start` (YYYY-MM-DD).
pub fn plan<'a>(
    ranked: Vec<Ranked<'a>>,
    capacity: Capacity,
    start: &str,
) -> Result<Plan<'a>, String> {
    let start_date: jiff::civil::Date = start
        .parse()
        .map_err(|_| format!("`{start}` is not a date: expected YYYY-MM-DD"))?;
    let per = capacity.hours_per_period();
    if per < 1.0 {
        return Err(format!(
            "the capacity comes to {per:.2} hours a period: raise --capacity, --team or --period"
        ));
    }
    let basis = basis(&ranked);
    let mut notes: Vec<String> = Vec::new();
    for r in &ranked {
        if let crate::signals::Interest::Unavailable { unavailable } = &r.signals
            && !notes.contains(unavailable)
        {
            notes.push(unavailable.clone());
        }
        if let Some(why) = r.signals.signals().and_then(|s| s.health_missing.clone())
            && let why = format!("health is not counted: {why}")
            && !notes.contains(&why)
        {
            notes.push(why);
        }
    }
    let group = |s: Status| match s {
        Status::InProgress => 0,
        Status::Scheduled => 1,
        _ => 2,
    };
    let (mut todo, without): (Vec<Ranked>, Vec<Ranked>) =
        ranked.into_iter().partition(|r| r.item.principal.is_some());
    // Stable: rank order within each group.
    todo.sort_by_key(|r| group(r.item.status));
    let total: Effort = todo.iter().filter_map(|r| r.item.principal).sum();
    let periods = ceil(f64::from(total.high) / per) as u64;
    if periods > MAX_PERIODS {
        return Err(format!(
            "repaying {total} at {per:.0} hours a period takes {periods} periods: raise --capacity, --team or --period"
        ));
    }
    let end_of = |k: u64| -> String {
        let days = (k * u64::from(capacity.period_weeks) * 7).saturating_sub(1) as i64;
        start_date
            .checked_add(jiff::Span::new().days(if k == 0 { 0 } else { days }))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let period_of = |hours: u32| -> u64 { (ceil(f64::from(hours) / per) as u64).max(1) };
    let (mut lo, mut hi) = (0u32, 0u32);
    let mut items = Vec::with_capacity(todo.len());
    for (i, r) in todo.into_iter().enumerate() {
        let p = r.item.principal.unwrap_or_default();
        lo += p.low;
        hi += p.high;
        let best = end_of(period_of(lo));
        let worst = end_of(period_of(hi));
        let outlook = r.item.target.as_ref().map(|t| {
            if worst.as_str() <= t.as_str() {
                Outlook::OnTrack
            } else if best.as_str() <= t.as_str() {
                Outlook::AtRisk
            } else {
                Outlook::Misses
            }
        });
        items.push(Planned {
            rank: i + 1,
            ranked: r,
            best,
            worst,
            outlook,
        });
    }
    let burndown = (0..=periods)
        .map(|k| {
            let done = per * k as f64;
            let open = |h: u32| ceil((f64::from(h) - done).max(0.0)) as u32;
            Burn {
                period: k,
                date: end_of(k),
                open: Effort::hours(open(total.low), open(total.high)),
            }
        })
        .collect();
    let unplanned = without
        .into_iter()
        .map(|r| Unplanned {
            ranked: r,
            why: "no principal: estimate it (`principal: 2-4d`) to plan it",
        })
        .collect();
    Ok(Plan {
        start: start.to_string(),
        capacity,
        hours_per_period: per,
        basis,
        done_best: items.last().map(|p: &Planned| p.best.clone()),
        done_worst: items.last().map(|p| p.worst.clone()),
        items,
        unplanned,
        total,
        burndown,
        notes,
    })
}

/// `x` rounded up, ignoring what floating point adds to an exact
/// quotient: 18% of 40 hours is 7.199999..., and 252 hours over it must
/// be 35 periods, not 36, with nothing left open after the 35th.
fn ceil(x: f64) -> f64 {
    (x - 1e-9).ceil()
}

/// The items of `plan` that may miss their target.
pub fn late<'p, 'a>(plan: &'p Plan<'a>) -> impl Iterator<Item = &'p Planned<'a>> {
    plan.items
        .iter()
        .filter(|p| matches!(p.outlook, Some(Outlook::AtRisk | Outlook::Misses)))
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
