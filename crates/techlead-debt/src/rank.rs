//! Ranking: interest per unit of principal.
//!
//! ```text
//! score   = interest / upper bound of the principal, in days
//! payback = upper bound of the principal / lower bound of the manual interest, in months
//! ```
//!
//! Items are ordered by score, highest first; items without one (no
//! history, no paths, no principal) follow, by the payback their manual
//! estimates give, shortest first; then by target date, then by id. The
//! upper bound of the principal is used because the cost of an uncertain
//! estimate is what it may come to, and the lower bound of the manual
//! interest because the saving is what it may at least be.

use crate::item::DebtItem;
use crate::signals::{Evidence, Interest, interest, round2};
use serde::Serialize;
use std::cmp::Ordering;

/// An owed item with its interest and ranking figures.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked<'a> {
    #[serde(flatten)]
    pub item: &'a DebtItem,
    pub signals: Interest,
    /// Interest points per day of principal.
    pub score: Option<f64>,
    /// Months for the manual interest to add up to the principal.
    pub payback_months: Option<f64>,
}

/// The owed items (open, scheduled, in progress), ranked.
pub fn rank<'a>(items: &'a [DebtItem], ev: &Evidence) -> Vec<Ranked<'a>> {
    let mut out: Vec<Ranked> = items
        .iter()
        .filter(|i| i.status.is_owed())
        .map(|item| assess(item, ev))
        .collect();
    out.sort_by(order);
    out
}

/// One item's figures.
pub fn assess<'a>(item: &'a DebtItem, ev: &Evidence) -> Ranked<'a> {
    let signals = interest(item, ev);
    let principal_days = item.principal.map(|p| p.high_days()).filter(|d| *d > 0.0);
    let score = match (signals.value(), principal_days) {
        (Some(i), Some(d)) => Some(round2(i / d)),
        _ => None,
    };
    let payback_months = match (item.principal, item.interest) {
        (Some(p), Some(i)) if i.low > 0 => Some(round2(f64::from(p.high) / f64::from(i.low))),
        _ => None,
    };
    Ranked {
        item,
        signals,
        score,
        payback_months,
    }
}

fn order(a: &Ranked, b: &Ranked) -> Ordering {
    let score = |r: &Ranked| r.score.map(|s| -s);
    present_first(score(a), score(b), f64::total_cmp)
        .then(present_first(
            a.payback_months,
            b.payback_months,
            f64::total_cmp,
        ))
        .then(present_first(
            a.item.target.as_ref(),
            b.item.target.as_ref(),
            |x, y| x.cmp(y),
        ))
        .then(a.item.id.cmp(&b.item.id))
}

/// Ascending, with the values that are there before the ones that are
/// not.
fn present_first<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => cmp(&x, &y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// What the ranking rests on, for the reader.
pub fn basis(ranked: &[Ranked]) -> String {
    if ranked.iter().any(|r| r.score.is_some()) {
        "interest per day of principal (upper bound)".into()
    } else if ranked.iter().any(|r| r.payback_months.is_some()) {
        "payback of the manual interest estimates".into()
    } else {
        "target date (no interest could be measured or was estimated)".into()
    }
}
