//! `adr score`: the weighted decision matrix of an evaluation record. Totals,
//! ranking, and sensitivity: how far each weight must move, the others
//! fixed, before the winner changes. Totals are linear in each weight, so
//! the crossing points are solved exactly, not searched.

mod matrix;
mod render;

pub use matrix::{Criterion, Matrix, ScoreError, parse_matrix};
pub use render::render_text;

use serde::Serialize;

/// Totals closer than this are a tie (scores and weights are small decimals).
const EPS: f64 = 1e-9;

#[derive(Debug, Clone, Serialize)]
pub struct OptionTotal {
    pub name: String,
    /// Σ weight × score.
    pub total: f64,
    /// The total divided by the sum of weights: back on the 1–5 scale.
    pub normalized: f64,
    /// 1-based; tied options share a rank.
    pub rank: usize,
}

/// One direction of one weight's move that changes the winner.
#[derive(Debug, Clone, Serialize)]
pub struct Flip {
    /// The weight at which another option draws level; just past it, it leads.
    pub at_weight: f64,
    /// `at_weight - weight`.
    pub change: f64,
    /// The change relative to the current weight, in percent (None at weight 0).
    pub change_percent: Option<f64>,
    /// Who leads just past the crossing ("A / B" when they tie each other).
    pub new_winner: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub criterion: String,
    pub weight: f64,
    /// Raising the weight past `at_weight` changes the winner.
    pub raise: Option<Flip>,
    /// Lowering the weight below `at_weight` (staying above 0) changes it.
    pub lower: Option<Flip>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreReport {
    pub criteria: Vec<Criterion>,
    /// Sorted by total, best first.
    pub options: Vec<OptionTotal>,
    /// None when two or more options tie for first.
    pub winner: Option<String>,
    /// Options tied for first (more than one only on a tie).
    pub leaders: Vec<String>,
    /// Lead of the winner over the runner-up.
    pub margin: f64,
    /// Empty on a tie: any move of a weight that separates them decides.
    pub sensitivity: Vec<Sensitivity>,
}

fn totals(m: &Matrix) -> Vec<f64> {
    (0..m.options.len())
        .map(|o| m.criteria.iter().map(|c| c.weight * c.scores[o]).sum())
        .collect()
}

pub fn score(m: &Matrix) -> ScoreReport {
    let t = totals(m);
    let weight_sum: f64 = m.criteria.iter().map(|c| c.weight).sum();
    let mut order: Vec<usize> = (0..m.options.len()).collect();
    order.sort_by(|&a, &b| t[b].total_cmp(&t[a]).then(a.cmp(&b)));
    let mut options = Vec::new();
    for (pos, &o) in order.iter().enumerate() {
        let rank = if pos > 0 && (t[order[pos - 1]] - t[o]).abs() < EPS {
            options.last().map(|x: &OptionTotal| x.rank).unwrap_or(1)
        } else {
            pos + 1
        };
        options.push(OptionTotal {
            name: m.options[o].clone(),
            total: t[o],
            normalized: if weight_sum > 0.0 {
                t[o] / weight_sum
            } else {
                0.0
            },
            rank,
        });
    }
    let leaders: Vec<String> = options
        .iter()
        .filter(|o| o.rank == 1)
        .map(|o| o.name.clone())
        .collect();
    let margin = if options.len() > 1 {
        options[0].total - options[1].total
    } else {
        0.0
    };
    let winner_idx = (leaders.len() == 1).then_some(order[0]);
    let sensitivity = match winner_idx {
        Some(w) => m
            .criteria
            .iter()
            .map(|crit| sensitivity(m, &t, w, crit))
            .collect(),
        None => Vec::new(),
    };
    ScoreReport {
        criteria: m.criteria.clone(),
        winner: winner_idx.map(|w| m.options[w].clone()),
        leaders,
        margin,
        options,
        sensitivity,
    }
}

/// For criterion `c`: the nearest weight, up and down, at which some option
/// draws level with the winner `w`. Raising the weight by Δ moves
/// T_w - T_j by Δ·(s_w - s_j), so option j draws level at Δ = gap / (s_j - s_w).
fn sensitivity(m: &Matrix, t: &[f64], w: usize, crit: &Criterion) -> Sensitivity {
    let mut up: Option<(f64, f64, Vec<usize>)> = None; // (Δ, slope, options)
    let mut down: Option<(f64, f64, Vec<usize>)> = None;
    for j in 0..m.options.len() {
        if j == w {
            continue;
        }
        let gap = t[w] - t[j];
        let d = crit.scores[j] - crit.scores[w];
        if d.abs() < EPS {
            continue;
        }
        let delta = gap / d;
        let slot = if d > 0.0 {
            &mut up
        } else {
            // The weight cannot go below 0; at exactly 0 nobody gets past.
            if crit.weight + delta <= EPS {
                continue;
            }
            &mut down
        };
        let dist = delta.abs();
        let slope = d.abs();
        match slot {
            Some((best, best_slope, who)) if (dist - *best).abs() < EPS => {
                // Same crossing point: the steeper one leads just past it.
                if (slope - *best_slope).abs() < EPS {
                    who.push(j);
                } else if slope > *best_slope {
                    *slot = Some((dist, slope, vec![j]));
                }
            }
            Some((best, _, _)) if dist > *best => {}
            _ => *slot = Some((dist, slope, vec![j])),
        }
    }
    let flip = |found: Option<(f64, f64, Vec<usize>)>, sign: f64| {
        found.map(|(dist, _, who)| {
            let change = sign * dist;
            let names: Vec<&str> = who.iter().map(|&j| m.options[j].as_str()).collect();
            Flip {
                at_weight: crit.weight + change,
                change,
                change_percent: (crit.weight.abs() > EPS).then(|| change / crit.weight * 100.0),
                new_winner: names.join(" / "),
            }
        })
    };
    Sensitivity {
        criterion: crit.name.clone(),
        weight: crit.weight,
        raise: flip(up, 1.0),
        lower: flip(down, -1.0),
    }
}

#[cfg(test)]
mod tests;
