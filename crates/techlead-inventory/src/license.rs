//! Licenses from installed copies of packages, for evaluations: npm's
//! `node_modules` beside the lockfile, Cargo's registry sources. Nothing is
//! fetched; what is not installed is simply unknown.

use crate::{Ecosystem, Package};
use std::path::{Path, PathBuf};

pub fn installed_license(root: &Path, p: &Package) -> Option<String> {
    let lock = root.join(&p.source);
    let lock_dir = lock.parent()?;
    match p.ecosystem {
        Ecosystem::Npm => {
            let path = lock_dir
                .join("node_modules")
                .join(&p.name)
                .join("package.json");
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
            v["license"].as_str().map(str::to_string)
        }
        Ecosystem::Cargo => {
            let home = std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
            for index in std::fs::read_dir(home.join("registry").join("src"))
                .ok()?
                .flatten()
            {
                let manifest = index
                    .path()
                    .join(format!("{}-{}", p.name, p.version))
                    .join("Cargo.toml");
                if let Ok(text) = std::fs::read_to_string(manifest) {
                    let v: toml::Table = toml::from_str(&text).ok()?;
                    return v
                        .get("package")?
                        .get("license")?
                        .as_str()
                        .map(str::to_string);
                }
            }
            None
        }
        _ => None,
    }
}
