//! Yarn's catalogs (`.yarnrc.yml` `catalog:` and `catalogs:`, yarn 4.10+):
//! a package.json range `catalog:` or `catalog:<name>` stands for the
//! range the catalog gives the package, and that range is what yarn.lock
//! records. babel declares `core-js` and `@jridgewell/trace-mapping` so.

use std::collections::HashMap;
use std::path::Path;

/// Package -> range, per catalog (`""` for the default `catalog:`).
#[derive(Debug, Default)]
pub struct Catalogs(HashMap<String, HashMap<String, String>>);

impl Catalogs {
    /// The catalogs of the `.yarnrc.yml` in `dir`; none when it is absent
    /// or does not parse (yarn itself would refuse it: the ranges then
    /// stay as written).
    pub fn read(dir: &Path) -> Catalogs {
        crate::find::text(&dir.join(".yarnrc.yml"))
            .map(|t| Catalogs::parse(&t))
            .unwrap_or_default()
    }

    pub fn parse(text: &str) -> Catalogs {
        #[derive(serde::Deserialize, Default)]
        #[serde(default)]
        struct Yarnrc {
            catalog: HashMap<String, String>,
            catalogs: HashMap<String, HashMap<String, String>>,
        }
        let Ok(rc) = serde_saphyr::from_str::<Yarnrc>(text) else {
            return Catalogs::default();
        };
        let mut all = rc.catalogs;
        all.insert(String::new(), rc.catalog);
        Catalogs(all)
    }

    /// The range a declared range stands for.
    pub fn resolve(&self, package: &str, range: &str) -> String {
        let Some(catalog) = range.strip_prefix("catalog:") else {
            return range.to_string();
        };
        let catalog = if catalog == "default" { "" } else { catalog };
        self.0
            .get(catalog)
            .and_then(|c| c.get(package))
            .cloned()
            .unwrap_or_else(|| range.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_named_catalogs() {
        let c = Catalogs::parse(
            "enableScripts: false\ncatalog:\n  \"@jridgewell/trace-mapping\": ^0.3.31\n  core-js: ^3.48.0\ncatalogs:\n  dev:\n    typescript: 6.0.2\nplugins:\n  - path: x.cjs\n",
        );
        assert_eq!(c.resolve("core-js", "catalog:"), "^3.48.0");
        assert_eq!(c.resolve("core-js", "catalog:default"), "^3.48.0");
        assert_eq!(
            c.resolve("@jridgewell/trace-mapping", "catalog:"),
            "^0.3.31"
        );
        assert_eq!(c.resolve("typescript", "catalog:dev"), "6.0.2");
        assert_eq!(c.resolve("typescript", "catalog:"), "catalog:");
        assert_eq!(c.resolve("lodash", "^4"), "^4");
        assert_eq!(
            Catalogs::parse("catalog: [").resolve("a", "catalog:"),
            "catalog:"
        );
    }
}
