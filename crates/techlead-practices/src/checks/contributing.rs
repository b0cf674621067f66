//! `contributing`: how to contribute, written down. CONTRIBUTING (root,
//! `.github/`, `docs/`) 4 points, a pull request template 2, issue
//! templates 2, a code of conduct 2.

use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};

/// The first file matching, case aside: in one of `dirs`, a name starting
/// with one of `names`.
fn find<'f>(f: &'f Facts, dirs: &[&str], names: &[&str]) -> Option<&'f String> {
    f.files().iter().find(|p| {
        let lower = p.to_ascii_lowercase();
        let (dir, name) = lower
            .rsplit_once('/')
            .map_or(("", lower.as_str()), |(d, n)| (d, n));
        dirs.contains(&dir) && names.iter().any(|n| name.starts_with(n))
    })
}

pub fn contributing(f: &Facts) -> CheckResult {
    let top = ["", ".github", "docs", ".gitlab"];
    let parts: [(&str, f64, Option<&String>); 4] = [
        (
            "a contributing guide",
            4.0,
            find(f, &top, &["contributing"]),
        ),
        (
            "a pull request template",
            2.0,
            find(f, &top, &["pull_request_template"]).or_else(|| {
                find(
                    f,
                    &[
                        ".github/pull_request_template",
                        ".gitlab/merge_request_templates",
                    ],
                    &[""],
                )
            }),
        ),
        (
            "issue templates",
            2.0,
            find(f, &top, &["issue_template"]).or_else(|| {
                find(
                    f,
                    &[".github/issue_template", ".gitlab/issue_templates"],
                    &[""],
                )
            }),
        ),
        (
            "a code of conduct",
            2.0,
            find(f, &top, &["code_of_conduct", "code-of-conduct"]),
        ),
    ];
    let mut score = 0.0;
    let mut have = Vec::new();
    let mut lack = Vec::new();
    let mut evidence = Vec::new();
    for (what, points, found) in parts {
        match found {
            Some(p) => {
                score += points;
                have.push(what);
                evidence.push(Evidence::file(p, None, what));
            }
            None => lack.push(what),
        }
    }
    let reason = match (have.is_empty(), lack.is_empty()) {
        (true, _) => "no CONTRIBUTING, templates or code of conduct".to_string(),
        (false, true) => format!("{} in place", have.join(", ")),
        (false, false) => format!("{}; missing: {}", have.join(", "), lack.join(", ")),
    };
    CheckResult::scored("contributing", score, reason).with(evidence)
}
