//! `techlead deps` on multi-module builds whose modules depend on each
//! other by registry coordinates: a Maven reactor (google/auto's
//! `value/processor` on `auto-value-annotations:HEAD-SNAPSHOT`) and a Go
//! workspace (prometheus/prometheus's examples on
//! `github.com/prometheus/prometheus` through `go.work`). The tree's own
//! modules are not external packages; a release of one, pinned from the
//! registry, is.

use super::fixture::Project;
use serde_json::Value;

/// (name, version, source) of each listed package.
fn rows(v: &Value) -> Vec<(String, String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap().to_string();
            (s("name"), s("version"), s("source"))
        })
        .collect()
}

fn row(name: &str, version: &str, source: &str) -> (String, String, String) {
    (name.into(), version.into(), source.into())
}

fn dep(group: &str, artifact: &str, version: &str) -> String {
    format!(
        "<dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId>{version}</dependency>"
    )
}

#[test]
fn maven_reactor_modules_are_not_external_packages() {
    let p = Project::new();
    p.write(
        "pom.xml",
        "<project><groupId>com.acme</groupId><artifactId>shop-parent</artifactId><version>2.0-SNAPSHOT</version><modules><module>core</module><module>web</module><module>tools</module></modules></project>\n",
    )
    .write(
        "core/pom.xml",
        format!(
            "<project><parent><groupId>com.acme</groupId><artifactId>shop-parent</artifactId><version>2.0-SNAPSHOT</version></parent><artifactId>shop-core</artifactId><dependencies>{}</dependencies></project>\n",
            dep("com.google.guava", "guava", "<version>33.2.0-jre</version>")
        ),
    )
    .write(
        "web/pom.xml",
        format!(
            "<project><parent><groupId>com.acme</groupId><artifactId>shop-parent</artifactId><version>2.0-SNAPSHOT</version></parent><artifactId>shop-web</artifactId><dependencies>{}{}</dependencies></project>\n",
            dep("com.acme", "shop-core", "<version>${project.version}</version>"),
            dep("org.slf4j", "slf4j-api", "<version>2.0.13</version>"),
        ),
    )
    // A separate build that uses the last release of core: that one does
    // come from the repository.
    .write(
        "tools/pom.xml",
        format!(
            "<project><groupId>com.acme.tools</groupId><artifactId>shop-tools</artifactId><version>1.0</version><dependencies>{}</dependencies></project>\n",
            dep("com.acme", "shop-core", "<version>1.9</version>")
        ),
    );
    let v = p.json(&["deps", "--format", "json"]);
    assert_eq!(
        rows(&v),
        [
            row("com.acme:shop-core", "1.9", "tools/pom.xml"),
            row("com.google.guava:guava", "33.2.0-jre", "core/pom.xml"),
            row("org.slf4j:slf4j-api", "2.0.13", "web/pom.xml"),
        ]
    );
}

#[test]
fn go_work_modules_are_not_external_packages() {
    let p = Project::new();
    p.write("go.work", "go 1.25\n\nuse (\n\t.\n\t./examples/remote // the adapter\n)\n")
        .write(
            "go.mod",
            "module github.com/acme/tsdb\n\ngo 1.25\n\nrequire github.com/google/uuid v1.6.0\n",
        )
        .write(
            "examples/remote/go.mod",
            "module github.com/acme/tsdb/examples/remote\n\ngo 1.25\n\nrequire (\n\tgithub.com/acme/tsdb v0.308.1\n\tgithub.com/golang/snappy v1.0.0\n)\n",
        )
        // Not used by the go.work: built on its own, with the release.
        .write(
            "tools/go.mod",
            "module github.com/acme/tsdb/tools\n\ngo 1.25\n\nrequire github.com/acme/tsdb/examples/remote v0.1.0\n",
        );
    let v = p.json(&["deps", "--format", "json"]);
    assert_eq!(
        rows(&v),
        [
            row(
                "github.com/acme/tsdb/examples/remote",
                "v0.1.0",
                "tools/go.mod"
            ),
            row(
                "github.com/golang/snappy",
                "v1.0.0",
                "examples/remote/go.mod"
            ),
            row("github.com/google/uuid", "v1.6.0", "go.mod"),
        ]
    );
}
