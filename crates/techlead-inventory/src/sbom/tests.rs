use super::*;
use crate::DepRef;

fn pkg(eco: Ecosystem, name: &str, version: &str, source: &str, line: u32) -> Package {
    Package {
        ecosystem: eco,
        name: name.into(),
        version: version.into(),
        direct: Some(false),
        dev: None,
        source: source.into(),
        declared_by: Vec::new(),
        line,
        requested: Vec::new(),
        released: None,
        license: None,
        depends: Vec::new(),
    }
}

#[test]
fn one_component_per_url_with_every_occurrence() {
    let mut a = pkg(
        Ecosystem::Npm,
        "lodash",
        "4.17.21",
        "web/package-lock.json",
        9,
    );
    a.dev = Some(true);
    a.direct = Some(true);
    let mut b = pkg(
        Ecosystem::Npm,
        "lodash",
        "4.17.21",
        "api/package-lock.json",
        30,
    );
    b.dev = Some(false);
    let c = pkg(
        Ecosystem::Npm,
        "lodash",
        "4.17.20",
        "old/package-lock.json",
        4,
    );
    let sbom = build("demo", &[a, b, c]);
    assert_eq!(sbom.components.len(), 2);
    let latest = &sbom.components[1];
    assert_eq!(latest.purl, "pkg:npm/lodash@4.17.21");
    assert!(latest.direct, "direct in one lockfile");
    assert_eq!(latest.dev, Some(false), "needed at run time in another");
    assert_eq!(
        latest.occurrences,
        [
            ("api/package-lock.json".to_string(), 30),
            ("web/package-lock.json".to_string(), 9)
        ]
    );
}

#[test]
fn edges_resolve_within_their_file_and_are_unknown_where_it_records_none() {
    let mut app = pkg(Ecosystem::Cargo, "clap", "4.5.0", "Cargo.lock", 10);
    app.depends = vec![
        DepRef::new("clap_builder", None),
        // Two versions of `bitflags` and no version named: not guessed.
        DepRef::new("bitflags", None),
        DepRef::new("syn", Some("2.0.1".into())),
        DepRef::new("not-here", None),
    ];
    let builder = pkg(Ecosystem::Cargo, "clap_builder", "4.5.0", "Cargo.lock", 20);
    let b1 = pkg(Ecosystem::Cargo, "bitflags", "1.3.2", "Cargo.lock", 30);
    let b2 = pkg(Ecosystem::Cargo, "bitflags", "2.5.0", "Cargo.lock", 40);
    let syn1 = pkg(Ecosystem::Cargo, "syn", "1.0.109", "Cargo.lock", 50);
    let syn2 = pkg(Ecosystem::Cargo, "syn", "2.0.1", "Cargo.lock", 60);
    // Same name in another lockfile: not an edge target.
    let other = pkg(
        Ecosystem::Cargo,
        "clap_builder",
        "4.4.0",
        "tools/Cargo.lock",
        5,
    );
    let mut go = pkg(Ecosystem::Go, "golang.org/x/net", "v0.25.0", "go.mod", 3);
    go.depends = vec![DepRef::new("golang.org/x/text", None)];
    let sbom = build("demo", &[app, builder, b1, b2, syn1, syn2, other, go]);
    let find = |purl: &str| sbom.components.iter().position(|c| c.purl == purl).unwrap();
    let clap = &sbom.components[find("pkg:cargo/clap@4.5.0")];
    let targets: Vec<&str> = clap
        .depends
        .iter()
        .flatten()
        .map(|&i| sbom.components[i].purl.as_str())
        .collect();
    assert_eq!(
        targets,
        ["pkg:cargo/clap_builder@4.5.0", "pkg:cargo/syn@2.0.1"]
    );
    assert_eq!(
        sbom.components[find("pkg:cargo/syn@1.0.109")].depends,
        Some(Default::default()),
        "a Cargo.lock entry without dependencies has none"
    );
    assert_eq!(
        sbom.components[find("pkg:golang/golang.org/x/net@v0.25.0")].depends,
        None,
        "go.mod records no graph: unknown"
    );
}

#[test]
fn uuids_are_name_based_and_well_formed() {
    let a = Sbom::uuid(b"one");
    assert_eq!(a, Sbom::uuid(b"one"));
    assert_ne!(a, Sbom::uuid(b"two"));
    let parts: Vec<&str> = a.split('-').collect();
    assert_eq!(
        parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12]
    );
    assert!(parts[2].starts_with('5'), "version 5: {a}");
    assert!("89ab".contains(&parts[3][..1]), "RFC variant: {a}");
}
