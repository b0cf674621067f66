//! Temp files left by a signal. A `.techlead-*.tmp` file is removed when
//! its owner drops it, but SIGTERM (a CI runner's timeout, `kill`) and
//! SIGHUP end the process without unwinding. Every temp file is registered
//! here while it exists; the first one installs a handler thread that, on
//! SIGTERM, SIGINT or SIGHUP, removes the registered files and then dies
//! of the signal as it would have without the handler.
//!
//! A commit of several files holds [`commit_guard`] while it renames, and
//! the handler takes it before cleaning up, so a signal never lands between
//! two renames of one commit: the set is committed (or rolled back) whole.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static COMMIT: Mutex<()> = Mutex::new(());
static INSTALL: Once = Once::new();

fn temps() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Registers a temp file to remove if a signal ends the process.
pub(crate) fn register(path: &Path) {
    INSTALL.call_once(install);
    temps().push(path.to_path_buf());
}

/// The temp file is gone (renamed into place or removed).
pub(crate) fn unregister(path: &Path) {
    let mut t = temps();
    if let Some(i) = t.iter().rposition(|p| p == path) {
        t.swap_remove(i);
    }
}

/// Held while a commit renames its files; the signal handler waits for it.
pub(crate) fn commit_guard() -> MutexGuard<'static, ()> {
    COMMIT.lock().unwrap_or_else(|e| e.into_inner())
}

/// The temp files registered now, for tests.
#[cfg(test)]
pub(crate) fn registered() -> Vec<PathBuf> {
    temps().clone()
}

#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("techlead-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _commit = commit_guard();
                for p in temps().drain(..) {
                    let _ = std::fs::remove_file(p);
                }
                // Die of the signal, so the parent sees what it sent.
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    drop(spawned);
}

#[cfg(not(unix))]
fn install() {}
