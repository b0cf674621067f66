//! Who is a bot, and who is one person. Bots' changes are counted apart
//! (a dependency bot's pull requests say nothing about the team's review
//! habits), and a person who commits under two addresses is one person.
//!
//! These are the rules the history context uses for its people analyses
//! (history's `identity::is_bot` and identity joining, in flight on the
//! history-trust branch); once that lands, the composition root can hand
//! over history's verdicts and these functions go.

/// Bots that sign with a plain name.
const BOT_NAMES: &[&str] = &[
    "dependabot",
    "dependabot-preview",
    "renovate",
    "greenkeeper",
    "github-actions",
    "github actions",
    "github-action",
    "github action",
    "imgbot",
    "allcontributors",
    "pre-commit-ci",
    "mergify",
    "snyk bot",
];

/// Bot addresses without a bot name in them.
const BOT_EMAILS: &[&str] = &[
    "support@dependabot.com",
    "bot@renovateapp.com",
    "actions@github.com",
    "action@github.com",
    "bot@stackblitz.com",
];

/// Whether a commit identity is a bot: a `*[bot]`, `*-bot`, `*_bot`,
/// `* bot` or `* (bot)` name, a known bot name (dependabot, renovate,
/// github-actions, ...), or a bot's address (`*[bot]@…`, `*-bot@…`, a
/// known one, or a GitHub noreply address of a known bot login).
pub fn is_bot(name: &str, email: &str) -> bool {
    let name = name.trim().to_lowercase();
    let email = email.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    name.ends_with("[bot]")
        || name.ends_with("-bot")
        || name.ends_with("_bot")
        || name.ends_with(" bot")
        || name.ends_with("(bot)")
        || BOT_NAMES.contains(&name.as_str())
        || local.ends_with("[bot]")
        || local.ends_with("-bot")
        || BOT_EMAILS.contains(&email.as_str())
        || noreply_login(&email).is_some_and(|login| BOT_NAMES.contains(&login.as_str()))
}

/// Which dependency-update bot an identity is, if any.
pub fn update_bot(name: &str, email: &str) -> Option<&'static str> {
    let text = format!("{} {}", name.to_lowercase(), email.to_lowercase());
    if text.contains("dependabot") {
        Some("Dependabot")
    } else if text.contains("renovate") {
        Some("Renovate")
    } else {
        None
    }
}

/// The login of a GitHub noreply address (`12345+login@users.noreply.github.com`
/// or `login@users.noreply.github.com`), lowercased.
pub fn noreply_login(email: &str) -> Option<String> {
    let email = email.trim().to_lowercase();
    let local = email.strip_suffix("@users.noreply.github.com")?;
    let login = match local.split_once('+') {
        Some((id, login)) if id.bytes().all(|b| b.is_ascii_digit()) => login,
        _ => local,
    };
    (!login.is_empty()).then(|| login.to_string())
}

/// Addresses that many people share: they say nothing about who is who.
fn shared_address(email: &str) -> bool {
    !email.contains('@')
        || matches!(
            email,
            "noreply@github.com" | "none@none" | "nobody@nowhere" | "root@localhost"
        )
}

/// A key that is the same for one person's identities: the address
/// (lowercased), unless it is a shared one, then the name. Two names on
/// one address are one person; one name on two addresses stays two, as
/// history counts them before it joins identities.
pub fn person_key(name: &str, email: &str) -> String {
    let email = email.trim().to_lowercase();
    if shared_address(&email) {
        format!("name:{}", name.trim().to_lowercase())
    } else if let Some(login) = noreply_login(&email) {
        format!("login:{login}")
    } else {
        email
    }
}

/// Whether two identities are the same person: the same key, or the same
/// name (case aside).
pub fn same_person(a_name: &str, a_email: &str, b_name: &str, b_email: &str) -> bool {
    person_key(a_name, a_email) == person_key(b_name, b_email)
        || (!a_name.trim().is_empty() && a_name.trim().eq_ignore_ascii_case(b_name.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bots() {
        assert!(is_bot(
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com"
        ));
        assert!(is_bot("renovate-bot", "bot@renovateapp.com"));
        assert!(is_bot("Renovate Bot", "x@example.com"));
        assert!(is_bot("GitHub Action", "action@github.com"));
        assert!(is_bot(
            "someone",
            "41898282+github-actions[bot]@users.noreply.github.com"
        ));
        assert!(!is_bot("Abbot Smith", "abbot@example.com"));
        assert!(!is_bot("Alice", "alice@example.com"));
        assert_eq!(
            update_bot("dependabot[bot]", "x@users.noreply.github.com"),
            Some("Dependabot")
        );
    }

    #[test]
    fn people() {
        assert!(same_person("alice", "a@x.org", "Alice Smith", "A@X.org"));
        assert!(same_person("Alice", "a@x.org", "alice", "alice@y.org"));
        assert!(!same_person(
            "GitHub",
            "noreply@github.com",
            "Bob",
            "noreply@github.com"
        ));
        assert_eq!(
            person_key("x", "123+octo@users.noreply.github.com"),
            "login:octo"
        );
    }
}
