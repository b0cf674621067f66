//! Every rule has its fixture: a rule added to a `RULES` list without a
//! test file, or a test file whose rule was removed, fails the build.

use std::collections::BTreeSet;
use std::path::Path;

/// The fixture file of a rule: `decisions/duplicate-number` ->
/// `duplicate_number.rs`.
fn file_stem(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).replace('-', "_")
}

/// Checks that `ids` (a crate's rule list) names each rule once, and that
/// `dir` (the crate's `tests/rules`) holds one file per rule id, named
/// after it, declared in `main.rs` and naming its rule, and no file for a
/// rule that is not in `ids`. `helpers` are other files allowed in the
/// folder.
pub fn assert_fixture_per_rule(ids: &[&str], dir: &Path, helpers: &[&str]) {
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("tests/rules/main.rs");
    let mut problems = Vec::new();
    let mut expected = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            problems.push(format!("`{id}` is listed twice"));
            continue;
        }
        let stem = file_stem(id);
        let file = dir.join(format!("{stem}.rs"));
        match std::fs::read_to_string(&file) {
            Err(_) => problems.push(format!("`{id}` has no fixture file {}", file.display())),
            Ok(text) => {
                if !text.contains(&format!("\"{id}\"")) {
                    problems.push(format!("{stem}.rs does not name its rule \"{id}\""));
                }
                if !main.lines().any(|l| l.trim() == format!("mod {stem};")) {
                    problems.push(format!("main.rs does not declare `mod {stem};`"));
                }
            }
        }
        expected.insert(format!("{stem}.rs"));
    }
    let entries = std::fs::read_dir(dir).expect("read tests/rules");
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs")
            && name != "main.rs"
            && !helpers.contains(&name.as_str())
            && !expected.contains(&name)
        {
            problems.push(format!("{name} is the fixture of no rule in RULES"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
