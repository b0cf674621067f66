//! What the scorecard reads, as plain data. The tree comes through a
//! small trait, so a working tree and a bare repository's HEAD read alike;
//! history, the dependency inventory, decision records and declared
//! modules are the other contexts' answers, composed by the CLI, so this
//! context depends on none of them.

/// A project's files: a working tree, or a commit's tree read through git.
pub trait Tree {
    /// Every file, relative to the project root, `/`-separated, sorted.
    fn files(&self) -> &[String];
    /// A file's bytes; None when it is not there or cannot be read.
    fn read(&self, path: &str) -> Option<Vec<u8>>;
    /// A file's size in bytes, without reading it where that is cheaper.
    fn size(&self, path: &str) -> Option<u64> {
        self.read(path).map(|b| b.len() as u64)
    }
}

/// An author or committer: name and email through `.mailmap`, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
    /// Seconds since the epoch.
    pub time: i64,
    /// The same for every identity of one person (see [`Identities`]).
    pub key: String,
    /// A bot (see [`Identities`]).
    pub bot: bool,
}

/// Who is who, decided once for the whole tool: the composition root
/// answers with the history context's identity rules (`.mailmap`, one
/// person's addresses and GitHub logins joined, bots classified), so the
/// scorecard counts people and bots as `techlead history` does. It fills
/// [`Person::key`] and [`Person::bot`] with it, and the scorecard asks it
/// about identities named in messages (`Reviewed-by:` trailers).
pub trait Identities {
    /// The person's key and whether the identity is a bot.
    fn who(&self, name: &str, email: &str) -> (String, bool);
}

/// One commit, merges included.
#[derive(Debug, Clone, Default)]
pub struct Commit {
    pub id: String,
    /// First parent first; two or more make a merge.
    pub parents: Vec<String>,
    pub author: Person,
    pub committer: Person,
    /// Title, body and trailers.
    pub message: String,
    /// Paths changed against the first parent, relative to the project
    /// root; None where history did not diff the commit (merges, and
    /// commits older than the diffed window).
    pub files: Option<Vec<String>>,
}

/// A release tag, as `history delivery` counts releases.
#[derive(Debug, Clone, Default)]
pub struct Tag {
    pub name: String,
    pub commit: String,
    /// The tagged commit's time (seconds since the epoch).
    pub time: i64,
    /// A tag object rather than a plain ref.
    pub annotated: bool,
    /// `pgp`, `ssh` or `x509` when the tag object is signed.
    pub signature: Option<String>,
}

/// The truck factor, as history computes it (Avelino et al.), over the
/// human commits of a window.
#[derive(Debug, Clone, Default)]
pub struct TruckFactor {
    pub value: usize,
    /// The people who make it up.
    pub people: Vec<String>,
    /// Files counted.
    pub files: usize,
    /// Commits it was computed over.
    pub commits: usize,
}

/// The repository's history, as far as it was read.
#[derive(Debug, Clone, Default)]
pub struct GitHistory {
    /// HEAD's commit; None when there is no commit yet.
    pub head: Option<String>,
    /// Every commit reachable from HEAD within the team window (the last
    /// two years), newest first.
    pub commits: Vec<Commit>,
    /// Release tags, oldest first.
    pub tags: Vec<Tag>,
    /// None until the composition root has computed it.
    pub truck_factor: Option<TruckFactor>,
}

/// History, or why it could not be read (not a git repository, a shallow
/// clone): the checks that need it then say so instead of scoring.
#[derive(Debug, Clone)]
pub enum History {
    Read(GitHistory),
    Missing(String),
}

impl History {
    pub fn read(&self) -> Option<&GitHistory> {
        match self {
            History::Read(h) => Some(h),
            History::Missing(_) => None,
        }
    }
}

/// A package the dependency inventory found in a lockfile or manifest.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// `cargo`, `npm`, `pypi`, `go`, `maven`, `rubygems`, `packagist`.
    pub ecosystem: String,
    pub name: String,
    /// A direct dependency (Some(true)), transitive, or unknown.
    pub direct: Option<bool>,
    /// The lockfile or manifest, relative to the project root.
    pub source: String,
    pub line: u32,
}

/// A decision record: its file and its date (YYYY-MM-DD), if it has one.
#[derive(Debug, Clone, Default)]
pub struct Decision {
    pub path: String,
    pub date: Option<String>,
}

/// The decision records, as the records context found them.
#[derive(Debug, Clone)]
pub enum Decisions {
    /// No decisions folder.
    None,
    Read {
        /// The folder, relative to the project root.
        dir: String,
        records: Vec<Decision>,
    },
    /// The folder could not be read, and why.
    Unreadable(String),
}

/// Module boundaries declared in techlead.toml (`[boundaries] modules`).
#[derive(Debug, Clone, Default)]
pub struct Boundaries {
    pub modules: usize,
    /// The configuration file that declares them, relative to the root.
    pub config: Option<String>,
}

/// Everything one assessment reads.
pub struct Input<'a> {
    /// The project's files at HEAD (the working tree, or HEAD's tree).
    pub tree: &'a dyn Tree,
    pub history: &'a History,
    /// The dependency inventory's packages.
    pub packages: &'a [Package],
    pub decisions: &'a Decisions,
    pub boundaries: &'a Boundaries,
    pub config: &'a crate::config::PracticesConfig,
    /// Today, YYYY-MM-DD.
    pub today: &'a str,
    /// `--since`, over `[practices] since`.
    pub since: Option<&'a str>,
    /// What the team table reads of a commit's tree, for the quarter ends.
    pub tree_at: &'a crate::team::TreeAt<'a>,
    pub identities: &'a dyn Identities,
    /// The counts of code files kept by the last run.
    pub code_memo: &'a crate::memo::CodeMemo,
}
