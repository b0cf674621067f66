//! `pyproject.toml` read on its own, when no Python lockfile is beside or
//! above it (libraries rarely commit one): every declared requirement is a
//! direct dependency, with its version specifier as written (like a
//! requirements.txt without pins) and dev when its group is for
//! development (see techlead-project's `pyproject`). A name declared in
//! several groups is listed once: runtime if any group needs it at run
//! time.

use crate::{Dep, ParseError};
use techlead_project::pep503;
use techlead_project::pyproject::{PyGroup, Pyproject};

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
            license: None,
            depends: Vec::new(),
            declared_by: Vec::new(),
            requested: Vec::new(),
            line: line_of_name(text, &d.name, section_line(text, &d.group)),
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

/// The 0-based line of the table that holds a group's requirements, to
/// look for the requirement from there on (`[build-system] requires` and
/// other tables above may name the same package); 0 if not written as a
/// table header.
fn section_line(text: &str, group: &PyGroup) -> usize {
    let header = match group {
        PyGroup::Project => "[project]".to_string(),
        PyGroup::Extra(_) => "[project.optional-dependencies]".to_string(),
        PyGroup::Group(_) => "[dependency-groups]".to_string(),
        PyGroup::UvDev => "[tool.uv]".to_string(),
        PyGroup::Poetry(g) if g == "main" => "[tool.poetry.dependencies]".to_string(),
        PyGroup::Poetry(g) if g == "dev" => "[tool.poetry.dev-dependencies]".to_string(),
        PyGroup::Poetry(g) => format!("[tool.poetry.group.{g}.dependencies]"),
    };
    text.lines()
        .position(|l| l.split('#').next().unwrap_or(l).trim() == header)
        .unwrap_or(0)
}

/// The first line from `from` on that names the requirement: as a quoted
/// PEP 508 string (`"httpx>=0.27"`) or as a Poetry key (`httpx = "*"`).
/// The TOML reader keeps no positions; 1 when not found.
fn line_of_name(text: &str, name: &str, from: usize) -> u32 {
    let starts = |l: &str| {
        let l = l.trim_start().trim_start_matches(['"', '\'']);
        l.strip_prefix(name).is_some_and(|rest| {
            !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
    };
    for (i, l) in text.lines().enumerate().skip(from) {
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
        let src = "[build-system]\nrequires = [\"mypy\"]\n[project]\nname = \"black\"\ndependencies = [\n  \"click>=8.0.0\",\n  \"platformdirs>=2\", \"tomli>=1.1.0; python_version < '3.11'\",\n]\n[project.optional-dependencies]\nd = [\"aiohttp>=3.10\"]\ndev = [\"pytest\", \"click\"]\n[dependency-groups]\ntyping = [\"mypy==1.11\"]\n";
        let deps = parse(src, None).unwrap();
        assert_eq!(
            rows(&deps),
            [
                ("click", ">=8.0.0", Some(true), Some(false), 6),
                ("platformdirs", ">=2", Some(true), Some(false), 7),
                ("tomli", ">=1.1.0", Some(true), Some(false), 7),
                ("aiohttp", ">=3.10", Some(true), Some(false), 10),
                ("pytest", "", Some(true), Some(true), 11),
                // Not line 2, where the build system requires it.
                ("mypy", "1.11", Some(true), Some(true), 13),
            ]
        );
        assert_eq!(parse("[project]\nname = \n", None).unwrap_err().line, 2);
        let poetry = "[tool.poetry.dependencies]\npython = \"^3.11\"\nrequests = \"^2\"\n[tool.poetry.group.test.dependencies]\nrequests-mock = \"*\"\n";
        let lines: Vec<u32> = parse(poetry, None)
            .unwrap()
            .iter()
            .map(|d| d.line)
            .collect();
        assert_eq!(lines, [3, 5]);
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
