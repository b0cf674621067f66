//! Ranked full-text search over decision records: Okapi BM25 with the
//! usual constants (k1 = 1.2, b = 0.75) over one field built from the
//! title, counted three times, and the body, so a word in the title
//! weighs as much as three in the body (a simple BM25F).
//!
//! Words are runs of letters and digits, lowercased; English stop words
//! are dropped and a plural `-s` is folded (`records` finds `record`).
//! There is no other stemming: `cache` does not find `caching`.
//!
//! idf(t) = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5)), with N records and
//! n(t) records holding t; score(d) = Σ idf(t) · tf · (k1 + 1) /
//! (tf + k1 · (1 − b + b · |d| / avg|d|)) over the query's distinct terms.

use std::collections::HashMap;

pub const RANKING: &str = "bm25 (k1 = 1.2, b = 0.75, title words counted three times)";

const K1: f64 = 1.2;
const B: f64 = 0.75;
const TITLE_WEIGHT: usize = 3;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "not", "of", "on", "or", "so", "that", "the", "their", "then",
    "there", "these", "this", "to", "was", "we", "were", "will", "with", "our", "us",
];

/// The searchable words of a text, in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        if STOP_WORDS.contains(&lower.as_str()) {
            continue;
        }
        out.push(fold(lower));
    }
    out
}

/// `records` -> `record`, but not `class` or `status`.
fn fold(word: String) -> String {
    let n = word.chars().count();
    if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        word[..word.len() - 1].to_string()
    } else {
        word
    }
}

/// A document to index.
pub struct Doc<'a> {
    pub title: &'a str,
    pub body: &'a str,
}

pub struct Index {
    /// Per document: term frequencies in the weighted field.
    tf: Vec<HashMap<String, usize>>,
    len: Vec<usize>,
    /// Documents holding each term.
    df: HashMap<String, usize>,
    avg_len: f64,
}

/// A ranked document.
pub struct Hit {
    pub doc: usize,
    pub score: f64,
    pub matched: Vec<String>,
}

impl Index {
    pub fn new(docs: &[Doc]) -> Index {
        let mut tf = Vec::with_capacity(docs.len());
        let mut len = Vec::with_capacity(docs.len());
        let mut df: HashMap<String, usize> = HashMap::new();
        for d in docs {
            let mut counts: HashMap<String, usize> = HashMap::new();
            let title = terms(d.title);
            let body = terms(d.body);
            for t in &title {
                *counts.entry(t.clone()).or_default() += TITLE_WEIGHT;
            }
            for t in &body {
                *counts.entry(t.clone()).or_default() += 1;
            }
            for t in counts.keys() {
                *df.entry(t.clone()).or_default() += 1;
            }
            len.push(title.len() * TITLE_WEIGHT + body.len());
            tf.push(counts);
        }
        let avg_len = if len.is_empty() {
            0.0
        } else {
            len.iter().sum::<usize>() as f64 / len.len() as f64
        };
        Index {
            tf,
            len,
            df,
            avg_len,
        }
    }

    /// Documents holding at least one query term, best first (ties by
    /// document order).
    pub fn rank(&self, query: &[String]) -> Vec<Hit> {
        let mut distinct: Vec<&String> = query.iter().collect();
        distinct.sort();
        distinct.dedup();
        let n = self.tf.len() as f64;
        let mut hits: Vec<Hit> = Vec::new();
        for (doc, counts) in self.tf.iter().enumerate() {
            let mut score = 0.0;
            let mut matched = Vec::new();
            for t in &distinct {
                let Some(&f) = counts.get(*t) else { continue };
                let df = self.df.get(*t).copied().unwrap_or(0) as f64;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                let norm = 1.0 - B + B * self.len[doc] as f64 / self.avg_len.max(1.0);
                let f = f as f64;
                score += idf * f * (K1 + 1.0) / (f + K1 * norm);
                matched.push((*t).clone());
            }
            if !matched.is_empty() {
                hits.push(Hit {
                    doc,
                    score,
                    matched,
                });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }
}

/// The first non-heading line of `text` holding one of `terms`, trimmed
/// to 200 characters.
pub fn snippet(text: &str, matched: &[String]) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("---"))
        .find(|l| terms(l).iter().any(|t| matched.contains(t)))
        .map(|l| l.chars().take(200).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(docs: &[(&str, &str)], q: &str) -> Vec<usize> {
        let docs: Vec<Doc> = docs
            .iter()
            .map(|(title, body)| Doc { title, body })
            .collect();
        Index::new(&docs)
            .rank(&terms(q))
            .into_iter()
            .map(|h| h.doc)
            .collect()
    }

    #[test]
    fn words_fold_and_stop_words_go() {
        assert_eq!(
            terms("The Records of our caches, v2!"),
            ["record", "cache", "v2"]
        );
        assert_eq!(terms("status class"), ["status", "class"]);
    }

    #[test]
    fn rarer_terms_and_titles_rank_higher() {
        let docs = [
            ("Use PostgreSQL", "We store data in PostgreSQL."),
            (
                "Logging",
                "We log to stdout. The database is mentioned once.",
            ),
            (
                "Caching",
                "A cache in front of the database, the database, the database.",
            ),
        ];
        // The title hit wins over body repetitions of a commoner word.
        assert_eq!(rank(&docs, "postgresql database")[0], 0);
        // Only documents with a term are returned.
        assert_eq!(rank(&docs, "logging"), [1]);
        assert!(rank(&docs, "kafka").is_empty());
    }

    #[test]
    fn bm25_matches_a_hand_computed_score() {
        // Two documents of equal length: the norm is 1, so a term found
        // once in one of them scores idf * (k1 + 1) / (1 + k1).
        let docs = [
            Doc {
                title: "x",
                body: "alpha",
            },
            Doc {
                title: "x",
                body: "beta",
            },
        ];
        let hits = Index::new(&docs).rank(&terms("alpha"));
        let idf = (1.0f64 + (2.0 - 1.0 + 0.5) / (1.0 + 0.5)).ln();
        assert!((hits[0].score - idf).abs() < 1e-12, "{}", hits[0].score);
    }
}
