//! The one HTTP client of `--online`: ureq with rustls and the platform's
//! trust store, a timeout, redirects followed only within the host asked,
//! and bounded answers. Errors are one line of text naming the URL, for
//! notes: an unreachable service is reported, never a crash.

use serde_json::Value;
use std::time::Duration;

/// The largest answer read (npm documents of packages with thousands of
/// releases run to tens of MiB).
const BODY_LIMIT: u64 = 64 * 1024 * 1024;

/// How many redirects within the host are followed.
const MAX_REDIRECTS: usize = 5;

/// Seconds a request may take: `TECHLEAD_ONLINE_TIMEOUT` (default 20).
pub fn timeout_from_env() -> Duration {
    let secs = std::env::var("TECHLEAD_ONLINE_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| *s > 0.0 && *s < 3600.0)
        .unwrap_or(20.0);
    Duration::from_secs_f64(secs)
}

/// crates.io asks every client to say who it is.
const USER_AGENT: &str = concat!(
    "techlead/",
    env!("CARGO_PKG_VERSION"),
    " (deps --online; radar evaluate --online)"
);

/// One agent for every request of a run: it keeps connections and the
/// TLS setup.
pub struct Client {
    agent: ureq::Agent,
}

impl Client {
    pub fn new(timeout: Duration) -> Client {
        // The platform's trust store, so that a proxy's own CA (common
        // behind corporate firewalls) is trusted as the rest of the system
        // trusts it.
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .tls_config(tls)
            // Redirects are followed below, and only within the host asked:
            // a registry (or whoever answers for it) must not send us to a
            // link-local or private address.
            .max_redirects(0)
            .build()
            .into();
        Client { agent }
    }

    /// GETs `url` and parses the answer as JSON.
    pub fn get_json(&self, url: &str) -> Result<Value, String> {
        fetch_with(&self.agent, url)
    }

    /// POSTs `body` as JSON to `url` and parses the answer (no redirects).
    pub fn post_json(&self, url: &str, body: &Value) -> Result<Value, String> {
        let mut response = self
            .agent
            .post(url)
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .map_err(|e| format!("{url}: {e}"))?;
        if response.status().is_redirection() {
            return Err(format!("{url}: redirected; not followed for a query"));
        }
        read_json(url, &mut response)
    }
}

fn read_json(url: &str, response: &mut ureq::http::Response<ureq::Body>) -> Result<Value, String> {
    let body = response
        .body_mut()
        .with_config()
        .limit(BODY_LIMIT)
        .read_to_string()
        .map_err(|e| format!("{url}: {e}"))?;
    serde_json::from_str(&body).map_err(|e| format!("{url}: not JSON: {e}"))
}

pub(crate) fn fetch_with(agent: &ureq::Agent, url: &str) -> Result<Value, String> {
    let mut current = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let mut response = agent
            .get(&current)
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json")
            .call()
            .map_err(|e| format!("{url}: {e}"))?;
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .ok_or_else(|| format!("{url}: a redirect without a location"))?;
            current = same_host_target(&current, location).ok_or_else(|| {
                format!(
                    "{url}: redirected to {location}, outside the registry's host; not followed"
                )
            })?;
            continue;
        }
        return read_json(url, &mut response);
    }
    Err(format!("{url}: more than {MAX_REDIRECTS} redirects"))
}

/// Where a redirect from `from` to `location` goes, when that is on the
/// same scheme, host and port (a path, or an absolute URL naming the same
/// authority); None for any other host.
fn same_host_target(from: &str, location: &str) -> Option<String> {
    let from: ureq::http::Uri = from.parse().ok()?;
    let (scheme, authority) = (from.scheme_str()?, from.authority()?);
    if location.starts_with('/') && !location.starts_with("//") {
        return Some(format!("{scheme}://{authority}{location}"));
    }
    let to: ureq::http::Uri = location.parse().ok()?;
    (to.scheme_str() == Some(scheme)
        && to.authority().map(|a| a.as_str().to_ascii_lowercase())
            == Some(authority.as_str().to_ascii_lowercase()))
    .then(|| location.to_string())
}

/// Percent-encodes a path segment (a package name with `/` or `@`), as
/// package URLs encode theirs.
pub fn segment(s: &str) -> String {
    crate::sbom::purl::encode(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An HTTP server on loopback answering one request per reply, in
    /// order; the returned flag says whether anything connected.
    fn serve(replies: Vec<String>) -> (String, std::sync::Arc<std::sync::atomic::AtomicBool>) {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let hit = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = hit.clone();
        std::thread::spawn(move || {
            // Bounded: give up after 5 s whatever happens.
            let until = std::time::Instant::now() + Duration::from_secs(5);
            let mut replies = replies.into_iter();
            let mut next = replies.next();
            while let Some(reply) = &next
                && std::time::Instant::now() < until
            {
                if let Ok((mut s, _)) = listener.accept() {
                    flag.store(true, std::sync::atomic::Ordering::SeqCst);
                    s.set_nonblocking(false).unwrap();
                    let mut buf = [0u8; 4096];
                    let _ = s.read(&mut buf);
                    let _ = s.write_all(reply.as_bytes());
                    next = replies.next();
                    continue;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        (format!("http://{addr}"), hit)
    }

    fn redirect(to: &str) -> String {
        format!(
            "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
    }

    fn ok(body: &str) -> String {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    fn test_agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(5)))
            .max_redirects(0)
            .build()
            .into()
    }

    #[test]
    fn a_redirect_to_another_host_is_not_followed() {
        // The second loopback port stands in for another host (a
        // link-local metadata address, say): it must never be contacted.
        let (other, other_hit) = serve(vec![ok("{}")]);
        let (registry, _) = serve(vec![redirect(&format!("{other}/latest/meta-data"))]);
        let err = fetch_with(&test_agent(), &format!("{registry}/pkg")).unwrap_err();
        assert!(
            err.contains("outside the registry's host; not followed"),
            "{err}"
        );
        assert!(!other_hit.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn a_redirect_within_the_host_is_followed() {
        let (registry, _) = serve(vec![redirect("/final"), ok("{\"ok\":true}")]);
        let value = fetch_with(&test_agent(), &format!("{registry}/pkg")).unwrap();
        assert_eq!(value["ok"], true);
        assert_eq!(
            same_host_target(
                "https://pypi.org/pypi/x/json",
                "https://PyPI.org/pypi/y/json"
            ),
            Some("https://PyPI.org/pypi/y/json".into())
        );
        for elsewhere in [
            "http://169.254.169.254/latest",
            "//evil.example/x",
            "http://pypi.org/pypi/x",
            "https://pypi.org:8443/x",
        ] {
            assert_eq!(
                same_host_target("https://pypi.org/pypi/x/json", elsewhere),
                None,
                "{elsewhere}"
            );
        }
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(segment("@babel/core"), "%40babel%2Fcore");
        assert_eq!(segment("serde_json"), "serde_json");
    }
}
