use crate::{Health, check};

/// A Python function `name` with `1 + ifs` decision points, indented by
/// `indent` (a method inside a class).
fn python(name: &str, ifs: usize, indent: &str) -> String {
    let body: String = (0..ifs)
        .map(|i| format!("{indent}    if x == {i}:\n{indent}        return {i}\n"))
        .collect();
    format!("{indent}def {name}(self, x):\n{body}{indent}    return -1\n")
}

#[test]
fn complex_function() {
    // Over the default limit of 15: 16 in Python; twice the same method
    // name in one file (Python names carry no class), each its own
    // finding; 16 in TypeScript, where `&&`, `||` and `?` count.
    let ts = "export function valid(a: number, b: number, c: string): boolean {\n  if (a > 0 && b > 0) return true;\n  if (a < 0 || b < 0) return false;\n  for (const ch of c) {\n    if (ch === 'x' && a === 1) return true;\n    while (a > b || b > 10) b++;\n  }\n  const y = a > 3 ? 1 : 2;\n  const z = b > 3 ? (a > 1 ? 1 : 0) : 2;\n  switch (c) {\n    case 'a': return true;\n    case 'b': return false;\n    case 'c': return a > 0 && b > 0 && y > z;\n  }\n  return false;\n}\n";
    let hit = Health::new("")
        .file("src/rules.py", &python("classify", 15, ""))
        .file(
            "src/shapes.py",
            &format!(
                "class Circle:\n{}\n\nclass Square:\n{}",
                python("area", 15, "    "),
                python("area", 16, "    ")
            ),
        )
        .file("web/valid.ts", ts);
    // Exactly at the limit: 1 + 14 ifs; `else` and `with` do not count
    // in lizard's rules, nor do words in strings and comments.
    let near = python("classify", 14, "").replace(
        "    return -1\n",
        "    else:\n        with open(x) as f:\n            pass\n    # if and or while\n    return 'if x or y'\n",
    );
    let near_miss = Health::new("").file("src/rules.py", &near);
    check("health/complex-function", hit, near_miss);
}
