//! Movement of technologies against a baseline: a git revision (a tag, or
//! the last commit before a date), where each record is compared with
//! itself at that revision; outside git, the records' History lines.

use crate::context::Context;
use anyhow::Result;
use techlead_core::InputError;
use techlead_history::revision;
use techlead_radar::Movement;
use techlead_radar::{self as radar, Technology};

/// What movement is measured against: the records as git had them at a
/// revision (a tag, or the last commit before a date), or, outside git,
/// the History lines after a date.
pub enum Baseline {
    Git {
        rev: String,
        label: String,
        date: String,
    },
    Date(String),
}

impl Baseline {
    pub fn label(&self) -> &str {
        match self {
            Baseline::Git { label, .. } => label,
            Baseline::Date(d) => d,
        }
    }

    /// A date for History-line comparisons (the tag's date for a tag).
    pub fn date(&self) -> &str {
        match self {
            Baseline::Git { date, .. } => date,
            Baseline::Date(d) => d,
        }
    }
}

/// `--since` is a date (YYYY-MM-DD, default 90 days ago), standing for
/// the last commit before it, or a git revision such as a release tag.
pub fn baseline(ctx: &Context, since: Option<String>) -> Result<Baseline> {
    let is_date = since
        .as_deref()
        .is_none_or(|s| s.parse::<jiff::civil::Date>().is_ok());
    if is_date {
        let date = since_date(since)?;
        let before = revision::day_start(&date).and_then(|t| revision::before(&ctx.root, t));
        return Ok(match before {
            Some(r) => Baseline::Git {
                rev: r.id,
                label: date.clone(),
                date,
            },
            None => Baseline::Date(date),
        });
    }
    let rev = since.unwrap_or_default();
    let r = revision::resolve(&ctx.root, &rev).ok_or_else(|| {
        InputError::new(format!(
            "--since {rev}: neither a date (YYYY-MM-DD) nor a git revision here"
        ))
    })?;
    Ok(Baseline::Git {
        rev: r.id,
        label: rev,
        date: r.date,
    })
}

/// New, moved in or out, or unchanged against the baseline: from git
/// (the record at that revision) when there is one, else History lines.
pub fn movement_against(
    ctx: &Context,
    t: &Technology,
    rings: &[String],
    base: &Baseline,
) -> Movement {
    let Baseline::Git { rev, .. } = base else {
        return t.moved_since(base.date(), rings);
    };
    let before = revision::file_at(&ctx.root, rev, &t.path)
        .map(|old| radar::parse(&t.path, &t.abs_path, &old).ok());
    match before {
        None => Movement::New,
        // A record git had but that no longer parses: no movement known.
        Some(None) => Movement::Unchanged,
        Some(Some(old)) => t.moved_from(Some(&old), rings),
    }
}

/// `--since` as YYYY-MM-DD, by default 90 days before today.
pub fn since_date(since: Option<String>) -> Result<String> {
    Ok(match since {
        Some(d) => d
            .parse::<jiff::civil::Date>()
            .map_err(|e| InputError::new(format!("--since {d}: {e}")))?,
        None => crate::today()?
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|t| t.checked_sub(jiff::Span::new().days(90)).ok())
            .unwrap_or_default(),
    }
    .to_string())
}
