//! PyPI names. Distributions are compared as PyPI compares them (PEP 503):
//! case-insensitive, with runs of `-`, `_` and `.` as one `-`. Import
//! names (`yaml`, `flask_cors`) go through the same normaliser when they
//! are compared with a distribution's name.

/// PEP 503 normalisation: lowercase, runs of `-`, `_` and `.` as one `-`
/// (`Flask_Cors` and `flask.cors` are `flask-cors`). Leading and trailing
/// separators, which valid names never have, are dropped.
pub fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The package name at the start of a PEP 508 requirement string
/// (`requests[socks]>=2 ; python_version<"3.9"` is `requests`).
pub fn pep508_name(req: &str) -> &str {
    let req = req.trim();
    let end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(req.len());
    &req[..end]
}

/// What a PEP 508 requirement asks for after its name and extras, up to
/// its marker: `>=2,<3` for `requests[socks] >= 2, <3 ; python_version<"3.9"`,
/// `""` when it pins nothing, a URL requirement's `@ url` as `""` too.
pub fn pep508_spec(req: &str) -> String {
    let req = req.split(';').next().unwrap_or(req).trim();
    let mut rest = req[pep508_name(req).len()..].trim();
    if rest.starts_with('[') {
        rest = rest.split_once(']').map_or("", |(_, r)| r).trim();
    }
    if rest.starts_with('@') {
        return String::new();
    }
    let spec = rest.trim_start_matches('(').trim_end_matches(')').trim();
    spec.strip_prefix("==")
        .map_or(spec, str::trim)
        .replace(' ', "")
}

/// Optional-dependency groups ("extras") that by their name are for
/// development, not for users: an extra is runtime unless its name is one
/// of these. Projects use extras this way because PEP 735 dependency
/// groups are recent.
pub const DEV_EXTRAS: &[&str] = &[
    "dev",
    "devel",
    "develop",
    "development",
    "test",
    "tests",
    "testing",
    "lint",
    "linting",
    "linters",
    "doc",
    "docs",
    "documentation",
    "typing",
    "types",
    "mypy",
    "type-checking",
    "typecheck",
    "style",
    "format",
    "formatting",
    "qa",
    "check",
    "checks",
    "ci",
    "coverage",
    "cov",
    "benchmark",
    "benchmarks",
    "bench",
];

/// Is an extra of this name for development? Compared PEP 503-normalised
/// (`Tests`, `type_checking`).
pub fn is_dev_extra(extra: &str) -> bool {
    let n = pep503(extra);
    DEV_EXTRAS.contains(&n.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_specs() {
        assert_eq!(pep503("Flask_Cors..x"), "flask-cors-x");
        assert_eq!(pep503("PyYAML"), "pyyaml");
        assert_eq!(pep503("zope.interface"), "zope-interface");
        assert_eq!(pep508_name("requests[socks]>=2 ; x"), "requests");
        assert_eq!(pep508_spec("requests[socks] >= 2, <3 ; x"), ">=2,<3");
        assert_eq!(pep508_spec("black==24.1.0"), "24.1.0");
        assert_eq!(pep508_spec("httpx @ https://x/httpx.whl"), "");
        assert_eq!(pep508_spec("click"), "");
        assert!(is_dev_extra("Tests"));
        assert!(is_dev_extra("type_checking"));
        assert!(!is_dev_extra("socks"));
        assert!(!is_dev_extra("cli"));
    }
}
