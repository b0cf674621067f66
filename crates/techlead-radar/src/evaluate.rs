//! `radar evaluate`: a weighted scorecard per technology, each criterion
//! with its evidence. Scores (1 to 5) and weights come from the record's
//! `evaluation:`; where the record gives no score for team capability,
//! one is suggested from the repository's own evidence.
//!
//! ```yaml
//! evaluation:
//!   weights: { team-capability: 3, ecosystem-maturity: 2, maintenance-cost: 2, fit: 3 }
//!   scores: { team-capability: 4, ecosystem-maturity: 5, maintenance-cost: 3, fit: 4 }
//!   skills: [alice, bob]        # people who declare they know it
//!   notes: { fit: "covers every query we run" }
//! ```

use crate::Technology;
use serde::Serialize;
use serde_json::Value;
use techlead_core::words::{count, count_irregular};

pub const CRITERIA: [&str; 4] = [
    "team-capability",
    "ecosystem-maturity",
    "maintenance-cost",
    "fit",
];

/// What the repository says about a technology, gathered by the caller
/// (git history and the dependency inventory).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Evidence {
    /// People who changed files that use the technology, in the window,
    /// with their commit counts and last change (YYYY-MM-DD), most first.
    pub contributors: Vec<(String, usize, String)>,
    /// Why history could not be read, when it could not: then nobody is
    /// counted and team capability is not suggested from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history_missing: Option<String>,
    /// How many source files use it.
    pub files: usize,
    /// The window, in months.
    pub months: u32,
    /// Packages in use: `eco:name version (source)`.
    pub versions: Vec<String>,
    /// Licenses found offline (installed packages' manifests).
    pub licenses: Vec<String>,
    /// Known vulnerabilities of the versions in use (with `--online`):
    /// `eco:name version: ID (aliases): summary; fixed in ...`.
    pub vulnerabilities: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub criterion: String,
    pub weight: f64,
    /// None: not scored.
    pub score: Option<f64>,
    /// Whether the score was suggested from evidence, not written.
    pub suggested: bool,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    pub name: String,
    pub ring: Option<String>,
    pub rows: Vec<Row>,
    /// Σ weight × score over scored rows.
    pub total: f64,
    /// Σ weight × 5 over scored rows.
    pub max: f64,
}

impl Scorecard {
    pub fn percent(&self) -> f64 {
        if self.max > 0.0 {
            100.0 * self.total / self.max
        } else {
            0.0
        }
    }
}

pub fn scorecard(t: &Technology, ev: &Evidence) -> Scorecard {
    let eval = t.evaluation.clone().unwrap_or(Value::Null);
    let num = |section: &str, key: &str| -> Option<f64> {
        let v = &eval[section][key];
        v.as_f64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    };
    let note = |key: &str| eval["notes"][key].as_str().map(str::to_string);
    let skills: Vec<String> = eval["skills"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut rows = Vec::new();
    for c in CRITERIA {
        let weight = num("weights", c).unwrap_or(1.0);
        let mut score = num("scores", c).map(|s| s.clamp(1.0, 5.0));
        let mut suggested = false;
        let evidence = match c {
            "team-capability" => {
                let known = ev.history_missing.is_none();
                if score.is_none() && known && (ev.files > 0 || !skills.is_empty()) {
                    score = Some(capability_score(ev.contributors.len() + skills.len()));
                    suggested = true;
                }
                let people: Vec<String> = ev
                    .contributors
                    .iter()
                    .take(5)
                    .map(|(n, c, last)| format!("{n} ({c}, last {last})"))
                    .collect();
                let n = ev.contributors.len();
                let files = format!(
                    "{} {}",
                    ev.files,
                    if ev.files == 1 {
                        "file uses it"
                    } else {
                        "files use it"
                    }
                );
                let mut e = match &ev.history_missing {
                    // Never a count from history that was not read.
                    Some(why) => format!(
                        "{files}; who changed them is unknown: history not read ({why}); not scored from evidence"
                    ),
                    None => format!(
                        "{} changed the {} {} in the last {}",
                        count_irregular(n as u64, "person", "people"),
                        ev.files,
                        if ev.files == 1 {
                            "file that uses it"
                        } else {
                            "files that use it"
                        },
                        count(ev.months, "month")
                    ),
                };
                if !people.is_empty() {
                    e.push_str(&format!(": {}", people.join(", ")));
                }
                if !skills.is_empty() {
                    e.push_str(&format!("; declared skills: {}", skills.join(", ")));
                }
                e
            }
            "ecosystem-maturity" => {
                let mut parts = Vec::new();
                if !ev.versions.is_empty() {
                    parts.push(format!("in use: {}", ev.versions.join(", ")));
                }
                if !ev.licenses.is_empty() {
                    parts.push(format!("license: {}", ev.licenses.join(", ")));
                }
                if !ev.vulnerabilities.is_empty() {
                    parts.push(format!(
                        "known vulnerabilities: {}",
                        ev.vulnerabilities.join("; ")
                    ));
                }
                if parts.is_empty() {
                    parts.push("no package of it in a lockfile".into());
                }
                parts.join("; ")
            }
            _ => String::new(),
        };
        let evidence = match note(c) {
            Some(n) if evidence.is_empty() => n,
            Some(n) => format!("{evidence}; {n}"),
            None => evidence,
        };
        rows.push(Row {
            criterion: c.to_string(),
            weight,
            score,
            suggested,
            evidence,
        });
    }
    // Folded from 0.0: an empty f64 sum is -0.0, printed "-0".
    let total = rows
        .iter()
        .filter_map(|r| r.score.map(|s| s * r.weight))
        .fold(0.0, |a, b| a + b);
    let max = rows
        .iter()
        .filter(|r| r.score.is_some())
        .map(|r| 5.0 * r.weight)
        .fold(0.0, |a, b| a + b);
    Scorecard {
        name: t.name.clone(),
        ring: t.ring.clone(),
        rows,
        total,
        max,
    }
}

/// More people who work with it, more capability: 1 for nobody, 5 for
/// five or more.
pub fn capability_score(people: usize) -> f64 {
    people.clamp(1, 5) as f64
}

pub fn render_text(cards: &[Scorecard]) -> String {
    let mut s = String::new();
    for c in cards {
        s.push_str(&format!(
            "{} ({})\n\n{:20}  {:>6}  {:>5}  {:>8}  evidence\n",
            c.name,
            c.ring.as_deref().unwrap_or("no ring"),
            "criterion",
            "weight",
            "score",
            "weighted"
        ));
        for r in &c.rows {
            let (score, weighted) = match r.score {
                Some(v) => (
                    format!("{v}{}", if r.suggested { "*" } else { "" }),
                    format!("{}", v * r.weight),
                ),
                None => ("-".into(), "-".into()),
            };
            s.push_str(&format!(
                "{:20}  {:>6}  {:>5}  {:>8}  {}\n",
                r.criterion, r.weight, score, weighted, r.evidence
            ));
        }
        if c.max == 0.0 {
            s.push_str(&format!(
                "{:20}  {:>6}  {:>5}  {:>8}  no criterion scored yet\n\n",
                "total", "", "", "-"
            ));
        } else {
            s.push_str(&format!(
                "{:20}  {:>6}  {:>5}  {:>8}  {:.0}% of the maximum {}\n\n",
                "total",
                "",
                "",
                c.total,
                c.percent(),
                c.max
            ));
        }
    }
    if cards.iter().any(|c| c.rows.iter().any(|r| r.suggested)) {
        s.push_str("* suggested from the repository's evidence; write a score under evaluation.scores to set it\n");
    }
    if cards.len() > 1 {
        let mut ranked: Vec<&Scorecard> = cards.iter().collect();
        ranked.sort_by(|a, b| b.percent().total_cmp(&a.percent()));
        let line: Vec<String> = ranked
            .iter()
            .map(|c| format!("{} {:.0}%", c.name, c.percent()))
            .collect();
        s.push_str(&format!("ranking: {}\n", line.join(" > ")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn weighted_scores_and_suggestions() {
        let text = "---\nname: PostgreSQL\nring: adopt\nevaluation:\n  weights: { team-capability: 3, fit: 2 }\n  scores: { fit: 4, ecosystem-maturity: \"5\", maintenance-cost: 9 }\n  skills: [carol]\n  notes: { fit: \"every query we run\" }\n---\n";
        let t =
            super::super::parse("docs/radar/pg.md", Path::new("docs/radar/pg.md"), text).unwrap();
        let ev = Evidence {
            contributors: vec![
                ("alice".into(), 30, "2026-10-01".into()),
                ("bob".into(), 3, "2026-02-01".into()),
            ],
            history_missing: None,
            files: 12,
            months: 12,
            versions: vec!["npm:pg 8.11.3 (package-lock.json)".into()],
            licenses: vec!["MIT".into()],
            vulnerabilities: vec![],
        };
        let c = scorecard(&t, &ev);
        let scores: Vec<Option<f64>> = c.rows.iter().map(|r| r.score).collect();
        // capability suggested from 2 committers + 1 declared skill = 3.
        assert_eq!(scores, [Some(3.0), Some(5.0), Some(5.0), Some(4.0)]);
        assert!(c.rows[0].suggested);
        assert_eq!(c.total, 3.0 * 3.0 + 5.0 + 5.0 + 4.0 * 2.0);
        assert_eq!(c.max, 5.0 * (3.0 + 1.0 + 1.0 + 2.0));
        let text = render_text(&[c.clone(), c]);
        assert!(text.contains("alice (30, last 2026-10-01)"));
        assert!(text.contains("ranking: PostgreSQL"));
        assert!(text.contains("every query we run"));
    }

    /// Issue 14: history that could not be read printed "0 people changed
    /// the 224 files ... score 1". It must say why and leave the criterion
    /// unscored.
    #[test]
    fn missing_history_is_said_and_not_scored() {
        let text = "---\nname: Tokio\nring: adopt\nevaluation:\n  skills: [carol]\n---\n";
        let t = super::super::parse("docs/radar/t.md", Path::new("docs/radar/t.md"), text).unwrap();
        let ev = Evidence {
            history_missing: Some("object 1234 is missing".into()),
            files: 224,
            months: 12,
            ..Evidence::default()
        };
        let c = scorecard(&t, &ev);
        assert_eq!(c.rows[0].score, None);
        assert!(!c.rows[0].suggested);
        assert!(
            c.rows[0]
                .evidence
                .contains("history not read (object 1234 is missing)"),
            "{}",
            c.rows[0].evidence
        );
        assert!(!c.rows[0].evidence.contains("0 people"));
    }
}
