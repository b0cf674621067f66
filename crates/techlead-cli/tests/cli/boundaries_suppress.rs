//! Inline suppressions: `techlead: ignore[rule-id] reason` on an import,
//! tach's `tach-ignore` when its config was imported, what `check` and
//! `boundaries suppressions` show, and the cache keeping them.

use super::fixture::Project;
use crate::snap;

/// orders reaches billing's private `_tax` module three times: once with
/// a reasoned suppression, once with a tach directive, once plainly.
fn package(p: &Project, honour_tach: bool) {
    p.write("src/shop/__init__.py", "")
        .write("src/shop/orders/__init__.py", "")
        .write("src/shop/billing/__init__.py", "")
        .write("src/shop/billing/api.py", "def charge():\n    pass\n")
        .write("src/shop/billing/_tax.py", "def rate():\n    pass\n")
        .write(
            "src/shop/orders/checkout.py",
            "from shop.billing._tax import rate  # techlead: ignore[boundaries/private-import] legacy adapter, see ADR 12\n\
             MARK = \"# techlead: ignore[boundaries/private-import]\"\n",
        )
        .write(
            "src/shop/orders/refund.py",
            "# tach-ignore(refunds move to billing in Q3) rate\nfrom shop.billing._tax import rate\n",
        )
        .write(
            "src/shop/orders/report.py",
            "from shop.billing._tax import rate\n",
        )
        .write(
            "techlead.toml",
            format!(
                "[boundaries]\nhonour_tach_ignore = {honour_tach}\n\n[[boundaries.modules]]\nname = \"orders\"\npaths = [\"src/shop/orders\"]\n\n\
                 [[boundaries.modules]]\nname = \"billing\"\npaths = [\"src/shop/billing\"]\n\
                 interface = [\"src/shop/billing/__init__.py\", \"src/shop/billing/api.py\"]\n"
            ),
        );
}

#[test]
fn a_reasoned_comment_suppresses_and_the_list_shows_why() {
    let p = Project::new();
    package(&p, true);
    snap!(p, "suppress_check", p.cmd(&["boundaries", "check"]));
    snap!(
        p,
        "suppress_list_json",
        p.cmd(&["boundaries", "suppressions", "--format", "json"])
    );
    snap!(
        p,
        "suppress_list_text",
        p.cmd(&["boundaries", "suppressions"])
    );
}

#[test]
fn tach_ignore_counts_only_when_honoured() {
    let p = Project::new();
    package(&p, false);
    let found = p
        .cmd(&["boundaries", "check", "--format", "json"])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    let paths: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    // Not honoured: the tach directive neither hides refund.py's import
    // nor counts as an unused suppression.
    assert_eq!(
        paths,
        ["src/shop/orders/refund.py", "src/shop/orders/report.py"]
    );
}

#[test]
fn a_fixed_import_leaves_its_comment_reported_as_unused() {
    let p = Project::new();
    package(&p, true);
    p.write(
        "src/shop/orders/checkout.py",
        "from shop.billing.api import charge  # techlead: ignore[boundaries/private-import] legacy adapter, see ADR 12\n",
    );
    let (code, rules) = p.rules_found(&["boundaries", "check"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules,
        ["boundaries/private-import", "boundaries/unused-suppression"]
    );
}

#[test]
fn the_cache_keeps_suppressions() {
    let p = Project::new();
    package(&p, true);
    let cold = p.ok(&["boundaries", "suppressions", "--format", "csv"]);
    assert!(p.path(".techlead/cache/boundaries.bin").exists());
    let warm = p.ok(&["boundaries", "suppressions", "--format", "csv"]);
    assert_eq!(cold, warm);
    assert_eq!(cold.lines().count(), 3, "{cold}");
    // A changed comment is read again, not taken from the cache.
    p.write(
        "src/shop/orders/checkout.py",
        "from shop.billing._tax import rate  # techlead: ignore[boundaries/private-import] until the Q3 rewrite\n",
    );
    let edited = p.ok(&["boundaries", "suppressions", "--format", "csv"]);
    assert!(edited.contains("until the Q3 rewrite"), "{edited}");
}

/// `[[boundaries.ignore_imports]]`: the configuration's counterpart of a
/// comment, as import-linter's `ignore_imports`.
fn ignoring(p: &Project, entry: &str) {
    package(p, false);
    p.write(
        "src/shop/orders/checkout.py",
        "from shop.billing.api import charge\n",
    );
    p.write(
        "src/shop/orders/refund.py",
        "from shop.billing.api import charge\n",
    );
    let config = p.read("techlead.toml");
    p.write("techlead.toml", format!("{config}\n{entry}"));
}

#[test]
fn an_ignore_imports_entry_leaves_its_imports_out_and_goes_stale_when_they_do() {
    let p = Project::new();
    ignoring(
        &p,
        "[[boundaries.ignore_imports]]\nfrom = [\"src/shop/orders/report.py\"]\nto = [\"src/shop/billing/_tax.py\"]\nreason = \"until the Q3 rewrite\"\n",
    );
    // report.py's private import is ignored; nothing else reaches _tax.
    let (code, rules) = p.rules_found(&["boundaries", "check"]);
    assert_eq!(code, Some(0), "{rules:?}");
    // The graph and sync do not count it either.
    let graph = p.json(&["boundaries", "graph", "--format", "json"]);
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{graph}");
    assert_eq!(edges[0]["imports"], 2, "{graph}");
    // Fixed: the entry ignores nothing, and says so at its line.
    p.write(
        "src/shop/orders/report.py",
        "from shop.billing.api import charge\n",
    );
    let found = p
        .cmd(&["boundaries", "check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(found.status.code(), Some(0), "a warning does not fail");
    let found: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    let f = &found.as_array().unwrap()[..];
    assert_eq!(f.len(), 1, "{found}");
    assert_eq!(f[0]["rule"], "boundaries/unused-suppression");
    assert_eq!(f[0]["location"]["path"], "techlead.toml");
    let line = p
        .read("techlead.toml")
        .lines()
        .position(|l| l == "[[boundaries.ignore_imports]]")
        .unwrap()
        + 1;
    assert_eq!(f[0]["location"]["line"], line as u64);
    let message = f[0]["message"].as_str().unwrap();
    assert!(
        message.contains("(until the Q3 rewrite) ignores nothing"),
        "{message}"
    );
}

#[test]
fn an_ignore_imports_entry_without_globs_is_an_input_error() {
    let p = Project::new();
    ignoring(
        &p,
        "[[boundaries.ignore_imports]]\nfrom = []\nto = [\"src\"]\n",
    );
    let out = p.cmd(&["boundaries", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("needs at least one glob in `from` and in `to`"),
        "{stderr}"
    );
}
