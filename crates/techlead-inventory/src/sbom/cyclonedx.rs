//! CycloneDX 1.6 JSON (<https://cyclonedx.org/docs/1.6/json/>).
//!
//! - each package a `library` component with its purl, `group` (npm
//!   scope, Maven group, Go module path, Composer vendor), `scope`
//!   (`required` for run time, `excluded` for development only, absent
//!   when unknown), declared license, the property `techlead:direct`, and
//!   `evidence.occurrences` naming each lockfile and line;
//! - the project is `metadata.component`; it depends on the direct
//!   components; each component depends on what its lockfile records
//!   (no `dependencies` entry where the file records none: unknown);
//! - the serial number is a name-based UUID of the rest of the document.

use super::{Component, Meta, Sbom, purl::split_name};
use serde_json::{Value, json};
use std::io::{self, Write};

/// The project's `bom-ref`.
const PROJECT: &str = "techlead:project";

pub fn write(sbom: &Sbom, meta: &Meta, mut out: impl Write) -> io::Result<()> {
    let mut doc = document(sbom, meta);
    let content = serde_json::to_vec(&doc).map_err(io::Error::other)?;
    doc["serialNumber"] = json!(format!("urn:uuid:{}", Sbom::uuid(&content)));
    serde_json::to_writer_pretty(&mut out, &doc).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

fn document(sbom: &Sbom, meta: &Meta) -> Value {
    let mut metadata = json!({
        "tools": {"components": [{
            "type": "application",
            "name": "techlead",
            "version": meta.tool_version,
        }]},
        "component": {"type": "application", "bom-ref": PROJECT, "name": sbom.name},
    });
    if let Some(t) = &meta.timestamp {
        metadata["timestamp"] = json!(t);
    }
    let refs = |set: &mut dyn Iterator<Item = usize>| -> Vec<&str> {
        set.map(|i| sbom.components[i].bom_ref.as_str()).collect()
    };
    let mut dependencies = vec![json!({
        "ref": PROJECT,
        "dependsOn": refs(&mut sbom.direct().map(|(i, _)| i)),
    })];
    for c in &sbom.components {
        if let Some(d) = &c.depends {
            dependencies.push(json!({
                "ref": c.bom_ref,
                "dependsOn": refs(&mut d.iter().copied()),
            }));
        }
    }
    json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": metadata,
        "components": sbom.components.iter().map(component).collect::<Vec<_>>(),
        "dependencies": dependencies,
    })
}

fn component(c: &Component) -> Value {
    let (group, name) = split_name(c.ecosystem, &c.name);
    let mut v = json!({
        "type": "library",
        "bom-ref": c.bom_ref,
        "name": name,
        "purl": c.purl,
        "properties": [
            {"name": "techlead:direct", "value": c.direct.to_string()},
            {"name": "techlead:ecosystem", "value": c.ecosystem.as_str()},
        ],
        "evidence": {"occurrences": c.occurrences.iter()
            .map(|(location, line)| json!({"location": location, "line": line}))
            .collect::<Vec<_>>()},
    });
    if let Some(g) = group {
        v["group"] = json!(g);
    }
    if !c.version.is_empty() {
        v["version"] = json!(c.version);
    }
    match c.dev {
        Some(true) => v["scope"] = json!("excluded"),
        Some(false) => v["scope"] = json!("required"),
        None => {}
    }
    if let Some(l) = &c.license {
        v["licenses"] = match (&l.spdx, l.expr()) {
            (
                Some(_),
                Some(crate::license::Expr::License {
                    id,
                    plus: false,
                    exception: None,
                }),
            ) if !id.contains("LicenseRef-") => {
                json!([{"license": {"id": id, "acknowledgement": "declared"}}])
            }
            (Some(e), _) => json!([{"expression": &**e, "acknowledgement": "declared"}]),
            (None, _) => {
                json!([{"license": {"name": &*l.text, "acknowledgement": "declared"}}])
            }
        };
    }
    v
}
