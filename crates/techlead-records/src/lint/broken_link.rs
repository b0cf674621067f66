//! `decisions/broken-link`: a relative link to a file that does not exist
//! (renamed, renumbered, or never committed).

use super::{LintContext, finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/broken-link",
    Severity::Error,
    "A relative link points to a file that does not exist.",
);

pub struct BrokenLink;

impl Rule<LintContext<'_>> for BrokenLink {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx.records {
            let base = r.path.parent().unwrap_or(cx.dir);
            for h in &r.hrefs {
                let target = percent_decode(&h.target);
                if techlead_core::source::exists(&base.join(&target)) {
                    continue;
                }
                out.push(finding(
                    &INFO,
                    r,
                    Some(h.line),
                    format!("link to `{}` does not resolve to a file", h.target),
                    "fix the link, or restore the file it points to (`techlead adr list` shows record files)".to_string(),
                    &h.target,
                ));
            }
        }
    }
}

/// `my%20file.md` -> `my file.md`; invalid escapes stay as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(super::percent_decode("a%20b.md"), "a b.md");
        assert_eq!(super::percent_decode("a%2"), "a%2");
        assert_eq!(super::percent_decode("%zz"), "%zz");
    }
}
