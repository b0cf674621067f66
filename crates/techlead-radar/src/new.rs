//! `radar add`: the text of a new technology record.

use crate::config::RadarConfig;
use techlead_core::InputError;
use techlead_markdown::yaml::yaml_scalar;

/// The package ecosystems a record's `packages` may name.
pub const ECOSYSTEMS: &[&str] = &[
    "cargo",
    "go",
    "maven",
    "npm",
    "packagist",
    "pypi",
    "rubygems",
];

/// Checks what `radar add` was given (lowercased ring and quadrant) and
/// returns the new record's file stem.
pub fn validate(
    config: &RadarConfig,
    name: &str,
    ring: &str,
    quadrant: &str,
    packages: &[String],
) -> Result<String, InputError> {
    known("ring", ring, &config.rings())?;
    known("quadrant", quadrant, &config.quadrants())?;
    for p in packages {
        package_ref(p)?;
    }
    if name.chars().any(char::is_control) {
        return Err(InputError::new(
            "the name holds a control character or a line break",
        ));
    }
    let slug = crate::slug(name);
    if slug.is_empty() {
        return Err(InputError::new(format!(
            "`{name}` gives an empty file name"
        )));
    }
    Ok(slug)
}

/// `value` must be one of `allowed` (a ring or a quadrant).
pub fn known(what: &str, value: &str, allowed: &[String]) -> Result<(), InputError> {
    if allowed.iter().any(|a| a == value) {
        return Ok(());
    }
    let mut err = InputError::new(format!(
        "unknown {what} `{value}`; expected one of: {}",
        allowed.join(", ")
    ));
    if let Some(s) = techlead_core::suggest::did_you_mean(value, allowed.iter().map(String::as_str))
    {
        err = err.with_help(format!("did you mean `{s}`?"));
    }
    Err(err)
}

/// `ECOSYSTEM:NAME` with a known ecosystem.
fn package_ref(p: &str) -> Result<(), InputError> {
    match p.split_once(':') {
        Some((eco, name)) if ECOSYSTEMS.contains(&eco) && !name.is_empty() => Ok(()),
        _ => Err(InputError::new(format!(
            "`{p}` is not ECOSYSTEM:NAME with an ecosystem of {}",
            ECOSYSTEMS.join(", ")
        ))),
    }
}

pub struct NewTechnology<'a> {
    pub name: &'a str,
    pub quadrant: &'a str,
    pub ring: &'a str,
    pub packages: &'a [String],
    pub purpose: Option<&'a str>,
    pub tags: &'a [String],
    pub decision: Option<&'a str>,
    /// When it was added; None for an import of a technology that is not
    /// new (no date, no first history line).
    pub date: Option<&'a str>,
    /// The rationale paragraph; a prompt when None.
    pub rationale: Option<&'a str>,
    /// An import of a technology that moved: (date, the ring it came
    /// from), written as its history line.
    pub moved_from: Option<(&'a str, &'a str)>,
}

pub fn render(t: &NewTechnology) -> String {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut s = String::from("---\n");
    s.push_str(&format!("name: {}\n", yaml_scalar(t.name)));
    s.push_str(&format!("quadrant: {}\n", yaml_scalar(t.quadrant)));
    s.push_str(&format!("ring: {}\n", yaml_scalar(t.ring)));
    s.push_str(&format!("packages: [{}]\n", list(t.packages)));
    if let Some(p) = t.purpose {
        s.push_str(&format!("purpose: {}\n", yaml_scalar(p)));
    }
    if let Some(d) = t.decision {
        s.push_str(&format!("decision: {}\n", yaml_scalar(d)));
    }
    s.push_str(&format!("tags: [{}]\n", list(t.tags)));
    if let Some(d) = t.date {
        s.push_str(&format!("date: {d}\n"));
    }
    s.push_str("---\n\n");
    s.push_str(&format!("# {}\n\n", t.name));
    let rationale = t.rationale.filter(|r| !r.trim().is_empty()).unwrap_or(
        "Why this technology, in this ring, for this team: the problem it solves, what it was\ncompared with, and what would make us move it.",
    );
    s.push_str(&format!(
        "## Rationale\n\n{}\n\n## History\n\n",
        rationale.trim()
    ));
    if let Some(d) = t.date {
        s.push_str(&format!("- {d}: added in {}\n", t.ring));
    }
    if let Some((d, from)) = t.moved_from {
        s.push_str(&format!("- {d}: {from} → {}: imported\n", t.ring));
    }
    s
}
