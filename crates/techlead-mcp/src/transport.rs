//! The two transports: stdio (the assistant starts `techlead mcp` as a
//! child process) and streamable HTTP on loopback. The tokio runtime
//! exists only here, created when `techlead mcp` starts: no other command
//! pays for it.

use crate::server::Server;
use rmcp::ServiceExt;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use std::net::{IpAddr, SocketAddr};
use techlead_core::InputError;
use tokio_util::sync::CancellationToken;

/// Where `--http` listens, as the command line gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpAddress {
    pub addr: SocketAddr,
    /// `--bind` named the address: a non-loopback one is then accepted.
    pub explicit_bind: bool,
}

/// `--http PORT` or `--http HOST:PORT`, with `--bind HOST`: the address to
/// listen on. Only a loopback address is accepted unless `--bind` names
/// the address itself, and writes never go past loopback.
pub fn http_address(
    http: &str,
    bind: Option<&str>,
    allow_write: bool,
) -> Result<HttpAddress, InputError> {
    let http = http.trim();
    let bind_ip = match bind {
        Some(b) => Some(
            parse_ip(b)
                .ok_or_else(|| InputError::new(format!("--bind `{b}` is not an IP address")))?,
        ),
        None => None,
    };
    let addr: SocketAddr = if let Ok(port) = http.parse::<u16>() {
        SocketAddr::new(bind_ip.unwrap_or(IpAddr::from([127, 0, 0, 1])), port)
    } else {
        let a: SocketAddr = http.parse().map_err(|_| {
            InputError::new(format!(
                "--http `{http}` is not a port or an address: expected e.g. 8765 or 127.0.0.1:8765"
            ))
        })?;
        if let Some(ip) = bind_ip
            && ip != a.ip()
        {
            return Err(InputError::new(format!(
                "--http {http} and --bind {ip} name different addresses"
            )));
        }
        a
    };
    let explicit_bind = bind_ip.is_some();
    if !addr.ip().is_loopback() {
        if !explicit_bind {
            return Err(InputError::new(format!(
                "--http {addr} is not a loopback address: the server has no authentication"
            ))
            .with_help(format!(
                "serve on 127.0.0.1, or say --bind {} to expose it on purpose",
                addr.ip()
            )));
        }
        if allow_write {
            return Err(InputError::new(
                "--allow-write is only served on a loopback address: without authentication, anyone who reaches the port could edit the records",
            ));
        }
    }
    Ok(HttpAddress {
        addr,
        explicit_bind,
    })
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    s.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .thread_name("techlead-mcp")
        .build()
}

/// Serves over stdin and stdout until the client closes them.
pub fn stdio(server: Server) -> anyhow::Result<()> {
    runtime()?.block_on(async move {
        let running = server
            .serve(rmcp::transport::stdio_pipes())
            .await
            .map_err(|e| anyhow::anyhow!("the MCP session did not start: {e}"))?;
        running.waiting().await?;
        Ok(())
    })
}

/// Serves streamable HTTP at `/mcp` until interrupted (Ctrl-C, SIGTERM).
/// `ready` hears the bound address (the port, when 0 was asked).
pub fn http(
    server: Server,
    at: &HttpAddress,
    ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    runtime()?.block_on(async move {
        let listener = tokio::net::TcpListener::bind(at.addr)
            .await
            .map_err(|e| InputError::new(format!("cannot listen on {}: {e}", at.addr)))?;
        let bound = listener.local_addr()?;
        let cancel = CancellationToken::new();
        let mut config = StreamableHttpServerConfig::default()
            .with_cancellation_token(cancel.clone())
            // Browsers may only reach it from a page on this machine: no
            // site on the web can drive it (DNS rebinding, CSRF).
            .with_allowed_origins(allowed_origins(bound))
            .enforce_origin_validation();
        if at.explicit_bind && !bound.ip().is_loopback() {
            // Exposed on purpose: clients name the machine as they reach it.
            config = config.disable_allowed_hosts();
        }
        let service: StreamableHttpService<Server, LocalSessionManager> =
            StreamableHttpService::new(move || Ok(server.clone()), Default::default(), config);
        ready(bound);
        let stop = cancel.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            stop.cancel();
        });
        loop {
            let (stream, _) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(s) => s,
                    Err(_) => continue,
                },
                _ = cancel.cancelled() => break,
            };
            let service = hyper_util::service::TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(io, service)
                    .await;
            });
        }
        Ok(())
    })
}

fn allowed_origins(bound: SocketAddr) -> Vec<String> {
    let mut origins: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .map(|h| format!("http://{h}:*"))
        .collect();
    if !bound.ip().is_loopback() && !bound.ip().is_unspecified() {
        origins.push(match bound.ip() {
            IpAddr::V4(ip) => format!("http://{ip}:*"),
            IpAddr::V6(ip) => format!("http://[{ip}]:*"),
        });
    }
    origins
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_by_default_and_elsewhere_only_on_purpose() {
        let a = http_address("8765", None, false).unwrap();
        assert_eq!(a.addr.to_string(), "127.0.0.1:8765");
        assert!(http_address("[::1]:9", None, true).is_ok());
        let err = http_address("0.0.0.0:8765", None, false).unwrap_err();
        assert!(err.message.contains("not a loopback address"), "{err}");
        let ok = http_address("0.0.0.0:8765", Some("0.0.0.0"), false).unwrap();
        assert!(ok.explicit_bind);
        assert_eq!(
            http_address("8765", Some("192.168.1.2"), false)
                .unwrap()
                .addr
                .to_string(),
            "192.168.1.2:8765"
        );
        assert!(http_address("0.0.0.0:8765", Some("0.0.0.0"), true).is_err());
        assert!(http_address("10.0.0.1:1", Some("10.0.0.2"), false).is_err());
        assert!(http_address("nonsense", None, false).is_err());
        assert!(http_address("8765", Some("host.example"), false).is_err());
    }
}
