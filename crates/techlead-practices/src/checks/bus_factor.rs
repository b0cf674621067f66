//! `bus-factor`: the truck factor from history (Avelino et al., over the
//! human commits of the last 12 months, files at HEAD) against the active
//! team (people with a commit in the activity window). The target is a
//! third of the team, at least 2 and at most 4 (never more than the team):
//! score = 10 × min(1, truck factor / target). One active person is n/a:
//! the truck factor cannot be more than 1.

use super::{count, no_history};
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};

pub fn bus_factor(f: &Facts) -> CheckResult {
    if let Some(why) = no_history(f) {
        return CheckResult::unmeasured("bus-factor", why);
    }
    let active = f.active_people(f.since, i64::MAX).len();
    let Some(tf) = f.history.and_then(|h| h.truck_factor.as_ref()) else {
        return CheckResult::unmeasured("bus-factor", "the truck factor was not computed");
    };
    let days = count(f.window_days as usize, "day");
    if active == 0 {
        return CheckResult::not_applicable(
            "bus-factor",
            format!("nobody committed in the last {days}"),
        );
    }
    if tf.files == 0 {
        return CheckResult::not_applicable(
            "bus-factor",
            "no code file changed in the last 12 months",
        );
    }
    if active == 1 {
        return CheckResult::not_applicable(
            "bus-factor",
            format!(
                "one active contributor in the last {days}: the truck factor cannot be more than 1"
            ),
        );
    }
    let target = active.div_ceil(3).clamp(2, 4).min(active);
    let score = 10.0 * (tf.value as f64 / target as f64).min(1.0);
    let evidence = vec![
        Evidence::count("truck factor", tf.value as f64),
        Evidence::count("active contributors", active as f64),
        Evidence::count("target", target as f64),
        Evidence::count("files counted", tf.files as f64),
        Evidence::count("commits counted", tf.commits as f64),
    ];
    let who = if tf.people.is_empty() {
        String::new()
    } else {
        format!(" ({})", tf.people.join(", "))
    };
    CheckResult::scored(
        "bus-factor",
        score,
        format!(
            "truck factor {}{who} for {} in the last {days} (target {target})",
            tf.value,
            count(active, "active contributor")
        ),
    )
    .with(evidence)
}
