use super::RenderOptions;
use crate::findings::{Finding, RuleInfo};
pub fn render(_f: &[Finding], _r: &[RuleInfo], _o: &RenderOptions<'_>) -> String {
    String::new()
}
