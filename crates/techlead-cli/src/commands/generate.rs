//! Shell completions and man pages, generated from the clap definition so
//! they can never drift from the real flags.

use anyhow::{Context as _, Result};
use std::path::Path;
use techlead_core::{ExitCode, atomic::write_atomic};

pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut cmd = crate::cli::command();
    clap_complete::generate(shell, &mut cmd, "techlead", &mut std::io::stdout());
    Ok(ExitCode::Clean)
}

/// `techlead config docs|schema`: the reference ships inside the binary, so
/// the comment `init` writes into techlead.toml points at something every
/// user has, whatever version they run.
pub fn config(cmd: &crate::cli::ConfigCommand) -> Result<ExitCode> {
    let text = match cmd {
        crate::cli::ConfigCommand::Docs => {
            include_str!("../../../../docs/guide/configuration.md")
        }
        crate::cli::ConfigCommand::Schema => include_str!("../../../../docs/techlead.schema.json"),
    };
    crate::stdout::write_bytes(text.as_bytes())?;
    Ok(ExitCode::Clean)
}

pub fn man(out: &Path) -> Result<ExitCode> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let cmd = crate::cli::command();
    write_page(out, "techlead", &cmd)?;
    for sub in cmd.get_subcommands() {
        let name = format!("techlead-{}", sub.get_name());
        write_page(out, &name, &sub.clone().name(name.clone()))?;
        for subsub in sub.get_subcommands() {
            let name = format!("techlead-{}-{}", sub.get_name(), subsub.get_name());
            write_page(out, &name, &subsub.clone().name(name.clone()))?;
        }
    }
    Ok(ExitCode::Clean)
}

fn write_page(out: &Path, name: &str, cmd: &clap::Command) -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    let path = out.join(format!("{name}.1"));
    write_atomic(&path, &buf).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
