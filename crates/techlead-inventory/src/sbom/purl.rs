//! Package URLs (purl, <https://github.com/package-url/purl-spec>) for
//! every ecosystem the inventory reads: `pkg:cargo/serde@1.0.203`,
//! `pkg:npm/%40babel/core@7.24.5`, `pkg:pypi/typing-extensions@4.12.2`,
//! `pkg:golang/github.com/spf13/cobra@v1.8.0`, `pkg:gem/rack@3.0.11`,
//! `pkg:maven/org.slf4j/slf4j-api@2.0.13`, `pkg:composer/monolog/monolog@3.6.0`.

use crate::Ecosystem;

/// Whether a version is one release rather than a range or a placeholder
/// (`^1.2`, `>=2`, `${slf4j.version}`, `1.*`): a purl names only exact
/// versions.
pub fn is_exact(version: &str) -> bool {
    version.starts_with(|c: char| c.is_ascii_alphanumeric())
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_+~".contains(c))
}

/// Percent-encodes everything but the unreserved characters.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The purl type of an ecosystem.
pub fn kind(eco: Ecosystem) -> &'static str {
    match eco {
        Ecosystem::Cargo => "cargo",
        Ecosystem::Npm => "npm",
        Ecosystem::Pypi => "pypi",
        Ecosystem::Go => "golang",
        Ecosystem::Rubygems => "gem",
        Ecosystem::Maven => "maven",
        Ecosystem::Packagist => "composer",
    }
}

/// The namespace (npm scope, Maven group, Go module path, Composer vendor)
/// and the name, as the purl type defines them.
pub fn split_name(eco: Ecosystem, name: &str) -> (Option<String>, String) {
    match eco {
        Ecosystem::Npm | Ecosystem::Go | Ecosystem::Packagist => {
            let lower = |s: &str| match eco {
                // Composer names are case-insensitive; npm and Go are not.
                Ecosystem::Packagist => s.to_ascii_lowercase(),
                _ => s.to_string(),
            };
            match name.rsplit_once('/') {
                Some((ns, n)) => (Some(lower(ns)), lower(n)),
                None => (None, lower(name)),
            }
        }
        Ecosystem::Maven => match name.split_once(':') {
            Some((g, a)) => (Some(g.to_string()), a.to_string()),
            None => (None, name.to_string()),
        },
        // PEP 503 spelling, as the purl spec asks: lowercase, `_` as `-`.
        Ecosystem::Pypi => (None, techlead_project::pep503(name)),
        Ecosystem::Cargo | Ecosystem::Rubygems => (None, name.to_string()),
    }
}

/// The purl of a package at `version`; without a version when it is not
/// an exact one.
pub fn purl(eco: Ecosystem, name: &str, version: &str) -> String {
    let (namespace, short) = split_name(eco, name);
    let mut out = format!("pkg:{}/", kind(eco));
    if let Some(ns) = namespace {
        for segment in ns.split('/').filter(|s| !s.is_empty()) {
            out.push_str(&encode(segment));
            out.push('/');
        }
    }
    out.push_str(&encode(&short));
    if is_exact(version) {
        // A gem built for a platform: `1.16.5-x86_64-linux`.
        let (version, platform) = match eco {
            Ecosystem::Rubygems => match version.split_once('-') {
                Some((v, p)) => (v, Some(p)),
                None => (version, None),
            },
            _ => (version, None),
        };
        out.push('@');
        out.push_str(&encode(version));
        if let Some(p) = platform {
            out.push_str("?platform=");
            out.push_str(&encode(p));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_ecosystem() {
        for (eco, name, version, expected) in [
            (
                Ecosystem::Cargo,
                "serde",
                "1.0.203",
                "pkg:cargo/serde@1.0.203",
            ),
            (
                Ecosystem::Cargo,
                "wasi",
                "0.11.0+wasi-snapshot-preview1",
                "pkg:cargo/wasi@0.11.0%2Bwasi-snapshot-preview1",
            ),
            (
                Ecosystem::Npm,
                "@babel/core",
                "7.24.5",
                "pkg:npm/%40babel/core@7.24.5",
            ),
            (
                Ecosystem::Npm,
                "lodash",
                "4.17.21",
                "pkg:npm/lodash@4.17.21",
            ),
            (
                Ecosystem::Pypi,
                "Typing_Extensions",
                "4.12.2",
                "pkg:pypi/typing-extensions@4.12.2",
            ),
            (Ecosystem::Pypi, "requests", ">=2", "pkg:pypi/requests"),
            (
                Ecosystem::Go,
                "github.com/spf13/cobra",
                "v1.8.0",
                "pkg:golang/github.com/spf13/cobra@v1.8.0",
            ),
            (
                Ecosystem::Go,
                "github.com/docker/docker",
                "v24.0.9+incompatible",
                "pkg:golang/github.com/docker/docker@v24.0.9%2Bincompatible",
            ),
            (Ecosystem::Rubygems, "rack", "3.0.11", "pkg:gem/rack@3.0.11"),
            (
                Ecosystem::Rubygems,
                "nokogiri",
                "1.16.5-x86_64-linux",
                "pkg:gem/nokogiri@1.16.5?platform=x86_64-linux",
            ),
            (
                Ecosystem::Maven,
                "org.slf4j:slf4j-api",
                "2.0.13",
                "pkg:maven/org.slf4j/slf4j-api@2.0.13",
            ),
            (
                Ecosystem::Maven,
                "org.slf4j:slf4j-api",
                "${slf4j.version}",
                "pkg:maven/org.slf4j/slf4j-api",
            ),
            (
                Ecosystem::Packagist,
                "Monolog/Monolog",
                "3.6.0",
                "pkg:composer/monolog/monolog@3.6.0",
            ),
        ] {
            assert_eq!(purl(eco, name, version), expected, "{name} {version}");
        }
        assert!(is_exact("1.0.0-rc.1"));
        for range in ["^1.2", "~1.2", ">=2", "1.*", "", "[1.0,2.0)", "1.2 || 2"] {
            assert!(!is_exact(range), "{range}");
        }
    }

    proptest! {
        /// Only ASCII purl characters, and the name and version never
        /// escape their place: no raw `@`, `?`, `#` or space.
        #[test]
        fn any_name_gives_a_well_formed_purl(name in "\\PC{1,30}", version in "\\PC{0,20}") {
            for eco in [Ecosystem::Cargo, Ecosystem::Npm, Ecosystem::Pypi, Ecosystem::Go,
                        Ecosystem::Rubygems, Ecosystem::Maven, Ecosystem::Packagist] {
                let p = purl(eco, &name, &version);
                prop_assert!(p.is_ascii(), "{}", p);
                let body = p.strip_prefix("pkg:").unwrap();
                prop_assert!(!body.contains(' ') && !body.contains('#'), "{}", p);
                prop_assert!(body.matches('@').count() <= 1, "{}", p);
            }
        }
    }
}
