//! Headless Chromium driven through its DevTools protocol: launched with
//! the flags a closed network needs and a fresh profile, one websocket to
//! the browser, one page session. Every call and wait has a deadline.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

/// The browser to use: `TECHLEAD_CHROMIUM`, else the first of Debian's and
/// the usual names on PATH.
pub fn find() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TECHLEAD_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    next: u64,
    /// Events read while waiting for a reply, oldest first.
    pub events: Vec<Value>,
    /// The browser's last stderr lines.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    _profile: tempfile::TempDir,
}

const DEADLINE: Duration = Duration::from_secs(60);

impl Browser {
    pub fn launch(bin: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--mute-audio",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        // Chromium says where its DevTools listen on stderr.
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let keep = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.split("DevTools listening on ").nth(1) {
                    let _ = tx.send(url.trim().to_string());
                }
                // The last lines, to say why the browser went away.
                let mut l = keep.lock().unwrap();
                if l.len() == 40 {
                    l.remove(0);
                }
                l.push(line);
            }
        });
        let url = match rx.recv_timeout(DEADLINE) {
            Ok(u) => u,
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "{} did not open its DevTools port within {DEADLINE:?}",
                    bin.display()
                );
            }
        };
        let addr = url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let stream = TcpStream::connect(&addr).unwrap();
        // The handshake blocks up to the deadline (a short timeout here
        // interrupts it on a loaded machine); reads after it wake up every
        // two seconds to check their own deadline.
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let (ws, _) = tungstenite::client(url.as_str(), stream).expect("websocket handshake");
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        Browser {
            child,
            ws,
            next: 0,
            events: Vec::new(),
            log,
            _profile: profile,
        }
    }

    fn read(&mut self, until: Instant) -> Option<Value> {
        loop {
            if Instant::now() > until {
                return None;
            }
            match self.ws.read() {
                Ok(Message::Text(t)) => return serde_json::from_str(t.as_str()).ok(),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock
                            | std::io::ErrorKind::TimedOut
                            | std::io::ErrorKind::Interrupted
                    ) =>
                {
                    continue;
                }
                Err(e) => panic!(
                    "DevTools connection: {e:?}; browser: {:?}; its last lines:\n{}",
                    self.child.try_wait(),
                    self.log.lock().unwrap().join("\n")
                ),
            }
        }
    }

    /// A method on the browser (`session` None) or on a page session.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws.send(Message::text(msg.to_string())).expect("send");
        let until = Instant::now() + DEADLINE;
        loop {
            let Some(v) = self.read(until) else {
                panic!("{method}: no answer within {DEADLINE:?}");
            };
            if v["id"] == json!(id) {
                if let Some(e) = v.get("error") {
                    panic!("{method}: {e}");
                }
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    /// Waits for an event of `method` on `session`.
    pub fn wait(&mut self, session: &str, method: &str) {
        let seen = |v: &Value| v["method"] == method && v["sessionId"] == session;
        if let Some(i) = self.events.iter().position(seen) {
            self.events.remove(i);
            return;
        }
        let until = Instant::now() + DEADLINE;
        loop {
            let Some(v) = self.read(until) else {
                panic!("no {method} within {DEADLINE:?}");
            };
            if seen(&v) {
                return;
            }
            self.events.push(v);
        }
    }

    /// A new page with console, log and page events on; its session id.
    pub fn page(&mut self, width: u32, height: u32) -> String {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let session = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        )["sessionId"]
            .as_str()
            .unwrap()
            .to_string();
        for m in ["Page.enable", "Runtime.enable", "Log.enable"] {
            self.call(Some(&session), m, json!({}));
        }
        // A headless page is never the focused window unless told so, and
        // keyboard focus needs one.
        self.call(
            Some(&session),
            "Emulation.setFocusEmulationEnabled",
            json!({"enabled": true}),
        );
        self.call(
            Some(&session),
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
        session
    }

    pub fn open(&mut self, session: &str, url: &str) {
        self.call(Some(session), "Page.navigate", json!({"url": url}));
        self.wait(session, "Page.loadEventFired");
    }

    /// The value of a JavaScript expression (made JSON by the page).
    pub fn eval(&mut self, session: &str, expression: &str) -> Value {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expression}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Errors the page logged: console errors, uncaught exceptions, and
    /// browser log entries at error level (blocked requests, policy
    /// violations).
    pub fn errors(&self, session: &str) -> Vec<String> {
        self.events
            .iter()
            .filter(|v| v["sessionId"] == session)
            .filter_map(|v| {
                let p = &v["params"];
                match v["method"].as_str()? {
                    "Runtime.consoleAPICalled"
                        if matches!(p["type"].as_str(), Some("error" | "assert")) =>
                    {
                        Some(format!("console: {}", p["args"]))
                    }
                    "Runtime.exceptionThrown" => {
                        Some(format!("exception: {}", p["exceptionDetails"]))
                    }
                    "Log.entryAdded" if p["entry"]["level"] == "error" => {
                        Some(format!("log: {}", p["entry"]["text"]))
                    }
                    _ => None,
                }
            })
            .collect()
    }

    /// A PNG of the element `selector` (its top `max_height` pixels).
    pub fn screenshot(&mut self, session: &str, selector: &str, max_height: f64, path: &Path) {
        let rect = self.eval(
            session,
            &format!(
                "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }})()",
                serde_json::to_string(selector).unwrap()
            ),
        );
        let f = |i: usize| rect[i].as_f64().unwrap();
        let shot = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {"x": f(0), "y": f(1), "width": f(2), "height": f(3).min(max_height), "scale": 1},
            }),
        );
        let png = base64_decode(shot["data"].as_str().unwrap());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.ws.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut v: u32 = 0;
        for (i, &c) in chunk.iter().enumerate() {
            v |= (value(c) as u32) << (18 - 6 * i);
        }
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((v >> (16 - 8 * i)) as u8);
        }
    }
    out
}
