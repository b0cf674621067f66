//! People from commit identities: one person who commits under several
//! names or emails is one person, and bots are not people.
//!
//! On top of `.mailmap` (applied by the walk), identities are joined when
//! they share an email (compared without case), and a GitHub noreply
//! address (`12345+login@users.noreply.github.com` or
//! `login@users.noreply.github.com`) joins the identities with the same
//! name or whose name is that login, and names that are the same letters
//! and digits without case (`Jacob Tolar`, `jacobtolar`) join when one of
//! them has two words or more. A joined person is shown under the
//! name used on most of their commits; a tie goes to a name of two words
//! or more (a full name over a login), then to the name used most recently.
//!
//! Real histories share addresses: a formatting bot that commits under
//! each pull request author's name with a maintainer's address, a team
//! address. So a name joins through an address only when it holds at
//! least a twentieth of that address's commits (a slip of one commit in
//! a hundred joins nobody), addresses like `noreply@github.com` join
//! nobody, and bots join nobody.

use crate::ChangeSet;
use std::cmp::Reverse;
use std::collections::HashMap;

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
    "bot@stackblitz.com",
];

/// Whether a commit identity is a bot: a `*[bot]`, `*-bot`, `* bot` or
/// `* (bot)` name, a known bot name, or a bot's address (`*[bot]@…`, a
/// known one).
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

/// The login of a GitHub noreply address, lowercased.
pub fn noreply_login(email: &str) -> Option<String> {
    let email = email.trim().to_lowercase();
    let local = email.strip_suffix("@users.noreply.github.com")?;
    let login = match local.split_once('+') {
        Some((id, login)) if id.bytes().all(|b| b.is_ascii_digit()) => login,
        _ => local,
    };
    (!login.is_empty()).then(|| login.to_string())
}

/// Addresses that many people share, which join nobody.
fn shared_address(email: &str) -> bool {
    !email.contains('@')
        || matches!(
            email,
            "noreply@github.com" | "none@none" | "nobody@nowhere" | "root@localhost"
        )
}

/// Marks bots and, with `merge`, gives each person's commits one name.
pub fn classify(sets: &mut [ChangeSet], merge: bool) {
    for s in sets.iter_mut() {
        s.bot = is_bot(&s.author, &s.email);
    }
    if !merge {
        return;
    }
    // The distinct identities of people, with their commit count and
    // last time.
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    let mut ids: Vec<(&str, &str, usize, i64)> = Vec::new();
    let mut of_set = Vec::with_capacity(sets.len());
    for s in sets.iter() {
        if s.bot {
            of_set.push(usize::MAX);
            continue;
        }
        let i = *index.entry((&s.author, &s.email)).or_insert_with(|| {
            ids.push((&s.author, &s.email, 0, i64::MIN));
            ids.len() - 1
        });
        ids[i].2 += 1;
        ids[i].3 = ids[i].3.max(s.time);
        of_set.push(i);
    }
    let emails: Vec<String> = ids.iter().map(|id| id.1.trim().to_lowercase()).collect();
    let mut per_email: HashMap<&str, usize> = HashMap::new();
    for (i, e) in emails.iter().enumerate() {
        *per_email.entry(e).or_default() += ids[i].2;
    }
    // An identity joins through its address only with a real share of it.
    let strong = |i: usize| ids[i].2 * 20 >= per_email[emails[i].as_str()];
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    let mut by_email: HashMap<&str, usize> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (name, ..)) in ids.iter().enumerate() {
        by_name
            .entry(name.trim().to_lowercase())
            .or_default()
            .push(i);
        if shared_address(&emails[i]) || !strong(i) {
            continue;
        }
        let first = *by_email.entry(&emails[i]).or_insert(i);
        union(&mut parent, first, i);
    }
    for (i, (name, email, ..)) in ids.iter().enumerate() {
        if !strong(i) {
            continue;
        }
        let Some(login) = noreply_login(email) else {
            continue;
        };
        for key in [name.trim().to_lowercase(), login] {
            for &j in by_name.get(&key).into_iter().flatten() {
                union(&mut parent, i, j);
            }
        }
    }
    // The same full name written differently is one person: requests'
    // "☿ Kenneth Reitz" (5 commits at the address of his 712) and click's
    // "jacobtolar" beside "Jacob Tolar". Identical names are one person
    // already (people are shown by name); one-word names ("Ben", "ben")
    // are too common to join on, and so are short keys: "Chris Tian" and
    // "christian", "Li Na" and "lina" may well be two people.
    const MIN_LETTERS: usize = 10;
    let mut by_letters: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (name, ..)) in ids.iter().enumerate() {
        let key = letters(name);
        if key.chars().count() >= MIN_LETTERS {
            by_letters.entry(key).or_default().push(i);
        }
    }
    for group in by_letters.values() {
        if group.len() > 1
            && group
                .iter()
                .any(|&i| ids[i].0.split_whitespace().count() > 1)
        {
            for &j in &group[1..] {
                union(&mut parent, group[0], j);
            }
        }
    }
    // Per person: each name's commits and last use; the display name.
    let mut names: HashMap<usize, HashMap<&str, (usize, i64)>> = HashMap::new();
    for (i, (name, _, n, last)) in ids.iter().enumerate() {
        let root = find(&mut parent, i);
        let e = names.entry(root).or_default().entry(name).or_default();
        e.0 += n;
        e.1 = e.1.max(*last);
    }
    let shown: HashMap<usize, String> = names
        .into_iter()
        .map(|(root, names)| {
            let best = names
                .into_iter()
                // A tie goes to a full name over a login ("Jacob Tolar"
                // over "jacobtolar"), then to the name used last.
                .max_by_key(|(name, (n, last))| {
                    (
                        *n,
                        name.split_whitespace().count() > 1,
                        *last,
                        Reverse(*name),
                    )
                })
                .map(|(name, _)| name.to_string())
                .unwrap_or_default();
            (root, best)
        })
        .collect();
    let roots: Vec<usize> = (0..ids.len()).map(|i| find(&mut parent, i)).collect();
    for (s, i) in sets.iter_mut().zip(of_set) {
        if i == usize::MAX {
            continue;
        }
        let name = &shown[&roots[i]];
        if *name != s.author {
            s.author.clone_from(name);
        }
    }
}

/// A name's letters and digits, lowercased: `Jacob Tolar` and
/// `jacobtolar` have the same.
fn letters(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(name: &str, email: &str, time: i64) -> ChangeSet {
        ChangeSet {
            author: name.into(),
            email: email.into(),
            time,
            ..ChangeSet::default()
        }
    }

    #[test]
    fn bots_by_name_and_address() {
        assert!(is_bot(
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com"
        ));
        assert!(is_bot("github-actions[bot]", "x@y"));
        assert!(is_bot("Renovate Bot", "bot@renovateapp.com"));
        assert!(is_bot("changeset-bot", "x@y"));
        assert!(is_bot("renovate", "x@y"));
        assert!(is_bot(
            "CI",
            "41898282+github-actions[bot]@users.noreply.github.com"
        ));
        assert!(is_bot(
            "GitHub Action",
            "github-action@users.noreply.github.com"
        ));
        assert!(is_bot("CI", "12+renovate@users.noreply.github.com"));
        assert!(!is_bot("Abbott", "abbott@example.com"));
        assert!(!is_bot("Robot Fan", "robot@example.com"));
    }

    #[test]
    fn noreply_logins() {
        assert_eq!(
            noreply_login("12345+Octo@users.noreply.github.com").as_deref(),
            Some("octo")
        );
        assert_eq!(
            noreply_login("octo@users.noreply.github.com").as_deref(),
            Some("octo")
        );
        assert_eq!(noreply_login("octo@example.com"), None);
    }

    #[test]
    fn one_person_one_name_the_most_used_then_the_latest() {
        let mut sets = vec![
            set("Jane Doe", "jane@example.com", 1),
            set("jdoe", "Jane@Example.com", 2),
            set("jdoe", "jane@example.com", 3),
            set("JDoe", "jane@example.com", 4),
            set("Jane Doe", "1+jdoe@users.noreply.github.com", 5),
            set("Someone Else", "else@example.com", 6),
        ];
        classify(&mut sets, true);
        let names: Vec<&str> = sets.iter().map(|s| s.author.as_str()).collect();
        // "Jane Doe" twice, "jdoe" twice: the tie goes to "Jane Doe",
        // used last at time 5.
        assert_eq!(
            names,
            [
                "Jane Doe",
                "Jane Doe",
                "Jane Doe",
                "Jane Doe",
                "Jane Doe",
                "Someone Else"
            ]
        );
        let mut raw = vec![
            set("jdoe", "jane@example.com", 1),
            set("Jane", "jane@example.com", 2),
        ];
        classify(&mut raw, false);
        assert_eq!(raw[0].author, "jdoe");
    }

    #[test]
    fn a_noreply_login_joins_the_same_name_but_a_shared_address_joins_nobody() {
        let mut sets = vec![
            set("octo", "9+octo@users.noreply.github.com", 1),
            set("octo", "octo@work.example", 2),
            set("octo", "octo@work.example", 3),
            set("Ann", "noreply@github.com", 4),
            set("Bob", "noreply@github.com", 5),
        ];
        classify(&mut sets, true);
        assert!(sets[..3].iter().all(|s| s.author == "octo"));
        assert_eq!(
            (sets[3].author.as_str(), sets[4].author.as_str()),
            ("Ann", "Bob")
        );
    }

    #[test]
    fn a_name_with_a_sliver_of_an_address_and_bots_join_nobody() {
        // A formatting bot commits under a contributor's name with the
        // maintainer's address, once in forty commits.
        let mut sets: Vec<ChangeSet> = (0..40)
            .map(|t| set("matthewp", "matthewp@users.noreply.github.com", t))
            .collect();
        sets.push(set("Waqas", "matthewp@users.noreply.github.com", 50));
        sets.push(set("Waqas", "waqas@example.com", 51));
        sets.push(set(
            "Houston (Bot)",
            "matthewp@users.noreply.github.com",
            52,
        ));
        sets.push(set(
            "Matthew Phillips",
            "matthewp@users.noreply.github.com",
            53,
        ));
        sets.push(set(
            "Matthew Phillips",
            "matthewp@users.noreply.github.com",
            54,
        ));
        sets.push(set("Matthew Phillips", "matthew@example.com", 55));
        sets.push(set(
            "Matthew Phillips",
            "matthewp@users.noreply.github.com",
            56,
        ));
        classify(&mut sets, true);
        assert_eq!(sets[40].author, "Waqas");
        assert_eq!(sets[41].author, "Waqas");
        assert_eq!(
            (sets[42].author.as_str(), sets[42].bot),
            ("Houston (Bot)", true)
        );
        assert!(!sets[0].bot);
        // Three of forty-five: joined, and so is his other address.
        assert!(sets[43..].iter().all(|s| s.author == "matthewp"));
    }
}
