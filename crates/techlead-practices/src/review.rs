//! Review evidence from git alone. A change is one commit on HEAD's
//! first-parent line: a merge brings in a branch (a pull request, a
//! topic), any other commit landed on its own (a squash merge, a rebase,
//! a direct push). What git keeps of a review:
//! - a merge of a pull or merge request (GitHub, GitLab, Bitbucket, Azure
//!   DevOps merge messages);
//! - a squash merge titled with its pull request, `Title (#123)`;
//! - a merge by someone other than the branch's author (maintainers
//!   merging topics, as git.git and the kernel work);
//! - a merge of a branch whose tip has review evidence itself (a
//!   maintenance branch of merged pull requests merged forward);
//! - `Reviewed-by`, `Acked-by`, `Approved-by`, `Reviewed-on` (Gerrit) or
//!   `Co-authored-by` trailers naming someone else;
//! - a committer other than the author (a maintainer applied it). GitHub's
//!   own committer identity (rebase and squash merges, but also edits in
//!   the web interface) counts with a pull request reference (`(#12)`,
//!   `PR #12`), or when the author never commits anything themselves: only
//!   someone who can push can edit on the web.

use crate::input::{Commit, Identities, Person};
use std::collections::{HashMap, HashSet};

/// One change on the main line.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// The first-parent commit.
    pub commit: &'a Commit,
    /// Who wrote the change: the author, or for a merge the merged
    /// branch's tip author.
    pub author: &'a Person,
    pub bot: bool,
    pub review: Option<Review>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// `pull-request`, `squash-merge`, `merged-by-other`, `trailer`,
    /// `committer`.
    pub kind: &'static str,
    pub detail: String,
}

impl Review {
    fn new(kind: &'static str, detail: impl Into<String>) -> Option<Review> {
        Some(Review {
            kind,
            detail: detail.into(),
        })
    }
}

/// The changes on HEAD's first-parent line, newest first, as far back as
/// the commits go.
pub fn changes<'a>(
    head: Option<&str>,
    commits: &'a [Commit],
    ids: &'a dyn Identities,
) -> Vec<Change<'a>> {
    let by_id: HashMap<&str, &Commit> = commits.iter().map(|c| (c.id.as_str(), c)).collect();
    // People who commit themselves (push rights, as far as git can tell).
    let pushers: HashSet<&str> = commits
        .iter()
        .filter(|c| !web_flow(&c.committer))
        .map(|c| c.committer.key.as_str())
        .collect();
    let cx = Cx {
        by_id,
        pushers,
        ids,
    };
    let mut out = Vec::new();
    let mut at = head.and_then(|h| cx.by_id.get(h).copied());
    while let Some(c) = at {
        out.push(classify(c, &cx));
        at = c
            .parents
            .first()
            .and_then(|p| cx.by_id.get(p.as_str()).copied());
    }
    out
}

struct Cx<'a> {
    by_id: HashMap<&'a str, &'a Commit>,
    pushers: HashSet<&'a str>,
    ids: &'a dyn Identities,
}

/// Whether two identities are one person: one key (history's identity
/// merge), or the same name. The name rule is stricter than history's on
/// purpose: someone who committed their own change from a second address
/// is no evidence of review.
fn same_person(a: &Person, b: &Person) -> bool {
    a.key == b.key
        || (!a.name.trim().is_empty() && a.name.trim().eq_ignore_ascii_case(b.name.trim()))
}

/// GitHub's own committer identity (the web interface's, and merges made
/// there).
fn web_flow(p: &Person) -> bool {
    p.email.eq_ignore_ascii_case("noreply@github.com")
}

fn classify<'a>(c: &'a Commit, cx: &Cx<'a>) -> Change<'a> {
    let by_id = &cx.by_id;
    if c.parents.len() > 1 {
        let tip = by_id.get(c.parents[1].as_str()).copied();
        let author = tip.map_or(&c.author, |t| &t.author);
        let branch = merged_branch(&c.message);
        let bot = author.bot
            || branch
                .as_deref()
                .is_some_and(|b| b.starts_with("dependabot/") || b.starts_with("renovate/"));
        // A merge of a branch whose tip was itself reviewed (a maintenance
        // branch of merged pull requests) brings reviewed work.
        let review = merge_review(c, author, cx.ids).or_else(|| {
            let tip = tip?;
            let r = if tip.parents.len() > 1 {
                merge_review(
                    tip,
                    by_id
                        .get(tip.parents[1].as_str())
                        .map_or(&tip.author, |t| &t.author),
                    cx.ids,
                )
            } else {
                commit_review(tip, cx)
            }?;
            Review::new(
                "reviewed-branch",
                format!(
                    "merges {}, reviewed: {}",
                    branch.as_deref().unwrap_or("a branch"),
                    r.detail
                ),
            )
        });
        return Change {
            commit: c,
            author,
            bot,
            review,
        };
    }
    Change {
        commit: c,
        author: &c.author,
        bot: c.author.bot,
        review: commit_review(c, cx),
    }
}

fn title(message: &str) -> &str {
    message
        .trim_start()
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
}

/// The branch a merge message names: `Merge pull request #1 from
/// owner/branch`, `Merge branch 'topic'`.
fn merged_branch(message: &str) -> Option<String> {
    let t = title(message);
    if let Some(rest) = t.strip_prefix("Merge pull request #") {
        let (_, from) = rest.split_once(" from ")?;
        let from = from.split_whitespace().next()?;
        return Some(from.split_once('/').map_or(from, |(_, b)| b).to_string());
    }
    let rest = t.strip_prefix("Merge branch '")?;
    Some(rest.split('\'').next()?.to_string())
}

/// A pull request number at the end of a title: `Fix it (#123)`.
pub fn squash_number(title: &str) -> Option<&str> {
    let inner = title.trim_end().strip_suffix(')')?;
    let open = inner.rfind("(#")?;
    let n = &inner[open + 2..];
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(n)
}

fn merge_review(c: &Commit, tip_author: &Person, ids: &dyn Identities) -> Option<Review> {
    let t = title(&c.message);
    if let Some(rest) = t.strip_prefix("Merge pull request #") {
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return Review::new("pull-request", format!("pull request #{n}"));
    }
    if let Some(mr) = c
        .message
        .lines()
        .find_map(|l| l.trim().strip_prefix("See merge request "))
    {
        return Review::new("pull-request", format!("merge request {}", mr.trim()));
    }
    if let Some(rest) = t.strip_prefix("Merged PR ") {
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return Review::new("pull-request", format!("pull request {n}"));
    }
    if t.starts_with("Merged in ")
        && let Some(i) = t.find("(pull request #")
    {
        return Review::new("pull-request", t[i + 1..].trim_end_matches(')').to_string());
    }
    if let Some(n) = squash_number(t) {
        return Review::new("pull-request", format!("pull request #{n}"));
    }
    let merger = &c.committer;
    if !same_person(merger, tip_author) {
        return Review::new(
            "merged-by-other",
            format!("{} merged {}'s branch", merger.name, tip_author.name),
        );
    }
    trailer_review(c, ids)
}

fn commit_review(c: &Commit, cx: &Cx) -> Option<Review> {
    let t = title(&c.message);
    if let Some(n) = squash_number(t) {
        return Review::new("squash-merge", format!("squash merge of pull request #{n}"));
    }
    if let Some(mr) = c
        .message
        .lines()
        .find_map(|l| l.trim().strip_prefix("See merge request "))
    {
        return Review::new("squash-merge", format!("merge request {}", mr.trim()));
    }
    if let Some(r) = trailer_review(c, cx.ids) {
        return Some(r);
    }
    let (a, m) = (&c.author, &c.committer);
    if web_flow(m) {
        if let Some(n) = pr_reference(&c.message) {
            return Review::new(
                "pull-request",
                format!("merged on GitHub, pull request #{n}"),
            );
        }
        if !cx.pushers.contains(a.key.as_str()) {
            return Review::new(
                "pull-request",
                format!("merged on GitHub ({} never pushes)", a.name),
            );
        }
        return None;
    }
    if !m.email.is_empty() && !same_person(a, m) {
        return Review::new("committer", format!("committed by {}", m.name));
    }
    None
}

/// A pull request named in a message: `PR #12`, `pull request #12`.
fn pr_reference(message: &str) -> Option<String> {
    for l in message.lines() {
        let lower = l.trim().to_ascii_lowercase();
        for key in ["pr #", "pull request #", "pull-request #"] {
            if let Some(i) = lower.find(key) {
                let n: String = lower[i + key.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if !n.is_empty() {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// The first review trailer naming someone other than the author.
fn trailer_review(c: &Commit, ids: &dyn Identities) -> Option<Review> {
    const TRAILERS: &[&str] = &[
        "reviewed-by:",
        "acked-by:",
        "approved-by:",
        "co-authored-by:",
        "reviewed-on:",
    ];
    for l in c.message.lines() {
        let l = l.trim();
        let lower = l.to_ascii_lowercase();
        let Some(key) = TRAILERS.iter().find(|k| lower.starts_with(**k)) else {
            continue;
        };
        let who = l[key.len()..].trim();
        if *key == "reviewed-on:" {
            return Review::new("trailer", format!("Reviewed-on: {who}"));
        }
        let (name, email) = match who.split_once('<') {
            Some((n, e)) => (n.trim(), e.trim_end_matches('>').trim()),
            None => (who, ""),
        };
        let (person, bot) = ids.who(name, email);
        let named = Person {
            name: name.to_string(),
            email: email.to_string(),
            key: person,
            bot,
            time: 0,
        };
        if bot || same_person(&named, &c.author) {
            continue;
        }
        let shown = &l[..key.len() - 1];
        return Review::new("trailer", format!("{shown}: {name}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One key per name; `[bot]` names are bots.
    struct Names;

    impl Identities for Names {
        fn who(&self, name: &str, _: &str) -> (String, bool) {
            (name.to_lowercase(), name.ends_with("[bot]"))
        }
    }

    fn person(name: &str) -> Person {
        let (key, bot) = Names.who(name, "");
        Person {
            name: name.into(),
            email: format!("{}@example.com", name.to_lowercase()),
            time: 0,
            key,
            bot,
        }
    }

    fn commit(id: &str, parents: &[&str], author: &str, committer: &str, msg: &str) -> Commit {
        Commit {
            id: id.into(),
            parents: parents.iter().map(|p| p.to_string()).collect(),
            author: person(author),
            committer: person(committer),
            message: msg.into(),
            files: None,
        }
    }

    #[test]
    fn evidence_kinds() {
        let commits = vec![
            commit(
                "m2",
                &["c4", "b1"],
                "Alice",
                "Alice",
                "Merge branch 'topic'\n",
            ),
            commit("b1", &["c4"], "Bob", "Bob", "topic work\n"),
            commit("c4", &["m1"], "Alice", "Alice", "direct push\n"),
            commit(
                "m1",
                &["c3", "d1"],
                "GitHub",
                "GitHub",
                "Merge pull request #7 from o/dependabot/npm/x\n",
            ),
            commit(
                "d1",
                &["c3"],
                "dependabot[bot]",
                "dependabot[bot]",
                "Bump x\n",
            ),
            commit("c3", &["c2"], "Carol", "Carol", "Fix (#12)\n"),
            commit("c2", &["c1"], "Dan", "Erin", "Patch\n"),
            commit(
                "c1",
                &[],
                "Dan",
                "Dan",
                "Start\n\nReviewed-by: Erin <erin@example.com>\n",
            ),
        ];
        let ch = changes(Some("m2"), &commits, &Names);
        let kinds: Vec<(bool, Option<&str>)> = ch
            .iter()
            .map(|c| (c.bot, c.review.as_ref().map(|r| r.kind)))
            .collect();
        assert_eq!(
            kinds,
            [
                (false, Some("merged-by-other")),
                (false, None),
                (true, Some("pull-request")),
                (false, Some("squash-merge")),
                (false, Some("committer")),
                (false, Some("trailer")),
            ]
        );
        assert_eq!(ch[0].author.name, "Bob");
    }

    #[test]
    fn squash_numbers() {
        assert_eq!(squash_number("Fix the thing (#123)"), Some("123"));
        assert_eq!(squash_number("Fix (#)"), None);
        assert_eq!(squash_number("Fix (see #1) now"), None);
    }
}
