//! `techlead mcp`: the team's decisions, boundaries, radar and history as
//! a Model Context Protocol server, so that a coding assistant reads them
//! before it writes code. A view over the contexts: it calls their library
//! functions and returns their result types; no context depends on it.
//!
//! The tools (`tools/`) are plain synchronous functions over a [`Session`];
//! `server.rs` maps the protocol onto them with the official Rust SDK
//! (rmcp), and `transport.rs` serves stdio or streamable HTTP. The tokio
//! runtime is created in [`serve`] and nowhere else.

mod load;
mod mentions;
mod paths;
mod project;
mod prompts;
mod rationale;
mod resources;
mod search;
mod server;
mod shapes;
pub mod tools;
mod transport;

pub use project::{Open, Project, Session};
pub use transport::{HttpAddress, http_address};

use std::sync::Arc;

/// What lives as long as the server: history walks, reused until a new
/// commit arrives, and what the person who started it allowed.
#[derive(Default)]
pub struct State {
    pub walks: techlead_history::WalkCache,
    /// `techlead mcp --online`: the `deps` tool may ask the registries
    /// and OSV when a call says `online`.
    pub online: bool,
}

/// What the server may do beyond reading the tree.
#[derive(Debug, Clone, Copy, Default)]
pub struct Allowed {
    /// Offer the tools that write.
    pub write: bool,
    /// Let calls reach the registries and OSV.
    pub online: bool,
}

/// How to serve.
pub enum Transport {
    Stdio,
    Http(HttpAddress),
}

/// Serves until the client goes (stdio) or the process is interrupted
/// (HTTP). `open` opens the project for each request. Only tools that
/// read are offered unless `allowed.write`.
pub fn serve(open: Arc<Open>, transport: Transport, allowed: Allowed) -> anyhow::Result<()> {
    let server = server::Server::new(open, allowed);
    match transport {
        Transport::Stdio => transport::stdio(server),
        Transport::Http(at) => transport::http(server, &at, |bound| {
            // On stderr: stdout stays clean, and a script can wait for it.
            eprintln!("techlead mcp: serving streamable HTTP at http://{bound}/mcp");
        }),
    }
}

/// What the server tells the assistant when it connects.
pub fn instructions(allowed: Allowed) -> String {
    let mut s = String::from(
        "techlead serves this project's architecture decision records, module boundaries \
         (techlead.toml), technology radar, dependency inventory and git history. Before \
         writing code: call `decisions_for_path` and `file_context` for the files you will \
         touch; `may_import` before adding an import of another module or a new package; \
         `check_paths` with the new file content before saving it; `radar_lookup` before \
         choosing a library. `run_check` runs the whole `techlead check`. ",
    );
    if allowed.online {
        s.push_str(
            "`deps` with `online: true` asks the registries and OSV for each package's \
             vulnerabilities, newest version and yanked or deprecated flags. ",
        );
    }
    if allowed.write {
        s.push_str(
            "Writes are enabled: `propose_decision` records a decision as proposed (people \
             accept it), `link_decisions` links records, `add_debt_item` adds an item to the \
             debt register. ",
        );
    } else {
        s.push_str("This server is read-only. ");
    }
    s
}
