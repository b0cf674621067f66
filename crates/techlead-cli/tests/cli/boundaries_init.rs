//! `boundaries init` on real repository shapes: an architecture already
//! written down for tach or import-linter is imported; workspace
//! declarations name the packages; a single package is split into its
//! first-level parts rather than into its top folders.

use super::fixture::Project;
use crate::{snap, snap_text};

/// A tach project as tach's own repository has it: a source root, closed
/// layers, a `*` module, `paths` groups, dependency tables, a utility,
/// interfaces, and a domain file.
fn tach_project(p: &Project) {
    let files = [
        ("python/shop/__init__.py", "__version__ = '1'\n"),
        (
            "python/shop/cli.py",
            "from shop.orders import place\nfrom shop import __version__\n",
        ),
        ("python/shop/log.py", ""),
        (
            "python/shop/orders/__init__.py",
            "from shop.orders.core import place\n",
        ),
        (
            "python/shop/orders/core.py",
            "from shop.billing.tax import rate  # tach-ignore(billing splits out tax in Q3) rate\nfrom shop.util import fmt\n",
        ),
        (
            "python/shop/billing/__init__.py",
            "from shop.billing.service import charge\n",
        ),
        (
            "python/shop/billing/service.py",
            "from shop.billing import tax\n",
        ),
        ("python/shop/billing/tax.py", "def rate():\n    pass\n"),
        (
            "python/shop/billing/tach.domain.toml",
            "[root]\nlayer = \"core\"\ndepends_on = [\"service\"]\n\n[[modules]]\npath = \"service\"\ndepends_on = [\"tax\"]\nlayer = \"core\"\n\n[[modules]]\npath = \"tax\"\ndepends_on = []\nlayer = \"core\"\nvisibility = [\"service\"]\n\n[[interfaces]]\nexpose = [\"charge\"]\nfrom = [\"service\"]\n",
        ),
        ("python/shop/util.py", "def fmt():\n    pass\n"),
        ("python/tests/test_cli.py", "from shop import cli\n"),
    ];
    for (path, text) in files {
        p.write(path, text);
    }
    p.write(
        "tach.toml",
        r#"layers = ["ui", { name = "domain", closed = true }, "core"]
exclude = ["**/tests", "build/"]
source_roots = ["python"]
exact = true
forbid_circular_dependencies = true

[rules]
unused_ignore_directives = "error"

[[modules]]
path = "*"
depends_on = []

[[modules]]
path = "shop.cli"
depends_on = ["shop.orders", { path = "shop", deprecated = true }]
layer = "ui"

[[modules]]
paths = ["shop.orders"]
depends_on = ["<root>"]
layer = "domain"
visibility = ["shop.cli"]
depends_on_external = ["requests"]

[[modules]]
path = "shop.util"
utility = true

[[interfaces]]
expose = ["place"]
from = ["shop.orders"]

[[interfaces]]
expose = ["__version__"]
from = ["shop"]
data_types = "primitive"

[cache]
file_dependencies = ["python/tests/**"]
"#,
    );
}

#[test]
fn init_imports_tach_toml_with_a_note_for_what_it_cannot_express() {
    let p = Project::new();
    tach_project(&p);
    p.write("techlead.toml", "[checks]\nrun = [\"boundaries\"]\n");
    snap!(p, "init_tach", p.cmd(&["boundaries", "init"]));
    snap_text!("init_tach_toml", p.read("techlead.toml"));
    // The imported architecture holds the code: the one import that breaks
    // it is the one tach-ignore'd, now honoured.
    let (code, rules) = p.rules_found(&["boundaries", "check"]);
    assert_eq!((code, rules), (Some(0), Vec::<String>::new()));
    let hidden = p.json(&["boundaries", "suppressions", "--format", "json"]);
    assert_eq!(hidden[0]["reason"], "billing splits out tax in Q3");
    assert_eq!(hidden[0]["directive"], "tach-ignore");
}

#[test]
fn init_imports_tach_into_an_existing_section_without_touching_its_keys() {
    let p = Project::new();
    tach_project(&p);
    let before = "[boundaries]\nexclude = [\"gen/**\"]   # ours\n";
    p.write("techlead.toml", before);
    let out = p.cmd(&["boundaries", "init"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("[boundaries] exclude is already set in techlead.toml: kept"),
        "{stderr}"
    );
    let text = p.read("techlead.toml");
    assert!(
        text.starts_with("[boundaries]\n# Imported from tach.toml"),
        "{text}"
    );
    assert!(text.contains("exclude = [\"gen/**\"]   # ours\n"), "{text}");
    assert_eq!(text.matches("exclude =").count(), 1, "{text}");
}

#[test]
fn a_broken_tach_toml_is_exit_2_with_its_line_and_nothing_written() {
    let p = Project::new();
    tach_project(&p);
    p.write(
        "tach.toml",
        "layers = [\"ui\"\n[[modules]]\npath = \"shop\"\n",
    );
    let out = p.cmd(&["boundaries", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("tach.toml:2"), "{stderr}");
    assert!(!p.path("techlead.toml").exists());
}

/// A layered package with import-linter contracts of every kind.
fn linted_package(p: &Project) {
    let files = [
        ("src/shop/__init__.py", ""),
        (
            "src/shop/web/__init__.py",
            "from shop.orders import place\n",
        ),
        ("src/shop/api/__init__.py", ""),
        (
            "src/shop/orders/__init__.py",
            "from shop.legacy import old\nimport requests\n\ndef place():\n    pass\n",
        ),
        (
            "src/shop/billing/__init__.py",
            "from shop.orders import place\n",
        ),
        ("src/shop/domain/__init__.py", "from shop.web import app\n"),
        ("src/shop/legacy/__init__.py", "def old():\n    pass\n"),
        ("src/shop/secrets/__init__.py", ""),
    ];
    for (path, text) in files {
        p.write(path, text);
    }
}

const LINTER_INI: &str = "[importlinter]
root_package = shop
exclude_type_checking_imports = True

[importlinter:contract:layers]
name = Layers
type = layers
containers =
    shop
layers =
    web | api
    orders : billing
    (missing)
    domain
exhaustive = true

[importlinter:contract:no-legacy]
name = No legacy
type = forbidden
source_modules =
    shop.orders
forbidden_modules =
    shop.legacy
    requests
    yaml
    google.cloud
ignore_imports =
    shop.orders -> shop.legacy
    shop.orders -> requests

[importlinter:contract:apart]
name = Apart
type = independence
modules =
    shop.orders
    shop.billing
ignore_imports =
    shop.billing -> shop.orders
    shop.gone -> shop.orders
";

#[test]
fn init_imports_import_linter_contracts() {
    let p = Project::new();
    linted_package(&p);
    p.write(".importlinter", LINTER_INI);
    snap!(p, "init_importlinter", p.cmd(&["boundaries", "init"]));
    snap_text!("init_importlinter_toml", p.read("techlead.toml"));
    // domain imports web (layers). The imports that ignore_imports
    // names (orders -> legacy, orders -> requests, billing -> orders) are
    // not findings, as lint-imports keeps those contracts.
    let found = p
        .cmd(&["boundaries", "check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(found.status.code(), Some(1));
    let found: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    let got: Vec<(&str, &str)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("src/shop/domain/__init__.py", "boundaries/layer-violation")]
    );
}

#[test]
fn import_linter_contracts_are_found_in_setup_cfg_and_pyproject() {
    let p = Project::new();
    linted_package(&p);
    p.write(
        "setup.cfg",
        format!("[metadata]\nname = shop\n\n{LINTER_INI}"),
    );
    p.ok(&["boundaries", "init"]);
    let from_cfg = p.read("techlead.toml");
    assert!(from_cfg.contains("# Imported from setup.cfg"), "{from_cfg}");
    assert!(
        from_cfg.contains("layers = [\"web+api\", \"orders+billing\", \"domain\"]"),
        "{from_cfg}"
    );

    let p = Project::new();
    linted_package(&p);
    p.write(
        "pyproject.toml",
        r#"[project]
name = "shop"

[tool.importlinter]
root_packages = ["shop"]

[[tool.importlinter.contracts]]
name = "Secrets stay with billing"
type = "protected"
protected_modules = ["shop.secrets"]
allowed_importers = ["shop.billing"]

[[tool.importlinter.contracts]]
name = "No cycles"
type = "acyclic_siblings"
ancestors = ["shop"]

[[tool.importlinter.contracts]]
name = "Custom"
type = "mypackage.contracts.Special"
"#,
    );
    let out = p.cmd(&["boundaries", "init"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("of type `mypackage.contracts.Special` has no counterpart"),
        "{stderr}"
    );
    let text = p.read("techlead.toml");
    assert!(text.contains("name = \"shop.secrets\"\npaths = [\"src/shop/secrets\"]\nvisible_to = [\"shop.billing\"]"), "{text}");
    assert!(text.contains("forbid_cycles = true"), "{text}");
}

#[test]
fn init_takes_the_packages_a_pnpm_workspace_declares() {
    let p = Project::new();
    p.write("package.json", "{ \"name\": \"root\", \"private\": true }")
        .write(
            "pnpm-workspace.yaml",
            "packages:\n  - 'packages/*'\n  - '!packages/legacy'\n  - 'playground/**'\n",
        );
    for (dir, name, src) in [
        ("packages/core", "@acme/core", "export const core = 1;\n"),
        (
            "packages/web",
            "@acme/web",
            "import { core } from \"@acme/core\";\n",
        ),
        ("packages/legacy", "@acme/legacy", "export const old = 1;\n"),
        (
            "playground/demo",
            "@acme/test-demo",
            "import { core } from \"@acme/core\";\n",
        ),
        (
            "packages/web/test/fixtures/app",
            "fixture-app",
            "export const x = 1;\n",
        ),
    ] {
        p.write(
            &format!("{dir}/package.json"),
            format!("{{ \"name\": \"{name}\", \"main\": \"index.ts\" }}"),
        )
        .write(&format!("{dir}/index.ts"), src);
    }
    snap!(p, "init_pnpm", p.cmd(&["boundaries", "init"]));
    let text = p.read("techlead.toml");
    assert!(
        text.contains(
            "name = \"@acme/web\"\npaths = [\"packages/web\"]\ndepends_on = [\"@acme/core\"]"
        ),
        "{text}"
    );

    // yarn and npm: package.json `workspaces`, as an array or an object.
    let p = Project::new();
    p.write(
        "package.json",
        "{ \"name\": \"root\", \"workspaces\": { \"packages\": [\"apps/*\"] } }",
    );
    for (dir, name) in [("apps/shop", "shop"), ("tools/gen", "gen")] {
        p.write(
            &format!("{dir}/package.json"),
            format!("{{ \"name\": \"{name}\" }}"),
        )
        .write(&format!("{dir}/index.js"), "module.exports = 1;\n");
    }
    let out = p.ok(&["boundaries", "init"]);
    assert_eq!(out, "shop  apps/shop\n");
}

#[test]
fn init_splits_a_single_python_package_into_its_subpackages() {
    let p = Project::new();
    for (path, text) in [
        ("src/shop/__init__.py", ""),
        ("src/shop/cli.py", "from shop.orders import place\n"),
        (
            "src/shop/orders/__init__.py",
            "from shop.billing import charge\ndef place():\n    pass\n",
        ),
        ("src/shop/billing/__init__.py", "def charge():\n    pass\n"),
        ("src/shop/billing/tests/__init__.py", ""),
        ("tests/test_orders.py", "from shop.orders import place\n"),
        ("scripts/release.py", "import shop\n"),
        ("docs/conf.py", ""),
    ] {
        p.write(path, text);
    }
    snap!(p, "init_single_python", p.cmd(&["boundaries", "init"]));
    let text = p.read("techlead.toml");
    assert!(!text.contains("name = \"tests\""), "{text}");
    assert!(!text.contains("name = \"docs\""), "{text}");
    assert!(
        text.contains(
            "name = \"shop.orders\"\npaths = [\"src/shop/orders\"]\ndepends_on = [\"shop.billing\"]"
        ),
        "{text}"
    );
}

#[test]
fn init_splits_a_single_typescript_package_and_a_single_crate() {
    let p = Project::new();
    p.write("package.json", "{ \"name\": \"app\" }")
        .write("src/index.ts", "import { a } from './api/client';\n")
        .write(
            "src/api/client.ts",
            "import { fmt } from '../lib/fmt';\nexport const a = 1;\n",
        )
        .write("src/lib/fmt.ts", "export const fmt = 1;\n")
        .write("src/lib/fmt.test.ts", "import { fmt } from './fmt';\n")
        .write("test/e2e.ts", "import { a } from '../src/api/client';\n");
    assert_eq!(
        p.ok(&["boundaries", "init"]),
        "api  src/api\nlib  src/lib\n"
    );

    let p = Project::new();
    p.write("Cargo.toml", "[package]\nname = \"tool\"\n")
        .write("src/main.rs", "mod cli;\nmod store;\nfn main() {}\n")
        .write("src/cli.rs", "use crate::store::Db;\n")
        .write("src/store/mod.rs", "pub struct Db;\nmod sql;\n")
        .write("src/store/sql.rs", "")
        .write("tests/it.rs", "");
    assert_eq!(
        p.ok(&["boundaries", "init"]),
        "cli  src/cli.rs\nstore  src/store\n"
    );
    let text = p.read("techlead.toml");
    assert!(
        text.contains("name = \"cli\"\npaths = [\"src/cli.rs\"]\ndepends_on = [\"store\"]"),
        "{text}"
    );
}
