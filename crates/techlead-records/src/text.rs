//! Small text helpers shared by templates and edits, so a status or a
//! name is written the same way whichever command writes it.

pub use techlead_markdown::yaml::yaml_scalar;

/// `accepted` -> `Accepted`, as adr-tools writes statuses.
pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalizes() {
        assert_eq!(capitalized("on hold"), "On hold");
    }
}
