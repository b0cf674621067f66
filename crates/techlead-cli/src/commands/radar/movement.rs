//! Movement of technologies against a baseline: a git revision (a tag, or
//! the last commit before a date), where each record is compared with
//! itself at that revision; outside git, the records' History lines.

use crate::context::Context;
use anyhow::Result;
use techlead_core::InputError;
use techlead_records::radar::{self, Technology};
use techlead_report::radar::Movement;

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

pub fn git(ctx: &Context, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .current_dir(&ctx.root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `--since` is a date (YYYY-MM-DD, default 90 days ago) or a git
/// revision such as a release tag.
pub fn baseline(ctx: &Context, since: Option<String>) -> Result<Baseline> {
    let in_git = git(ctx, &["rev-parse", "--verify", "-q", "HEAD"]).is_some();
    let is_date = since
        .as_deref()
        .is_none_or(|s| s.parse::<jiff::civil::Date>().is_ok());
    if is_date {
        let date = since_date(since)?;
        if in_git
            && let Some(rev) = git(
                ctx,
                &[
                    "rev-list",
                    "-1",
                    &format!("--before={date}T00:00:00"),
                    "HEAD",
                ],
            )
            && !rev.trim().is_empty()
        {
            return Ok(Baseline::Git {
                rev: rev.trim().to_string(),
                label: date.clone(),
                date,
            });
        }
        return Ok(Baseline::Date(date));
    }
    let rev = since.unwrap_or_default();
    let commit = git(
        ctx,
        &["rev-parse", "--verify", "-q", &format!("{rev}^{{commit}}")],
    )
    .ok_or_else(|| {
        InputError::new(format!(
            "--since {rev}: neither a date (YYYY-MM-DD) nor a git revision here"
        ))
    })?;
    let date = git(ctx, &["show", "-s", "--format=%as", commit.trim()]).unwrap_or_default();
    Ok(Baseline::Git {
        rev: commit.trim().to_string(),
        label: rev,
        date: date.trim().to_string(),
    })
}

/// New, moved in or out, or unchanged against the baseline: from git
/// (the record at that revision) when there is one, else History lines.
pub fn movement_against(
    ctx: &Context,
    t: &Technology,
    rings: &[String],
    base: &Baseline,
) -> techlead_report::radar::Movement {
    let Baseline::Git { rev, .. } = base else {
        return match t.moved_since(base.date(), rings) {
            None => Movement::New,
            Some(1) => Movement::MovedIn,
            Some(-1) => Movement::MovedOut,
            Some(_) => Movement::Unchanged,
        };
    };
    let Some(old) = git(ctx, &["show", &format!("{rev}:./{}", t.path)]) else {
        return Movement::New;
    };
    let before = radar::parse(&t.path, &t.abs_path, &old)
        .ok()
        .and_then(|o| o.ring)
        .and_then(|r| rings.iter().position(|x| *x == r));
    let now = t
        .ring
        .as_ref()
        .and_then(|r| rings.iter().position(|x| x == r));
    match (before, now) {
        (Some(b), Some(n)) if n < b => Movement::MovedIn,
        (Some(b), Some(n)) if n > b => Movement::MovedOut,
        _ => Movement::Unchanged,
    }
}

/// `--since` as YYYY-MM-DD, by default 90 days before today.
pub fn since_date(since: Option<String>) -> Result<String> {
    Ok(match since {
        Some(d) => d
            .parse::<jiff::civil::Date>()
            .map_err(|e| InputError::new(format!("--since {d}: {e}")))?,
        None => crate::today()
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|t| t.checked_sub(jiff::Span::new().days(90)).ok())
            .unwrap_or_default(),
    }
    .to_string())
}
