use crate::{Health, check};

#[test]
fn deep_nesting() {
    // Five levels: if, for, while, match, if.
    let hit = Health::new("").file(
        "src/walk.rs",
        "pub fn walk(items: &[Vec<u32>], stop: bool) -> u32 {\n    let mut n = 0;\n    if !stop {\n        for item in items {\n            while n < 10 {\n                match item.len() {\n                    0 => {\n                        if n > 3 {\n                            n += 1;\n                        }\n                    }\n                    _ => n += 2,\n                }\n            }\n        }\n    }\n    n\n}\n",
    );
    // Four levels in the outer function; the nested function starts again
    // at 0 and an `else if` chain stays at one level.
    let near_miss = Health::new("").file(
        "src/walk.rs",
        "pub fn walk(items: &[Vec<u32>], stop: bool) -> u32 {\n    fn inner(n: u32) -> u32 {\n        if n > 1 {\n            for _ in 0..n {\n                if n > 2 {}\n            }\n        }\n        n\n    }\n    let mut n = 0;\n    if !stop {\n        for item in items {\n            while n < 10 {\n                if item.is_empty() {\n                    n += inner(n);\n                } else if n > 3 {\n                    n += 1;\n                } else if n > 5 {\n                    n += 2;\n                }\n            }\n        }\n    }\n    n\n}\n",
    );
    check("health/deep-nesting", hit, near_miss);
}
