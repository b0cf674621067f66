//! The records that serve goals: decisions, debt items and technologies.
//! Each context reads its own records; the composition root hands them
//! over as [`Work`], plain data, and goals links them both ways: a
//! record's `goals:` field names goals, a goal's `links:` names records.

use serde::Serialize;

/// Which kind of record serves a goal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Decision,
    Debt,
    Technology,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Decision, Kind::Debt, Kind::Technology];

    /// How references name the kind: `adr:`, `debt:`, `radar:`.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Decision => "adr",
            Kind::Debt => "debt",
            Kind::Technology => "radar",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Decision => "decision",
            Kind::Debt => "debt",
            Kind::Technology => "technology",
        }
    }

    fn from_prefix(p: &str) -> Option<Kind> {
        match p.trim().to_ascii_lowercase().as_str() {
            "adr" | "decision" => Some(Kind::Decision),
            "debt" => Some(Kind::Debt),
            "radar" | "technology" | "tech" => Some(Kind::Technology),
            _ => None,
        }
    }
}

/// `adr:12`, `debt:0003`, `radar:postgresql`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordRef {
    pub kind: Kind,
    pub key: String,
}

impl RecordRef {
    pub fn parse(s: &str) -> Result<RecordRef, String> {
        let s = s.trim();
        let (prefix, key) = s.split_once(':').ok_or_else(|| {
            format!("`{s}` does not say which record: write adr:N, debt:N or radar:NAME")
        })?;
        let kind = Kind::from_prefix(prefix).ok_or_else(|| {
            format!("`{prefix}:` is not a kind of record: write adr:N, debt:N or radar:NAME")
        })?;
        let key = key.trim();
        if key.is_empty() || key.contains(['\n', '\r']) {
            return Err(format!("`{s}` names no record after `{prefix}:`"));
        }
        Ok(RecordRef {
            kind,
            key: key.to_string(),
        })
    }
}

impl std::fmt::Display for RecordRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind.prefix(), self.key)
    }
}

/// One record that may serve goals, as its context read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    pub kind: Kind,
    /// How references name it: a decision's or debt item's number as its
    /// file writes it (`0002`), else the file stem.
    pub id: String,
    /// The file stem, also accepted in references.
    pub stem: String,
    pub number: Option<u32>,
    pub title: String,
    /// Normalised (`accepted`, `open`, `adopt`...).
    pub status: Option<String>,
    /// YYYY-MM-DD, when the record has one.
    pub date: Option<String>,
    /// Relative to the project root, `/` separators.
    pub path: String,
    /// Where a finding about the record points (its title or first line).
    pub line: Option<u32>,
    /// The goals its `goals:` field names, as written.
    pub goals: Vec<String>,
    /// The line of that field.
    pub goals_line: Option<u32>,
}

impl Work {
    /// `adr:0002`.
    pub fn reference(&self) -> String {
        format!("{}:{}", self.kind.prefix(), self.id)
    }

    /// Whether `key` names this record: its number (`2`, `0002`), its id,
    /// its file stem, or for a technology its name, in any case.
    pub fn matches(&self, key: &str) -> bool {
        let key = key.trim();
        if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
            return self.number.is_some() && key.parse::<u32>().ok() == self.number;
        }
        key.eq_ignore_ascii_case(&self.id)
            || key.eq_ignore_ascii_case(&self.stem)
            || (self.kind == Kind::Technology && key.eq_ignore_ascii_case(&self.title))
    }
}

/// Every record handed over, and which kinds the build could read: a
/// link to a kind not in `kinds` is not called broken.
#[derive(Debug, Clone, Default)]
pub struct Works {
    pub items: Vec<Work>,
    pub kinds: Vec<Kind>,
}

impl Works {
    /// The record `r` names, if any.
    pub fn find(&self, r: &RecordRef) -> Option<usize> {
        self.items
            .iter()
            .position(|w| w.kind == r.kind && w.matches(&r.key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(kind: Kind, id: &str, stem: &str, number: Option<u32>, title: &str) -> Work {
        Work {
            kind,
            id: id.into(),
            stem: stem.into(),
            number,
            title: title.into(),
            status: None,
            date: None,
            path: String::new(),
            line: None,
            goals: Vec::new(),
            goals_line: None,
        }
    }

    #[test]
    fn references_name_records_by_number_stem_or_name() {
        let adr = work(Kind::Decision, "0002", "0002-use-rust", Some(2), "Use Rust");
        assert!(adr.matches("2") && adr.matches("0002") && adr.matches("0002-Use-Rust"));
        assert!(!adr.matches("3") && !adr.matches("Use Rust"));
        let pg = work(
            Kind::Technology,
            "postgresql",
            "postgresql",
            None,
            "PostgreSQL",
        );
        assert!(pg.matches("PostgreSQL") && pg.matches("postgresql") && !pg.matches("1"));
        assert_eq!(adr.reference(), "adr:0002");
    }

    #[test]
    fn record_references_parse() {
        let r = RecordRef::parse(" ADR:12 ").unwrap();
        assert_eq!((r.kind, r.key.as_str()), (Kind::Decision, "12"));
        assert_eq!(r.to_string(), "adr:12");
        assert_eq!(
            RecordRef::parse("radar:Postgre SQL").unwrap().key,
            "Postgre SQL"
        );
        assert!(RecordRef::parse("12").unwrap_err().contains("which record"));
        assert!(
            RecordRef::parse("jira:12")
                .unwrap_err()
                .contains("not a kind")
        );
        assert!(
            RecordRef::parse("debt: ")
                .unwrap_err()
                .contains("names no record")
        );
    }
}
