//! An HTTP/1.1 server on loopback for tests of `--online` code: each
//! request is answered by a function of its method, path and body, with a
//! status, a body and an optional delay (a slow service). It records the
//! requests it got, keeps connections alive as ureq expects, listens on
//! 127.0.0.1 only, and stops by itself when dropped or after a deadline,
//! so a test can never leave it running or reach another address.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// Waited before answering.
    pub delay: Duration,
}

impl Reply {
    pub fn json(body: impl Into<String>) -> Reply {
        Reply {
            status: 200,
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn status(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Route = dyn Fn(&str, &str, &str) -> Reply + Send + Sync;

/// A running server; stopped when dropped.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

/// The server stops by itself after this long, whatever happens.
const LIFETIME: Duration = Duration::from_secs(120);

impl Server {
    /// Serves `route(method, path, body)` until dropped.
    pub fn start(route: impl Fn(&str, &str, &str) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let route: Arc<Route> = Arc::new(route);
        let (log, flag) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            let until = Instant::now() + LIFETIME;
            while !flag.load(Ordering::SeqCst) && Instant::now() < until {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (route, log, flag) = (route.clone(), log.clone(), flag.clone());
                        std::thread::spawn(move || serve(stream, &*route, &log, &flag, until));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server {
            url,
            requests,
            stop,
        }
    }

    /// Every request so far, as `METHOD /path`, in arrival order.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Answers the requests of one connection until it closes.
fn serve(
    stream: TcpStream,
    route: &Route,
    log: &Mutex<Vec<String>>,
    stop: &AtomicBool,
    until: Instant,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    while !stop.load(Ordering::SeqCst) && Instant::now() < until {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (
            parts.next().unwrap_or_default().to_string(),
            parts.next().unwrap_or_default().to_string(),
        );
        let mut length = 0usize;
        let mut close = false;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let lower = h.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            if lower.starts_with("connection:") && lower.contains("close") {
                close = true;
            }
        }
        let mut body = vec![0u8; length.min(64 * 1024 * 1024)];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        log.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(format!("{method} {path}"));
        let reply = route(&method, &path, &String::from_utf8_lossy(&body));
        if !reply.delay.is_zero() {
            std::thread::sleep(reply.delay);
        }
        let head = format!(
            "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}\r\n",
            reply.status,
            reply.body.len(),
            if close { "Connection: close\r\n" } else { "" }
        );
        // One write: a head and a body written apart wait on the client's
        // delayed acknowledgement (Nagle), 40 ms an answer on Linux.
        let mut answer = head.into_bytes();
        answer.extend_from_slice(reply.body.as_bytes());
        if writer.write_all(&answer).is_err() || close {
            return;
        }
    }
}
