//! Applying inline suppressions to the rules' findings: which comment
//! covers an import for a rule, the findings set aside with their reasons,
//! and which comments suppressed nothing.

use crate::suppress::Suppression;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeSet;
use techlead_core::Finding;

/// A finding that an inline comment suppressed, with the comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    #[serde(flatten)]
    pub finding: Finding,
    pub suppressed_by: SuppressedBy,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuppressedBy {
    /// Line of the comment, in the finding's file.
    pub line: u32,
    /// `techlead: ignore[...]` or `tach-ignore`.
    pub directive: String,
    /// The text after the directive; absent when the comment gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The suppression comments of an analysis, as the rules consult them.
pub struct Suppressions<'a> {
    by_file: FxHashMap<&'a str, &'a [Suppression]>,
    /// `# tach-ignore` counts (`[boundaries] honour_tach_ignore`).
    tach: bool,
    /// (file, comment index, rule id) of every use.
    used: RefCell<BTreeSet<(&'a str, usize, &'static str)>>,
    hidden: RefCell<Vec<Suppressed>>,
}

pub const UNUSED_RULE: &str = "boundaries/unused-suppression";

impl<'a> Suppressions<'a> {
    pub fn new(list: &'a [(String, Vec<Suppression>)], tach: bool) -> Self {
        Suppressions {
            by_file: list
                .iter()
                .map(|(p, s)| (p.as_str(), s.as_slice()))
                .collect(),
            tach,
            used: Default::default(),
            hidden: Default::default(),
        }
    }

    /// Whether comment `s` suppresses findings of `rule`.
    pub fn names(&self, s: &Suppression, rule: &str) -> bool {
        if s.problem.is_some() || rule == UNUSED_RULE {
            return false;
        }
        if s.tach {
            return self.tach && rule.starts_with("boundaries/");
        }
        s.rules.iter().any(|r| r == rule)
    }

    /// Whether tach's directives count.
    pub fn honours_tach(&self) -> bool {
        self.tach
    }

    /// Indexes of the comments in `file` that suppress `rule` at `line`.
    pub fn covering<'s>(
        &'s self,
        file: &str,
        line: u32,
        rule: &'s str,
    ) -> impl Iterator<Item = usize> + 's {
        self.by_file
            .get(file)
            .copied()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.covers(line) && self.names(s, rule))
            .map(|(i, _)| i)
    }

    /// Sets `finding` aside as suppressed by comment `index` of its file,
    /// and notes the comment as used for its rule.
    pub fn hide(&self, finding: Finding, index: usize, rule: &'static str) {
        let Some(path) = finding.location.as_ref().map(|l| l.path.clone()) else {
            return;
        };
        let Some((&file, list)) = self.by_file.get_key_value(path.as_str()) else {
            return;
        };
        let s = &list[index];
        self.used.borrow_mut().insert((file, index, rule));
        self.hidden.borrow_mut().push(Suppressed {
            finding,
            suppressed_by: SuppressedBy {
                line: s.line,
                directive: s.marker(),
                reason: s.reason.clone(),
            },
        });
    }

    /// The findings no comment suppresses; the others are set aside, and
    /// every comment that covers one is noted as used.
    pub fn filter(&self, findings: Vec<Finding>) -> Vec<Finding> {
        let mut kept = Vec::with_capacity(findings.len());
        for f in findings {
            let Some(rule) = crate::RULES
                .iter()
                .map(|r| r.info().id)
                .find(|id| *id == f.rule)
            else {
                kept.push(f);
                continue;
            };
            let at = f
                .location
                .as_ref()
                .and_then(|l| Some((l.path.as_str(), l.line?)));
            let covering: Vec<usize> = at
                .map(|(path, line)| self.covering(path, line, rule).collect())
                .unwrap_or_default();
            let Some(&first) = covering.first() else {
                kept.push(f);
                continue;
            };
            let path = at.map(|a| a.0.to_string()).unwrap_or_default();
            if let Some((&file, _)) = self.by_file.get_key_value(path.as_str()) {
                let mut used = self.used.borrow_mut();
                for &i in &covering[1..] {
                    used.insert((file, i, rule));
                }
            }
            self.hide(f, first, rule);
        }
        kept
    }

    /// Every comment with the rule ids it names that suppressed nothing
    /// (all of them for a malformed comment or an unused `tach-ignore`),
    /// in file order. Ids of other families are not boundaries' to judge.
    pub fn unused(&self) -> Vec<(&'a str, &'a Suppression, Vec<&'a str>)> {
        let used = self.used.borrow();
        let mut files: Vec<(&&str, &&[Suppression])> = self.by_file.iter().collect();
        files.sort_by_key(|(f, _)| **f);
        let mut out = Vec::new();
        for (&file, list) in files {
            for (i, s) in list.iter().enumerate() {
                let any_use = used
                    .range((file, i, "")..)
                    .next()
                    .is_some_and(|u| u.0 == file && u.1 == i);
                if s.problem.is_some() {
                    out.push((file, s, Vec::new()));
                } else if s.tach {
                    if self.tach && !any_use {
                        out.push((file, s, Vec::new()));
                    }
                } else {
                    let idle: Vec<&str> = s
                        .rules
                        .iter()
                        .map(String::as_str)
                        .filter(|r| r.starts_with("boundaries/") && *r != UNUSED_RULE)
                        .filter(|r| !used.iter().any(|u| u.0 == file && u.1 == i && u.2 == *r))
                        .collect();
                    if !idle.is_empty() {
                        out.push((file, s, idle));
                    }
                }
            }
        }
        out
    }

    /// The findings set aside, in file order.
    pub fn into_hidden(self) -> Vec<Suppressed> {
        let mut v = self.hidden.into_inner();
        v.sort_by(|a, b| {
            let key = |s: &Suppressed| {
                let l = s.finding.location.clone();
                (l.as_ref().map(|l| l.path.clone()), l.and_then(|l| l.line))
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| a.finding.rule.cmp(&b.finding.rule))
                .then_with(|| a.finding.message.cmp(&b.finding.message))
        });
        v
    }
}
