//! `architecture-checks`: module boundaries declared (techlead.toml
//! `[boundaries]` modules, tach, import-linter, dependency-cruiser,
//! go-arch-lint, arch-go, deptrac, packwerk, ESLint boundary rules,
//! ArchUnit) 5 points, and checked in CI (`techlead check`, `tach check`,
//! `lint-imports`, `depcruise`, ..., or ArchUnit tests in a CI test run)
//! 5 points. Under 10,000 source lines with nothing declared it is n/a:
//! boundaries pay off in larger codebases.

use super::ci::test_runner;
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};

/// Boundary tools' configuration: (path, tool).
fn declared(f: &Facts) -> Vec<(String, Option<u32>, String)> {
    let mut out = Vec::new();
    let b = &f.input.boundaries;
    if b.modules > 0 {
        let at = b.config.clone().unwrap_or_else(|| "techlead.toml".into());
        out.push((
            at,
            None,
            format!(
                "{} declared for techlead",
                super::count(b.modules, "module")
            ),
        ));
    } else if let Some(t) = f.read("techlead.toml") {
        let n = t.matches("[[boundaries.modules]]").count();
        if n > 0 {
            out.push((
                "techlead.toml".into(),
                None,
                format!("{} declared for techlead", super::count(n, "module")),
            ));
        }
    }
    for p in f.files() {
        let name = p.rsplit('/').next().unwrap_or(p);
        let tool = match name {
            "tach.toml" | "tach.yml" | "tach.yaml" => "tach",
            ".importlinter" => "import-linter",
            "setup.cfg" | "tox.ini" | "pyproject.toml"
                if f.read(p).is_some_and(|t| t.contains("importlinter")) =>
            {
                "import-linter"
            }
            ".go-arch-lint.yml" | ".go-arch-lint.yaml" => "go-arch-lint",
            "arch-go.yml" | ".arch-go.yml" => "arch-go",
            "deptrac.yaml" | "deptrac.yml" | "depfile.yaml" => "deptrac",
            "packwerk.yml" => "packwerk",
            _ if name.starts_with(".dependency-cruiser") => "dependency-cruiser",
            _ if name.starts_with(".eslintrc") || name.starts_with("eslint.config") => {
                match f.read(p) {
                    Some(t)
                        if t.contains("enforce-module-boundaries")
                            || t.contains("boundaries/element-types") =>
                    {
                        "ESLint boundary rules"
                    }
                    _ => continue,
                }
            }
            _ => continue,
        };
        out.push((p.clone(), None, tool.to_string()));
    }
    if let Some(p) = f
        .input
        .packages
        .iter()
        .find(|p| p.name.to_ascii_lowercase().contains("archunit") || p.name == "konsist")
    {
        out.push((
            p.source.clone(),
            (p.line > 0).then_some(p.line),
            format!("{} (architecture tests)", p.name),
        ));
    }
    out
}

fn checks_boundaries(tool: &str, sub: &[&str]) -> bool {
    match tool {
        "techlead" => {
            matches!(sub.first(), Some(&"check")) || sub.starts_with(&["boundaries", "check"])
        }
        "tach" => sub.first() == Some(&"check"),
        "lint-imports" | "depcruise" | "dependency-cruiser" | "go-arch-lint" | "arch-go"
        | "deptrac" => true,
        "packwerk" => sub.first() == Some(&"check"),
        _ => false,
    }
}

pub fn architecture_checks(f: &Facts) -> CheckResult {
    let declared = declared(f);
    let source = f.code.source_lines();
    if declared.is_empty() && source < 10_000 {
        return CheckResult::not_applicable(
            "architecture-checks",
            format!("{source} source lines: module boundaries pay off in larger codebases"),
        );
    }
    let mut evidence: Vec<Evidence> = declared
        .iter()
        .map(|(p, l, t)| Evidence::file(p, *l, t.clone()))
        .collect();
    let mut in_ci: Vec<Evidence> = Vec::new();
    let archunit = declared
        .iter()
        .any(|(_, _, t)| t.contains("architecture tests"));
    for (line, cmd) in f.ci.commands() {
        if !f.ci.on_changes(&line.from) {
            continue;
        }
        if checks_boundaries(cmd.tool(), &cmd.subcommands(2)) || (archunit && test_runner(cmd)) {
            in_ci.push(Evidence::file(
                &line.path,
                Some(line.line),
                format!("`{}`", cmd.text()),
            ));
        }
    }
    for (line, action, _) in f.ci.uses() {
        if action.to_ascii_lowercase().contains("techlead") {
            in_ci.push(Evidence::file(&line.path, Some(line.line), action.clone()));
        }
    }
    let (score, reason) = match (declared.is_empty(), in_ci.is_empty()) {
        (false, false) => (
            10.0,
            "module boundaries declared and checked in CI".to_string(),
        ),
        (false, true) => (
            5.0,
            "module boundaries declared, but no CI job checks them".to_string(),
        ),
        (true, false) => (
            5.0,
            "CI runs a boundary tool, but no boundaries are declared".to_string(),
        ),
        (true, true) => (
            0.0,
            format!(
                "{source} source lines and no module boundaries declared (techlead.toml [boundaries], tach, import-linter, dependency-cruiser, ArchUnit, ...)"
            ),
        ),
    };
    evidence.extend(in_ci.into_iter().take(super::EXAMPLES));
    CheckResult::scored("architecture-checks", score, reason).with(evidence)
}
