//! Where a command's time goes, for whoever tunes it: with
//! `TECHLEAD_TIMING=1` in the environment, each [`span`] prints its name
//! and wall time to stderr when it ends. Off (the default) a span costs
//! one check of a flag read once per process. Never on stdout, and never
//! part of any output a user or a test reads.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("TECHLEAD_TIMING").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// A phase being timed; it reports when dropped.
pub struct Span {
    name: &'static str,
    start: Option<Instant>,
}

/// Starts timing `name` (a no-op unless `TECHLEAD_TIMING` is set).
pub fn span(name: &'static str) -> Span {
    Span {
        name,
        start: enabled().then(Instant::now),
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            eprintln!("timing: {:>9.1} ms  {}", ms, self.name);
        }
    }
}
