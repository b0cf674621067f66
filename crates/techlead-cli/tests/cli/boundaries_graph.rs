//! `boundaries graph` on a graph too large to read whole: modules grouped
//! by layer, collapsed to a depth, cut to a module's neighbourhood.

use super::fixture::Project;
use crate::snap;

/// Six Python modules named by their dotted package, in two layers:
/// shop.orders.{api,core} -> shop.billing -> infra.db, shop.catalog ->
/// infra.db, shop.orders.core -> shop.catalog, and infra.db -> shop.billing
/// breaking the layers.
fn shop(p: &Project) {
    let files = [
        ("src/shop/__init__.py", ""),
        ("src/shop/orders/__init__.py", ""),
        (
            "src/shop/orders/api.py",
            "from shop.orders import core\nfrom shop.billing import pay\n",
        ),
        (
            "src/shop/orders/core.py",
            "from shop.billing import pay\nfrom shop.catalog import item\n",
        ),
        ("src/shop/billing/__init__.py", ""),
        ("src/shop/billing/pay.py", "from infra.db import conn\n"),
        ("src/shop/catalog/__init__.py", ""),
        ("src/shop/catalog/item.py", "from infra.db import conn\n"),
        ("src/infra/__init__.py", ""),
        ("src/infra/db/__init__.py", ""),
        ("src/infra/db/conn.py", "from shop.billing import pay\n"),
        ("src/infra/log.py", ""),
    ];
    for (path, text) in files {
        p.write(path, text);
    }
    let mut toml =
        String::from("[boundaries]\nlayers = [\"shop\", \"infra\"]\nforbid_cycles = false\n");
    for (name, path, layer) in [
        ("shop.orders.api", "src/shop/orders/api.py", "shop"),
        ("shop.orders.core", "src/shop/orders/core.py", "shop"),
        ("shop.billing", "src/shop/billing", "shop"),
        ("shop.catalog", "src/shop/catalog", "shop"),
        ("infra.db", "src/infra/db", "infra"),
        ("infra.log", "src/infra/log.py", "infra"),
    ] {
        toml.push_str(&format!(
            "\n[[boundaries.modules]]\nname = \"{name}\"\npaths = [\"{path}\"]\nlayer = \"{layer}\"\n"
        ));
    }
    p.write("techlead.toml", toml);
}

#[test]
fn modules_are_grouped_by_layer() {
    let p = Project::new();
    shop(&p);
    snap!(p, "graph_layers_dot", p.cmd(&["boundaries", "graph"]));
}

#[test]
fn depth_merges_modules_into_their_first_name_parts() {
    let p = Project::new();
    shop(&p);
    snap!(
        p,
        "graph_depth_dot",
        p.cmd(&["boundaries", "graph", "--depth", "2"])
    );
    snap!(
        p,
        "graph_depth_json",
        p.cmd(&["boundaries", "graph", "--depth", "1", "--format", "json"])
    );
}

#[test]
fn focus_keeps_a_module_and_its_neighbours() {
    let p = Project::new();
    shop(&p);
    snap!(
        p,
        "graph_focus_mermaid",
        p.cmd(&[
            "boundaries",
            "graph",
            "--focus",
            "shop.billing",
            "--format",
            "mermaid"
        ])
    );
    // Two steps out: what billing's users use, what its dependency uses.
    let g = p.json(&[
        "boundaries",
        "graph",
        "--focus",
        "shop.orders.core",
        "--radius",
        "2",
        "--format",
        "json",
    ]);
    let names: Vec<&str> = g["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "shop.orders.api",
            "shop.orders.core",
            "shop.billing",
            "shop.catalog",
            "infra.db"
        ]
    );
    assert_eq!(g["focus"], "shop.orders.core");
    // After --depth, focus names a merged module.
    let g = p.json(&[
        "boundaries",
        "graph",
        "--depth",
        "1",
        "--focus",
        "infra",
        "--format",
        "json",
    ]);
    assert_eq!(g["modules"].as_array().unwrap().len(), 2);
}

#[test]
fn an_unknown_focus_is_a_usage_error_with_the_closest_name() {
    let p = Project::new();
    shop(&p);
    snap!(
        p,
        "graph_focus_unknown",
        p.cmd(&["boundaries", "graph", "--focus", "shop.biling"])
    );
    let out = p
        .cmd(&["boundaries", "graph", "--depth", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = p
        .cmd(&["boundaries", "graph", "--radius", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--radius needs --focus");
}
