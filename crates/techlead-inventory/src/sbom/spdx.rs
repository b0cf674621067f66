//! SPDX 2.3 JSON (<https://spdx.github.io/spdx-spec/v2.3/>).
//!
//! - the project is a package the document DESCRIBES; it DEPENDS_ON each
//!   direct run-time package, and each direct development-only package is
//!   a DEV_DEPENDENCY_OF it; each package DEPENDS_ON what its lockfile
//!   records;
//! - each package has its purl as a PACKAGE-MANAGER external reference,
//!   its license as `licenseDeclared` (`NOASSERTION` when unknown; a text
//!   that is no SPDX expression becomes a `LicenseRef-` whose extracted
//!   text is that text), and a comment naming each lockfile and line;
//! - `creationInfo.created` is required: the given time, else the Unix
//!   epoch with a comment saying that no time was recorded;
//! - the document namespace ends in a name-based UUID of the content.

use super::{Component, Meta, Sbom, found_in};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

const PROJECT: &str = "SPDXRef-Project";

pub fn write(sbom: &Sbom, meta: &Meta, mut out: impl Write) -> io::Result<()> {
    let mut doc = document(sbom, meta);
    let content = serde_json::to_vec(&doc).map_err(io::Error::other)?;
    doc["documentNamespace"] = json!(format!(
        "https://spdx.org/spdxdocs/techlead/{}-{}",
        id_chars(&sbom.name),
        Sbom::uuid(&content)
    ));
    serde_json::to_writer_pretty(&mut out, &doc).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// Characters SPDX ids allow (`[A-Za-z0-9.-]`); others become `-`.
fn id_chars(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn document(sbom: &Sbom, meta: &Meta) -> Value {
    // Unique, stable element ids: the package's name and version, with a
    // counter where two clean up to the same characters.
    let mut taken = HashSet::new();
    let ids: Vec<String> = sbom
        .components
        .iter()
        .map(|c| {
            let base = format!(
                "SPDXRef-Package-{}-{}-{}",
                c.ecosystem.as_str(),
                id_chars(&c.name),
                id_chars(&c.version)
            );
            let mut id = base.clone();
            let mut n = 2;
            while !taken.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        })
        .collect();
    let mut extracted: BTreeMap<String, String> = BTreeMap::new();
    let mut packages = vec![json!({
        "SPDXID": PROJECT,
        "name": sbom.name,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "licenseConcluded": "NOASSERTION",
        "licenseDeclared": "NOASSERTION",
        "copyrightText": "NOASSERTION",
        "comment": "The project whose lockfiles and manifests techlead read.",
    })];
    for (c, id) in sbom.components.iter().zip(&ids) {
        packages.push(package(c, id, &mut extracted));
    }
    let rel = |a: &str, kind: &str, b: &str| json!({"spdxElementId": a, "relationshipType": kind, "relatedSpdxElement": b});
    let mut relationships = vec![rel("SPDXRef-DOCUMENT", "DESCRIBES", PROJECT)];
    for (i, c) in sbom.direct() {
        relationships.push(match c.dev {
            Some(true) => rel(&ids[i], "DEV_DEPENDENCY_OF", PROJECT),
            _ => rel(PROJECT, "DEPENDS_ON", &ids[i]),
        });
    }
    for (c, id) in sbom.components.iter().zip(&ids) {
        for &d in c.depends.iter().flatten() {
            relationships.push(rel(id, "DEPENDS_ON", &ids[d]));
        }
    }
    let mut creation = json!({
        "creators": [format!("Tool: techlead-{}", meta.tool_version)],
        "created": meta.timestamp.as_deref().unwrap_or("1970-01-01T00:00:00Z"),
    });
    if meta.timestamp.is_none() {
        creation["comment"] = json!(
            "No creation time recorded, so that the same tree gives the same document: \
             set SOURCE_DATE_EPOCH or --timestamp for one."
        );
    }
    let mut doc = json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": sbom.name,
        "creationInfo": creation,
        "packages": packages,
        "relationships": relationships,
    });
    if !extracted.is_empty() {
        doc["hasExtractedLicensingInfos"] = extracted
            .into_iter()
            .map(|(id, text)| json!({"licenseId": id, "extractedText": text}))
            .collect();
    }
    doc
}

fn package(c: &Component, id: &str, extracted: &mut BTreeMap<String, String>) -> Value {
    let declared = match &c.license {
        Some(l) => match &l.spdx {
            Some(e) => {
                // A reference the metadata names needs its own entry.
                for word in e.split([' ', '(', ')']) {
                    if word.starts_with("LicenseRef-") {
                        extracted.entry(word.to_string()).or_insert_with(|| {
                            "The license text is not known to techlead: the package's metadata \
                             names it by this reference only."
                                .to_string()
                        });
                    }
                }
                e.to_string()
            }
            None => {
                let reference = format!(
                    "LicenseRef-techlead-{}",
                    &Sbom::uuid(l.text.as_bytes())[..8]
                );
                extracted.insert(reference.clone(), l.text.to_string());
                reference
            }
        },
        None => "NOASSERTION".to_string(),
    };
    let mut notes = vec![format!("Found in {}", found_in(c))];
    notes.push(if c.direct {
        "declared by a project in the tree".to_string()
    } else {
        "pulled in by other packages".to_string()
    });
    match c.dev {
        Some(true) => notes.push("for development only".to_string()),
        Some(false) => notes.push("needed at run time".to_string()),
        None => {}
    }
    let mut v = json!({
        "SPDXID": id,
        "name": c.name,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "licenseConcluded": "NOASSERTION",
        "licenseDeclared": declared,
        "copyrightText": "NOASSERTION",
        "primaryPackagePurpose": "LIBRARY",
        "externalRefs": [{
            "referenceCategory": "PACKAGE-MANAGER",
            "referenceType": "purl",
            "referenceLocator": c.purl,
        }],
        "comment": format!("{}.", notes.join("; ")),
    });
    if !c.version.is_empty() {
        v["versionInfo"] = json!(c.version);
    }
    v
}
