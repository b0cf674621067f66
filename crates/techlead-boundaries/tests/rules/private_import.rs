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
        .file(
            "src/shop/billing/api.py",
            "from ._tax import rate\n\ndef charge():\n    pass\n",
        )
        .file("src/shop/billing/_tax.py", "def rate():\n    pass\n")
        .config(MODULES)
}

#[test]
fn private_import() {
    // Straight to billing's internals, twice from one file.
    let hit = package().file(
        "src/shop/orders/checkout.py",
        "from shop.billing._tax import rate\nimport shop.billing._tax\n",
    );
    // Through the interface (the package and its api module), and
    // billing's own files reaching its internals.
    let near_miss = package().file(
        "src/shop/orders/checkout.py",
        "from shop.billing import charge\nfrom shop.billing.api import charge as pay\n",
    );
    check("boundaries/private-import", hit, near_miss);
}
