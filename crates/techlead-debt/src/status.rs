//! An item's lifecycle: open, scheduled and in progress while the debt is
//! owed; repaid, accepted (kept on purpose) or won't fix once decided.

use serde::Serialize;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Open,
    Scheduled,
    InProgress,
    Repaid,
    Accepted,
    WontFix,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Open,
        Status::Scheduled,
        Status::InProgress,
        Status::Repaid,
        Status::Accepted,
        Status::WontFix,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Scheduled => "scheduled",
            Status::InProgress => "in-progress",
            Status::Repaid => "repaid",
            Status::Accepted => "accepted",
            Status::WontFix => "wont-fix",
        }
    }

    /// Any case; `in progress`, `in_progress`, `won't fix` and `wontfix`
    /// are the same statuses.
    pub fn parse(s: &str) -> Option<Status> {
        let norm: String = s
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '\'' | '’'))
            .map(|c| if c == ' ' || c == '_' { '-' } else { c })
            .collect();
        Some(match norm.as_str() {
            "open" => Status::Open,
            "scheduled" => Status::Scheduled,
            "in-progress" => Status::InProgress,
            "repaid" => Status::Repaid,
            "accepted" => Status::Accepted,
            "wont-fix" | "wontfix" => Status::WontFix,
            _ => return None,
        })
    }

    /// The debt is still owed: open, scheduled or in progress.
    pub fn is_owed(self) -> bool {
        matches!(self, Status::Open | Status::Scheduled | Status::InProgress)
    }

    /// "open, scheduled, in-progress, repaid, accepted, wont-fix".
    pub fn list() -> String {
        Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("In Progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("won't fix"), Some(Status::WontFix));
        assert_eq!(Status::parse("WONTFIX"), Some(Status::WontFix));
        assert_eq!(Status::parse("done"), None);
        assert!(Status::Scheduled.is_owed() && !Status::Accepted.is_owed());
    }
}
