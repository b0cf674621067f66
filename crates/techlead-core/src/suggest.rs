//! "Did you mean" suggestions for mistyped keys, rule ids and values.

/// The closest candidate to `input`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input = input.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for c in candidates {
        let lower = c.to_lowercase();
        // Jaro-Winkler catches shared prefixes ("decison"); Damerau catches
        // swapped letters in short words ("dri" for "dir").
        let edits = strsim::damerau_levenshtein(&input, &lower);
        let close = strsim::jaro_winkler(&input, &lower) > 0.8 || edits <= (lower.len() / 3).max(1);
        let score = strsim::normalized_damerau_levenshtein(&input, &lower);
        if close && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn close_typo_is_suggested_far_one_is_not() {
        let keys = ["decisions", "checks"];
        assert_eq!(did_you_mean("decisons", keys), Some("decisions"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}
