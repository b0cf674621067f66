//! Command output on stdout, through `out!` and `outln!`.

use std::io::{ErrorKind, Write};

/// Writes to stdout. When the reader has gone away (a closed pipe), the
/// output is no longer wanted: exit 0 at once, as ripgrep does, rather than
/// panic or report an error nobody asked for. Output comes after the work,
/// so the caches that work updated are written first, as on any exit 0
/// (`techlead adr list | head` would otherwise never warm the cache).
pub fn write(args: std::fmt::Arguments) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    finish(out.write_fmt(args).and_then(|()| out.flush()))
}

/// Writes bytes a renderer produced (a table, a document) to stdout, as
/// [`write`] does.
pub fn write_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    finish(out.write_all(bytes).and_then(|()| out.flush()))
}

fn finish(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            crate::context::save_caches(true);
            std::process::exit(0)
        }
        other => other,
    }
}

/// Writes `value` as pretty JSON and a newline to stdout, streamed through
/// a buffer rather than built as one string first (a large inventory is
/// tens of megabytes). A closed pipe ends the run as in [`write`].
pub fn write_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    stream(|out| {
        serde_json::to_writer_pretty(&mut *out, value)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
    })
}

/// Lets `render` write to stdout through a 64 KiB buffer, for output too
/// large to build first (a table of 100,000 packages). A closed pipe ends
/// the run as in [`write`].
pub fn stream(render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = render(&mut out).and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            crate::context::save_caches(true);
            std::process::exit(0)
        }
        other => Ok(other?),
    }
}
