//! tsconfig.json is JSON with comments and trailing commas. This turns it
//! into JSON that serde_json reads, keeping every string intact.

pub fn to_json(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                out.push_str(&src[last..i]);
                i = memchr_from(b, i, b'\n');
                last = i;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                out.push_str(&src[last..i]);
                let end = src[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
                i = end;
                last = i;
            }
            b',' => {
                // A comma followed (after blanks and comments) by } or ]
                // is a trailing comma: drop it.
                let mut j = i + 1;
                loop {
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if b.get(j) == Some(&b'/') && b.get(j + 1) == Some(&b'/') {
                        j = memchr_from(b, j, b'\n');
                    } else if b.get(j) == Some(&b'/') && b.get(j + 1) == Some(&b'*') {
                        j = src[j + 2..].find("*/").map_or(b.len(), |n| j + 2 + n + 2);
                    } else {
                        break;
                    }
                }
                if matches!(b.get(j), Some(b'}' | b']')) {
                    out.push_str(&src[last..i]);
                    last = i + 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if last < b.len() {
        out.push_str(&src[last.min(b.len())..]);
    }
    out
}

fn memchr_from(b: &[u8], from: usize, needle: u8) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == needle)
        .map_or(b.len(), |n| from + n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_and_trailing_commas() {
        let src = "{\n // c\n \"a\": \"x // not a comment\", /* b */\n \"p\": [1, 2,],\n}\n";
        let v: serde_json::Value = serde_json::from_str(&super::to_json(src)).unwrap();
        assert_eq!(v["a"], "x // not a comment");
        assert_eq!(v["p"].as_array().unwrap().len(), 2);
    }
}
