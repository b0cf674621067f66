//! `Gemfile.lock` (Bundler): sections `GEM`, `GIT` and `PATH` each list
//! `specs:` with gems at four spaces (`name (version)`) and their own
//! dependencies at six; `PATH` gems are local. `DEPENDENCIES` names what the
//! Gemfile asks for directly. The lock does not say which gems are for
//! development, so `dev` is unknown.

use crate::{Dep, DepRef, ParseError};
use std::collections::HashSet;

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let mut out: Vec<Dep> = Vec::new();
    let mut direct: HashSet<String> = HashSet::new();
    let mut section = "";
    let mut in_specs = false;
    for (n, raw) in text.lines().enumerate() {
        let line = n as u32 + 1;
        let raw = raw.trim_end_matches('\r').trim_start_matches('\u{feff}');
        if raw.trim().is_empty() {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if indent == 0 {
            section = raw.trim();
            in_specs = false;
            continue;
        }
        match section {
            "GEM" | "GIT" | "PATH" => {
                if indent == 2 {
                    in_specs = raw.trim() == "specs:";
                    continue;
                }
                // A gem's own dependencies, below it at six spaces.
                if indent == 6 && in_specs && section != "PATH" {
                    let name = raw.trim().split(' ').next().unwrap_or_default();
                    if let Some(gem) = out.last_mut() {
                        gem.depends.push(DepRef::new(name, None));
                    }
                    continue;
                }
                if indent != 4 || !in_specs {
                    continue;
                }
                let (name, version) = spec(raw.trim(), line)?;
                if section == "PATH" {
                    continue;
                }
                out.push(Dep {
                    license: None,
                    depends: Vec::new(),
                    declared_by: Vec::new(),
                    requested: Vec::new(),
                    name: name.to_string(),
                    version: version.to_string(),
                    direct: None,
                    dev: None,
                    line,
                    released: None,
                });
            }
            "DEPENDENCIES" if indent == 2 => {
                let name = raw.trim().split([' ', '!']).next().unwrap_or_default();
                direct.insert(name.to_string());
            }
            _ => {}
        }
    }
    if out.is_empty() && !text.contains("specs:") && !text.trim().is_empty() {
        return Err(ParseError::new(
            1,
            "not a Gemfile.lock: no `specs:` section",
        ));
    }
    let has_dependencies = text.lines().any(|l| l.trim_end() == "DEPENDENCIES");
    for d in &mut out {
        d.direct = has_dependencies.then(|| direct.contains(&d.name));
    }
    Ok(out)
}

/// `nokogiri (1.16.5-x86_64-linux)`: a name and a version in parentheses.
fn spec(s: &str, line: u32) -> Result<(&str, &str), ParseError> {
    let (name, rest) = s
        .split_once(" (")
        .ok_or_else(|| ParseError::new(line, format!("not a gem spec: `{s}`")))?;
    let version = rest
        .strip_suffix(')')
        .ok_or_else(|| ParseError::new(line, format!("not a gem spec: `{s}`")))?;
    Ok((name, version))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sections_specs_and_dependencies() {
        let lock = "GIT\n  remote: https://github.com/rails/rails.git\n  revision: abc\n  specs:\n    rails (7.2.0.alpha)\n      actionpack (= 7.2.0.alpha)\n\nPATH\n  remote: engines/billing\n  specs:\n    billing (0.1.0)\n\nGEM\n  remote: https://rubygems.org/\n  specs:\n    actionpack (7.2.0.alpha)\n      rack (>= 2.2.4)\n    nokogiri (1.16.5-x86_64-linux)\n      racc (~> 1.4)\n    rack (3.0.11)\n    rspec (3.13.0)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  billing!\n  nokogiri (~> 1.16)\n  rails!\n  rspec\n\nBUNDLED WITH\n   2.5.10\n";
        let deps = parse(lock, None).unwrap();
        let rows: Vec<(&str, &str, Option<bool>, u32)> = deps
            .iter()
            .map(|d| (d.name.as_str(), d.version.as_str(), d.direct, d.line))
            .collect();
        assert_eq!(
            rows,
            [
                ("rails", "7.2.0.alpha", Some(true), 5),
                ("actionpack", "7.2.0.alpha", Some(false), 16),
                ("nokogiri", "1.16.5-x86_64-linux", Some(true), 18),
                ("rack", "3.0.11", Some(false), 20),
                ("rspec", "3.13.0", Some(true), 21),
            ]
        );
        assert_eq!(deps[1].depends, [DepRef::new("rack", None)]);
        assert!(deps[4].depends.is_empty());
        assert_eq!(
            parse("GEM\n  specs:\n    broken\n", None).unwrap_err().line,
            3
        );
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
