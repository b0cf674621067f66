//! `[deps] allow_licenses` and `deny_licenses`: whether a package's license
//! expression can be met with licenses the policy accepts.
//!
//! `A OR B` is acceptable when either is (the user picks one), `A AND B`
//! when both are. A license is accepted when it is not denied and, with an
//! allow list, is on it. `X WITH exception` is denied or allowed as listed,
//! or as `X` when only `X` is listed. `-only` and `-or-later` are different
//! licenses: list both to cover both.

use super::{Expr, License};

/// The lists, each entry normalised to one license.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    pub allow: Vec<String>,
    pub deny: Vec<String>,
}

/// What the policy says of one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    /// No way to meet the expression without these licenses (denied, or
    /// not on the allow list).
    Refused(Vec<String>),
    /// No license found, or one that is not an SPDX expression.
    Unknown,
}

impl Policy {
    pub fn is_empty(&self) -> bool {
        self.allow.is_empty() && self.deny.is_empty()
    }

    pub fn judge(&self, license: Option<&License>) -> Verdict {
        let Some(expr) = license.and_then(License::expr) else {
            return Verdict::Unknown;
        };
        if self.acceptable(&expr) {
            return Verdict::Accepted;
        }
        let refused: Vec<String> = expr
            .licenses()
            .into_iter()
            .filter(|l| !self.accepts(l))
            .collect();
        Verdict::Refused(refused)
    }

    fn acceptable(&self, e: &Expr) -> bool {
        match e {
            Expr::License { .. } => self.accepts(&e.render()),
            Expr::And(terms) => terms.iter().all(|t| self.acceptable(t)),
            Expr::Or(terms) => terms.iter().any(|t| self.acceptable(t)),
        }
    }

    /// One license, `id` or `id WITH exception`.
    fn accepts(&self, license: &str) -> bool {
        let base = license.split(" WITH ").next().unwrap_or(license);
        let listed = |list: &[String]| list.iter().any(|l| l == license || l == base);
        !listed(&self.deny) && (self.allow.is_empty() || listed(&self.allow))
    }
}
