//! docs/report.schema.json is generated from the model's types; a test
//! keeps it equal (`TECHLEAD_BLESS_DOCS=1` rewrites it).

#[test]
fn the_published_schema_is_the_models() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report.schema.json");
    let text = serde_json::to_string_pretty(&crate::json_schema()).unwrap() + "\n";
    if std::env::var_os("TECHLEAD_BLESS_DOCS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == text,
        "docs/report.schema.json is behind the model: run TECHLEAD_BLESS_DOCS=1 cargo test -p techlead-report"
    );
}
