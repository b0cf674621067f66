use crate::{Project, check};

/// billing publishes its package `__init__.py` and `api.py`.
const MODULES: &str = r#"[boundaries]

[[boundaries.modules]]
name = "orders"
paths = ["src/shop/orders"]

[[boundaries.modules]]
name = "billing"
paths = ["src/shop/billing"]
interface = ["src/shop/billing/__init__.py", "src/shop/billing/api.py"]
"#;

fn package() -> Project {
    Project::new()
        .file("src/shop/__init__.py", "")
        .file("src/shop/orders/__init__.py", "")
        .file("src/shop/billing/__init__.py", "from .api import charge\n")
        .file("src/shop/billing/api.py", "def charge():\n    pass\n")
        .file("src/shop/billing/_tax.py", "def rate():\n    pass\n")
        .config(MODULES)
}

#[test]
fn unused_suppression() {
    // The imports go through billing's interface: nothing to suppress.
    // A comment that names a rule no import breaks, one that lists a used
    // and an idle id, and a malformed one.
    // And an ignore_imports entry for an import that does not exist.
    let hit = package()
        .config(&format!(
            "{MODULES}\n[[boundaries.ignore_imports]]\nfrom = [\"src/shop/orders/report.py\"]\nto = [\"src/shop/billing/_tax.py\"]\nreason = \"until Q3\"\n"
        ))
        .file(
        "src/shop/orders/checkout.py",
        "from shop.billing import charge  # techlead: ignore[boundaries/private-import] legacy adapter\n\
         # techlead: ignore[boundaries/private-import, boundaries/cycle] both?\n\
         from shop.billing._tax import rate\n\
         import shop.billing.api  # techlead: ignore\n",
    );
    // Each comment hides a real finding; the marker inside a string and a
    // `tach-ignore` (not honoured without tach's config) are no comments
    // of ours.
    // An ignore_imports entry that leaves out a real private import.
    let near_miss = package()
        .config(&format!(
            "{MODULES}\n[[boundaries.ignore_imports]]\nfrom = [\"src/shop/orders/report.py\"]\nto = [\"src/shop/billing/_tax.py\"]\n"
        ))
        .file("src/shop/orders/report.py", "from shop.billing._tax import rate\n")
        .file(
        "src/shop/orders/checkout.py",
        "from shop.billing._tax import rate  # techlead: ignore[boundaries/private-import] legacy adapter, see ADR 12\n\
         NOTE = \"# techlead: ignore[boundaries/cycle]\"\n\
         import shop.billing.api  # tach-ignore\n",
    );
    check("boundaries/unused-suppression", hit, near_miss);
}
