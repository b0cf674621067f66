//! Status normalisation, the JSON contract's rule: a known word when the
//! status text begins with it, else the text without links and prose.

pub const KNOWN_STATUSES: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
    "draft",
];

pub fn normalize_status(raw: &str) -> Option<String> {
    let text: String = raw
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    let lower = text.trim().to_lowercase();
    if lower.is_empty() {
        return None;
    }
    // The historical spelling in adr-tools folders.
    let lower = if lower.starts_with("superceded") {
        lower.replacen("superceded", "superseded", 1)
    } else {
        lower
    };
    for word in KNOWN_STATUSES {
        if lower.starts_with(word)
            && !lower[word.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            return Some(word.to_string());
        }
    }
    // A custom status: cut at a link, then at the end of the first clause.
    let cut = lower.find('[').map(|i| &lower[..i]).unwrap_or(&lower);
    let cut = cut
        .find(['.', ',', ';', '(', ':', '—', '–'])
        .map(|i| &cut[..i])
        .unwrap_or(cut);
    let cut = cut.split(" - ").next().unwrap_or(cut);
    let s = cut.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() { None } else { Some(s) }
}

#[cfg(test)]
mod tests {
    use super::normalize_status as n;

    #[test]
    fn known_words_win_over_trailing_text() {
        assert_eq!(n("Accepted").as_deref(), Some("accepted"));
        assert_eq!(
            n("Accepted. We revisit this in Q3.").as_deref(),
            Some("accepted")
        );
        assert_eq!(
            n("**Superceded** by [3. X](0003-x.md)").as_deref(),
            Some("superseded")
        );
        assert_eq!(n("superseded by ADR-0123").as_deref(), Some("superseded"));
        assert_eq!(n("Draft").as_deref(), Some("draft"));
        assert_eq!(n("proposedly").as_deref(), Some("proposedly"));
    }

    #[test]
    fn custom_statuses_lose_links_and_prose() {
        assert_eq!(
            n("Reverted by [discussion #1198](https://x/1198)").as_deref(),
            Some("reverted by")
        );
        assert_eq!(n("On hold").as_deref(), Some("on hold"));
        assert_eq!(
            n("On hold, until the budget is known").as_deref(),
            Some("on hold")
        );
        assert_eq!(n("  ").as_deref(), None);
    }
}
