//! `history delivery`: releases, frequency, lead time and reverts from
//! tags (DORA approximations).

use crate::cli::Format;
use crate::commands::csv::field as csv;
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;

/// Releases, frequency, lead time and reverts; not a per-file table.
pub fn delivery(ctx: &Context, format: Format, tags: &[String]) -> Result<ExitCode> {
    let d = techlead_history::delivery(&ctx.root, tags)?;
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&d)?)?,
        Format::Csv => {
            let mut s = String::from("release,date,commits,reverts,median-lead-days\n");
            for r in &d.releases {
                s.push_str(&format!(
                    "{},{},{},{},{}\n",
                    csv(&r.tag),
                    r.date,
                    r.commits,
                    r.reverts,
                    r.median_lead_days
                ));
            }
            out!("{s}")?;
        }
        _ => {
            let mut s = String::new();
            if d.releases.is_empty() {
                s.push_str("no release tags (use --tags GLOB if yours are not v1.2.3 or 1.2.3)\n");
            } else {
                let months = d.per_month.len().max(1);
                s.push_str(&format!(
                    "releases      {} from {} to {} ({:.1} per month)\n",
                    d.releases.len(),
                    d.releases[0].date,
                    d.releases[d.releases.len() - 1].date,
                    d.releases.len() as f64 / months as f64
                ));
                s.push_str(&format!(
                    "lead time     median {} days, p90 {} days ({} commits released)\n",
                    d.median_lead_days, d.p90_lead_days, d.commits_released
                ));
                s.push_str(&format!(
                    "reverts       {} ({:.1}% of released commits)\n\n",
                    d.reverts,
                    d.revert_rate * 100.0
                ));
                s.push_str("release      date        commits  reverts  median lead (days)\n");
                for r in &d.releases {
                    s.push_str(&format!(
                        "{:11}  {}  {:>7}  {:>7}  {:>18}\n",
                        r.tag, r.date, r.commits, r.reverts, r.median_lead_days
                    ));
                }
                s.push_str("\nApproximations from git alone: a tag stands for a deployment.\n");
            }
            out!("{s}")?;
        }
    }
    Ok(ExitCode::Clean)
}
