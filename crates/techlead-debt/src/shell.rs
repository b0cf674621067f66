//! Command lines for a POSIX shell: `debt suggest` prints `debt add`
//! commands to paste.

/// `s` as one shell word: as it is when it holds only characters no
/// shell treats specially, else in single quotes, each `'` written as
/// `'\''`.
pub fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"@%+=:,./_-".contains(&b))
        && !s.starts_with('=');
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// `--flag value`, or `--flag=value` when the value starts with `-`
/// (which a parser would take for a flag).
pub fn flag(name: &str, value: &str) -> String {
    if value.starts_with('-') {
        format!("--{name}={}", quote(value))
    } else {
        format!("--{name} {}", quote(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `sh` makes of the word.
    fn through_sh(word: &str) -> String {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("printf '%s' {word}"))
            .output()
            .expect("sh runs");
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn plain_words_stay_and_others_are_quoted() {
        assert_eq!(quote("src/a_b-c.py"), "src/a_b-c.py");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("~x"), "'~x'");
        assert_eq!(flag("path", "-x"), "--path=-x");
        for s in [
            "$(rm -rf /)",
            "a\nb",
            "`x`",
            "\\",
            "'",
            "\"'\"",
            "*",
            "a\tb",
        ] {
            assert_eq!(through_sh(&quote(s)), s, "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Any text survives the shell unchanged.
        #[test]
        fn sh_reads_back_the_text(s in "[ -~\\n\\té]{0,16}") {
            proptest::prop_assert_eq!(through_sh(&quote(&s)), s);
        }
    }
}
