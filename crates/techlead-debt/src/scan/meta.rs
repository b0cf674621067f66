//! What a marker says about itself: an owner, a due date and an issue,
//! in the common spellings.
//!
//! | written | read |
//! |---|---|
//! | `TODO(alice, 2027-03-01, #123): text` | a group after the tag: owner, due date and issue in any order, in `( )` or `[ ]`, parts split by `,` or `;` |
//! | `TODO(alice): text`, `TODO [2027-03-01] text`, `FIXME(ABC-123) text` | the same, one part each |
//! | `TODO: text @alice` | an @mention in the text |
//! | `FIXME #123 text`, `TODO: text, see ABC-123` | `#123`, a Jira key, an issue or pull request URL in the text |
//! | `TODO: remove by 2027-03-01` | a date after due, by, until, deadline or expires, or in brackets |
//! | `TODO: text /alice` | leasot's trailing `/owner` |
//!
//! The first of each found wins, the group before the text. A date must
//! be a real calendar day written YYYY-MM-DD. Jira-shaped words that are
//! standards or encodings (UTF-8, SHA-256, ISO-8601, RFC-7231...) are not
//! issues.

/// A marker's own metadata, and its text without the leading group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub issue: Option<String>,
}

/// Words before a date that make it the due date.
const DUE_WORDS: &[&str] = &["due", "by", "until", "deadline", "expires"];

/// Jira-shaped prefixes that name standards, encodings and licences.
const NOT_ISSUES: &[&str] = &[
    "AES", "ANSI", "BSD", "CP", "CVE", "CWE", "ECMA", "ES", "GPL", "HTTP", "IEC", "IEEE", "ISO",
    "LGPL", "MD", "PEP", "RFC", "RSA", "SHA", "SSL", "TLS", "UCS", "UTF", "WCAG", "X",
];

/// Reads the text after a tag (`(alice): remove the flag`).
pub fn parse(after_tag: &str) -> Meta {
    let mut meta = Meta::default();
    let mut rest = after_tag.trim();
    // Groups right after the tag: `(alice)`, `[2027-03-01]`, both.
    while let Some(close) = match rest.as_bytes().first() {
        Some(b'(') => rest.find(')'),
        Some(b'[') => rest.find(']'),
        _ => None,
    } {
        group(&rest[1..close], &mut meta);
        rest = rest[close + 1..].trim_start();
    }
    let rest = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix(" -"))
        .unwrap_or(rest)
        .trim();
    in_text(rest, &mut meta);
    meta.text = rest.to_string();
    meta
}

/// One group's parts: dates and issues by their shape, the other words
/// of a part as an owner.
fn group(inner: &str, meta: &mut Meta) {
    for part in inner.split([',', ';']) {
        let mut name: Vec<&str> = Vec::new();
        for word in part.split_whitespace() {
            let bare = word.trim_matches(|c: char| c == ':' || c == '=');
            if is_date(bare) {
                meta.due.get_or_insert_with(|| bare.to_string());
            } else if let Some(issue) = issue(bare) {
                meta.issue.get_or_insert(issue);
            } else if !DUE_WORDS.contains(&bare.to_lowercase().as_str())
                && !bare.is_empty()
                && !date_shaped(bare)
            {
                name.push(word);
            }
        }
        if !name.is_empty() {
            let owner = name.join(" ");
            let owner = owner.trim_start_matches('@');
            if !owner.is_empty() {
                meta.owner.get_or_insert_with(|| owner.to_string());
            }
        }
    }
}

/// Owner, issue and due date written in the text itself.
fn in_text(text: &str, meta: &mut Meta) {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, raw) in words.iter().enumerate() {
        let word = raw.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let word = word.trim_start_matches('(');
        if let Some(name) = word.strip_prefix('@')
            && !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        {
            meta.owner.get_or_insert_with(|| name.to_string());
            continue;
        }
        if let Some(date) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']'))
            && is_date(date)
        {
            meta.due.get_or_insert_with(|| date.to_string());
            continue;
        }
        if is_date(word)
            && i > 0
            && DUE_WORDS.contains(&words[i - 1].trim_end_matches(':').to_lowercase().as_str())
        {
            meta.due.get_or_insert_with(|| word.to_string());
            continue;
        }
        if let Some(issue) = issue(word) {
            meta.issue.get_or_insert(issue);
            continue;
        }
        // leasot's trailing reference: ` /alice` as the last word.
        if i + 1 == words.len()
            && let Some(name) = raw.strip_prefix('/')
            && !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        {
            meta.owner.get_or_insert_with(|| name.to_string());
        }
    }
}

/// `YYYY-MM-DD`, a real day.
fn is_date(s: &str) -> bool {
    s.len() == 10 && techlead_markdown::dates::valid_date(s)
}

/// `dddd-dd-dd`, a day or not: never a name.
fn date_shaped(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// `#123`, `GH-123`, `owner/repo#123`, a Jira key, or an issue or pull
/// request URL.
fn issue(word: &str) -> Option<String> {
    if let Some(n) = word.strip_prefix('#') {
        return (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| word.to_string());
    }
    if word.starts_with("https://") || word.starts_with("http://") {
        let is_issue = [
            "/issues/",
            "/pull/",
            "/merge_requests/",
            "/browse/",
            "/-/issues/",
        ]
        .iter()
        .any(|p| word.contains(p));
        return is_issue.then(|| word.to_string());
    }
    if let Some((repo, n)) = word.split_once('#')
        && repo.contains('/')
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
        && repo
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'))
    {
        return Some(word.to_string());
    }
    jira(word).then(|| word.to_string())
}

/// `ABC-123`: two or more capitals and digits starting with a letter, a
/// dash, a number; not a standard's name.
fn jira(word: &str) -> bool {
    let Some((key, n)) = word.split_once('-') else {
        return false;
    };
    key.len() >= 2
        && key.as_bytes()[0].is_ascii_uppercase()
        && key
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && !n.is_empty()
        && !n.starts_with('0')
        && n.bytes().all(|b| b.is_ascii_digit())
        && !NOT_ISSUES.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, owner: Option<&str>, due: Option<&str>, issue: Option<&str>) -> Meta {
        Meta {
            text: text.into(),
            owner: owner.map(Into::into),
            due: due.map(Into::into),
            issue: issue.map(Into::into),
        }
    }

    #[test]
    fn the_common_spellings() {
        for (after, want) in [
            (
                "(alice, 2027-03-01, #123): remove the flag",
                m(
                    "remove the flag",
                    Some("alice"),
                    Some("2027-03-01"),
                    Some("#123"),
                ),
            ),
            ("(alice): x", m("x", Some("alice"), None, None)),
            ("(@alice) x", m("x", Some("alice"), None, None)),
            ("[2027-03-01] x", m("x", None, Some("2027-03-01"), None)),
            (
                "(alice)[2027-03-01]: x",
                m("x", Some("alice"), Some("2027-03-01"), None),
            ),
            ("x @alice", m("x @alice", Some("alice"), None, None)),
            ("#123 x", m("#123 x", None, None, Some("#123"))),
            ("(ABC-123): x", m("x", None, None, Some("ABC-123"))),
            ("see ABC-42.", m("see ABC-42.", None, None, Some("ABC-42"))),
            (
                "remove by 2027-03-01",
                m("remove by 2027-03-01", None, Some("2027-03-01"), None),
            ),
            ("(due: 2027-03-01)", m("", None, Some("2027-03-01"), None)),
            (
                "(alice smith; 2027-01-31)",
                m("", Some("alice smith"), Some("2027-01-31"), None),
            ),
            ("text /bob", m("text /bob", Some("bob"), None, None)),
            (
                "see https://github.com/o/r/issues/7",
                m(
                    "see https://github.com/o/r/issues/7",
                    None,
                    None,
                    Some("https://github.com/o/r/issues/7"),
                ),
            ),
            ("(o/r#12) x", m("x", None, None, Some("o/r#12"))),
        ] {
            assert_eq!(parse(after), want, "{after}");
        }
    }

    #[test]
    fn lookalikes_are_left_alone() {
        for after in [
            "handle dates before 1970-01-01 and 2026-13-01",
            "decode UTF-8 and SHA-256 per RFC-7231",
            "mail alice@example.com",
            "issue #12a is not one",
            "see https://example.com/docs/1",
            "a path /usr/lib in the middle",
        ] {
            let got = parse(after);
            assert_eq!(
                (got.owner, got.due, got.issue),
                (None, None, None),
                "{after}"
            );
        }
        // A day that does not exist is neither a due date nor a name.
        assert_eq!(parse("(2026-02-30) x"), m("x", None, None, None));
    }

    proptest::proptest! {
        /// Any text after a tag reads without a panic, and what is found
        /// is written in it.
        #[test]
        fn any_text_reads(s in "\\PC{0,40}") {
            let got = parse(&s);
            for v in [&got.owner, &got.due, &got.issue].into_iter().flatten() {
                for w in v.split(' ') {
                    proptest::prop_assert!(s.contains(w), "{v} not in {s}");
                }
            }
        }
    }
}
