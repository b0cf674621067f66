//! `techlead deps` on the shapes real repositories have: workspace
//! monorepos (yarn, npm, pnpm), Python extras for development, import
//! names that differ from distribution names, manifests techlead cannot
//! read, lockfiles cut short. Each fixture is written by the test.

use super::fixture::Project;
use crate::snap;
use serde_json::Value;

/// (name, version, direct, dev, declared_by) of each listed package.
fn rows(v: &Value) -> Vec<(String, String, Value, Value, Vec<String>)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let by = p["declared_by"]
                .as_array()
                .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            (
                p["name"].as_str().unwrap().to_string(),
                p["version"].as_str().unwrap().to_string(),
                p["direct"].clone(),
                p["dev"].clone(),
                by,
            )
        })
        .collect()
}

fn row(
    name: &str,
    version: &str,
    direct: bool,
    dev: Value,
    by: &[&str],
) -> (String, String, Value, Value, Vec<String>) {
    (
        name.into(),
        version.into(),
        Value::Bool(direct),
        dev,
        by.iter().map(|s| s.to_string()).collect(),
    )
}

fn names(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect()
}

/// A yarn classic monorepo whose root declares only dev tools.
fn yarn_monorepo(p: &Project) {
    p.write(
        "package.json",
        r#"{ "name": "mono", "private": true, "workspaces": ["packages/**"], "devDependencies": { "typescript": "^5.4.0" } }"#,
    )
    .write(
        "packages/web/package.json",
        r#"{ "name": "@mono/web", "dependencies": { "react": "^18.2.0", "next": "^14.2.0", "lodash": "^4.17.21", "@mono/ui": "*", "tslib": "^2.6.0" } }"#,
    )
    .write(
        "packages/ui/package.json",
        r#"{ "name": "@mono/ui", "dependencies": { "classnames": "^2.5.1" }, "peerDependencies": { "react": "^18" }, "devDependencies": { "react": "^18.2.0" } }"#,
    )
    .write(
        "packages/a/package.json",
        r#"{ "name": "a", "devDependencies": { "typescript": "^5.4.0" } }"#,
    )
    .write(
        "packages/b/package.json",
        r#"{ "name": "b", "devDependencies": { "typescript": "^5.4.0" } }"#,
    )
    .write(
        "packages/c/package.json",
        r#"{ "name": "c", "devDependencies": { "typescript": "^5.4.0" } }"#,
    )
    .write(
        "yarn.lock",
        "# yarn lockfile v1\n\n\nclassnames@^2.5.1:\n  version \"2.5.1\"\n\njs-tokens@^4.0.0:\n  version \"4.0.0\"\n\nlodash@^4.17.21:\n  version \"4.17.21\"\n\nnext@^14.2.0:\n  version \"14.2.3\"\n\n\"react@^18\", react@^18.2.0:\n  version \"18.2.0\"\n  dependencies:\n    js-tokens \"^4.0.0\"\n\ntslib@^1.8.1:\n  version \"1.14.1\"\n\ntslib@^2.6.0:\n  version \"2.6.2\"\n\ntypescript@^5.4.0:\n  version \"5.4.5\"\n",
    )
    .write(
        "packages/web/src/app.tsx",
        "import React from \"react\";\nimport Link from \"next/link\";\nimport { Button } from \"@mono/ui\";\nexport const A = 1;\n",
    )
    .write(
        "packages/ui/src/index.ts",
        "import cx from \"classnames\";\nexport const Button = cx;\n",
    );
}

#[test]
fn yarn_workspace_members_declare_packages() {
    let p = Project::new();
    yarn_monorepo(&p);
    let v = p.json(&["deps", "--format", "json"]);
    assert_eq!(
        rows(&v),
        [
            row("classnames", "2.5.1", true, false.into(), &["packages/ui"]),
            row("js-tokens", "4.0.0", false, Value::Null, &[]),
            row("lodash", "4.17.21", true, false.into(), &["packages/web"]),
            row("next", "14.2.3", true, false.into(), &["packages/web"]),
            // A peer of ui and a runtime dependency of web: run time.
            row(
                "react",
                "18.2.0",
                true,
                false.into(),
                &["packages/ui", "packages/web"]
            ),
            // Only the version web asks for is direct; the other one is
            // pulled in by some package.
            row("tslib", "1.14.1", false, Value::Null, &[]),
            row("tslib", "2.6.2", true, false.into(), &["packages/web"]),
            row(
                "typescript",
                "5.4.5",
                true,
                true.into(),
                &[".", "packages/a", "packages/b", "packages/c"],
            ),
        ]
    );
    // Only lodash is declared at run time and imported nowhere; the root's
    // dev tools are not what `--unused` is about.
    let unused = p.json(&["deps", "--unused", "--format", "json"]);
    assert_eq!(names(&unused), ["lodash", "tslib"]);
    snap!(p, "yarn_workspaces_text", p.cmd(&["deps"]));
}

#[test]
fn npm_workspace_members_declare_packages() {
    let p = Project::new();
    p.write(
        "package.json",
        r#"{ "name": "mono", "workspaces": { "packages": ["apps/*"] }, "devDependencies": { "vitest": "^1" } }"#,
    )
    .write(
        "apps/api/package.json",
        r#"{ "name": "api", "dependencies": { "express": "^4.19.2" } }"#,
    )
    .write(
        "package-lock.json",
        r#"{
  "name": "mono",
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "mono", "workspaces": ["apps/*"], "devDependencies": { "vitest": "^1" } },
    "apps/api": { "name": "api", "dependencies": { "express": "^4.19.2" } },
    "node_modules/api": { "resolved": "apps/api", "link": true },
    "node_modules/express": { "version": "4.19.2" },
    "node_modules/vitest": { "version": "1.6.0", "dev": true }
  }
}
"#,
    );
    let v = p.json(&["deps", "--format", "json"]);
    assert_eq!(
        rows(&v),
        [
            row("express", "4.19.2", true, false.into(), &["apps/api"]),
            row("vitest", "1.6.0", true, true.into(), &["."]),
        ]
    );
}

/// astro's report said 248 direct dependencies and `deps` 253: the note
/// counted one row per package per lockfile. Both count as the `deps.*`
/// metrics do now, and the note says how many rows the table has.
#[test]
fn the_summary_counts_a_package_in_two_lockfiles_once() {
    let p = Project::new();
    for (dir, lodash) in [("api", "4.17.21"), ("web", "4.17.20")] {
        p.write(
            &format!("{dir}/package.json"),
            r#"{ "name": "x", "dependencies": { "express": "^4", "lodash": "^4" } }"#,
        )
        .write(
            &format!("{dir}/package-lock.json"),
            format!(
                r#"{{
  "name": "x",
  "lockfileVersion": 3,
  "packages": {{
    "": {{ "name": "x", "dependencies": {{ "express": "^4", "lodash": "^4" }} }},
    "node_modules/express": {{ "version": "4.19.2" }},
    "node_modules/lodash": {{ "version": "{lodash}" }}
  }}
}}
"#
            ),
        );
    }
    let out = p.cmd(&["deps"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "3 packages (2 direct) from 2 files; 4 rows (a package in several files is listed once in each)"
        ),
        "{stderr}"
    );
    let report = p.json(&["report", "--no-snapshot", "--format", "json", "--out", "-"]);
    assert!(!p.path("-").exists(), "`--out -` is stdout, not a file");
    let d = &report["dependencies"]["ready"];
    assert_eq!(
        (&d["packages"], &d["direct"]),
        (&3.into(), &2.into()),
        "{d}"
    );
}

#[test]
fn pnpm_importers_declare_packages() {
    let p = Project::new();
    p.write("package.json", r#"{ "name": "mono", "devDependencies": { "eslint": "^9" } }"#)
        .write("pnpm-workspace.yaml", "packages:\n  - 'packages/*'\n")
        .write(
            "packages/core/package.json",
            r#"{ "name": "core", "dependencies": { "zod": "^3.23.0" } }"#,
        )
        .write(
            "pnpm-lock.yaml",
            "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      eslint:\n        specifier: ^9\n        version: 9.3.0\n\n  packages/core:\n    dependencies:\n      zod:\n        specifier: ^3.23.0\n        version: 3.23.8\n\npackages:\n\n  eslint@9.3.0:\n    resolution: {integrity: sha512-00}\n\n  zod@3.23.8:\n    resolution: {integrity: sha512-00}\n",
        );
    let v = p.json(&["deps", "--format", "json"]);
    assert_eq!(
        rows(&v),
        [
            row("eslint", "9.3.0", true, true.into(), &["."]),
            row("zod", "3.23.8", true, false.into(), &["packages/core"]),
        ]
    );
}

#[test]
fn python_extras_and_groups_for_development_are_dev() {
    let p = Project::new();
    p.write(
        "pyproject.toml",
        "[project]\nname = \"svc\"\ndependencies = [\"httpx>=0.27\"]\n\n[project.optional-dependencies]\ncli = [\"click>=8\"]\ndev = [\"ruff\"]\ntests = [\"pytest>=8\"]\ndocs = [\"mkdocs\"]\ntyping = [\"mypy\"]\n\n[dependency-groups]\nlint = [\"black\"]\n",
    )
    .write(
        "uv.lock",
        "version = 1\n\n[[package]]\nname = \"svc\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [{ name = \"httpx\" }]\n\n[package.optional-dependencies]\ncli = [{ name = \"click\" }]\ndev = [{ name = \"ruff\" }]\ntests = [{ name = \"pytest\" }]\ndocs = [{ name = \"mkdocs\" }]\ntyping = [{ name = \"mypy\" }]\n\n[package.dev-dependencies]\nlint = [{ name = \"black\" }]\n\n[[package]]\nname = \"black\"\nversion = \"24.4.2\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"click\"\nversion = \"8.1.7\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"httpx\"\nversion = \"0.27.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"mkdocs\"\nversion = \"1.6.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"mypy\"\nversion = \"1.10.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"pytest\"\nversion = \"8.2.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"ruff\"\nversion = \"0.4.4\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
    )
    // The same project with Poetry: extras the same way, groups but main
    // are dev.
    .write(
        "poetry/pyproject.toml",
        "[tool.poetry]\nname = \"old\"\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\nrequests = \"^2.31\"\n\n[tool.poetry.group.test.dependencies]\npytest = \"^8\"\n\n[project.optional-dependencies]\ntest = [\"coverage\"]\n",
    )
    .write(
        "poetry/poetry.lock",
        "[[package]]\nname = \"coverage\"\nversion = \"7.5.1\"\n\n[[package]]\nname = \"pytest\"\nversion = \"8.2.0\"\n\n[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\n",
    );
    let v = p.json(&["deps", "--format", "json"]);
    let dev: Vec<(&str, &str, bool)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["source"].as_str().unwrap(),
                p["name"].as_str().unwrap(),
                p["dev"] == Value::Bool(true),
            )
        })
        .collect();
    assert_eq!(
        dev,
        [
            ("uv.lock", "black", true),
            ("uv.lock", "click", false),
            ("poetry/poetry.lock", "coverage", true),
            ("uv.lock", "httpx", false),
            ("uv.lock", "mkdocs", true),
            ("uv.lock", "mypy", true),
            ("poetry/poetry.lock", "pytest", true),
            ("uv.lock", "pytest", true),
            ("poetry/poetry.lock", "requests", false),
            ("uv.lock", "ruff", true),
        ]
    );
}

#[test]
fn unused_python_packages_are_matched_by_their_import_names() {
    let p = Project::new();
    p.write(
        "requirements.txt",
        "GitPython==3.1.43\nPyYAML==6.0.1\nbeautifulsoup4==4.12.3\nPillow==10.3.0\nscikit-learn==1.5.0\npython-dateutil==2.9.0\nopencv-python==4.9.0.80\nprotobuf==5.27.0\nodd-dist==1.0\nleft-behind==0.1\n",
    )
    .write(
        "app/main.py",
        "import git\nimport yaml\nfrom bs4 import BeautifulSoup\nfrom PIL import Image\nfrom sklearn import svm\nfrom dateutil import parser\nimport cv2\nfrom google.protobuf import message\nimport oddmod\n",
    );
    // Without an environment, odd-dist is not in the table: unused.
    let unused = p.json(&["deps", "--unused", "--format", "json"]);
    assert_eq!(names(&unused), ["left-behind", "odd-dist"]);
    // An environment's metadata says odd-dist installs `oddmod`.
    p.write(".venv/pyvenv.cfg", "home = /usr/bin\n")
        .write(
            ".venv/lib/python3.12/site-packages/odd_dist-1.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: odd-dist\nVersion: 1.0\n",
        )
        .write(
            ".venv/lib/python3.12/site-packages/odd_dist-1.0.dist-info/RECORD",
            "oddmod/__init__.py,sha256=00,10\nodd_dist-1.0.dist-info/METADATA,,\n",
        );
    let out = p
        .cmd(&["deps", "--unused", "--format", "json"])
        .output()
        .unwrap();
    let unused: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(names(&unused), ["left-behind"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Python import names read from .venv"),
        "{stderr}"
    );
}

#[test]
fn an_import_of_a_local_package_is_not_a_use_of_a_registry_namesake() {
    let p = Project::new();
    // The tree's own `shared` library, which the import resolver cannot
    // place (it is not under a source root)...
    p.write(
        "libs/shared/pyproject.toml",
        "[project]\nname = \"shared\"\nversion = \"0.1.0\"\n",
    )
    .write("libs/shared/shared/__init__.py", "X = 1\n")
    // ...and a registry package of the same name that nothing uses.
    .write("requirements.txt", "shared==1.0\nrequests==2.32.3\n")
    .write("app/main.py", "import shared\nimport requests\n");
    let unused = p.json(&["deps", "--unused", "--format", "json"]);
    assert_eq!(names(&unused), ["shared"]);
}

#[test]
fn manifests_techlead_cannot_read_are_named_on_stderr() {
    let p = Project::new();
    for (f, text) in [
        ("clj/project.clj", "(defproject x \"0.1\")\n"),
        ("clj2/deps.edn", "{:deps {}}\n"),
        ("scala/build.sbt", "name := \"x\"\n"),
        ("ex/mix.exs", "defmodule X do end\n"),
        ("swift/Package.swift", "// swift-tools-version:5.9\n"),
        ("dart/pubspec.yaml", "name: x\n"),
        ("dotnet/App.csproj", "<Project />\n"),
        ("dotnet/packages.config", "<packages />\n"),
        ("cpp/conanfile.txt", "[requires]\n"),
        ("cpp/vcpkg.json", "{}\n"),
        (
            "legacy/setup.py",
            "setup(name=\"x\", install_requires=[\"requests\"])\n",
        ),
        // Only tools' settings: not a manifest.
        ("lint/setup.cfg", "[flake8]\nmax-line-length = 88\n"),
        (
            "examples/demo/package.json",
            r#"{ "name": "demo", "dependencies": { "react": "^18" } }"#,
        ),
    ] {
        p.write(f, text);
    }
    let out = p.cmd(&["deps", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // The JSON contract is an array: the notes go to stderr only.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
    snap!(p, "unread_manifests", p.cmd(&["deps"]));
}

#[test]
fn a_lockfile_cut_inside_a_string_is_refused() {
    let p = Project::new();
    p.write(
        r#"package.json"#,
        r#"{ "dependencies": { "lodash": "^4" } }"#,
    )
    .write(
        "yarn.lock",
        "# yarn lockfile v1\n\n\nlodash@^4:\n  version \"4.17",
    )
    .write(
        "svc/go.mod",
        "module example.com/svc\n\nrequire (\n\t\"github.com/google/uuid v1.6.0\n)\n",
    );
    let out = p.cmd(&["deps"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: yarn.lock:5: unterminated string `\"4.17`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: svc/go.mod:4: unterminated string"),
        "{stderr}"
    );
}

#[test]
fn a_pyproject_without_a_lockfile_is_read_as_a_manifest() {
    let p = Project::new();
    p.write(
        "pyproject.toml",
        "[project]\nname = \"black\"\ndependencies = [\n  \"click>=8.0.0\",\n  \"tomli>=1.1.0; python_version < '3.11'\",\n]\n\n[project.optional-dependencies]\nd = [\"aiohttp>=3.10\"]\n\n[dependency-groups]\ntest = [\"pytest\"]\n",
    )
    .write("src/black/__init__.py", "import click\nimport tomli\n");
    snap!(p, "pyproject_only", p.cmd(&["deps"]));
    let unused = p.json(&["deps", "--unused", "--format", "json"]);
    assert_eq!(names(&unused), ["aiohttp"]);
}

#[test]
fn requirements_that_install_the_project_itself_are_for_development() {
    let p = Project::new();
    p.write(
        "pyproject.toml",
        "[project]\nname = \"httpx\"\ndependencies = [\"httpcore==1.*\"]\n",
    )
    .write(
        "requirements.txt",
        "# Our tooling, pinned.\n-e .[cli]\nmkdocs==1.6.1\npytest==8.4.1\n",
    )
    .write("httpx/__init__.py", "import httpcore\n");
    let v = p.json(&["deps", "--format", "json"]);
    let dev: Vec<(&str, &Value)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), &p["dev"]))
        .collect();
    assert_eq!(
        dev,
        [
            ("httpcore", &Value::Bool(false)),
            ("mkdocs", &Value::Bool(true)),
            ("pytest", &Value::Bool(true)),
        ]
    );
    let unused = p.json(&["deps", "--unused", "--format", "json"]);
    assert_eq!(names(&unused), Vec::<&str>::new());
}

#[test]
fn a_registry_release_of_a_workspace_package_is_used_by_the_projects_that_declare_it() {
    let p = Project::new();
    p.write(
        "package.json",
        r#"{ "name": "mono", "private": true, "workspaces": ["packages/*", "examples/*"] }"#,
    )
    .write(
        "packages/toolkit/package.json",
        r#"{ "name": "@acme/toolkit", "version": "2.0.0", "main": "src/index.ts" }"#,
    )
    .write("packages/toolkit/src/index.ts", "export const x = 1;\n")
    .write(
        "packages/utils/package.json",
        r#"{ "name": "utils", "version": "0.1.0", "main": "src/index.ts" }"#,
    )
    .write("packages/utils/src/index.ts", "export const u = 1;\n")
    // An example pinned to the published 1.9.7 of the repository's own
    // toolkit: the package manager installs that release for it.
    .write(
        "examples/app/package.json",
        r#"{ "name": "app", "dependencies": { "@acme/toolkit": "^1.9.7" } }"#,
    )
    .write(
        "examples/app/src/main.ts",
        "import { x } from \"@acme/toolkit\";\nexport const y = x;\n",
    )
    // web uses the local utils; legacy declares an unrelated registry
    // `utils` it never imports.
    .write(
        "packages/web/package.json",
        r#"{ "name": "web", "dependencies": { "utils": "workspace:*" } }"#,
    )
    .write(
        "packages/web/src/app.ts",
        "import { u } from \"utils\";\nexport const w = u;\n",
    )
    .write(
        "packages/legacy/package.json",
        r#"{ "name": "legacy", "dependencies": { "utils": "^3.0.0" } }"#,
    )
    .write("packages/legacy/src/index.ts", "export const l = 1;\n")
    .write(
        "yarn.lock",
        "__metadata:\n  version: 8\n  cacheKey: 10\n\n\"@acme/toolkit@npm:^1.9.7\":\n  version: 1.9.7\n  resolution: \"@acme/toolkit@npm:1.9.7\"\n  languageName: node\n  linkType: hard\n\n\"@acme/toolkit@workspace:packages/toolkit\":\n  version: 0.0.0-use.local\n  resolution: \"@acme/toolkit@workspace:packages/toolkit\"\n  languageName: unknown\n  linkType: soft\n\n\"utils@npm:^3.0.0\":\n  version: 3.0.0\n  resolution: \"utils@npm:3.0.0\"\n  languageName: node\n  linkType: hard\n\n\"utils@workspace:*, utils@workspace:packages/utils\":\n  version: 0.0.0-use.local\n  resolution: \"utils@workspace:packages/utils\"\n  languageName: unknown\n  linkType: soft\n",
    );
    let v = p.json(&["deps", "--format", "json"]);
    assert_eq!(
        rows(&v),
        [
            row(
                "@acme/toolkit",
                "1.9.7",
                true,
                false.into(),
                &["examples/app"]
            ),
            row("utils", "3.0.0", true, false.into(), &["packages/legacy"]),
        ]
    );
    let unused = p.json(&["deps", "--unused", "--format", "json"]);
    assert_eq!(names(&unused), ["utils"]);
}
