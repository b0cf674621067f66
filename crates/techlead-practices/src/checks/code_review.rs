//! `code-review`: the share of human changes landed in the window with
//! review evidence in git (see `review.rs` for what counts). Score = 10 ×
//! that share. Bots' changes are counted apart.

use super::{EXAMPLES, count, no_history, percent};
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};
use std::collections::{BTreeMap, BTreeSet};

pub fn code_review(f: &Facts) -> CheckResult {
    if let Some(why) = no_history(f) {
        return CheckResult::unmeasured("code-review", why);
    }
    let window: Vec<_> = f
        .changes
        .iter()
        .filter(|c| c.commit.committer.time >= f.since)
        .collect();
    let bots = window.iter().filter(|c| c.bot).count();
    let humans: Vec<_> = window.iter().filter(|c| !c.bot).collect();
    let days = f.window_days;
    if humans.is_empty() {
        return CheckResult::not_applicable(
            "code-review",
            format!(
                "no human change landed in the last {} ({})",
                count(days as usize, "day"),
                count(bots, "bot change")
            ),
        );
    }
    let reviewed = humans.iter().filter(|c| c.review.is_some()).count();
    let people: BTreeSet<String> = humans.iter().map(|c| c.author.key.clone()).collect();
    if people.len() == 1 && reviewed == 0 {
        return CheckResult::not_applicable(
            "code-review",
            format!(
                "one person ({}) made all {} in the last {}: review needs a second person",
                humans[0].author.name,
                count(humans.len(), "change"),
                count(days as usize, "day")
            ),
        );
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &humans {
        if let Some(r) = &c.review {
            *kinds.entry(r.kind).or_default() += 1;
        }
    }
    let mut evidence = vec![
        Evidence::count("human changes", humans.len() as f64),
        Evidence::count("with review evidence", reviewed as f64),
        Evidence::count("bot changes (counted apart)", bots as f64),
    ];
    for (k, n) in &kinds {
        evidence.push(Evidence::count(format!("evidence: {k}"), *n as f64));
    }
    for c in humans.iter().filter(|c| c.review.is_none()).take(EXAMPLES) {
        let title = c.commit.message.lines().next().unwrap_or_default();
        evidence.push(Evidence::commit(
            &c.commit.id,
            format!("no review evidence: {title} ({})", c.author.name),
        ));
    }
    let share = reviewed as f64 / humans.len() as f64;
    CheckResult::scored(
        "code-review",
        10.0 * share,
        format!(
            "{} of {} in the last {} show review ({} counted apart)",
            percent(reviewed, humans.len()),
            count(humans.len(), "human change"),
            count(days as usize, "day"),
            count(bots, "bot change")
        ),
    )
    .with(evidence)
}
