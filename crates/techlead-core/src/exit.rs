//! Exit codes shared by every command, so CI can tell findings from misuse.

/// 0 clean, 1 error-level findings, 2 usage or input error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Clean = 0,
    Findings = 1,
    Input = 2,
}

impl ExitCode {
    /// 1 when any finding is at error level, else 0.
    pub fn from_findings(findings: &[crate::Finding]) -> Self {
        if findings
            .iter()
            .any(|f| f.severity == crate::Severity::Error)
        {
            ExitCode::Findings
        } else {
            ExitCode::Clean
        }
    }

    pub fn code(self) -> i32 {
        self as i32
    }
}
