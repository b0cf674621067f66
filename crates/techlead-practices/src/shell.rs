//! Commands in a line of CI configuration or script, as far as a
//! scorecard needs them: the YAML key in front (`- run:`, `script:`) is
//! dropped, the line is split at `&&`, `||`, `;` and `|`, and launchers
//! (`npx`, `poetry run`, `python -m`, `bundle exec`, `sudo`, `FOO=bar`)
//! are stepped over, so `uv run --frozen pytest -x` is the tool `pytest`.

/// One simple command: its words, launchers removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub words: Vec<String>,
    /// The command as written (launchers and `${{ }}` expressions
    /// included), for messages.
    pub written: String,
}

/// Words that start a command and run the next word as the tool.
const LAUNCHERS: &[&[&str]] = &[
    &["sudo"],
    &["time"],
    &["exec"],
    &["env"],
    &["npx"],
    &["bunx"],
    &["uvx"],
    &["pipx", "run"],
    &["pnpm", "exec"],
    &["pnpm", "dlx"],
    &["yarn", "dlx"],
    &["npm", "exec"],
    &["poetry", "run"],
    &["uv", "run"],
    &["pipenv", "run"],
    &["pdm", "run"],
    &["rye", "run"],
    &["hatch", "run"],
    &["bundle", "exec"],
    &["python", "-m"],
    &["python3", "-m"],
    &["py", "-m"],
    &["xvfb-run"],
    &["dotenv", "--"],
];

/// Shell keywords in front of a command: `if ! cov-build --dir x make`.
const KEYWORDS: &[&str] = &["if", "!", "then", "else", "elif", "do", "while", "until"];

/// Tools that launchers commonly run, to find them behind options whose
/// values are not known.
const KNOWN: &[&str] = &[
    "pytest",
    "tox",
    "nox",
    "mypy",
    "ruff",
    "flake8",
    "pylint",
    "pyright",
    "coverage",
    "jest",
    "vitest",
    "mocha",
    "eslint",
    "tsc",
    "biome",
    "rspec",
    "rake",
    "rails",
    "rubocop",
    "phpunit",
    "phpstan",
    "python",
    "python3",
    "django-admin",
    "manage.py",
    "behave",
    "bandit",
    "semgrep",
    "cargo",
    "go",
    "make",
    "node",
];

impl Command {
    /// The tool: the first word's file name, without `.exe`, `.cmd`.
    pub fn tool(&self) -> &str {
        let w = self.words.first().map(String::as_str).unwrap_or_default();
        let name = w.rsplit(['/', '\\']).next().unwrap_or(w);
        name.trim_end_matches(".exe")
            .trim_end_matches(".cmd")
            .trim_end_matches(".bat")
    }

    pub fn args(&self) -> &[String] {
        self.words.get(1..).unwrap_or_default()
    }

    /// The first `n` arguments that are not options.
    pub fn subcommands(&self, n: usize) -> Vec<&str> {
        self.args()
            .iter()
            .filter(|a| !a.starts_with('-') && !a.starts_with('+'))
            .take(n)
            .map(String::as_str)
            .collect()
    }

    /// Whether any argument is `word` or starts with `word=`.
    pub fn has(&self, word: &str) -> bool {
        self.args()
            .iter()
            .any(|a| a == word || a.strip_prefix(word).is_some_and(|r| r.starts_with('=')))
    }

    /// The command as written, for messages.
    pub fn text(&self) -> String {
        self.written.clone()
    }
}

/// The commands in one line.
pub fn commands(line: &str) -> Vec<Command> {
    let line = strip_key(line.trim());
    let mut out = Vec::new();
    for part in split_operators(line) {
        let mut words: Vec<String> = part
            .split_whitespace()
            .map(|w| {
                w.trim_matches(['"', '\'', '`', '(', ')', '{', '}', ','])
                    .to_string()
            })
            .filter(|w| !w.is_empty())
            .collect();
        while words.len() > 1 && KEYWORDS.contains(&words[0].as_str()) {
            words.remove(0);
        }
        loop {
            // Environment assignments in front: `CI=1 RUSTFLAGS=-Dwarnings cargo test`.
            while words.first().is_some_and(|w| {
                w.contains('=')
                    && !w.starts_with('-')
                    && w.split('=')
                        .next()
                        .is_some_and(|k| k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            }) {
                words.remove(0);
            }
            let Some(l) = LAUNCHERS
                .iter()
                .find(|l| words.len() > l.len() && l.iter().zip(&words).all(|(a, b)| a == b))
            else {
                break;
            };
            words.drain(..l.len());
            while words.first().is_some_and(|w| w.starts_with('-')) {
                words.remove(0);
            }
            // An option's value looks like a tool (`uv run --group dev tox`):
            // step over it to a tool we know a few words on.
            if !words.first().is_some_and(|w| KNOWN.contains(&w.as_str()))
                && let Some(i) = words
                    .iter()
                    .take(4)
                    .position(|w| KNOWN.contains(&w.as_str()))
            {
                words.drain(..i);
            }
        }
        if !words.is_empty() {
            out.push(Command {
                words,
                written: part.trim().to_string(),
            });
        }
    }
    out
}

/// The line without a YAML list dash and key (`- run:`, `script:`,
/// `command:`), or a Jenkins `sh '...'`.
fn strip_key(line: &str) -> &str {
    let mut l = line.trim_start_matches("- ").trim();
    for key in [
        "run:",
        "script:",
        "command:",
        "commands:",
        "cmd:",
        "entrypoint:",
        "before_script:",
        "after_script:",
        "install:",
        "test_script:",
        "build_script:",
        "sh:",
        "bash:",
        "pwsh:",
        "powershell:",
    ] {
        if let Some(rest) = l.strip_prefix(key) {
            l = rest.trim();
            break;
        }
    }
    for call in ["sh ", "bat ", "powershell "] {
        if let Some(rest) = l.strip_prefix(call)
            && rest.starts_with(['\'', '"'])
        {
            return rest.trim_matches(['\'', '"', ' ']);
        }
    }
    l.trim_start_matches("- ").trim_matches(['|', '>']).trim()
}

/// Splits at `&&`, `||`, `;` and `|` outside quotes.
fn split_operators(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let bytes = line.as_bytes();
    let (mut start, mut i) = (0, 0);
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b';' || b == b'|' || (b == b'&' && bytes.get(i + 1) == Some(&b'&')) => {
                parts.push(&line[start..i]);
                let width = if bytes.get(i + 1) == Some(&b) { 2 } else { 1 };
                i += width;
                start = i;
                continue;
            }
            None => {}
        }
        i += 1;
    }
    parts.push(&line[start..]);
    parts
}

/// A GitHub `uses:` line: the action (or `docker://` image, or local
/// path) and its ref after `@`.
pub fn uses(line: &str) -> Option<(String, String)> {
    let l = line.trim().trim_start_matches("- ").trim();
    let v = l.strip_prefix("uses:")?.trim();
    let v = v
        .split(" #")
        .next()
        .unwrap_or(v)
        .trim()
        .trim_matches(['"', '\'']);
    if v.starts_with("./") || v.starts_with("../") {
        return Some((v.to_string(), String::new()));
    }
    let (action, r) = v.rsplit_once('@')?;
    Some((action.to_string(), r.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tools(line: &str) -> Vec<String> {
        commands(line).iter().map(|c| c.words.join(" ")).collect()
    }

    #[test]
    fn lines_to_commands() {
        assert_eq!(
            tools("- run: cargo test --workspace"),
            ["cargo test --workspace"]
        );
        assert_eq!(tools("run: uv run --frozen pytest -x"), ["pytest -x"]);
        assert_eq!(
            tools("- run: uv run --locked --group dev tox run"),
            ["tox run"]
        );
        assert_eq!(tools("npm ci && npx jest --ci"), ["npm ci", "jest --ci"]);
        assert_eq!(tools("RUSTFLAGS=-Dwarnings cargo clippy"), ["cargo clippy"]);
        assert_eq!(tools("sh 'make test'"), ["make test"]);
        assert_eq!(tools("python -m pytest tests/"), ["pytest tests/"]);
        assert_eq!(tools("echo 'a && b' | tee x"), ["echo a && b", "tee x"]);
        assert_eq!(commands("./gradlew build")[0].tool(), "gradlew");
        assert!(commands("cargo clippy -- -D warnings")[0].has("-D"));
        // Shell keywords are stepped over; messages show what was written.
        assert_eq!(
            tools("if ! cov-build --dir cov-int make"),
            ["cov-build --dir cov-int make"]
        );
        assert_eq!(tools("then"), ["then"]);
        let c = &commands("- run: ci/run-test-slice.sh $((${{matrix.nr}} + 1)) 10")[0];
        assert_eq!(c.text(), "ci/run-test-slice.sh $((${{matrix.nr}} + 1)) 10");
    }

    #[test]
    fn uses_lines() {
        assert_eq!(
            uses("- uses: actions/checkout@v4 # pinned later"),
            Some(("actions/checkout".into(), "v4".into()))
        );
        assert_eq!(
            uses("uses: ./.github/actions/x"),
            Some(("./.github/actions/x".into(), String::new()))
        );
        assert_eq!(uses("run: x"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,60}") {
            let _ = commands(&s);
            let _ = uses(&s);
        }
    }
}
