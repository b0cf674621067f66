//! `history summary`: one screen a tech lead can read in a minute.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;
use techlead_history::CouplingOptions;

/// One screen a tech lead can read in a minute.
pub fn summary(
    ctx: &Context,
    format: Format,
    sets: &[techlead_history::ChangeSet],
) -> Result<ExitCode> {
    let mut people: Vec<&str> = sets.iter().map(|s| s.author.as_str()).collect();
    people.sort();
    people.dedup();
    let (first, last) = (
        sets.iter().map(|s| s.time).min().unwrap_or_default(),
        sets.iter().map(|s| s.time).max().unwrap_or_default(),
    );
    // Complexity is measured on the files as they are now: a bare
    // repository has none to measure.
    let top = techlead_history::revision::top(&ctx.root);
    let bare = top.is_none();
    let hot = top
        .map(|t| techlead_history::hotspots(&t, sets))
        .unwrap_or_default();
    let coupled = techlead_history::coupling(sets, &CouplingOptions::default());
    let tf = techlead_history::truck_factor(sets);
    let frag = techlead_history::fragmentation(sets);
    let islands = frag.iter().filter(|f| f.island).count();
    let delivery = techlead_history::delivery(&ctx.root, &[]).ok();
    if format == Format::Json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "commits": sets.len(),
                "people": people.len(),
                "first": techlead_history::revision::date_of(first),
                "last": techlead_history::revision::date_of(last),
                "hotspots": hot.iter().take(10).collect::<Vec<_>>(),
                "coupling": coupled.iter().take(10).collect::<Vec<_>>(),
                "truck_factor": tf,
                "files": frag.len(),
                "knowledge_islands": islands,
                "delivery": delivery,
            }))?
        )?;
        return Ok(ExitCode::Clean);
    }
    let mut s = format!(
        "{} commits by {} people, {} to {}\n\n",
        sets.len(),
        people.len(),
        techlead_history::revision::date_of(first),
        techlead_history::revision::date_of(last)
    );
    s.push_str("Hotspots (change x complexity)\n");
    let hot: Vec<_> = hot.into_iter().filter(|h| h.score > 0.0).collect();
    if bare {
        s.push_str("  none: a bare repository has no files to measure complexity in\n");
    } else if hot.is_empty() {
        s.push_str("  none: no changed file with measured complexity\n");
    }
    for h in hot.iter().take(5) {
        s.push_str(&format!(
            "  {:.2}  {} ({} change{}, complexity {})\n",
            h.score,
            h.entity,
            h.revisions,
            if h.revisions == 1 { "" } else { "s" },
            h.complexity
        ));
    }
    s.push_str("\nChange coupling\n");
    if coupled.is_empty() {
        s.push_str("  none above code-maat's thresholds\n");
    }
    for c in coupled.iter().take(5) {
        s.push_str(&format!(
            "  {:3}%  {} <-> {}\n",
            c.degree, c.entity, c.coupled
        ));
    }
    s.push_str(&format!(
        "\nKnowledge\n  truck factor {} ({})\n  {} of {} files changed by one person only\n",
        tf.truck_factor,
        if tf.people.is_empty() {
            "nobody".into()
        } else {
            tf.people.join(", ")
        },
        islands,
        frag.len()
    ));
    if let Some(d) = delivery.filter(|d| !d.releases.is_empty()) {
        s.push_str(&format!(
            "\nDelivery (from tags)\n  {} releases, lead time median {} days (p90 {}), {} reverts\n",
            d.releases.len(),
            d.median_lead_days,
            d.p90_lead_days,
            d.reverts
        ));
    }
    out!("{s}")?;
    Ok(ExitCode::Clean)
}
