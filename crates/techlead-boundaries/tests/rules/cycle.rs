use crate::{Project, check};

const MODULES: &str = r#"[boundaries]

[[boundaries.modules]]
name = "orders"
paths = ["src/shop/orders"]

[[boundaries.modules]]
name = "billing"
paths = ["src/shop/billing"]

[[boundaries.modules]]
name = "shipping"
paths = ["src/shop/shipping"]
"#;

fn package() -> Project {
    Project::new()
        .file("src/shop/__init__.py", "")
        .file("src/shop/orders/__init__.py", "")
        .file("src/shop/billing/__init__.py", "")
        .file("src/shop/shipping/__init__.py", "")
        .config(MODULES)
}

#[test]
fn cycle() {
    // orders -> billing -> shipping -> orders.
    let hit = package()
        .file(
            "src/shop/orders/place.py",
            "from shop.billing import invoice\n",
        )
        .file(
            "src/shop/billing/invoice.py",
            "from shop.shipping.label import print_label\n",
        )
        .file(
            "src/shop/shipping/label.py",
            "import shop.orders.place\n\ndef print_label():\n    pass\n",
        );
    // The same chain without the way back, and files of one module that
    // import each other.
    let near_miss = package()
        .file(
            "src/shop/orders/place.py",
            "from shop.billing import invoice\nfrom . import history\n",
        )
        .file("src/shop/orders/history.py", "from .place import place\n")
        .file(
            "src/shop/billing/invoice.py",
            "from shop.shipping.label import print_label\n",
        )
        .file(
            "src/shop/shipping/label.py",
            "def print_label():\n    pass\n",
        );
    check("boundaries/cycle", hit, near_miss);
}
