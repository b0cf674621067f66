//! `security-policy`: a security policy (SECURITY.md at the root, in
//! `.github/` or `docs/`, or a `security.txt`) that says how to reach
//! someone: an address, a reporting link (the host's private advisories,
//! HackerOne, Bugcrowd, huntr, ...). 10 with a contact, 5 without one.

use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};

const DIRS: &[&str] = &["", ".github/", "docs/", ".well-known/"];
const NAMES: &[&str] = &[
    "security.md",
    "security.rst",
    "security.txt",
    "security.adoc",
    "security",
];

pub fn security_policy(f: &Facts) -> CheckResult {
    let Some(path) = f.files().iter().find(|p| {
        let lower = p.to_ascii_lowercase();
        DIRS.iter()
            .any(|d| NAMES.iter().any(|n| lower == format!("{d}{n}")))
    }) else {
        return CheckResult::scored(
            "security-policy",
            0.0,
            "no SECURITY.md (root, .github/ or docs/)",
        );
    };
    let text = f.read(path).unwrap_or_default();
    match contact(&text) {
        Some((line, what)) => CheckResult::scored(
            "security-policy",
            10.0,
            format!("{path} says how to report: {what}"),
        )
        .with(vec![Evidence::file(path, Some(line), what)]),
        None => CheckResult::scored(
            "security-policy",
            5.0,
            format!("{path} gives no contact (an address or a reporting link)"),
        )
        .with(vec![Evidence::file(path, None, "no contact found")]),
    }
}

/// The first line with a contact: an email address, a `Contact:` field, or
/// a link to a reporting place.
fn contact(text: &str) -> Option<(u32, String)> {
    const PLACES: &[&str] = &[
        "/security/advisories",
        "security/policy",
        "hackerone.com",
        "bugcrowd.com",
        "huntr.com",
        "huntr.dev",
        "intigriti.com",
        "yeswehack.com",
        "tidelift.com/security",
        "mailto:",
        "openssf.org",
        "msrc.microsoft.com",
    ];
    for (i, l) in text.lines().enumerate() {
        let lower = l.to_ascii_lowercase();
        if let Some(email) = l
            .split(|c: char| c.is_whitespace() || "<>()[]`*,;:\"'".contains(c))
            .find(|w| is_email(w))
        {
            return Some((
                i as u32 + 1,
                format!("address {}", email.trim_end_matches('.')),
            ));
        }
        if lower.starts_with("contact:") {
            return Some((i as u32 + 1, l.trim().to_string()));
        }
        if let Some(p) = PLACES.iter().find(|p| lower.contains(*p)) {
            return Some((
                i as u32 + 1,
                format!("a reporting link ({})", p.trim_matches('/')),
            ));
        }
    }
    None
}

fn is_email(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    let Some((local, domain)) = w.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts() {
        assert_eq!(
            contact("# Policy\nMail security@example.org.\n").unwrap().0,
            2
        );
        assert!(contact("Use https://github.com/o/r/security/advisories/new").is_some());
        assert!(contact("Please be nice.\n").is_none());
        assert!(!is_email("@user"));
    }
}
