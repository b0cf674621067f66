//! A PostgreSQL cluster that speaks TLS with a certificate made for the
//! test: a certificate authority, a server certificate it signed for
//! `127.0.0.1` and `localhost`, and a second authority that signed
//! nothing (the wrong CA a client may be given).

use crate::postgres::{Cluster, server, start_cluster_with, stop_cluster};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use std::path::{Path, PathBuf};

/// The PEM files of [`make_certs`].
#[derive(Debug, Clone)]
pub struct Certs {
    /// The authority that signed the server's certificate.
    pub ca: PathBuf,
    /// An authority that did not.
    pub wrong_ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

fn authority(name: &str) -> (CertificateParams, KeyPair) {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("no names");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    (params, KeyPair::generate().expect("a key"))
}

/// Writes a CA, a server certificate and key for `127.0.0.1` and
/// `localhost` signed by it, and another CA, into `dir`.
pub fn make_certs(dir: &Path) -> Certs {
    let write = |name: &str, text: String| {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write a PEM file");
        p
    };
    let (ca_params, ca_key) = authority("techlead test CA");
    let ca = write(
        "ca.pem",
        ca_params.self_signed(&ca_key).expect("the CA").pem(),
    );
    let (other_params, other_key) = authority("techlead wrong CA");
    let wrong_ca = write(
        "wrong-ca.pem",
        other_params.self_signed(&other_key).expect("the CA").pem(),
    );
    // An IP address given as a name becomes an IP address SAN.
    let mut params = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
        .expect("the server's names");
    params
        .distinguished_name
        .push(DnType::CommonName, "techlead test server");
    let key = KeyPair::generate().expect("a key");
    let issuer = Issuer::new(ca_params, ca_key);
    let cert = params.signed_by(&key, &issuer).expect("the server cert");
    Certs {
        ca,
        wrong_ca,
        cert: write("server.crt", cert.pem()),
        key: write("server.key", key.serialize_pem()),
    }
}

/// A private cluster with TLS, stopped when dropped (a failing test
/// leaves no server running).
#[derive(Debug)]
pub struct TlsCluster {
    pub cluster: Cluster,
    pub certs: Certs,
}

impl Drop for TlsCluster {
    fn drop(&mut self) {
        stop_cluster(&self.cluster);
    }
}

/// A private cluster with `ssl = on` and the certificates of
/// [`make_certs`] (written to `dir`); None when the PostgreSQL tests are
/// skipped on this machine (see [`server`]).
pub fn tls_cluster(dir: &Path) -> Option<TlsCluster> {
    server()?;
    let certs = make_certs(dir);
    let cluster = start_cluster_with(&[("PG_SSL_CERT", &certs.cert), ("PG_SSL_KEY", &certs.key)])
        .expect("a private cluster with TLS");
    Some(TlsCluster { cluster, certs })
}
