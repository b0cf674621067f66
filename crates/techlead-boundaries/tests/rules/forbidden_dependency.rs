use crate::{Project, check};

const MODULES: &str = r#"[boundaries]

[[boundaries.modules]]
name = "domain"
paths = ["src/app/domain"]
cannot_depend_on = ["web"]
cannot_import = ["requests"]

[[boundaries.modules]]
name = "web"
paths = ["src/app/web"]

[[boundaries.modules]]
name = "web-tests"
paths = ["src/app/web_tests"]
"#;

fn package() -> Project {
    Project::new()
        .file("src/app/__init__.py", "")
        .file("src/app/domain/__init__.py", "")
        .file("src/app/web/__init__.py", "")
        .file("src/app/web/views.py", "def render():\n    pass\n")
        .file("src/app/web_tests/__init__.py", "")
        .config(MODULES)
}

#[test]
fn forbidden_dependency() {
    // The domain imports the web layer, absolutely and relatively, and a
    // package outside the tree it may not use (twice in one file).
    let hit = package()
        .file(
            "src/app/domain/order.py",
            "from app.web.views import render\nimport requests\nfrom requests.adapters import HTTPAdapter\n",
        )
        .file("src/app/domain/invoice.py", "from ..web import views\n");
    // A module whose name starts with `web` is another module; the web
    // layer may import the domain; a mention in a docstring is no import.
    // Another package whose name starts with `requests`, and the web layer
    // importing requests, are allowed.
    let near_miss = package()
        .file(
            "src/app/domain/order.py",
            "\"\"\"Never: from app.web.views import render\"\"\"\nfrom app.web_tests import fixtures\nimport requests_toolbelt\n",
        )
        .file("src/app/web/client.py", "import requests\n")
        .file("src/app/web_tests/fixtures.py", "")
        .file("src/app/web/orders.py", "from app.domain import order\n");
    check("boundaries/forbidden-dependency", hit, near_miss);
}
