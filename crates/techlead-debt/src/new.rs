//! `debt add`: a new item, `NNNN-slug.md` with the next free number.
//! The caller holds the register folder's lock
//! ([`techlead_core::lock::Lock`]) from reading the items to creating the
//! file, so two runs take two numbers; the file is created with a
//! no-clobber rename, so a name another tool took meanwhile moves us on.

use crate::effort::Effort;
use crate::status::Status;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_markdown::yaml::yaml_scalar;

/// What `debt add` was given.
#[derive(Debug, Clone, Default)]
pub struct NewItem<'a> {
    pub title: &'a str,
    pub status: Option<Status>,
    pub owner: Option<&'a str>,
    /// YYYY-MM-DD.
    pub created: &'a str,
    pub target: Option<&'a str>,
    pub principal: Option<&'a str>,
    pub interest: Option<&'a str>,
    pub paths: &'a [String],
    pub modules: &'a [String],
    pub decisions: &'a [String],
    pub goals: &'a [String],
    pub tags: &'a [String],
}

/// Checks what the command line gave, as the register will read it.
pub fn validate(new: &NewItem) -> Result<(), InputError> {
    let title = new.title.trim();
    if title.is_empty() || title.contains(['\n', '\r']) {
        return Err(InputError::new("the title must be one non-empty line"));
    }
    if let Some(p) = new.principal {
        Effort::parse(p).map_err(|e| {
            InputError::new(format!("--principal: {e}"))
                .with_help("write a range of working time such as 2-4d, 4h-1d or 1-2w")
        })?;
    }
    if let Some(i) = new.interest {
        Effort::parse_per_month(i).map_err(|e| {
            InputError::new(format!("--interest: {e}"))
                .with_help("write the cost per month as a range, such as 2-4h or 1d")
        })?;
    }
    if let Some(t) = new.target
        && !techlead_markdown::dates::valid_date(t)
    {
        return Err(InputError::new(format!(
            "--target `{t}` is not a date: expected YYYY-MM-DD"
        )));
    }
    for p in new.paths {
        crate::item::check_path(p).map_err(|e| InputError::new(format!("--path {e}")))?;
    }
    Ok(())
}

/// A flow list of double-quoted strings: `["a", "b"]`.
pub fn flow_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| serde_json::to_string(i).unwrap_or_default())
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// The new item's text.
pub fn render(new: &NewItem) -> String {
    let title = new.title.trim();
    let mut s = String::from("---\n");
    s.push_str(&format!("title: {}\n", yaml_scalar(title)));
    s.push_str(&format!(
        "status: {}\n",
        new.status.unwrap_or(Status::Open).as_str()
    ));
    if let Some(o) = new.owner {
        s.push_str(&format!("owner: {}\n", yaml_scalar(o.trim())));
    }
    s.push_str(&format!("created: {}\n", new.created));
    if let Some(t) = new.target {
        s.push_str(&format!("target: {t}\n"));
    }
    if let Some(p) = new.principal {
        s.push_str(&format!("principal: {}\n", yaml_scalar(p.trim())));
    }
    if let Some(i) = new.interest {
        s.push_str(&format!("interest: {}\n", yaml_scalar(i.trim())));
    }
    for (key, list) in [
        ("paths", new.paths),
        ("modules", new.modules),
        ("decisions", new.decisions),
        ("goals", new.goals),
        ("tags", new.tags),
    ] {
        s.push_str(&format!("{key}: {}\n", flow_list(list)));
    }
    s.push_str("---\n\n");
    s.push_str(&format!("# {title}\n\n"));
    s.push_str(
        "## Context\n\n\
         What the debt is, where it lives, how it came about, and what it costs while it stays.\n\n\
         ## Repayment\n\n\
         How to pay it back, in steps small enough to schedule, and how we will know it is repaid.\n\n\
         ## History\n\n",
    );
    s.push_str(&format!(
        "- {}: {}\n",
        new.created,
        new.status.unwrap_or(Status::Open).as_str()
    ));
    s
}

/// A file name for a title: lowercase words joined by `-`.
pub fn slug(title: &str) -> String {
    techlead_markdown::records::slug(title, "item")
}

/// Creates the item in `dir` under the next free number after `taken`,
/// and returns its path.
pub fn create(dir: &Path, taken: &[u32], new: &NewItem) -> Result<PathBuf, InputError> {
    techlead_markdown::records::create_numbered(dir, taken, &slug(new.title), &render(new), "item")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_item<'a>(title: &'a str, paths: &'a [String]) -> NewItem<'a> {
        NewItem {
            title,
            owner: Some("payments team"),
            created: "2026-01-15",
            target: Some("2026-06-30"),
            principal: Some("2-4d"),
            paths,
            ..NewItem::default()
        }
    }

    #[test]
    fn renders_an_item_that_reads_back() {
        let paths = vec!["src/pay/**".to_string(), "a \"b\".py".to_string()];
        let text = render(&new_item("Retries: in 3 places", &paths));
        let i = crate::item::parse("d/0001-x.md", Path::new("d/0001-x.md"), &text).unwrap();
        assert_eq!(i.title, "Retries: in 3 places");
        assert_eq!(i.paths, paths);
        assert_eq!(i.principal, Some(Effort::hours(16, 32)));
        assert_eq!(i.owner.as_deref(), Some("payments team"));
        assert!(
            text.ends_with("## History\n\n- 2026-01-15: open\n"),
            "{text}"
        );
    }

    #[test]
    fn numbers_follow_and_skip_taken_ones() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let p = create(d, &[], &new_item("First one", &[])).unwrap();
        assert_eq!(p.file_name().unwrap(), "0001-first-one.md");
        // A number another tool took under another name moves us on.
        std::fs::write(d.join("0002-other.md"), "x").unwrap();
        let p = create(d, &[1], &new_item("Héllo, wörld!", &[])).unwrap();
        assert_eq!(p.file_name().unwrap(), "0003-héllo-wörld.md");
    }

    #[test]
    fn refuses_bad_values() {
        let bad = |f: &dyn Fn(&mut NewItem)| {
            let mut n = new_item("T", &[]);
            f(&mut n);
            validate(&n).unwrap_err().message
        };
        assert!(bad(&|n| n.principal = Some("3")).contains("no unit"));
        assert!(bad(&|n| n.interest = Some("1.25d")).contains("more precise"));
        assert!(bad(&|n| n.target = Some("soon")).contains("not a date"));
        assert!(bad(&|n| n.title = " ").contains("one non-empty line"));
        let paths = vec!["src/{a".to_string()];
        let mut n = new_item("T", &paths);
        n.paths = &paths;
        assert!(validate(&n).unwrap_err().message.starts_with("--path"));
    }
}
