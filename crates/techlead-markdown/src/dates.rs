//! Calendar dates as records write them: `YYYY-MM-DD`.

/// The first valid `YYYY-MM-DD` calendar date in `s`.
pub fn first_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 10 <= b.len() {
        let w = &b[i..i + 10];
        let shape = w.iter().enumerate().all(|(k, c)| match k {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
        let bounded = (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 10 == b.len() || !b[i + 10].is_ascii_digit());
        if shape && bounded {
            let d = &s[i..i + 10];
            return valid_date(d).then(|| d.to_string());
        }
        i += 1;
    }
    None
}

/// Whether `d` (YYYY-MM-DD) is a real calendar day.
pub fn valid_date(d: &str) -> bool {
    d.parse::<jiff::civil::Date>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_days_between_non_digits() {
        assert_eq!(
            first_date("Date: 2024-02-29 (leap)"),
            Some("2024-02-29".into())
        );
        assert_eq!(first_date("2023-02-29"), None);
        assert_eq!(first_date("12024-01-01"), None);
        assert!(valid_date("2026-12-03"));
        assert!(!valid_date("2026-13-01"));
    }
}
