//! The scorecard as it is published: the JSON of `techlead practices
//! --format json` is the serde shape of [`Report`] (documented in
//! docs/guide/practices.md), and every other format renders it.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    #[serde(rename = "pass")]
    Pass,
    #[serde(rename = "partial")]
    Partial,
    #[serde(rename = "fail")]
    Fail,
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Partial => "partial",
            Status::Fail => "fail",
            Status::NotApplicable => "n/a",
        }
    }

    /// The band a score falls in: 8 and up passes, under 4 fails.
    pub fn of_score(score: f64) -> Status {
        if score >= 8.0 {
            Status::Pass
        } else if score >= 4.0 {
            Status::Partial
        } else {
            Status::Fail
        }
    }
}

/// What a check saw: a file and line, a commit, a tag, a count, or the
/// licence expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Evidence {
    File {
        path: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<u32>,
        detail: String,
    },
    Commit {
        id: String,
        detail: String,
    },
    Tag {
        name: String,
        date: String,
        detail: String,
    },
    Count {
        name: String,
        value: f64,
    },
    Spdx {
        expression: String,
        path: String,
    },
}

impl Evidence {
    pub fn file(path: &str, line: Option<u32>, detail: impl Into<String>) -> Evidence {
        Evidence::File {
            path: path.to_string(),
            line,
            detail: detail.into(),
        }
    }

    pub fn count(name: impl Into<String>, value: impl Into<f64>) -> Evidence {
        Evidence::Count {
            name: name.into(),
            value: value.into(),
        }
    }

    pub fn commit(id: &str, detail: impl Into<String>) -> Evidence {
        Evidence::Commit {
            id: id.to_string(),
            detail: detail.into(),
        }
    }

    /// One line for people: `path:line: detail`, `commit abc1234: detail`.
    pub fn line(&self) -> String {
        match self {
            Evidence::File { path, line, detail } => {
                let at = match line {
                    Some(l) => format!("{path}:{l}"),
                    None => path.clone(),
                };
                if detail.is_empty() {
                    at
                } else {
                    format!("{at}: {detail}")
                }
            }
            Evidence::Commit { id, detail } => {
                format!("commit {}: {detail}", &id[..id.len().min(10)])
            }
            Evidence::Tag { name, date, detail } => format!("tag {name} ({date}): {detail}"),
            Evidence::Count { name, value } => format!("{name}: {}", number(*value)),
            Evidence::Spdx { expression, path } => format!("{path}: {expression}"),
        }
    }
}

/// A number as people read it: whole numbers without decimals, others
/// with two.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub id: &'static str,
    pub status: Status,
    /// 0-10, one decimal; null when not applicable.
    pub score: Option<f64>,
    /// Its weight in the overall score.
    pub weight: f64,
    pub reason: String,
    pub evidence: Vec<Evidence>,
    /// Not applicable because evidence is missing (no history, say), not
    /// because the practice does not apply: such a check meets no level's
    /// minimum.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unmeasured: bool,
}

impl CheckResult {
    pub fn scored(id: &'static str, score: f64, reason: impl Into<String>) -> CheckResult {
        let score = (score.clamp(0.0, 10.0) * 10.0).round() / 10.0;
        CheckResult {
            id,
            status: Status::of_score(score),
            score: Some(score),
            weight: 0.0,
            reason: reason.into(),
            evidence: Vec::new(),
            unmeasured: false,
        }
    }

    pub fn not_applicable(id: &'static str, reason: impl Into<String>) -> CheckResult {
        CheckResult {
            id,
            status: Status::NotApplicable,
            score: None,
            weight: 0.0,
            reason: reason.into(),
            evidence: Vec::new(),
            unmeasured: false,
        }
    }

    /// Not measured: the evidence it needs is missing, and why.
    pub fn unmeasured(id: &'static str, why: impl Into<String>) -> CheckResult {
        CheckResult {
            unmeasured: true,
            ..CheckResult::not_applicable(id, why)
        }
    }

    pub fn with(mut self, evidence: Vec<Evidence>) -> CheckResult {
        self.evidence.extend(evidence);
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    None,
    Bronze,
    Silver,
    Gold,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Bronze, Level::Silver, Level::Gold];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Bronze => "bronze",
            Level::Silver => "silver",
            Level::Gold => "gold",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn next(self) -> Option<Level> {
        match self {
            Level::None => Some(Level::Bronze),
            Level::Bronze => Some(Level::Silver),
            Level::Silver => Some(Level::Gold),
            Level::Gold => None,
        }
    }
}

/// A check that keeps a level out of reach.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    pub check: &'static str,
    pub minimum: f64,
    pub score: Option<f64>,
    pub status: Status,
}

/// The next level and what it needs.
#[derive(Debug, Clone, Serialize)]
pub struct NextLevel {
    pub level: Level,
    pub missing: Vec<Missing>,
}

/// One quarter of the team table.
#[derive(Debug, Clone, Serialize)]
pub struct Quarter {
    /// `2025-Q3`.
    pub quarter: String,
    pub from: String,
    pub to: String,
    /// The quarter is not over yet.
    pub partial: bool,
    /// People (not bots) with a non-merge commit in the quarter.
    pub active_contributors: usize,
    /// Human changes landed on the main line (first-parent commits).
    pub changes: usize,
    /// The share of those with review evidence; null without changes.
    pub reviewed_share: Option<f64>,
    /// CI configuration in the tree at the quarter's end; null when there
    /// was no commit yet.
    pub ci: Option<bool>,
    /// Test to source size at the quarter's end (bytes of test code per
    /// byte of source code); null without source or without a tree.
    pub test_ratio: Option<f64>,
    /// Release tags in the quarter.
    pub releases: usize,
}

/// The team table and what it says; in the JSON, `team` is the list of
/// quarters (the contract) and `team_summary` the sentences.
#[derive(Debug, Clone, Serialize)]
pub struct Team {
    #[serde(rename = "team")]
    pub quarters: Vec<Quarter>,
    /// One sentence per trend: did practices hold as the team grew?
    #[serde(rename = "team_summary")]
    pub summary: Vec<String>,
}

/// A deployable unit.
#[derive(Debug, Clone, Serialize)]
pub struct Deployable {
    pub name: String,
    /// `dockerfile`, `kubernetes`, `serverless`, `compose`, `platform`,
    /// `deploy-job`.
    pub kind: &'static str,
    /// Where it is declared (`path` or `path:line`).
    pub at: String,
}

/// Architecture fit: deployable units against the people who work here.
#[derive(Debug, Clone, Serialize)]
pub struct Fit {
    pub deployables: Vec<Deployable>,
    /// People with a non-merge commit in the window; null without history.
    pub active_contributors: Option<usize>,
    pub window_days: i64,
    /// Deployables per active contributor; null without either.
    pub per_contributor: Option<f64>,
    /// More deployables than active engineers, or one per engineer.
    pub outpaces_team: bool,
    pub verdict: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Weighted mean over applicable checks, one decimal; null when none
    /// applies.
    pub score: Option<f64>,
    pub level: Level,
    pub next_level: Option<NextLevel>,
    pub checks: Vec<CheckResult>,
    #[serde(flatten)]
    pub team: Team,
    pub fit: Fit,
    /// The activity window: its first day and its length.
    pub since: String,
    pub window_days: i64,
    /// Why history could not be read; absent when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history_missing: Option<String>,
}
