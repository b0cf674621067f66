//! `pyproject.toml`: the PEP 621 project name and dependencies, optional
//! dependencies ("extras"), PEP 735 `[dependency-groups]`, uv's
//! `tool.uv.dev-dependencies` and Poetry's `[tool.poetry]` dependencies,
//! `dev-dependencies` and groups.
//!
//! What is development: dependency groups, uv dev-dependencies, Poetry's
//! dev-dependencies and every Poetry group but `main`, and extras whose
//! name says so ([`crate::pypi::DEV_EXTRAS`]: `dev`, `test`, `lint`,
//! `docs`, `typing`, ...). Everything else is needed at run time.

use crate::ManifestError;
use crate::pypi::{is_dev_extra, pep503, pep508_name, pep508_spec};
use std::collections::HashSet;
use toml::{Table, Value};

/// Where a pyproject.toml declares a dependency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyGroup {
    /// `[project] dependencies`.
    Project,
    /// `[project.optional-dependencies]`, by extra.
    Extra(String),
    /// PEP 735 `[dependency-groups]`, by group.
    Group(String),
    /// `[tool.uv] dev-dependencies`.
    UvDev,
    /// `[tool.poetry.dependencies]` (group `main`),
    /// `[tool.poetry.dev-dependencies]` (group `dev`) or
    /// `[tool.poetry.group.NAME.dependencies]`.
    Poetry(String),
}

impl PyGroup {
    /// Only needed for development and tests.
    pub fn is_dev(&self) -> bool {
        match self {
            PyGroup::Project => false,
            PyGroup::Extra(e) => is_dev_extra(e),
            PyGroup::Group(_) | PyGroup::UvDev => true,
            PyGroup::Poetry(g) => g != "main",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyDep {
    /// As written.
    pub name: String,
    /// The version specifier as written, without spaces (`>=2,<3`; `""`
    /// for none); Poetry's constraint string, or `""` for a table.
    pub spec: String,
    pub group: PyGroup,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pyproject {
    /// `[project] name`, else `[tool.poetry] name`.
    pub name: Option<String>,
    pub dependencies: Vec<PyDep>,
}

impl Pyproject {
    pub fn parse(text: &str) -> Result<Self, ManifestError> {
        // Editors on Windows write a byte-order mark; the tools accept it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc: Table =
            toml::from_str(text).map_err(|e| ManifestError::toml(text, "pyproject.toml", &e))?;
        let mut out = Pyproject::default();
        let project = doc.get("project");
        let poetry = doc.get("tool").and_then(|t| t.get("poetry"));
        out.name = project
            .or(poetry)
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let mut push_reqs = |v: Option<&Value>, group: PyGroup| {
            for r in v.and_then(Value::as_array).into_iter().flatten() {
                // `{ include-group = "x" }` entries name a group, not a package.
                if let Some(r) = r.as_str()
                    && !pep508_name(r).is_empty()
                {
                    out.dependencies.push(PyDep {
                        name: pep508_name(r).to_string(),
                        spec: pep508_spec(r),
                        group: group.clone(),
                    });
                }
            }
        };
        push_reqs(
            project.and_then(|p| p.get("dependencies")),
            PyGroup::Project,
        );
        if let Some(extras) = project
            .and_then(|p| p.get("optional-dependencies"))
            .and_then(Value::as_table)
        {
            for (extra, list) in extras {
                push_reqs(Some(list), PyGroup::Extra(extra.clone()));
            }
        }
        if let Some(groups) = doc.get("dependency-groups").and_then(Value::as_table) {
            for (group, list) in groups {
                push_reqs(Some(list), PyGroup::Group(group.clone()));
            }
        }
        let uv_dev = doc
            .get("tool")
            .and_then(|t| t.get("uv"))
            .and_then(|u| u.get("dev-dependencies"));
        match uv_dev {
            Some(Value::Table(t)) => {
                for list in t.values() {
                    push_reqs(Some(list), PyGroup::UvDev);
                }
            }
            other => push_reqs(other, PyGroup::UvDev),
        }
        let mut poetry_table = |v: Option<&Value>, group: &str| {
            for (name, spec) in v.and_then(Value::as_table).into_iter().flatten() {
                if name == "python" {
                    continue;
                }
                out.dependencies.push(PyDep {
                    name: name.clone(),
                    spec: spec.as_str().unwrap_or_default().to_string(),
                    group: PyGroup::Poetry(group.to_string()),
                });
            }
        };
        poetry_table(poetry.and_then(|p| p.get("dependencies")), "main");
        poetry_table(poetry.and_then(|p| p.get("dev-dependencies")), "dev");
        if let Some(groups) = poetry
            .and_then(|p| p.get("group"))
            .and_then(Value::as_table)
        {
            for (name, group) in groups {
                poetry_table(group.get("dependencies"), name);
            }
        }
        Ok(out)
    }

    /// PEP 503-normalised names needed at run time, and those needed only
    /// for development (a name in both is runtime).
    pub fn runtime_and_dev(&self) -> (HashSet<String>, HashSet<String>) {
        let mut runtime = HashSet::new();
        let mut dev = HashSet::new();
        for d in &self.dependencies {
            if d.group.is_dev() {
                dev.insert(pep503(&d.name));
            } else {
                runtime.insert(pep503(&d.name));
            }
        }
        dev.retain(|d| !runtime.contains(d));
        (runtime, dev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(s: HashSet<String>) -> Vec<String> {
        let mut v: Vec<String> = s.into_iter().collect();
        v.sort();
        v
    }

    #[test]
    fn every_section_and_what_is_dev() {
        let p = Pyproject::parse("[project]\nname = \"svc\"\ndependencies = [\"Requests>=2\"]\n[project.optional-dependencies]\ncli = [\"click\"]\ntests = [\"pytest-cov\"]\nTyping = [\"mypy==1.10\"]\n[dependency-groups]\ndev = [\"pytest>=8\", { include-group = \"lint\" }]\n[tool.uv]\ndev-dependencies = [\"ruff\"]\n[tool.poetry.dependencies]\npython = \"^3.11\"\nhttpx = \"*\"\n[tool.poetry.dev-dependencies]\nblack = \"*\"\n[tool.poetry.group.test.dependencies]\nhypothesis = { version = \"*\" }\n").unwrap();
        assert_eq!(p.name.as_deref(), Some("svc"));
        let (r, d) = p.runtime_and_dev();
        assert_eq!(sorted(r), ["click", "httpx", "requests"]);
        assert_eq!(
            sorted(d),
            [
                "black",
                "hypothesis",
                "mypy",
                "pytest",
                "pytest-cov",
                "ruff"
            ]
        );
        let mypy = p.dependencies.iter().find(|d| d.name == "mypy").unwrap();
        assert_eq!(mypy.spec, "1.10");
        assert_eq!(Pyproject::parse("[project\n").unwrap_err().line, 1);
        let bom = Pyproject::parse("\u{feff}[project]\nname = \"x\"\n").unwrap();
        assert_eq!(bom.name.as_deref(), Some("x"));
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = Pyproject::parse(&s);
        }
    }
}
