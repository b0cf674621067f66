//! A goal's status: proposed, active, then achieved, missed or dropped.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Proposed,
    Active,
    Achieved,
    Missed,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Proposed,
        Status::Active,
        Status::Achieved,
        Status::Missed,
        Status::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Active => "active",
            Status::Achieved => "achieved",
            Status::Missed => "missed",
            Status::Dropped => "dropped",
        }
    }

    /// A status as written, in any case.
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s))
    }

    /// `proposed, active, achieved, missed, dropped`.
    pub fn list() -> String {
        Status::ALL.map(Status::as_str).join(", ")
    }

    /// Achieved, missed or dropped: the goal is over.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Achieved | Status::Missed | Status::Dropped)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
