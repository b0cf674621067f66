//! The shape of a decision record once read, whatever its format.

use serde::Serialize;
use std::ops::Range;
use std::path::PathBuf;

/// Where a record keeps its metadata; edits write back in the same style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordStyle {
    /// MADR 3/4: YAML front matter holds `status`, `date`, ...
    FrontMatter,
    /// MADR 2 and log4brains: `* Status: ...` / `- Date: ...` bullets.
    Bullets,
    /// adr-tools / Nygard: `Date:` line and a `## Status` section.
    Section,
}

/// A typed link between two records, e.g. `superseded-by` 0007.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// `superseded-by`, `supersedes`, or a custom kind lowercased with
    /// spaces as hyphens (`Amended by` -> `amended-by`).
    pub kind: String,
    /// The target record's id (its file stem).
    pub target: String,
    /// The link's href as written, e.g. `0007-use-postgres.md`.
    #[serde(skip)]
    pub href: String,
    /// 1-based line of the link in the file.
    #[serde(skip)]
    pub line: u32,
}

impl Link {
    /// The kind, with the synonyms real corpora use folded together:
    /// `replaces` is `supersedes` and `replaced-by` is `superseded-by`
    /// (log4brains and many hand-written folders), so a supersede written
    /// either way is one supersede. The kind as written stays in `kind`.
    pub fn canonical_kind(&self) -> &str {
        canonical_kind(&self.kind)
    }
}

/// See [`Link::canonical_kind`].
pub fn canonical_kind(kind: &str) -> &str {
    match kind {
        "replaces" => "supersedes",
        "replaced-by" => "superseded-by",
        other => other,
    }
}

/// A relative markdown link found anywhere in the record, for broken-link
/// checks and renumbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Href {
    /// The href as written (without any `#fragment`).
    pub target: String,
    /// Byte range of the href inside the file, for rewriting.
    pub span: Range<usize>,
    pub line: u32,
}

/// One field's raw text and where it sits, for lint messages and edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The raw value as written (trimmed).
    pub raw: String,
    pub line: u32,
}

/// A decision record as read. The JSON of `adr list` is the serde shape of
/// [`RecordSummary`], not of this type.
#[derive(Debug, Clone)]
pub struct Record {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Path relative to the project root, `/` separators.
    pub rel_path: String,
    /// File stem.
    pub id: String,
    /// Integer of an `NNNN-` prefix of at most 5 digits.
    pub number: Option<u32>,
    pub title: Option<String>,
    pub title_line: Option<u32>,
    /// Normalised status (see the JSON contract in docs).
    pub status: Option<String>,
    pub status_field: Option<Field>,
    /// YYYY-MM-DD, the first date of the date field or of a `YYYYMMDD-` name.
    pub date: Option<String>,
    pub date_field: Option<Field>,
    pub review_by: Option<Field>,
    pub tags: Vec<String>,
    pub decision_makers: Vec<String>,
    pub links: Vec<Link>,
    /// Every relative link to a file, typed or not.
    pub hrefs: Vec<Href>,
    pub style: RecordStyle,
    /// Whether the file has YAML front matter at all (even docs-site-only).
    pub has_front_matter: bool,
    /// The log4brains package whose ADR folder holds the record (declared
    /// in `.log4brains.yml`); None for the project's own folder.
    pub package: Option<String>,
}

/// The stable JSON contract of `adr list --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct RecordSummary<'a> {
    pub path: &'a str,
    pub id: &'a str,
    pub number: Option<u32>,
    pub title: Option<&'a str>,
    pub status: Option<&'a str>,
    pub date: Option<&'a str>,
    pub tags: &'a [String],
    pub decision_makers: &'a [String],
    pub links: &'a [Link],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<&'a str>,
}

impl Record {
    pub fn summary(&self) -> RecordSummary<'_> {
        RecordSummary {
            path: &self.rel_path,
            id: &self.id,
            number: self.number,
            title: self.title.as_deref(),
            status: self.status.as_deref(),
            date: self.date.as_deref(),
            tags: &self.tags,
            decision_makers: &self.decision_makers,
            links: &self.links,
            package: self.package.as_deref(),
        }
    }
}
