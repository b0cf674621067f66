//! Status normalisation, the JSON contract's rule: a known word when the
//! status text begins with it, else the text without links and prose.

pub const KNOWN_STATUSES: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
    "draft",
    "reverted",
];

/// The status a link-only status line states by its verb: `Superseded
/// by [..]` and `Replaced by [..]` mean superseded, `Reverted by [..]`
/// reverted. Other verbs (`Amended by`, `Extended by`, `Relates to`) state
/// no status.
pub fn implied_by_link(kind: &str) -> Option<&'static str> {
    match crate::model::canonical_kind(kind) {
        "superseded-by" => Some("superseded"),
        "reverted-by" => Some("reverted"),
        _ => None,
    }
}

/// The text before the first link.
fn cut_at_link(s: &str) -> &str {
    s.find('[').map(|i| &s[..i]).unwrap_or(s)
}

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
    // `Reverted by [..]`: the verb of a link states the status. Only a
    // status with a link is asked (the verb lookup cost a 10,000-record
    // cold load more than the rest of reading statuses).
    if lower.contains('[')
        && let Some(kind) = super::links::link_kind(cut_at_link(&lower))
        && let Some(status) = implied_by_link(&kind)
    {
        return Some(status.to_string());
    }
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
        // A verb that states the status, whatever the link points to.
        assert_eq!(
            n("Reverted by [discussion #1198](https://x/1198)").as_deref(),
            Some("reverted")
        );
        assert_eq!(
            n("Replaced by [ADR-0009](0009-x.md)").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            n("Amended by [3. X](0003-x.md)").as_deref(),
            Some("amended by")
        );
        assert_eq!(n("On hold").as_deref(), Some("on hold"));
        assert_eq!(
            n("On hold, until the budget is known").as_deref(),
            Some("on hold")
        );
        assert_eq!(n("  ").as_deref(), None);
    }
}
