//! Words for numbers in messages people read: "1 file", "2 files",
//! never "1 files" or "1 days".

/// `n` and the noun, singular for one: `count(1, "day")` is "1 day",
/// `count(3, "day")` is "3 days". Nouns whose plural is not `+s` use
/// [`count_irregular`].
pub fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// [`count`] for nouns with their own plural (`person`, `people`).
pub fn count_irregular(n: impl Into<u64>, singular: &str, plural: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        assert_eq!(count(1u32, "day"), "1 day");
        assert_eq!(count(0u32, "file"), "0 files");
        assert_eq!(count_irregular(1u32, "person", "people"), "1 person");
        assert_eq!(count_irregular(2u32, "person", "people"), "2 people");
    }
}
