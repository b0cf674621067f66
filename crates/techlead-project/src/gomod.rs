//! `go.mod`: the module path, `require` lines and blocks (`// indirect`
//! marks a module only other modules need) and `replace` directives.
//! `go`, `toolchain`, `exclude`, `retract`, `godebug`, `tool` and `ignore`
//! name no dependency. A quoted path must close its quote.

use crate::ManifestError;

/// One `require`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Require {
    pub path: String,
    pub version: String,
    pub indirect: bool,
    /// 1-based line of the requirement.
    pub line: u32,
}

/// One `replace`: `from [version] => to [version]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replace {
    pub from: String,
    /// The replacement: a module path, or a local folder.
    pub to: String,
    /// The replacement's version; None for a local folder.
    pub to_version: Option<String>,
    /// `to` is a folder (`./x`, `../x`, `/x`): the module is local.
    pub local: bool,
    pub line: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoMod {
    /// The `module` path, if the file has one.
    pub module: Option<String>,
    pub requires: Vec<Require>,
    pub replaces: Vec<Replace>,
}

impl GoMod {
    pub fn parse(text: &str) -> Result<Self, ManifestError> {
        let mut m = GoMod::default();
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
                m.directive(b, code, comment, line)?;
                continue;
            }
            let (verb, rest) = code.split_once(char::is_whitespace).unwrap_or((code, ""));
            let rest = rest.trim();
            if rest == "(" {
                block = Some(verb);
                continue;
            }
            m.directive(verb, rest, comment, line)?;
        }
        if block.is_some() {
            return Err(ManifestError::new(
                text.lines().count() as u32,
                "a `(` block is not closed",
            ));
        }
        Ok(m)
    }

    /// The requirements with replacements applied: a module replaced by a
    /// local folder is left out, one replaced by another module takes the
    /// replacement's version.
    pub fn effective_requires(&self) -> Vec<Require> {
        let mut out = Vec::new();
        for r in &self.requires {
            // The last replace of a module wins, as in the go command.
            match self.replaces.iter().rev().find(|p| p.from == r.path) {
                Some(p) if p.local => continue,
                Some(p) => out.push(Require {
                    version: p.to_version.clone().unwrap_or_else(|| r.version.clone()),
                    ..r.clone()
                }),
                None => out.push(r.clone()),
            }
        }
        out
    }

    fn directive(
        &mut self,
        verb: &str,
        args: &str,
        comment: &str,
        line: u32,
    ) -> Result<(), ManifestError> {
        let words = |s: &str| -> Result<Vec<String>, ManifestError> {
            s.split_whitespace()
                .map(|w| unquote(w, line).map(str::to_string))
                .collect()
        };
        match verb {
            "module" => self.module = words(args)?.into_iter().next(),
            "require" => {
                let parts = words(args)?;
                let [name, version, ..] = parts.as_slice() else {
                    return Err(ManifestError::new(
                        line,
                        format!("`require {args}` names no version"),
                    ));
                };
                let indirect = comment.split_whitespace().next() == Some("indirect")
                    || comment.contains("indirect;");
                self.requires.push(Require {
                    path: name.clone(),
                    version: version.clone(),
                    indirect,
                    line,
                });
            }
            "replace" => {
                let Some((from, to)) = args.split_once("=>") else {
                    return Err(ManifestError::new(line, "`replace` without `=>`"));
                };
                let from = words(from)?.into_iter().next().unwrap_or_default();
                let mut to = words(to)?.into_iter();
                let target = to.next().unwrap_or_default();
                let local = target.starts_with("./")
                    || target.starts_with("../")
                    || target.starts_with('/');
                self.replaces.push(Replace {
                    from,
                    to_version: if local { None } else { to.next() },
                    to: target,
                    local,
                    line,
                });
            }
            "go" | "toolchain" | "exclude" | "retract" | "godebug" | "tool" | "ignore" => {}
            other => {
                return Err(ManifestError::new(
                    line,
                    format!("unknown go.mod directive `{other}`"),
                ));
            }
        }
        Ok(())
    }
}

/// `"a"` and `` `a` `` are `a`; a quote that does not close is an error
/// (a file cut in the middle of a path).
fn unquote(s: &str, line: u32) -> Result<&str, ManifestError> {
    for q in ['"', '`'] {
        if let Some(inner) = s.strip_prefix(q) {
            return inner
                .strip_suffix(q)
                .ok_or_else(|| ManifestError::new(line, format!("unterminated string `{s}`")));
        }
    }
    if s.ends_with(['"', '`']) {
        return Err(ManifestError::new(
            line,
            format!("unbalanced quote in `{s}`"),
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn module_requires_replaces() {
        let src = "// the service\nmodule \"example.com/svc\" // c\n\ngo 1.22\nrequire github.com/a/b v1.2.3\nrequire (\n\tgolang.org/x/text v0.14.0 // indirect\n\t\"example.com/local\" v0.0.0\n)\nreplace example.com/local => ../local\nreplace github.com/a/b v1.2.3 => github.com/fork/b v1.2.4\n";
        let m = GoMod::parse(src).unwrap();
        assert_eq!(m.module.as_deref(), Some("example.com/svc"));
        let eff = m.effective_requires();
        assert_eq!(eff.len(), 2);
        assert_eq!(
            (eff[0].path.as_str(), eff[0].version.as_str()),
            ("github.com/a/b", "v1.2.4")
        );
        assert_eq!(
            (eff[1].path.as_str(), eff[1].indirect, eff[1].line),
            ("golang.org/x/text", true, 7)
        );
        assert_eq!(GoMod::parse("modules x\n").unwrap_err().line, 1);
    }

    #[test]
    fn a_cut_quote_is_refused_with_its_line() {
        let err = GoMod::parse("module x\nrequire (\n\t\"example.com/a v1.0.0\n)\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("unterminated"), "{}", err.message);
        assert_eq!(
            GoMod::parse("module \"x\nrequire a v1\n").unwrap_err().line,
            1
        );
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = GoMod::parse(&s);
        }
    }
}
