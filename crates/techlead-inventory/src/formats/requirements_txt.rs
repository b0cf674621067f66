//! `requirements*.txt` (pip): one requirement per line, with comments,
//! line continuations, environment markers, extras and options. Local
//! paths and editable installs are not external packages. Every listed
//! package is direct; whether it is dev is decided by the file's name (see
//! `find.rs`).

use crate::{Dep, ParseError};

/// `requirements.txt`, `requirements-dev.txt`, `requirements_test.txt`...
pub fn matches(name: &str) -> bool {
    name.starts_with("requirements") && name.ends_with(".txt")
}

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let mut out: Vec<Dep> = Vec::new();
    let mut installs_itself = false;
    let mut logical = String::new();
    let mut start = 0u32;
    for (n, raw) in text.lines().enumerate() {
        let line = n as u32 + 1;
        if logical.is_empty() {
            start = line;
        }
        // A ` #` starts a comment; `#` inside a URL fragment (`#egg=`) does not.
        let code = match raw.find(" #").or_else(|| raw.starts_with('#').then_some(0)) {
            Some(i) => &raw[..i],
            None => raw,
        };
        if let Some(cont) = code.trim_end().strip_suffix('\\') {
            logical.push_str(cont);
            logical.push(' ');
            continue;
        }
        logical.push_str(code);
        let req = logical.trim().trim_start_matches('\u{feff}').to_string();
        logical.clear();
        if req.is_empty() {
            continue;
        }
        installs_itself |= is_own_project(&req);
        if let Some(dep) = requirement(&req, start)?
            && !out
                .iter()
                .any(|d| d.name == dep.name && d.version == dep.version)
        {
            out.push(dep);
        }
    }
    // A file that installs the project itself (`-e .`) lists what a
    // development environment adds: the project's own requirements are in
    // its pyproject.toml or setup.py, so everything else here is dev.
    if installs_itself {
        for d in &mut out {
            d.dev = Some(true);
        }
    }
    Ok(out)
}

/// `-e .`, `-e .[dev]`, `.`, `./`: the file installs the project in its
/// own folder, so it sets up an environment to work on that project.
fn is_own_project(req: &str) -> bool {
    let target = req
        .strip_prefix("-e")
        .or_else(|| req.strip_prefix("--editable"))
        .unwrap_or(req)
        .trim();
    let path = target.split('[').next().unwrap_or(target).trim();
    path == "." || path == "./"
}

fn requirement(req: &str, line: u32) -> Result<Option<Dep>, ParseError> {
    if req.starts_with('-') {
        // Options: -r/-c includes, index URLs, hashes; `-e` is editable
        // (a local checkout, or a VCS URL with #egg=name).
        let rest = req
            .strip_prefix("-e")
            .or_else(|| req.strip_prefix("--editable"))
            .map(str::trim);
        return Ok(rest.and_then(|r| url_requirement(r, line)));
    }
    if req.starts_with('.') || req.starts_with('/') || req.starts_with("file:") {
        return Ok(None);
    }
    // A bare URL (`git+https://...#egg=x`), not `name @ https://...`.
    let bare_url = req.split_once("://").is_some_and(|(scheme, _)| {
        scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+')
    });
    if bare_url {
        return Ok(url_requirement(req, line));
    }
    // name[extras] (spec) @ url ; marker
    let req = req.split(';').next().unwrap_or(req).trim();
    let req = req.split(" --").next().unwrap_or(req).trim();
    let name_end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(req.len());
    let name = &req[..name_end];
    if name.is_empty() {
        return Err(ParseError::new(line, format!("not a requirement: `{req}`")));
    }
    let mut rest = req[name_end..].trim();
    if rest.starts_with('[') {
        rest = rest.split_once(']').map_or("", |(_, r)| r).trim();
    }
    if let Some(url) = rest.strip_prefix('@') {
        let local = url.trim().starts_with("file:");
        return Ok((!local).then(|| dep(name, "", line)));
    }
    let spec = rest.trim_start_matches('(').trim_end_matches(')').trim();
    let version = spec.strip_prefix("==").map_or(spec, str::trim);
    Ok(Some(dep(name, &version.replace(' ', ""), line)))
}

/// `git+https://host/repo.git@v1#egg=name`: external, named by its egg.
fn url_requirement(url: &str, line: u32) -> Option<Dep> {
    if url.starts_with('.') || url.starts_with('/') || url.starts_with("file:") {
        return None;
    }
    let egg = url.split("#egg=").nth(1)?;
    let name = egg.split(['&', ' ']).next()?;
    (!name.is_empty()).then(|| dep(name, "", line))
}

fn dep(name: &str, version: &str, line: u32) -> Dep {
    Dep {
        license: None,
        depends: Vec::new(),
        declared_by: Vec::new(),
        requested: Vec::new(),
        name: name.to_string(),
        version: version.to_string(),
        direct: Some(true),
        dev: None,
        line,
        released: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_line_form() {
        let src = "# pinned\nrequests==2.32.3\nPyYAML==6.0.1  # config\nDjango>=4.2,<5 ; python_version >= \"3.10\"\nuvicorn[standard] == 0.30.1 \\\n    --hash=sha256:abc\n-r base.txt\n--index-url https://pypi.org/simple\n-e ./local\n-e git+https://github.com/a/b.git@v1#egg=bee\n./vendored/pkg\nflask\nhttpx @ https://example.com/httpx-0.27.whl\nrequests==2.32.3\n";
        let deps = parse(src, None).unwrap();
        let rows: Vec<(&str, &str, u32)> = deps
            .iter()
            .map(|d| (d.name.as_str(), d.version.as_str(), d.line))
            .collect();
        assert_eq!(
            rows,
            [
                ("requests", "2.32.3", 2),
                ("PyYAML", "6.0.1", 3),
                ("Django", ">=4.2,<5", 4),
                ("uvicorn", "0.30.1", 5),
                ("bee", "", 10),
                ("flask", "", 12),
                ("httpx", "", 13),
            ]
        );
        assert!(deps.iter().all(|d| d.direct == Some(true)));
    }

    #[test]
    fn a_file_that_installs_the_project_itself_is_for_development() {
        let deps = parse("-e .[brotli,cli]\nchardet==5.2.0\nmkdocs==1.6.1\n", None).unwrap();
        assert!(deps.iter().all(|d| d.dev == Some(true)));
        let deps = parse("-e ./libs/shared\nrequests==2\n", None).unwrap();
        assert_eq!(deps[0].dev, None);
    }

    #[test]
    fn nonsense_names_the_line() {
        assert_eq!(parse("ok==1\n==2\n", None).unwrap_err().line, 2);
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
