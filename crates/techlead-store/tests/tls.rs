//! TLS with a real certificate: a throwaway cluster with `ssl = on` and a
//! server certificate for 127.0.0.1 and localhost signed by a CA made for
//! the test. `sslmode=verify-full` with that CA as `sslrootcert` connects
//! (and the session is encrypted); the wrong CA, or none (the system's
//! trust store does not know the test CA), is a clear refusal that shows
//! no password.
#![cfg(feature = "postgres")]

use std::path::Path;
use techlead_store::*;
use techlead_testing::postgres as pg;
use techlead_testing::postgres_tls;

fn connect(url: &str, write: bool) -> Result<Store, techlead_core::InputError> {
    Store::connect(&Location::parse(url), Path::new("."), write)
}

/// The database's URL on `host` with the query `query` instead of the
/// cluster's `sslmode=disable`.
fn url_with(base: &str, host: &str, query: &str) -> String {
    let head = base.split_once('?').map_or(base, |(h, _)| h);
    format!("{}?{query}", head.replacen("127.0.0.1", host, 1))
}

fn snapshot(commit: &str) -> Snapshot {
    Snapshot {
        repo: "api".into(),
        commit: commit.into(),
        committed_at: "2026-01-01T10:00:00Z".into(),
        taken_at: "2026-01-02T00:00:00Z".into(),
        tool_version: "0.1.0".into(),
        values: vec![("decisions.total".into(), Ok(4.0))],
        ..Default::default()
    }
}

#[test]
fn verify_full_with_the_right_ca_connects_and_a_wrong_ca_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tls) = postgres_tls::tls_cluster(dir.path()) else {
        return;
    };
    let (cluster, certs) = (&tls.cluster, &tls.certs);
    let (db, plain) = pg::fresh_database(cluster);
    let (_, password) = pg::userinfo(&cluster.url);
    let password = password.unwrap();
    let verify = |host: &str, ca: &Path| {
        url_with(
            &plain,
            host,
            &format!("sslmode=verify-full&sslrootcert={}", ca.display()),
        )
    };

    // The right CA, by IP address and by name: connects, pushes, reads.
    let mut s = connect(&verify("127.0.0.1", &certs.ca), true).unwrap();
    s.record(&snapshot("a1")).unwrap();
    let by_name = connect(&verify("localhost", &certs.ca), false).unwrap();
    assert_eq!(by_name.repositories().unwrap()[0].snapshots, 1);
    // Both sessions are encrypted (psql's own, over sslmode=disable, is not).
    let encrypted = pg::psql(
        &plain,
        &format!(
            "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE s.ssl AND a.datname = '{db}'"
        ),
    );
    assert_eq!(encrypted, "2");
    drop((s, by_name));

    // A CA that did not sign the server's certificate.
    let err = connect(&verify("127.0.0.1", &certs.wrong_ca), false)
        .err()
        .expect("the wrong CA is refused");
    let text = format!("{err} {}", err.help.clone().unwrap_or_default());
    assert!(
        text.contains("the server's certificate was not accepted"),
        "{text}"
    );
    assert!(text.contains("sslrootcert"), "{text}");
    assert!(text.contains("postgres://postgres:***@127.0.0.1"), "{text}");
    assert!(!text.contains(&password), "{text}");

    // `require` verifies too: without sslrootcert, the system's trust
    // store does not know the test CA.
    let err = connect(&url_with(&plain, "127.0.0.1", "sslmode=require"), false)
        .err()
        .expect("an unknown CA is refused");
    assert!(
        err.message
            .contains("the server's certificate was not accepted"),
        "{err}"
    );

    // A sslrootcert that is not there: named, nothing else tried.
    let missing = dir.path().join("nowhere.pem");
    let err = connect(&verify("127.0.0.1", &missing), false)
        .err()
        .expect("a missing CA file is an error");
    assert!(err.message.contains("nowhere.pem"), "{err}");
    assert!(!err.to_string().contains(&password), "{err}");
}
