//! Import resolution per language, on small trees that cover every import
//! form and resolution rule: the edges and external packages are
//! snapshotted as `boundaries imports --external --format json`.

use super::fixture::Project;
use crate::snap;

fn imports(p: &Project, name: &str) {
    snap!(
        p,
        name,
        p.cmd(&["boundaries", "imports", "--external", "--format", "json"])
    );
}

#[test]
fn python_resolution_follows_grimp() {
    let p = Project::new();
    p.write("src/shop/__init__.py", "from .orders import api\n")
        .write("src/shop/orders/__init__.py", "")
        .write(
            "src/shop/orders/api.py",
            r#"import os
import shop.catalog.models
from shop.catalog import models as m, Product
from . import service
from .service import place_order
from .. import payments
from ..payments.gateway import charge
from shop.ns.tool import run
import requests.adapters
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from shop.billing import Invoice
else:
    from shop.billing import fallback
import importlib
plugin = importlib.import_module("shop.plugins.csv")
text = """
import shop.not_an_import
"""
# from shop import commented_out
def late():
    from shop.catalog.models import Item
"#,
        )
        .write("src/shop/orders/service.py", "from .api import late\n")
        .write("src/shop/catalog/__init__.py", "Product = object\n")
        .write("src/shop/catalog/models.py", "")
        .write("src/shop/payments/__init__.py", "")
        .write("src/shop/payments/gateway.py", "")
        // A namespace package: no __init__.py.
        .write("src/shop/ns/tool.py", "")
        .write("src/shop/billing.py", "")
        .write("src/shop/plugins/csv.py", "");
    imports(&p, "langs_python");
}

#[test]
fn go_resolution_uses_the_module_path() {
    let p = Project::new();
    p.write("go.mod", "module example.com/shop\n\ngo 1.22\n")
        .write(
            "cmd/server/main.go",
            "package main\n\nimport (\n\t\"fmt\"\n\tapi \"example.com/shop/internal/api\"\n\t_ \"example.com/shop/internal/db\"\n\t\"github.com/google/uuid\"\n)\n\n// import \"example.com/shop/fake\"\nvar s = `import \"example.com/shop/also/fake\"`\n\nfunc main() { fmt.Println(api.X, uuid.New()) }\n",
        )
        .write(
            "internal/api/api.go",
            "package api\n\nimport \"example.com/shop/internal/db\"\n\nvar X = db.Y\n",
        )
        .write("internal/api/api_test.go", "package api\n")
        .write("internal/db/db.go", "package db\n\nvar Y = 1\n");
    imports(&p, "langs_go");
}

#[test]
fn java_resolution_uses_package_declarations() {
    let p = Project::new();
    p.write(
        "src/main/java/com/acme/orders/OrderService.java",
        r#"package com.acme.orders;

import com.acme.catalog.Product;
import com.acme.catalog.Product.Variant;
import com.acme.billing.*;
import static com.acme.util.Strings.join;
import java.util.List;
import org.slf4j.Logger;

/* import com.acme.fake.Nope; */
public class OrderService {
    String s = "import com.acme.fake.Also;";
}
"#,
    )
    .write(
        "src/main/java/com/acme/catalog/Product.java",
        "package com.acme.catalog;\n\npublic class Product { public static class Variant {} }\n",
    )
    .write(
        "src/main/java/com/acme/billing/Invoice.java",
        "package com.acme.billing;\n\npublic class Invoice {}\n",
    )
    .write(
        "src/main/java/com/acme/billing/Tax.java",
        "package com.acme.billing;\n\npublic class Tax {}\n",
    )
    .write(
        "src/main/java/com/acme/util/Strings.java",
        "package com.acme.util;\n\npublic class Strings { public static String join() { return \"\"; } }\n",
    );
    imports(&p, "langs_java");
}

#[test]
fn rust_resolution_covers_every_path_form() {
    let p = Project::new();
    p.write("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
        .write(
            "crates/core-kit/Cargo.toml",
            "[package]\nname = \"core-kit\"\n\n[dependencies]\nserde = \"1\"\n",
        )
        .write(
            "crates/core-kit/src/lib.rs",
            "pub mod model;\nmod store;\n#[path = \"generated/schema.rs\"]\nmod schema;\npub use model::{Order, line::Line};\n",
        )
        .write(
            "crates/core-kit/src/model.rs",
            "pub mod line;\nuse super::store::Store;\nuse crate::schema;\nuse serde::Serialize;\npub struct Order;\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::store;\n}\n",
        )
        .write(
            "crates/core-kit/src/model/line.rs",
            "use super::super::store;\npub struct Line;\nfn f() { crate::model::Order; }\n",
        )
        .write("crates/core-kit/src/store/mod.rs", "pub struct Store;\n")
        .write("crates/core-kit/src/generated/schema.rs", "")
        .write("crates/app/Cargo.toml", "[package]\nname = \"app\"\n")
        .write(
            "crates/app/src/main.rs",
            "use core_kit::model::line::Line;\nfn main() {\n    let s = \"use core_kit::fake;\";\n    core_kit::Order;\n}\n",
        );
    imports(&p, "langs_rust");
}

/// A framework's tsconfig extends one its build generates (Nuxt's
/// `.nuxt/tsconfig.json`, gitignored): the warning names the extending
/// file and says what is missing, not an OS error.
#[test]
fn a_tsconfig_extending_a_generated_file_is_one_plain_warning() {
    let p = Project::new();
    p.write(".gitignore", ".nuxt/\n")
        .write(
            "app/tsconfig.json",
            "{\n  // https://nuxt.com/docs/guide/concepts/typescript\n  \"extends\": \"./.nuxt/tsconfig.json\"\n}\n",
        )
        .write("app/pages/index.ts", "import { a } from \"./a\";\n")
        .write("app/pages/a.ts", "export const a = 1;\n");
    let out = p.cmd(&["boundaries", "imports"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, "app/pages/index.ts:1 -> app/pages/a.ts (static)\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: app/tsconfig.json: `extends` names ./.nuxt/tsconfig.json, which does not exist (a file a build generates?): its baseUrl and paths are not applied"
        ],
        "{stderr}"
    );
}

#[test]
fn typescript_resolution_with_tsconfig_paths_and_workspaces() {
    let p = Project::new();
    p.write(
        "package.json",
        r#"{ "name": "root", "private": true, "workspaces": ["packages/*"] }"#,
    )
    .write(
        "tsconfig.base.json",
        r#"{
  // comments and trailing commas, as tsconfig allows
  "compilerOptions": {
    "baseUrl": ".",
    "paths": { "@app/*": ["apps/web/src/*"], "~utils": ["libs/utils/index.ts"], },
  },
}"#,
    )
    .write(
        "apps/web/tsconfig.json",
        r#"{ "extends": "../../tsconfig.base.json", "compilerOptions": { "strict": true } }"#,
    )
    .write(
        "apps/web/src/main.tsx",
        r#"import React from "react";
import { render } from "@testing-library/react/pure";
import type { User } from "./models/user";
import { Button } from "./components";
import { helper } from "./helper.js";
import { api } from "@app/api/client";
import { fmt } from "~utils";
import { Card } from "@acme/ui";
import { theme } from "@acme/ui/src/theme";
export * from "./models/user";
export { helper as h } from "./helper.js";
const lazy = () => import("./pages/settings");
const legacy = require("./legacy.cjs");
const notAnImport = "import x from './nope'";
// import { gone } from "./gone";
const tpl = `${`import("./nope2")`}`;
export const App = () => <p>don't import "./nope3"</p>;
"#,
    )
    .write("apps/web/src/models/user.ts", "export interface User {}\n")
    .write(
        "apps/web/src/components/index.ts",
        "export const Button = 1;\n",
    )
    .write("apps/web/src/helper.ts", "export const helper = 1;\n")
    .write("apps/web/src/api/client.ts", "export const api = 1;\n")
    .write("apps/web/src/pages/settings.tsx", "export default 1;\n")
    .write("apps/web/src/legacy.cjs", "module.exports = 1;\n")
    .write("libs/utils/index.ts", "export const fmt = 1;\n")
    .write(
        "packages/ui/package.json",
        r#"{ "name": "@acme/ui", "main": "dist/index.js", "types": "src/index.ts" }"#,
    )
    .write(
        "packages/ui/src/index.ts",
        "export { Card } from './card';\n",
    )
    .write("packages/ui/src/card.tsx", "export const Card = 1;\n")
    .write("packages/ui/src/theme.ts", "export const theme = 1;\n");
    imports(&p, "langs_typescript");
}

/// mockito: `import org.mockito.*` in mockito-core's tests resolved to the
/// `org.mockito` tests of two integration-test projects, and `boundaries
/// init` made mockito-core depend on mockito-integration-tests. Another
/// project's tests are not on the class path, and a class in two places
/// (guava's `guava/` and `android/guava/`) is the copy nearest the
/// importer.
#[test]
fn java_resolution_stays_on_the_importers_class_path() {
    let p = Project::new();
    let class = |pkg: &str, name: &str| format!("package {pkg};\n\npublic class {name} {{}}\n");
    p.write(
        "core/src/test/java/org/mock/usage/CaptorTest.java",
        "package org.mock.usage;\n\nimport org.mock.*;\nimport org.mock.collect.Lists;\n\nclass CaptorTest {}\n",
    )
    .write("core/src/main/java/org/mock/Mock.java", class("org.mock", "Mock"))
    .write("core/src/main/java/org/mock/collect/Lists.java", class("org.mock.collect", "Lists"))
    .write("android/core/src/main/java/org/mock/collect/Lists.java", class("org.mock.collect", "Lists"))
    .write(
        "integration/parallel/src/test/java/org/mock/ParallelTest.java",
        "package org.mock;\n\nimport org.mock.collect.Lists;\n\nclass ParallelTest {}\n",
    );
    let v = p.json(&["boundaries", "imports", "--format", "json"]);
    let edges: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].as_str().unwrap(), e["to"].as_str().unwrap()))
        .collect();
    assert_eq!(
        edges,
        [
            (
                "core/src/test/java/org/mock/usage/CaptorTest.java",
                "core/src/main/java/org/mock/Mock.java"
            ),
            (
                "core/src/test/java/org/mock/usage/CaptorTest.java",
                "core/src/main/java/org/mock/collect/Lists.java"
            ),
            (
                "integration/parallel/src/test/java/org/mock/ParallelTest.java",
                "core/src/main/java/org/mock/collect/Lists.java"
            ),
        ]
    );
}
