//! CI configuration: which files configure which CI system, whether they
//! run on changes (pushes, pull requests), and every line they run, with
//! the scripts they call followed: a `make test`, `npm run lint`, `just
//! ci` or `./scripts/test.sh` step brings in that target's recipe, that
//! script's lines. The checks then look for commands in these lines, each
//! with its file and line as evidence.

use crate::input::Tree;
use crate::shell::{self, Command};
use std::collections::HashSet;

/// A CI configuration file.
#[derive(Debug, Clone)]
pub struct CiFile {
    pub path: String,
    pub system: &'static str,
    /// Runs on pushes or pull requests (not only on a schedule, by hand,
    /// or on a release).
    pub on_changes: bool,
    /// What starts it, when the file says (GitHub Actions' `on:`).
    pub triggers: Vec<String>,
}

/// A line that CI runs: in a CI file, or in a script, make target or
/// package script that a CI line calls.
#[derive(Debug, Clone)]
pub struct Line {
    pub path: String,
    pub line: u32,
    pub text: String,
    /// The CI file this line is reached from.
    pub from: String,
}

#[derive(Debug, Default)]
pub struct Ci {
    pub files: Vec<CiFile>,
    pub lines: Vec<Line>,
    /// Each line's commands (by line index), parsed once for every check
    /// that reads them.
    commands: std::sync::OnceLock<Vec<(usize, Command)>>,
}

/// The CI system a path configures, if any. GitHub's composite actions
/// (`action.yml`) are read for their steps but configure no CI.
pub fn system(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    Some(match () {
        _ if dir == ".github/workflows" && yaml => "GitHub Actions",
        _ if name == ".gitlab-ci.yml" || name.ends_with(".gitlab-ci.yml") => "GitLab CI",
        _ if dir.starts_with(".gitlab/ci") && yaml => "GitLab CI",
        _ if path == ".circleci/config.yml" || path == ".circleci/config.yaml" => "CircleCI",
        _ if name == "Jenkinsfile"
            || name.starts_with("Jenkinsfile.")
            || name.ends_with(".jenkinsfile") =>
        {
            "Jenkins"
        }
        _ if name.starts_with("azure-pipelines") && yaml => "Azure Pipelines",
        _ if (dir == ".azure-pipelines" || dir == ".pipelines" || dir == "azure-pipelines")
            && yaml =>
        {
            "Azure Pipelines"
        }
        _ if path == ".cirrus.yml" || path == ".cirrus.star" => "Cirrus CI",
        _ if path == ".travis.yml" => "Travis CI",
        _ if dir == ".buildkite" && yaml => "Buildkite",
        _ if path == ".drone.yml" || path == ".drone.star" => "Drone",
        _ if path == ".woodpecker.yml" || path == ".woodpecker.yaml" => "Woodpecker",
        _ if dir == ".woodpecker" && yaml => "Woodpecker",
        _ if path == "bitbucket-pipelines.yml" => "Bitbucket Pipelines",
        _ if path == "appveyor.yml" || path == ".appveyor.yml" => "AppVeyor",
        _ if dir == ".semaphore" && yaml => "Semaphore",
        _ if path == "buildspec.yml" || path == "buildspec.yaml" => "AWS CodeBuild",
        _ if name == "cloudbuild.yaml" || name == "cloudbuild.yml" => "Google Cloud Build",
        _ if path == ".teamcity/settings.kts" => "TeamCity",
        _ => return None,
    })
}

fn composite_action(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    (name == "action.yml" || name == "action.yaml")
        && (path.starts_with(".github/") || !path.contains('/'))
}

/// Reads every CI file of the tree, and what its lines call.
pub fn read(tree: &dyn Tree) -> Ci {
    let mut ci = Ci::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: Vec<(String, u32, String, String)> = Vec::new();
    for path in tree.files() {
        let system = system(path);
        if system.is_none() && !composite_action(path) {
            continue;
        }
        let Some(text) = tree
            .read(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
        else {
            continue;
        };
        if let Some(system) = system {
            let (on_changes, triggers) = if system == "GitHub Actions" {
                github_triggers(&text)
            } else {
                (true, Vec::new())
            };
            ci.files.push(CiFile {
                path: path.clone(),
                system,
                on_changes,
                triggers,
            });
        }
        seen.insert(path.clone());
        for (n, l) in code_lines(&text) {
            queue.push((path.clone(), n, l, path.clone()));
        }
    }
    // Follow what the lines call, three levels deep at most.
    // Each line's commands are parsed here once, and kept for the checks.
    let mut commands = Vec::new();
    let mut depth = 0;
    while !queue.is_empty() && depth < 4 {
        let mut next = Vec::new();
        for (path, line, text, from) in queue.drain(..) {
            for cmd in shell::commands(&text) {
                for (p, n, l) in called(tree, &cmd, &mut seen) {
                    next.push((p, n, l, from.clone()));
                }
                commands.push((ci.lines.len(), cmd));
            }
            ci.lines.push(Line {
                path,
                line,
                text,
                from,
            });
        }
        queue = next;
        depth += 1;
    }
    let _ = ci.commands.set(commands);
    ci
}

/// Lines of a file with their numbers, without blank and comment lines.
pub fn code_lines(text: &str) -> Vec<(u32, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let t = l.trim();
            (!t.is_empty() && !t.starts_with('#') && !t.starts_with("//"))
                .then(|| (i as u32 + 1, t.to_string()))
        })
        .collect()
}

/// The lines a command brings in: a script file in the tree, a make or
/// just target's recipe, a package.json script. Each file or target once.
fn called(
    tree: &dyn Tree,
    cmd: &Command,
    seen: &mut HashSet<String>,
) -> Vec<(String, u32, String)> {
    let mut out = Vec::new();
    let tool = cmd.tool();
    let args = cmd.args();
    // A script run by path, or through an interpreter.
    let script = if matches!(
        tool,
        "bash" | "sh" | "zsh" | "python" | "python3" | "node" | "pwsh"
    ) {
        args.iter()
            .find(|a| !a.starts_with('-'))
            .map(|s| s.as_str())
    } else {
        Some(cmd.words[0].as_str())
    };
    if let Some(s) = script {
        let s = s.trim_start_matches("./");
        if tree.files().binary_search_by(|p| p.as_str().cmp(s)).is_ok()
            && seen.insert(s.to_string())
            && let Some(b) = tree.read(s)
        {
            for (n, l) in code_lines(&String::from_utf8_lossy(&b)) {
                out.push((s.to_string(), n, l));
            }
        }
    }
    let target = args
        .iter()
        .find(|a| !a.starts_with('-') && !a.contains('='));
    match (tool, target) {
        ("make" | "gmake", Some(t)) => recipe(tree, "Makefile", t, seen, &mut out, make_recipe),
        ("just", Some(t)) => {
            for f in ["justfile", "Justfile", ".justfile"] {
                recipe(tree, f, t, seen, &mut out, just_recipe);
            }
        }
        ("npm" | "yarn" | "pnpm" | "bun", Some(t)) => {
            let t = if t == "run" || t == "run-script" {
                args.iter()
                    .skip_while(|a| *a != "run" && *a != "run-script")
                    .nth(1)
            } else {
                Some(t)
            };
            if let Some(t) = t {
                let t = if t == "t" { "test" } else { t.as_str() };
                recipe(tree, "package.json", t, seen, &mut out, package_script);
            }
        }
        _ => {}
    }
    out
}

type RecipeFn = fn(&str, &str) -> Vec<(u32, String)>;

fn recipe(
    tree: &dyn Tree,
    file: &str,
    target: &str,
    seen: &mut HashSet<String>,
    out: &mut Vec<(String, u32, String)>,
    find: RecipeFn,
) {
    if !seen.insert(format!("{file}#{target}")) {
        return;
    }
    if let Some(b) = tree.read(file) {
        for (n, l) in find(&String::from_utf8_lossy(&b), target) {
            out.push((file.to_string(), n, l));
        }
    }
}

/// A make target's recipe lines, and its prerequisites' (one level).
fn make_recipe(text: &str, target: &str) -> Vec<(u32, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut wanted = vec![target.to_string()];
    let mut done = HashSet::new();
    while let Some(t) = wanted.pop() {
        if !done.insert(t.clone()) || done.len() > 8 {
            continue;
        }
        for (i, l) in lines.iter().enumerate() {
            let Some((names, deps)) = l.split_once(':') else {
                continue;
            };
            if l.starts_with('\t')
                || deps.starts_with('=')
                || !names.split_whitespace().any(|n| n == t)
            {
                continue;
            }
            wanted.extend(
                deps.split_whitespace()
                    .take_while(|d| *d != "#")
                    .map(str::to_string),
            );
            for (j, r) in lines.iter().enumerate().skip(i + 1) {
                if !r.starts_with('\t') {
                    break;
                }
                let r = r.trim().trim_start_matches(['@', '-']);
                if !r.is_empty() && !r.starts_with('#') {
                    out.push((j as u32 + 1, r.to_string()));
                }
            }
        }
    }
    out
}

/// A just recipe's indented lines.
fn just_recipe(text: &str, target: &str) -> Vec<(u32, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let head = l.split(':').next().unwrap_or_default();
        if l.starts_with([' ', '\t']) || head.split_whitespace().next() != Some(target) {
            continue;
        }
        if let Some((_, deps)) = l.split_once(':') {
            for d in deps.split_whitespace() {
                out.push((i as u32 + 1, format!("just {d}")));
            }
        }
        for (j, r) in lines.iter().enumerate().skip(i + 1) {
            if !r.starts_with([' ', '\t']) {
                break;
            }
            let r = r.trim().trim_start_matches('@');
            if !r.is_empty() && !r.starts_with('#') {
                out.push((j as u32 + 1, r.to_string()));
            }
        }
    }
    out
}

/// A package.json script's command, at its line.
fn package_script(text: &str, target: &str) -> Vec<(u32, String)> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let Some(cmd) = doc["scripts"][target].as_str() else {
        return Vec::new();
    };
    let key = format!("\"{target}\"");
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with(&key))
        .map_or(1, |i| i as u32 + 1);
    vec![(line, cmd.to_string())]
}

/// Whether a GitHub workflow runs on pushes, pull requests or merge
/// queues, and the events it names.
fn github_triggers(text: &str) -> (bool, Vec<String>) {
    let Ok(doc) = serde_saphyr::from_str::<serde_json::Value>(text) else {
        // A workflow we cannot parse: GitHub cannot either, but say it runs
        // rather than guess at its events.
        return (true, Vec::new());
    };
    let on = doc.get("on").or_else(|| doc.get("true"));
    let events: Vec<String> = match on {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        Some(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let on_changes = events.iter().any(|e| {
        matches!(
            e.as_str(),
            "push" | "pull_request" | "pull_request_target" | "merge_group"
        )
    });
    (on_changes, events)
}

impl Ci {
    /// CI files that run on changes.
    pub fn running(&self) -> impl Iterator<Item = &CiFile> {
        self.files.iter().filter(|f| f.on_changes)
    }

    /// Every command in every CI line, with its line.
    pub fn commands(&self) -> impl Iterator<Item = (&Line, &Command)> {
        self.commands
            .get_or_init(|| {
                self.lines
                    .iter()
                    .enumerate()
                    .flat_map(|(i, l)| shell::commands(&l.text).into_iter().map(move |c| (i, c)))
                    .collect()
            })
            .iter()
            .map(|(i, c)| (&self.lines[*i], c))
    }

    /// Whether lines reached from `file` run on changes.
    pub fn on_changes(&self, from: &str) -> bool {
        self.files
            .iter()
            .find(|f| f.path == from)
            .is_none_or(|f| f.on_changes)
    }

    /// GitHub `uses:` lines: (line, action, ref).
    pub fn uses(&self) -> impl Iterator<Item = (&Line, String, String)> {
        self.lines.iter().filter_map(|l| {
            let (action, r) = shell::uses(&l.text)?;
            Some((l, action, r))
        })
    }
}
