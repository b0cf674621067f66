//! `pyproject.toml` read on its own, when no Python lockfile is beside or
//! above it (libraries rarely commit one): every declared requirement is a
//! direct dependency, with its version specifier as written (like a
//! requirements.txt without pins) and dev when its group is for
//! development (see techlead-project's `pyproject`). A name declared in
//! several groups is listed once: runtime if any group needs it at run
//! time.

use crate::{Dep, ParseError};
use techlead_project::pep503;
use techlead_project::pyproject::Pyproject;

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let p = Pyproject::parse(text).map_err(|e| ParseError::new(e.line, e.message))?;
    let (runtime, _) = p.runtime_and_dev();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for d in &p.dependencies {
        let norm = pep503(&d.name);
        if !seen.insert(norm.clone()) {
            continue;
        }
        out.push(Dep {
            declared_by: Vec::new(),
            line: line_of_name(text, &d.name),
            name: d.name.clone(),
            version: d.spec.clone(),
            direct: Some(true),
            dev: Some(!runtime.contains(&norm)),
            released: None,
        });
    }
    out.sort_by_key(|d| d.line);
    Ok(out)
}

/// The first line that names the requirement: as a quoted PEP 508 string
/// (`"httpx>=0.27"`) or as a Poetry key (`httpx = "*"`). The TOML reader
/// keeps no positions; 1 when not found.
fn line_of_name(text: &str, name: &str) -> u32 {
    let starts = |l: &str| {
        let l = l.trim_start().trim_start_matches(['"', '\'']);
        l.strip_prefix(name).is_some_and(|rest| {
            !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
    };
    for (i, l) in text.lines().enumerate() {
        // Requirement strings may share a line: `dependencies = ["a", "b"]`.
        let quoted = l.split(['"', '\'']).skip(1).step_by(2).any(starts);
        if quoted || starts(l) {
            return i as u32 + 1;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::common::rows;
    use proptest::prelude::*;

    #[test]
    fn groups_specs_and_lines() {
        let src = "[project]\nname = \"black\"\ndependencies = [\n  \"click>=8.0.0\",\n  \"platformdirs>=2\", \"tomli>=1.1.0; python_version < '3.11'\",\n]\n[project.optional-dependencies]\nd = [\"aiohttp>=3.10\"]\ndev = [\"pytest\", \"click\"]\n[dependency-groups]\ntyping = [\"mypy==1.11\"]\n";
        let deps = parse(src, None).unwrap();
        assert_eq!(
            rows(&deps),
            [
                ("click", ">=8.0.0", Some(true), Some(false), 4),
                ("platformdirs", ">=2", Some(true), Some(false), 5),
                ("tomli", ">=1.1.0", Some(true), Some(false), 5),
                ("aiohttp", ">=3.10", Some(true), Some(false), 8),
                ("pytest", "", Some(true), Some(true), 9),
                ("mypy", "1.11", Some(true), Some(true), 11),
            ]
        );
        assert_eq!(parse("[project]\nname = \n", None).unwrap_err().line, 2);
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
