use super::*;
use serde_json::json;

#[test]
fn crates_io_npm_and_pypi_documents() {
    let crates = json!({
        "crate": {"max_stable_version": "1.2.0"},
        "versions": [
            {"num": "1.2.0", "created_at": "2024-05-01T10:00:00Z", "license": "MIT", "yanked": false},
            {"num": "1.1.1", "created_at": "2024-02-01T10:00:00Z", "license": "MIT", "yanked": true,
             "yank_message": "unsound"},
            {"num": "1.1.0", "created_at": "2024-01-01T10:00:00Z", "license": "MIT OR Apache-2.0", "yanked": false},
            {"num": "1.0.0", "created_at": "2023-01-01T10:00:00Z", "license": "MIT", "yanked": false}
        ]
    });
    let releases = parse(Ecosystem::Cargo, &crates).unwrap();
    assert_eq!(
        releases.info("1.1.0"),
        RegistryInfo {
            released: Some("2024-01-01".into()),
            latest: Some("1.2.0".into()),
            latest_released: Some("2024-05-01".into()),
            behind: 1,
            majors_behind: 0,
            last_release: Some("2024-05-01".into()),
            yanked: None,
            deprecated: None,
            license: Some("MIT OR Apache-2.0".into()),
        }
    );
    let yanked = releases.info("1.1.1");
    assert_eq!(yanked.yanked.as_deref(), Some("unsound"));
    assert_eq!(yanked.behind, 1, "the yanked release itself is not counted");
    assert_eq!(releases.info("1.0.0").behind, 2);

    let npm = json!({
        "dist-tags": {"latest": "8.13.1"},
        "time": {"created": "2010-01-01T00:00:00Z", "modified": "2024-11-01T00:00:00Z",
                 "8.11.3": "2023-08-17T10:00:00Z", "8.12.0": "2024-06-01T10:00:00Z",
                 "7.18.3": "2024-07-01T10:00:00Z",
                 "8.13.0-beta.1": "2024-09-01T10:00:00Z", "8.13.1": "2024-10-27T10:00:00Z"},
        "versions": {"8.11.3": {"license": "MIT", "deprecated": "Upgrade to 8.13"},
                     "7.18.3": {"license": {"type": "MIT"}}}
    });
    let releases = parse(Ecosystem::Npm, &npm).unwrap();
    let info = releases.info("8.11.3");
    assert_eq!(info.released.as_deref(), Some("2023-08-17"));
    assert_eq!(info.latest_released.as_deref(), Some("2024-10-27"));
    assert_eq!(
        info.behind, 2,
        "neither the beta nor the 7.x backport counts"
    );
    assert_eq!(info.majors_behind, 0);
    assert_eq!(info.license.as_deref(), Some("MIT"));
    assert_eq!(info.deprecated.as_deref(), Some("Upgrade to 8.13"));
    assert_eq!(info.last_release.as_deref(), Some("2024-10-27"));
    let old = releases.info("7.18.3");
    assert_eq!((old.behind, old.majors_behind), (3, 1));
    assert_eq!(old.license.as_deref(), Some("MIT"));

    let pypi = json!({
        "info": {"version": "2.32.3", "license": "Apache 2.0",
                 "classifiers": ["License :: OSI Approved :: Apache Software License"]},
        "releases": {
            "1.2.0": [{"upload_time_iso_8601": "2013-05-22T15:12:42Z"}],
            "2.31.0": [{"upload_time_iso_8601": "2023-05-22T15:12:42.313790Z"}],
            "2.32.0": [{"upload_time_iso_8601": "2024-05-20T10:00:00Z", "yanked": true,
                        "yanked_reason": "broke proxies"}],
            "2.32.3": [{"upload_time_iso_8601": "2024-05-29T15:37:49.536368Z"},
                       {"upload_time_iso_8601": "2024-05-29T15:37:47.000000Z"}],
            "2.32.0rc1": []
        }
    });
    let releases = parse(Ecosystem::Pypi, &pypi).unwrap();
    let info = releases.info("2.31.0");
    assert_eq!(info.released.as_deref(), Some("2023-05-22"));
    assert_eq!(info.latest.as_deref(), Some("2.32.3"));
    assert_eq!(info.behind, 1);
    assert_eq!(
        info.license, None,
        "PyPI states the newest release's license only"
    );
    assert_eq!(
        releases.info("2.32.3").license.as_deref(),
        Some("Apache 2.0")
    );
    assert_eq!(
        releases.info("2.32.0").yanked.as_deref(),
        Some("broke proxies")
    );
    assert_eq!(releases.info("1.2.0").majors_behind, 1);
    assert!(parse(Ecosystem::Pypi, &json!({"nope": 1})).is_none());
    let inactive = json!({"info": {"version": "1.0", "classifiers": ["Development Status :: 7 - Inactive"]},
                          "releases": {"1.0": [{"upload_time_iso_8601": "2015-01-01T00:00:00Z"}]}});
    assert_eq!(
        parse(Ecosystem::Pypi, &inactive)
            .unwrap()
            .info("1.0")
            .deprecated
            .as_deref(),
        Some("Development Status :: 7 - Inactive")
    );
}

#[test]
fn major_lines_treat_zero_minors_as_breaking() {
    let crates = json!({
        "crate": {"max_stable_version": "1.0.0"},
        "versions": [
            {"num": "1.0.0", "created_at": "2024-05-01T10:00:00Z"},
            {"num": "0.5.2", "created_at": "2024-03-01T10:00:00Z"},
            {"num": "0.5.0", "created_at": "2024-02-01T10:00:00Z"},
            {"num": "0.4.0", "created_at": "2024-01-01T10:00:00Z"},
            {"num": "0.3.1", "created_at": "2023-01-01T10:00:00Z"}
        ]
    });
    let releases = parse(Ecosystem::Cargo, &crates).unwrap();
    assert_eq!(releases.info("0.3.1").majors_behind, 3, "0.4, 0.5 and 1");
    assert_eq!(releases.info("0.5.0").majors_behind, 1);
    assert_eq!(releases.info("1.0.0").majors_behind, 0);
}

#[test]
fn addresses_encode_names() {
    let at = crate::online::Endpoints::default();
    assert_eq!(
        url(&at, Ecosystem::Npm, "@babel/core").unwrap(),
        "https://registry.npmjs.org/@babel%2fcore"
    );
    assert!(
        url(&at, Ecosystem::Cargo, "../x")
            .unwrap()
            .ends_with("/api/v1/crates/..%2Fx")
    );
    assert!(url(&at, Ecosystem::Go, "golang.org/x/net").is_none());
}
