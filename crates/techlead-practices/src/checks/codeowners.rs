//! `codeowners`: a CODEOWNERS file (`.github/`, the root, `docs/`, or
//! GitLab's `.gitlab/`), the share of code files it gives an owner, and
//! owners who made no commit in 12 months. Score = 10 × covered share −
//! 3 × the share of individual owners with no commit in 12 months. Teams
//! (`@org/team`) cannot be resolved offline and are not judged.

use super::{EXAMPLES, count, percent};
use crate::facts::Facts;
use crate::files::{self, Kind};
use crate::model::{CheckResult, Evidence};
use crate::people::noreply_login;
use std::collections::BTreeSet;

const PLACES: &[&str] = &[
    ".github/CODEOWNERS",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
];

struct Rule {
    pattern: String,
    owners: Vec<String>,
}

pub fn codeowners(f: &Facts) -> CheckResult {
    let Some(path) = PLACES.iter().find(|p| f.has(p)) else {
        let active = f.active_people(f.days_ago(365), i64::MAX).len();
        if f.history.is_some() && active <= 1 {
            return CheckResult::not_applicable(
                "codeowners",
                format!(
                    "{} in 12 months: ownership is implicit",
                    count(active, "active contributor")
                ),
            );
        }
        return CheckResult::scored(
            "codeowners",
            0.0,
            "no CODEOWNERS file (.github/, the root or docs/)",
        );
    };
    let text = f.read(path).unwrap_or_default();
    let mut rules = Vec::new();
    let mut owner_lines: Vec<(String, u32)> = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.split(" #").next().unwrap_or(l).trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with('[') || l.starts_with("^[") {
            continue;
        }
        let mut words = l.split_whitespace();
        let Some(pattern) = words.next() else {
            continue;
        };
        let owners: Vec<String> = words.map(str::to_string).collect();
        for o in &owners {
            if !owner_lines.iter().any(|(x, _)| x == o) {
                owner_lines.push((o.clone(), i as u32 + 1));
            }
        }
        rules.push(Rule {
            pattern: pattern.to_string(),
            owners,
        });
    }
    let code: Vec<&String> = {
        let code: Vec<&String> = f
            .files()
            .iter()
            .filter(|p| !matches!(files::kind(p), Kind::Other))
            .collect();
        if code.is_empty() {
            f.files().iter().collect()
        } else {
            code
        }
    };
    let mut uncovered = Vec::new();
    for p in &code {
        let owned = rules
            .iter()
            .rev()
            .find(|r| matches(&r.pattern, p))
            .is_some_and(|r| !r.owners.is_empty());
        if !owned {
            uncovered.push(*p);
        }
    }
    let covered = code.len() - uncovered.len();
    let share = covered as f64 / code.len().max(1) as f64;
    let mut evidence = vec![
        Evidence::file(path, None, count(rules.len(), "rule").to_string()),
        Evidence::count("code files", code.len() as f64),
        Evidence::count("code files with an owner", covered as f64),
    ];
    for p in uncovered.iter().take(EXAMPLES) {
        evidence.push(Evidence::file(p, None, "no owner"));
    }
    let mut reason = format!(
        "{} gives {} of {} an owner",
        path,
        percent(covered, code.len()),
        count(code.len(), "code file")
    );
    let mut score = 10.0 * share;
    if f.history.is_some() {
        let (individuals, inactive) = inactive_owners(f, &owner_lines);
        if individuals > 0 {
            score -= 3.0 * inactive.len() as f64 / individuals as f64;
            if !inactive.is_empty() {
                reason.push_str(&format!(
                    "; {} of {} made no commit in 12 months",
                    inactive.len(),
                    count(individuals, "individual owner")
                ));
            }
        }
        for (o, line) in inactive.iter().take(EXAMPLES) {
            evidence.push(Evidence::file(
                path,
                Some(*line),
                format!("{o}: no commit found in 12 months"),
            ));
        }
    }
    CheckResult::scored("codeowners", score, reason).with(evidence)
}

/// Individual owners (not teams), and those with no commit in 12 months:
/// an email owner by address, `@login` by a GitHub noreply login, the
/// address's local part, or the name without spaces.
fn inactive_owners(f: &Facts, owners: &[(String, u32)]) -> (usize, Vec<(String, u32)>) {
    let since = f.days_ago(365);
    let mut known: BTreeSet<String> = BTreeSet::new();
    for c in f.history.map(|h| h.commits.as_slice()).unwrap_or_default() {
        if c.author.time < since {
            continue;
        }
        for p in [&c.author, &c.committer] {
            let email = p.email.to_lowercase();
            known.insert(email.clone());
            known.extend(noreply_login(&email));
            known.extend(email.split('@').next().map(str::to_string));
            known.insert(p.name.to_lowercase().replace(' ', ""));
        }
    }
    let mut individuals = 0;
    let mut inactive = Vec::new();
    for (o, line) in owners {
        let key = match o.strip_prefix('@') {
            Some(team) if team.contains('/') => continue,
            Some(login) => login.to_lowercase(),
            None if o.contains('@') => o.to_lowercase(),
            None => continue,
        };
        individuals += 1;
        if !known.contains(&key) {
            inactive.push((o.clone(), *line));
        }
    }
    (individuals, inactive)
}

/// Whether a CODEOWNERS pattern (gitignore syntax) matches a file.
pub fn matches(pattern: &str, path: &str) -> bool {
    let dir_only = pattern.ends_with('/');
    let p = pattern.trim_end_matches('/');
    let anchored = p.starts_with('/') || p.trim_start_matches('/').contains('/');
    let p = p.trim_start_matches('/');
    if p.is_empty() {
        return false;
    }
    // `docs/*` owns the files in docs, not in its subfolders (GitHub).
    let children_only = p.ends_with("/*");
    let parts: Vec<&str> = path.split('/').collect();
    let starts: Vec<usize> = if anchored {
        vec![0]
    } else {
        (0..parts.len()).collect()
    };
    for s in starts {
        let end_min = if children_only { parts.len() } else { s + 1 };
        for e in end_min..=parts.len() {
            let candidate = parts[s..e].join("/");
            let is_dir = e < parts.len();
            if (!dir_only || is_dir) && glob(p, &candidate) {
                return true;
            }
        }
    }
    false
}

/// `*` within a component, `**` across, `?` one character.
fn glob(p: &str, s: &str) -> bool {
    let (p, s) = (p.as_bytes(), s.as_bytes());
    fn go(p: &[u8], s: &[u8]) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
                (0..=s.len()).any(|i| go(rest, &s[i..]))
            }
            Some(b'*') => {
                let mut i = 0;
                loop {
                    if go(&p[1..], &s[i..]) {
                        return true;
                    }
                    if i == s.len() || s[i] == b'/' {
                        return false;
                    }
                    i += 1;
                }
            }
            Some(b'?') => !s.is_empty() && s[0] != b'/' && go(&p[1..], &s[1..]),
            Some(c) => s.first() == Some(c) && go(&p[1..], &s[1..]),
        }
    }
    go(p, s)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn patterns() {
        assert!(matches("*", "src/a.rs"));
        assert!(matches("*.js", "web/app.js"));
        assert!(!matches("*.js", "web/app.ts"));
        assert!(matches("/build/logs/", "build/logs/x.log"));
        assert!(!matches("/build/logs/", "a/build/logs/x.log"));
        assert!(matches("apps/", "x/apps/y.go"));
        assert!(matches("docs/*", "docs/a.md"));
        assert!(!matches("docs/*", "docs/sub/a.md"));
        assert!(matches("/docs/", "docs/sub/a.md"));
        assert!(matches("**/logs", "a/b/logs/x"));
        assert!(matches("src/", "src/lib.rs"));
        assert!(!matches("src/", "src"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(p in "[a-z*?/]{0,8}", s in "[a-z/]{0,12}") {
            let _ = matches(&p, &s);
        }
    }
}
