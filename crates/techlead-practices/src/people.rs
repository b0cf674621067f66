//! Identities the dependency-updates and codeowners checks name: which
//! update bot a commit comes from, and the GitHub login of a noreply
//! address (CODEOWNERS names owners by login). Who is one person and who
//! is a bot is not decided here: the composition root answers it with
//! history's rules (see [`crate::Identities`]).

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bots_and_logins() {
        assert_eq!(
            update_bot("dependabot[bot]", "x@users.noreply.github.com"),
            Some("Dependabot")
        );
        assert_eq!(
            update_bot("Renovate Bot", "bot@renovateapp.com"),
            Some("Renovate")
        );
        assert_eq!(update_bot("Alice", "alice@example.com"), None);
        assert_eq!(
            noreply_login("123+Octo@users.noreply.github.com").as_deref(),
            Some("octo")
        );
        assert_eq!(noreply_login("octo@example.com"), None);
    }
}
