//! The debt rules of `techlead check`, one file each. What they look at
//! is gathered first ([`DebtCtx`]): the items, the scanned markers, and
//! the hotspots when that rule is switched on.

mod expired_todo;
mod overdue;
mod unowned;
mod unregistered_hotspot;

use crate::config::DebtConfig;
use crate::item::DebtItem;
use crate::scan::Marker;
use crate::suggest::Suggestion;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location};

/// The hotspots `debt/unregistered-hotspot` looks at.
#[derive(Debug, Clone)]
pub enum Hotspots {
    /// The rule is off (`[debt] unregistered_hotspots` unset, or the
    /// severity off): nothing was read.
    NotLooked,
    /// The hottest uncovered files above the threshold.
    Found(Vec<Suggestion>),
    /// History could not be read, and why.
    Unreadable(String),
}

/// What every debt rule looks at.
pub struct DebtCtx<'a> {
    pub items: &'a [DebtItem],
    pub config: &'a DebtConfig,
    /// Today, YYYY-MM-DD.
    pub today: &'a str,
    /// Markers in comments; empty when `debt/expired-todo` is off.
    pub markers: &'a [Marker],
    pub hotspots: &'a Hotspots,
}

impl DebtCtx<'_> {
    /// An item's location at `line`, else at its title.
    fn at(item: &DebtItem, line: Option<u32>) -> Option<Location> {
        Some(Location::line(&item.path, line.unwrap_or(item.lines.title)))
    }
}

/// A debt rule: one file each.
pub type DebtRule = dyn for<'a> Rule<DebtCtx<'a>>;

/// Every debt rule, in the order `techlead rules` lists them.
pub static RULES: &[&DebtRule] = &[
    &overdue::Overdue,
    &unowned::Unowned,
    &expired_todo::ExpiredTodo,
    &unregistered_hotspot::UnregisteredHotspot,
];

/// The ids of the rules that need the marker scan and the history.
pub const EXPIRED_TODO: &str = expired_todo::ID;
pub const UNREGISTERED_HOTSPOT: &str = unregistered_hotspot::ID;

/// Every debt rule over `cx`.
pub fn check(cx: &DebtCtx) -> Vec<Finding> {
    techlead_core::check::run_rules(RULES, cx)
}
