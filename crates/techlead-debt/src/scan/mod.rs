//! `debt scan`: the `TODO`, `FIXME`, `HACK`, `XXX` and `BUG` markers in
//! real comments, with the owner, due date and issue a marker carries.
//!
//! Which comments are read, by file:
//! - languages with a scanner (Rust, Python, TypeScript, JavaScript, Go,
//!   Java): the scanner's comments, so a marker in a string is never one;
//! - other C-family languages (C, C++, C#, Kotlin, Swift, Scala, Dart,
//!   Groovy, PHP, Objective-C, Protocol Buffers, CSS, SCSS, Less): the Java
//!   scanner's lexer, which knows `//`, `/* */`, `"…"` and `'…'`;
//! - `#` languages (shell, YAML, TOML, Ruby, Perl, R, Make, Docker,
//!   Terraform, Elixir, Julia, INI) and Markdown/HTML: [`readers`].
//!
//! In a comment, a tag counts as an upper-case whole word anywhere
//! ([`techlead_lang::markers`]); `todo` and `fixme` in any case count too
//! when they open a comment line (after `//`, `#`, `*`, `@`), as leasot
//! reads them.

pub mod meta;
pub mod readers;

use crate::config::glob;
use globset::GlobSet;
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use techlead_core::check::Progress;
use techlead_lang::{Comment, Language, ScanOptions};

/// One marker, as `debt scan --format json` writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    /// Relative to the project root, `/` separators.
    pub file: String,
    pub line: u32,
    /// `TODO`, `FIXME`, `HACK`, `XXX` or `BUG`.
    pub tag: &'static str,
    /// The rest of the comment line, after the tag and its group.
    pub text: String,
    pub owner: Option<String>,
    /// YYYY-MM-DD.
    pub due: Option<String>,
    pub issue: Option<String>,
}

/// How a file's comments are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A language scanner.
    Scanner(Language),
    /// Another C-family language, through the Java lexer.
    CFamily,
    /// `#` comments; `true` for shells, whose here-documents are skipped.
    Hash(bool),
    /// `<!-- -->` comments; `true` for Markdown, whose fences are skipped.
    Html(bool),
}

impl Reader {
    /// The reader for a file, by its name; None for files whose comments
    /// are not read.
    pub fn for_path(path: &Path) -> Option<Reader> {
        if let Some(lang) = Language::from_path(path) {
            return Some(Reader::Scanner(lang));
        }
        let name = path.file_name()?.to_str()?;
        match name {
            "Makefile" | "GNUmakefile" | "Dockerfile" | "Containerfile" | "Rakefile"
            | "Gemfile" | "Vagrantfile" | "CMakeLists.txt" | "Brewfile" | "Podfile" => {
                return Some(Reader::Hash(false));
            }
            "Jenkinsfile" => return Some(Reader::CFamily),
            _ => {}
        }
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "c" | "h" | "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" | "cs" | "kt" | "kts"
            | "swift" | "scala" | "sc" | "dart" | "groovy" | "gradle" | "php" | "m" | "mm"
            | "proto" | "css" | "scss" | "less" => Reader::CFamily,
            "sh" | "bash" | "zsh" | "ksh" | "bats" => Reader::Hash(true),
            "yml" | "yaml" | "toml" | "rb" | "rake" | "gemspec" | "pl" | "pm" | "r" | "R"
            | "cmake" | "mk" | "tf" | "hcl" | "ex" | "exs" | "jl" | "cfg" | "ini" | "conf"
            | "fish" | "dockerfile" | "nix" | "cr" => Reader::Hash(false),
            "md" | "markdown" => Reader::Html(true),
            "html" | "htm" | "xml" | "svg" | "vue" | "svelte" => Reader::Html(false),
            _ => return None,
        })
    }
}

/// The markers in one file's text.
pub fn scan_text(rel: &str, reader: Reader, src: &str) -> Vec<Marker> {
    let comments: Vec<Comment> = match reader {
        Reader::Scanner(lang) => {
            techlead_lang::scan_with(lang, src, &ScanOptions { comments: true }).comments
        }
        Reader::CFamily => {
            techlead_lang::scan_with(Language::Java, src, &ScanOptions { comments: true }).comments
        }
        Reader::Hash(shell) => readers::hash_comments(src, shell),
        Reader::Html(markdown) => readers::html_comments(src, markdown),
    };
    if comments.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u32, u32, &'static str, String)> = techlead_lang::markers(src, &comments)
        .into_iter()
        .map(|m| (m.line, m.column, m.tag, m.text))
        .collect();
    for extra in leading_tags(src, &comments) {
        if !found.iter().any(|f| f.0 == extra.0 && f.1 == extra.1) {
            found.push(extra);
        }
    }
    found.sort_by_key(|f| (f.0, f.1));
    let mentions = mentions(src, &comments, &found);
    found
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !mentions.contains(i))
        .map(|(_, f)| f)
        .map(|(line, _, tag, text)| {
            let text = text.trim_end_matches("-->").trim_end();
            let m = meta::parse(text);
            Marker {
                file: rel.to_string(),
                line,
                tag,
                text: m.text,
                owner: m.owner,
                due: m.due,
                issue: m.issue,
            }
        })
        .collect()
}

/// The markers (by index) that only name a tag: one in a code span or in
/// quotes (`` `TODO` ``, `` `TODO(ann): x` ``, `"FIXME"`), a placeholder
/// (`#XXX`), or one of a list of tags (`TODO, FIXME and XXX`). A tag that
/// opens a comment line always counts.
fn mentions(
    src: &str,
    comments: &[Comment],
    found: &[(u32, u32, &'static str, String)],
) -> Vec<usize> {
    let opening: Vec<(u32, u32)> = openings(src, comments)
        .iter()
        .map(|o| (o.line, o.column))
        .collect();
    let byte_of = |line: u32, column: u32| -> Option<usize> {
        let start = if line == 1 {
            0
        } else {
            src.match_indices('\n').nth(line as usize - 2)?.0 + 1
        };
        let skip: usize = src[start..]
            .chars()
            .take(column as usize - 1)
            .map(char::len_utf8)
            .sum();
        Some(start + skip)
    };
    let spans: Vec<Option<(usize, usize)>> = found
        .iter()
        .map(|(line, col, tag, _)| byte_of(*line, *col).map(|b| (b, b + tag.len())))
        .collect();
    let mut out = Vec::new();
    for (i, f) in found.iter().enumerate() {
        if opening.contains(&(f.0, f.1)) {
            continue;
        }
        let Some((a, b)) = spans[i] else { continue };
        // In a code span or quotes, or a placeholder: `TODO`,
        // `TODO(ann): x`, "FIXME", #XXX.
        let ticked = src[..a].ends_with(['`', '"', '\'', '#']);
        let joined = |x: usize, y: usize| {
            src.get(x..y).is_some_and(|between| {
                let t = between
                    .trim_matches(|c: char| c.is_whitespace() || c == '`' || c == ',' || c == '/');
                t.is_empty() || t == "and" || t == "or"
            })
        };
        let listed =
            (i > 0 && found[i - 1].0 == f.0 && spans[i - 1].is_some_and(|(_, pb)| joined(pb, a)))
                || (i + 1 < found.len()
                    && found[i + 1].0 == f.0
                    && spans[i + 1].is_some_and(|(na, _)| joined(b, na)));
        if ticked || listed {
            out.push(i);
        }
    }
    out
}

/// A tag, in any case, where a comment line opens (after blanks, `*`,
/// `!` and an `@`), not inside a longer word.
struct Opening {
    line: u32,
    column: u32,
    /// The tag as [`techlead_lang::MARKER_TAGS`] spells it.
    tag: &'static str,
    /// The rest of the line after the tag.
    after: String,
}

fn openings(src: &str, comments: &[Comment]) -> Vec<Opening> {
    let mut out = Vec::new();
    for c in comments {
        let mut offset = c.start;
        for (line, part) in (c.line..).zip(c.text(src).split_inclusive('\n')) {
            let here = offset;
            offset += part.len();
            let body = part.trim_end_matches(['\n', '\r']);
            let rest =
                body.trim_start_matches(|ch: char| ch.is_whitespace() || ch == '*' || ch == '!');
            let rest = rest.strip_prefix('@').unwrap_or(rest);
            let at = here + body.len() - rest.len();
            for tag in techlead_lang::MARKER_TAGS {
                let next = rest.get(tag.len()..).and_then(|r| r.chars().next());
                if rest
                    .get(..tag.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(tag))
                    && !next.is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
                {
                    let after = rest[tag.len()..].trim();
                    let after = after.strip_prefix(':').unwrap_or(after).trim();
                    out.push(Opening {
                        line,
                        column: column(src, at),
                        tag,
                        after: after.trim_end_matches("*/").trim_end().to_string(),
                    });
                }
            }
        }
    }
    out
}

/// `todo` and `fixme` in any case where they open a comment line, as
/// leasot reads them; the upper-case search finds the rest.
fn leading_tags(src: &str, comments: &[Comment]) -> Vec<(u32, u32, &'static str, String)> {
    openings(src, comments)
        .into_iter()
        .filter(|o| matches!(o.tag, "TODO" | "FIXME"))
        .map(|o| (o.line, o.column, o.tag, o.after))
        .collect()
}

/// 1-based character column of byte `at`, as the scanners count.
fn column(src: &str, at: usize) -> u32 {
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    src[start..at].chars().count() as u32 + 1
}

/// Files the scan leaves out unless named: vendored, minified and
/// generated code is not this team's debt.
pub fn default_patterns() -> impl Iterator<Item = &'static str> {
    use techlead_core::generated::{GENERATED, VENDORED};
    VENDORED.iter().chain(GENERATED).copied()
}

/// A scan of a tree: the markers in file and line order, files read, and
/// the files that could not be.
#[derive(Debug, Default)]
pub struct Scanned {
    pub markers: Vec<Marker>,
    pub files: usize,
    /// (file, why) for each file that was skipped.
    pub skipped: Vec<(String, String)>,
}

/// Scans the files below `root` whose comments a reader knows, as the
/// project walker sees the tree (`.gitignore` honoured, hidden files and
/// installed packages left out), leaving out [`default_patterns`] and
/// `exclude`. With `only`, just those files and folders (relative to the
/// root or absolute), excluded or not when named as files.
pub fn scan_tree(
    root: &Path,
    only: &[std::path::PathBuf],
    exclude: &GlobSet,
    progress: &dyn Progress,
) -> Scanned {
    let (found, mut skipped) = walk(root, only, exclude);
    let files: Vec<(String, std::path::PathBuf, Reader)> = found
        .into_iter()
        .filter_map(|(rel, abs)| Reader::for_path(&abs).map(|r| (rel, abs, r)))
        .collect();
    let results: Vec<Result<Vec<Marker>, (String, String)>> = files
        .par_iter()
        .map(|(rel, abs, reader)| {
            let r = read(abs).map(|text| scan_text(rel, *reader, &text));
            progress.tick();
            r.map_err(|why| (rel.clone(), why))
        })
        .collect();
    let mut markers = Vec::new();
    for r in results {
        match r {
            Ok(m) => markers.extend(m),
            Err(s) => skipped.push(s),
        }
    }
    Scanned {
        markers,
        files: files.len(),
        skipped,
    }
}

/// Every file of the tree as the scan sees it (`.gitignore`, hidden files
/// and the excludes honoured), relative to the root, sorted.
pub fn tree_files(root: &Path, exclude: &GlobSet) -> Vec<String> {
    walk(root, &[], exclude)
        .0
        .into_iter()
        .map(|(rel, _)| rel)
        .collect()
}

/// The files to look at, sorted, and the entries that could not be read.
#[allow(clippy::type_complexity)]
fn walk(
    root: &Path,
    only: &[std::path::PathBuf],
    exclude: &GlobSet,
) -> (Vec<(String, std::path::PathBuf)>, Vec<(String, String)>) {
    let defaults = default_excludes();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let starts: Vec<std::path::PathBuf> = if only.is_empty() {
        vec![root.to_path_buf()]
    } else {
        only.iter().map(|p| root.join(p)).collect()
    };
    for start in &starts {
        if techlead_core::source::is_file(start) {
            if let Some(rel) = relative(root, start) {
                files.push((rel, start.clone()));
            }
            continue;
        }
        let purpose = techlead_project::walk::Purpose::Code;
        if let Some(listed) = techlead_project::mounted::files(start, purpose) {
            // A past commit's tree (`snapshot --backfill`).
            for path in listed {
                if let Some(rel) = relative(root, &path)
                    && !defaults.is_match(&rel)
                    && !exclude.is_match(&rel)
                {
                    files.push((rel, path));
                }
            }
            continue;
        }
        let walker = techlead_project::walk::walker(start, purpose).build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    skipped.push((String::new(), e.to_string()));
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let Some(rel) = relative(root, entry.path()) else {
                continue;
            };
            if !defaults.is_match(&rel) && !exclude.is_match(&rel) {
                files.push((rel, entry.into_path()));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    (files, skipped)
}

/// A file's text; invalid UTF-8 is read with replacement characters (the
/// lines stay where they are). Files that are not regular, over the
/// source limit (4 MiB) or hold a NUL byte are skipped.
fn read(abs: &Path) -> Result<String, String> {
    let bytes = techlead_core::read::regular_file(abs, techlead_core::read::SOURCE_LIMIT)
        .map_err(|e| format!("skipped: {e}"))?;
    if bytes.contains(&0) {
        return Err("skipped: binary file (NUL byte)".into());
    }
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn default_excludes() -> GlobSet {
    let mut b = globset::GlobSetBuilder::new();
    for g in default_patterns() {
        if let Ok(g) = glob(g) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

use techlead_project::walk::relative;

#[cfg(test)]
mod tests;
