//! JSON: an array of findings, exactly the serde shape of [`Finding`].

use crate::findings::Finding;

pub fn render(findings: &[Finding]) -> String {
    let mut s = serde_json::to_string_pretty(findings).expect("findings serialize");
    s.push('\n');
    s
}
