//! `go.mod`: `require` lines and blocks (`// indirect` marks a module only
//! other modules need); `replace` with a local path makes a module local,
//! with another module and version swaps the version. `module`, `go`,
//! `toolchain`, `exclude` and `retract` name no dependency. Go has no dev
//! dependencies, so `dev` is always None.

use crate::{Dep, ParseError};
use std::collections::HashMap;

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let mut requires: Vec<Dep> = Vec::new();
    // module -> Some(version) to swap in, None when replaced by a path.
    let mut replaced: HashMap<String, Option<String>> = HashMap::new();
    let mut block: Option<&str> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = n as u32 + 1;
        let (code, comment) = match raw.find("//") {
            Some(i) => (&raw[..i], &raw[i + 2..]),
            None => (raw, ""),
        };
        let code = code.trim().trim_start_matches('\u{feff}');
        if code.is_empty() {
            continue;
        }
        if let Some(b) = block {
            if code == ")" {
                block = None;
                continue;
            }
            directive(b, code, comment, line, &mut requires, &mut replaced)?;
            continue;
        }
        let (verb, rest) = code.split_once(char::is_whitespace).unwrap_or((code, ""));
        let rest = rest.trim();
        if rest == "(" {
            block = Some(verb);
            continue;
        }
        directive(verb, rest, comment, line, &mut requires, &mut replaced)?;
    }
    if block.is_some() {
        return Err(ParseError::new(
            text.lines().count() as u32,
            "a `(` block is not closed",
        ));
    }
    let mut out = Vec::new();
    for mut d in requires {
        match replaced.get(&d.name) {
            Some(None) => continue,
            Some(Some(v)) => d.version = v.clone(),
            None => {}
        }
        out.push(d);
    }
    Ok(out)
}

fn directive(
    verb: &str,
    args: &str,
    comment: &str,
    line: u32,
    requires: &mut Vec<Dep>,
    replaced: &mut HashMap<String, Option<String>>,
) -> Result<(), ParseError> {
    match verb {
        "require" => {
            let mut parts = args.split_whitespace().map(unquote);
            let (Some(name), Some(version)) = (parts.next(), parts.next()) else {
                return Err(ParseError::new(
                    line,
                    format!("`require {args}` names no version"),
                ));
            };
            let indirect = comment.split_whitespace().next() == Some("indirect")
                || comment.contains("indirect;");
            requires.push(Dep {
                name: name.to_string(),
                version: version.to_string(),
                direct: Some(!indirect),
                dev: None,
                line,
                released: None,
            });
        }
        "replace" => {
            let Some((from, to)) = args.split_once("=>") else {
                return Err(ParseError::new(line, "`replace` without `=>`"));
            };
            let from = from
                .split_whitespace()
                .map(unquote)
                .next()
                .unwrap_or_default();
            let mut to = to.split_whitespace().map(unquote);
            let target = to.next().unwrap_or_default();
            let local =
                target.starts_with("./") || target.starts_with("../") || target.starts_with('/');
            replaced.insert(
                from.to_string(),
                if local {
                    None
                } else {
                    to.next().map(str::to_string)
                },
            );
        }
        "module" | "go" | "toolchain" | "exclude" | "retract" | "godebug" | "tool" | "ignore" => {}
        other => {
            return Err(ParseError::new(
                line,
                format!("unknown go.mod directive `{other}`"),
            ));
        }
    }
    Ok(())
}

fn unquote(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '`')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn requires_replaces_and_comments() {
        let src = "// the service\nmodule example.com/svc\n\ngo 1.22\ntoolchain go1.22.1\n\nrequire github.com/a/b v1.2.3\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/text v0.14.0 // indirect\n\t\"example.com/local\" v0.0.0-00010101000000-000000000000\n\tgithub.com/old/x v1.0.0+incompatible // indirect; needed by y\n)\n\nreplace example.com/local => ../local\nreplace github.com/a/b v1.2.3 => github.com/fork/b v1.2.4\n\nexclude (\n\tgithub.com/bad v0.1.0\n)\n";
        let deps = parse(src, None).unwrap();
        let rows: Vec<(&str, &str, Option<bool>, u32)> = deps
            .iter()
            .map(|d| (d.name.as_str(), d.version.as_str(), d.direct, d.line))
            .collect();
        assert_eq!(
            rows,
            [
                ("github.com/a/b", "v1.2.4", Some(true), 7),
                ("github.com/google/uuid", "v1.6.0", Some(true), 10),
                ("golang.org/x/text", "v0.14.0", Some(false), 11),
                ("github.com/old/x", "v1.0.0+incompatible", Some(false), 13),
            ]
        );
        assert!(deps.iter().all(|d| d.dev.is_none()));
    }

    #[test]
    fn bad_input_names_the_line() {
        assert_eq!(
            parse("module x\nrequire (\nfoo\n)\n", None)
                .unwrap_err()
                .line,
            3
        );
        assert_eq!(
            parse("module x\nrequire (\na v1\n", None).unwrap_err().line,
            3
        );
        assert_eq!(parse("module x\nfrobnicate y\n", None).unwrap_err().line, 2);
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
