use super::RenderOptions;
use crate::findings::{summary_line, Finding};

pub fn render(findings: &[Finding], _opts: &RenderOptions<'_>) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!("{}: {} [{}]\n", f.severity, f.message, f.rule));
    }
    out.push_str(&summary_line(findings));
    out.push('\n');
    out
}
