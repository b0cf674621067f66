//! The text report of `adr score`: totals, the winner, and one line per
//! criterion on how robust the outcome is to its weight.

use super::{Flip, ScoreReport};

fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn pct(f: &Flip) -> String {
    match f.change_percent {
        Some(p) => format!(" ({}{:.0}%)", if p >= 0.0 { "+" } else { "" }, p),
        None => String::new(),
    }
}

pub fn render_text(r: &ScoreReport) -> String {
    let mut out = String::new();
    let w = r
        .options
        .iter()
        .map(|o| o.name.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    out.push_str(&format!(
        "{:<w$}  {:>8}  {:>7}  {:>4}\n",
        "Option", "Total", "Score", "Rank"
    ));
    for o in &r.options {
        out.push_str(&format!(
            "{:<w$}  {:>8}  {:>7.2}  {:>4}\n",
            o.name,
            num(o.total),
            o.normalized,
            o.rank
        ));
    }
    out.push('\n');
    match &r.winner {
        Some(win) if r.options.len() > 1 => {
            let runner = &r.options[1];
            let rel = if runner.total.abs() > 0.0 {
                r.margin / runner.total * 100.0
            } else {
                0.0
            };
            out.push_str(&format!(
                "Winner: {win}, ahead of {} by {} ({rel:.1}%).\n\n",
                runner.name,
                num(r.margin)
            ));
        }
        Some(win) => out.push_str(&format!("Winner: {win}.\n\n")),
        None => {
            out.push_str(&format!(
                "Tie: {} share the lead. Sharpen a criterion or its weight to separate them.\n",
                r.leaders.join(", ")
            ));
            return out;
        }
    }
    out.push_str("Sensitivity (one weight moves, the others stay):\n");
    let cw = r
        .sensitivity
        .iter()
        .map(|s| s.criterion.chars().count())
        .max()
        .unwrap_or(0);
    let mut closest: Option<(f64, &str)> = None;
    for s in &r.sensitivity {
        let mut parts = Vec::new();
        if let Some(f) = &s.lower {
            parts.push(format!(
                "below {}{} {} wins",
                num(f.at_weight),
                pct(f),
                f.new_winner
            ));
        }
        if let Some(f) = &s.raise {
            parts.push(format!(
                "above {}{} {} wins",
                num(f.at_weight),
                pct(f),
                f.new_winner
            ));
        }
        for f in s.lower.iter().chain(&s.raise) {
            if let Some(p) = f.change_percent
                && closest.is_none_or(|(c, _)| p.abs() < c)
            {
                closest = Some((p.abs(), &s.criterion));
            }
        }
        let what = if parts.is_empty() {
            "no weight changes the winner".to_string()
        } else {
            parts.join("; ")
        };
        out.push_str(&format!(
            "  {:<cw$}  weight {:>5}: {what}\n",
            s.criterion,
            num(s.weight)
        ));
    }
    match closest {
        Some((p, c)) if p < 25.0 => out.push_str(&format!(
            "\nClose call: a {p:.0}% change in the weight of `{c}` changes the decision. Discuss that weight.\n"
        )),
        Some((p, c)) => out.push_str(&format!(
            "\nRobust: the smallest change that flips the decision is {p:.0}% on `{c}`.\n"
        )),
        None => out.push_str("\nRobust: no single weight change flips the decision.\n"),
    }
    out
}
