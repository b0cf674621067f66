//! `go.mod`, read by techlead-project: `require` lines and blocks (`//
//! indirect` marks a module only other modules need); `replace` with a
//! local path makes a module local, with another module and version swaps
//! the version. Go has no dev dependencies, so `dev` is always None.

use crate::{Dep, ParseError};
use techlead_project::gomod::GoMod;

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let m = GoMod::parse(text).map_err(|e| ParseError::new(e.line, e.message))?;
    Ok(m.effective_requires()
        .into_iter()
        .map(|r| Dep {
            license: None,
            depends: Vec::new(),
            declared_by: Vec::new(),
            requested: Vec::new(),
            name: r.path,
            version: r.version,
            direct: Some(!r.indirect),
            dev: None,
            line: r.line,
            released: None,
        })
        .collect())
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
