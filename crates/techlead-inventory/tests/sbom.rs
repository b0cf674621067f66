//! The SBOMs of a tree with a lockfile of every ecosystem, validated
//! against the published JSON Schemas (vendored in `tests/data`, see its
//! README), offline.

use serde_json::Value;
use std::path::Path;
use techlead_inventory::sbom::{self, Meta};

/// CycloneDX 1.6 with its two referenced schemas, under the URIs the main
/// schema's `$ref`s resolve to; nothing is fetched.
fn cyclonedx() -> jsonschema::Validator {
    let read = |name: &str| -> Value {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(name),
        )
        .unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let base = "http://cyclonedx.org/schema/";
    let registry = jsonschema::Registry::new()
        .add(
            format!("{base}spdx.SNAPSHOT.schema.json"),
            jsonschema::Resource::from_contents(read("spdx.SNAPSHOT.schema.json")),
        )
        .unwrap()
        .add(
            format!("{base}jsf-0.82.SNAPSHOT.schema.json"),
            jsonschema::Resource::from_contents(read("jsf-0.82.SNAPSHOT.schema.json")),
        )
        .unwrap()
        .prepare()
        .unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .with_registry(&registry)
        .should_validate_formats(true)
        .build(&read("bom-1.6.SNAPSHOT.schema.json"))
        .expect("vendored CycloneDX schema compiles offline")
}

fn spdx() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/spdx-2.3.schema.json"),
    )
    .unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&serde_json::from_str(&text).unwrap())
        .expect("vendored SPDX schema compiles offline")
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} schema violations:\n{}",
        errors.join("\n")
    );
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// One lockfile or manifest per ecosystem, with licenses, nesting, dev
/// packages, ranges and a package in two lockfiles.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "web/package-lock.json",
        r#"{"name": "web", "lockfileVersion": 3, "packages": {
  "": {"name": "web", "dependencies": {"@babel/core": "^7"}, "devDependencies": {"jest": "^29"}},
  "node_modules/@babel/core": {"version": "7.24.5", "license": "MIT", "dependencies": {"lodash": "^4"}},
  "node_modules/lodash": {"version": "4.17.21", "license": "MIT"},
  "node_modules/jest": {"version": "29.7.0", "dev": true, "license": "MIT", "dependencies": {"odd": "1"}},
  "node_modules/odd": {"version": "1.0.0", "dev": true, "license": "SEE LICENSE IN LICENSE.md"},
  "node_modules/dual": {"version": "2.0.0", "license": "(MIT OR Apache-2.0)"},
  "node_modules/own": {"version": "1.0.0", "license": "LicenseRef-Acme-Commercial"}
}}"#,
    );
    write(
        root,
        "api/package-lock.json",
        r#"{"lockfileVersion": 3, "packages": {
  "": {"dependencies": {"lodash": "^4"}},
  "node_modules/lodash": {"version": "4.17.21", "license": "MIT"}
}}"#,
    );
    write(
        root,
        "Cargo.lock",
        "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"serde\",\n \"wasi\",\n]\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.203\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"wasi\"\nversion = \"0.11.0+wasi-snapshot-preview1\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\ndependencies = [\n \"serde\",\n]\n",
    );
    write(
        root,
        "Cargo.toml",
        "[package]\nname = \"app\"\n[dependencies]\nserde = \"1\"\nwasi = \"0.11\"\n",
    );
    write(
        root,
        "svc/requirements.txt",
        "requests>=2\nTyping_Extensions==4.12.2\n",
    );
    write(
        root,
        "go/go.mod",
        "module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgithub.com/docker/docker v24.0.9+incompatible // indirect\n)\n",
    );
    write(
        root,
        "rb/Gemfile.lock",
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.16.5-x86_64-linux)\n      racc (~> 1.4)\n    racc (1.8.0)\n\nDEPENDENCIES\n  nokogiri\n",
    );
    write(
        root,
        "php/composer.lock",
        r#"{"packages": [{"name": "monolog/monolog", "version": "3.6.0", "license": ["MIT"], "require": {"psr/log": "^3"}},
                       {"name": "psr/log", "version": "3.0.0", "license": ["MIT", "Apache-2.0"]}]}"#,
    );
    write(
        root,
        "java/pom.xml",
        "<project><properties><slf4j.version>2.0.13</slf4j.version></properties><dependencies><dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>${slf4j.version}</version></dependency><dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>[4.12,5)</version><scope>test</scope></dependency></dependencies></project>",
    );
    dir
}

fn documents(root: &Path, timestamp: Option<&str>) -> (String, String) {
    let mut inv = techlead_inventory::inventory(root);
    assert!(inv.errors.is_empty(), "{:?}", inv.errors);
    techlead_inventory::license::fill_installed(root, None, &mut inv.packages);
    let bill = sbom::build("demo", &inv.packages);
    let meta = Meta {
        timestamp: timestamp.map(str::to_string),
        tool_version: "0.1.0".into(),
    };
    let mut cdx = Vec::new();
    sbom::write_cyclonedx(&bill, &meta, &mut cdx).unwrap();
    let mut spdx = Vec::new();
    sbom::write_spdx(&bill, &meta, &mut spdx).unwrap();
    (
        String::from_utf8(cdx).unwrap(),
        String::from_utf8(spdx).unwrap(),
    )
}

#[test]
fn both_formats_are_valid_against_their_published_schemas() {
    let dir = tree();
    for timestamp in [None, Some("2024-05-01T12:00:00Z")] {
        let (cdx, spdx_text) = documents(dir.path(), timestamp);
        let cdx: Value = serde_json::from_str(&cdx).unwrap();
        assert_valid(&cyclonedx(), &cdx, "CycloneDX");
        let doc: Value = serde_json::from_str(&spdx_text).unwrap();
        assert_valid(&spdx(), &doc, "SPDX");
    }
    // The validators do reject what the schemas forbid.
    let (cdx, spdx_text) = documents(dir.path(), None);
    let mut cdx: Value = serde_json::from_str(&cdx).unwrap();
    cdx["components"][0]["scope"] = "sometimes".into();
    cdx["serialNumber"] = "urn:uuid:not-a-uuid".into();
    assert_eq!(cyclonedx().iter_errors(&cdx).count(), 2);
    let mut doc: Value = serde_json::from_str(&spdx_text).unwrap();
    doc["packages"][1]["primaryPackagePurpose"] = "GADGET".into();
    doc.as_object_mut().unwrap().remove("SPDXID");
    assert_eq!(spdx().iter_errors(&doc).count(), 2);
}

#[test]
fn the_documents_say_what_the_lockfiles_say() {
    let dir = tree();
    let (cdx, spdx_text) = documents(dir.path(), None);
    let cdx: Value = serde_json::from_str(&cdx).unwrap();
    let components = cdx["components"].as_array().unwrap();
    let purls: Vec<&str> = components
        .iter()
        .map(|c| c["purl"].as_str().unwrap())
        .collect();
    for expected in [
        "pkg:npm/%40babel/core@7.24.5",
        "pkg:cargo/wasi@0.11.0%2Bwasi-snapshot-preview1",
        "pkg:pypi/typing-extensions@4.12.2",
        "pkg:pypi/requests",
        "pkg:golang/github.com/docker/docker@v24.0.9%2Bincompatible",
        "pkg:gem/nokogiri@1.16.5?platform=x86_64-linux",
        "pkg:composer/monolog/monolog@3.6.0",
        "pkg:maven/org.slf4j/slf4j-api@2.0.13",
        "pkg:maven/junit/junit",
    ] {
        assert!(purls.contains(&expected), "{expected} not in {purls:?}");
    }
    let by = |purl: &str| components.iter().find(|c| c["purl"] == purl).unwrap();
    // In two lockfiles: one component, two occurrences with lines.
    let lodash = by("pkg:npm/lodash@4.17.21");
    assert_eq!(
        lodash["evidence"]["occurrences"],
        serde_json::json!([
            {"location": "api/package-lock.json", "line": 3},
            {"location": "web/package-lock.json", "line": 4}
        ])
    );
    assert_eq!(lodash["licenses"][0]["license"]["id"], "MIT");
    assert_eq!(
        by("pkg:npm/dual@2.0.0")["licenses"][0]["expression"],
        "MIT OR Apache-2.0"
    );
    assert_eq!(
        by("pkg:npm/odd@1.0.0")["licenses"][0]["license"]["name"],
        "SEE LICENSE IN LICENSE.md"
    );
    assert_eq!(by("pkg:npm/jest@29.7.0")["scope"], "excluded");
    assert_eq!(by("pkg:npm/%40babel/core@7.24.5")["scope"], "required");
    assert_eq!(by("pkg:npm/%40babel/core@7.24.5")["group"], "@babel");
    let deps = cdx["dependencies"].as_array().unwrap();
    let depends_on = |r: &str| {
        deps.iter()
            .find(|d| d["ref"] == r)
            .map(|d| d["dependsOn"].clone())
    };
    assert_eq!(
        depends_on("pkg:npm/%40babel/core@7.24.5").unwrap(),
        serde_json::json!(["pkg:npm/lodash@4.17.21"])
    );
    assert_eq!(
        depends_on("pkg:gem/nokogiri@1.16.5?platform=x86_64-linux").unwrap(),
        serde_json::json!(["pkg:gem/racc@1.8.0"])
    );
    assert_eq!(depends_on("pkg:golang/github.com/spf13/cobra@v1.8.0"), None);
    let project = depends_on("techlead:project").unwrap();
    assert!(
        project
            .as_array()
            .unwrap()
            .contains(&"pkg:cargo/serde@1.0.203".into())
    );
    assert!(
        project
            .as_array()
            .unwrap()
            .contains(&"pkg:npm/lodash@4.17.21".into()),
        "api declares it"
    );
    assert!(
        !project
            .as_array()
            .unwrap()
            .contains(&"pkg:npm/odd@1.0.0".into())
    );
    assert!(cdx["metadata"].get("timestamp").is_none());

    let doc: Value = serde_json::from_str(&spdx_text).unwrap();
    let packages = doc["packages"].as_array().unwrap();
    let odd = packages.iter().find(|p| p["name"] == "odd").unwrap();
    let reference = odd["licenseDeclared"].as_str().unwrap();
    assert!(reference.starts_with("LicenseRef-techlead-"), "{reference}");
    let infos = doc["hasExtractedLicensingInfos"].as_array().unwrap();
    assert!(
        infos
            .iter()
            .any(|i| i["licenseId"] == reference
                && i["extractedText"] == "SEE LICENSE IN LICENSE.md")
    );
    assert!(
        infos
            .iter()
            .any(|i| i["licenseId"] == "LicenseRef-Acme-Commercial")
    );
    let rels = doc["relationships"].as_array().unwrap();
    let jest = packages.iter().find(|p| p["name"] == "jest").unwrap()["SPDXID"].clone();
    assert!(rels.iter().any(|r| r["spdxElementId"] == jest
        && r["relationshipType"] == "DEV_DEPENDENCY_OF"
        && r["relatedSpdxElement"] == "SPDXRef-Project"));
    assert_eq!(doc["creationInfo"]["created"], "1970-01-01T00:00:00Z");
}

#[test]
fn the_same_tree_gives_the_same_bytes_and_ids_follow_the_content() {
    let dir = tree();
    let first = documents(dir.path(), None);
    assert_eq!(first, documents(dir.path(), None));
    let timed = documents(dir.path(), Some("2024-05-01T12:00:00Z"));
    let serial = |cdx: &str| serde_json::from_str::<Value>(cdx).unwrap()["serialNumber"].clone();
    assert_ne!(serial(&first.0), serial(&timed.0));
    write(dir.path(), "svc/requirements.txt", "requests>=2\n");
    let changed = documents(dir.path(), None);
    assert_ne!(serial(&first.0), serial(&changed.0));
}
