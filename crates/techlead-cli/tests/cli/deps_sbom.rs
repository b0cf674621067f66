//! `deps --format cyclonedx|spdx`: SBOMs that validate against the
//! published schemas (vendored in the inventory crate's tests/data),
//! deterministic, with a time only when one is given.

use crate::fixture::Project;
use crate::snap;
use serde_json::Value;
use std::path::Path;

fn project() -> Project {
    let p = Project::new();
    p.write("package.json", r#"{"name": "shop", "dependencies": {"@babel/core": "^7"}, "devDependencies": {"jest": "^29"}}"#)
        .write(
            "package-lock.json",
            r#"{"name": "shop", "lockfileVersion": 3, "packages": {
  "": {"name": "shop", "dependencies": {"@babel/core": "^7"}, "devDependencies": {"jest": "^29"}},
  "node_modules/@babel/core": {"version": "7.24.5", "license": "MIT", "dependencies": {"lodash": "^4"}},
  "node_modules/lodash": {"version": "4.17.21", "license": "MIT"},
  "node_modules/jest": {"version": "29.7.0", "dev": true, "license": "MIT"}
}}"#,
        )
        .write(
            "svc/uv.lock",
            "version = 1\n\n[[package]]\nname = \"svc\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [\n    { name = \"httpx\" },\n]\n\n[[package]]\nname = \"httpx\"\nversion = \"0.27.0\"\nsource = { registry = \"https://pypi.org/simple\" }\ndependencies = [\n    { name = \"anyio\" },\n]\n\n[[package]]\nname = \"anyio\"\nversion = \"4.4.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
        );
    p
}

fn schema(name: &str) -> Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../techlead-inventory/tests/data");
    serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
}

fn assert_valid(doc: &Value, spdx: bool) {
    let base = "http://cyclonedx.org/schema/";
    let registry = jsonschema::Registry::new()
        .add(
            format!("{base}spdx.SNAPSHOT.schema.json"),
            jsonschema::Resource::from_contents(schema("spdx.SNAPSHOT.schema.json")),
        )
        .unwrap()
        .add(
            format!("{base}jsf-0.82.SNAPSHOT.schema.json"),
            jsonschema::Resource::from_contents(schema("jsf-0.82.SNAPSHOT.schema.json")),
        )
        .unwrap()
        .prepare()
        .unwrap();
    let main = if spdx {
        schema("spdx-2.3.schema.json")
    } else {
        schema("bom-1.6.SNAPSHOT.schema.json")
    };
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .with_registry(&registry)
        .should_validate_formats(true)
        .build(&main)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn cyclonedx_and_spdx_validate_and_are_the_same_bytes_each_run() {
    let p = project();
    snap!(p, "cyclonedx", p.cmd(&["deps", "--format", "cyclonedx"]));
    snap!(p, "spdx", p.cmd(&["deps", "--format", "spdx"]));
    for (format, spdx) in [("cyclonedx", false), ("spdx", true)] {
        let first = p.ok(&["deps", "--format", format]);
        assert_eq!(first, p.ok(&["deps", "--format", format]), "{format}");
        assert_valid(&serde_json::from_str(&first).unwrap(), spdx);
    }
}

#[test]
fn a_time_only_when_given() {
    let p = project();
    let cdx: Value = p.json(&["deps", "--format", "cyclonedx"]);
    assert!(cdx["metadata"].get("timestamp").is_none());
    let out = p
        .cmd(&["deps", "--format", "cyclonedx"])
        .env("SOURCE_DATE_EPOCH", "1714564800")
        .output()
        .unwrap();
    let dated: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dated["metadata"]["timestamp"], "2024-05-01T12:00:00Z");
    assert_ne!(dated["serialNumber"], cdx["serialNumber"]);
    let flagged: Value = p.json(&[
        "deps",
        "--format",
        "spdx",
        "--timestamp",
        "2024-05-01T14:00:00+02:00",
    ]);
    assert_eq!(flagged["creationInfo"]["created"], "2024-05-01T12:00:00Z");
    assert_valid(&flagged, true);
    let bad = p
        .cmd(&["deps", "--format", "spdx", "--timestamp", "yesterday"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not an RFC 3339 time"));
    let misplaced = p.cmd(&["deps", "--timestamp", "now"]).output().unwrap();
    assert_eq!(misplaced.status.code(), Some(2));
    let online = p
        .cmd(&["deps", "--format", "cyclonedx", "--online"])
        .output()
        .unwrap();
    assert_eq!(online.status.code(), Some(2));
}
