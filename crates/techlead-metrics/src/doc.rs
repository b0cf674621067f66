//! The registry as the table in docs/guide/metrics.md; a test keeps the
//! page equal to the code (`TECHLEAD_BLESS_DOCS=1` rewrites it).

use crate::registry::{Better, METRICS};

/// One row per metric: name, unit, better, meaning and computation.
pub fn markdown_table() -> String {
    let mut s = String::from(
        "| metric | unit | better | meaning | how it is computed |\n|---|---|---|---|---|\n",
    );
    for m in METRICS {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            m.name,
            m.unit.as_str(),
            match m.better {
                Better::Higher => "higher",
                Better::Lower => "lower",
                Better::Neither => "neither",
            },
            m.description.replace('|', "\\|"),
            m.computed.replace('|', "\\|"),
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    const START: &str = "<!-- metrics:start -->\n";
    const END: &str = "<!-- metrics:end -->";

    #[test]
    fn the_guide_lists_every_metric_as_the_registry_does() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/guide/metrics.md");
        let page = std::fs::read_to_string(&path).unwrap();
        let (a, b) = (
            page.find(START).unwrap() + START.len(),
            page.find(END).unwrap(),
        );
        let table = super::markdown_table();
        if std::env::var_os("TECHLEAD_BLESS_DOCS").is_some() {
            std::fs::write(&path, format!("{}{table}{}", &page[..a], &page[b..])).unwrap();
            return;
        }
        assert_eq!(
            &page[a..b],
            table,
            "docs/guide/metrics.md is behind the registry: run TECHLEAD_BLESS_DOCS=1 cargo test -p techlead-metrics"
        );
    }
}
