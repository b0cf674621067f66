//! `techlead radar`: technology records, evaluation, rendering, exchange.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum RadarCommand {
    /// Create a technology record (docs/radar/<id>.md) and print its path
    Add {
        /// The technology's name
        name: String,
        #[arg(long)]
        quadrant: String,
        #[arg(long)]
        ring: String,
        /// A package it covers, as ecosystem:name (cargo, npm, pypi, go, rubygems, maven, packagist)
        #[arg(long = "package", value_name = "ECO:NAME")]
        packages: Vec<String>,
        /// What it is for; two technologies in use for one purpose are reported
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// The ADR that records the choice
        #[arg(long)]
        decision: Option<String>,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Move a technology to another ring, with a dated history line
    Move {
        name: String,
        ring: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// List the technologies (text, json or csv)
    List {
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Score technologies with evidence from this repository (git history, lockfiles); several compare
    Evaluate {
        /// One or more technologies
        #[arg(required = true)]
        names: Vec<String>,
        /// The window for team capability, in months
        #[arg(long, default_value_t = 12)]
        months: u32,
        /// Also ask crates.io, npm and PyPI when each version in use was
        /// published, the newest release, and the license (network)
        #[arg(long)]
        online: bool,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Draw the radar as a self-contained SVG or HTML page (by --out's extension)
    Render {
        /// radar.svg or radar.html
        #[arg(long)]
        out: PathBuf,
        /// Measure movement against a date (YYYY-MM-DD; default: 90 days ago) or a git tag/revision
        #[arg(long)]
        since: Option<String>,
        #[arg(long, default_value = "Technology Radar")]
        title: String,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Print the radar for other tools (--format byor-csv, byor-json, zalando or backstage)
    Export {
        /// Measure isNew and movement against a date (default: 90 days ago) or a git tag/revision
        #[arg(long)]
        since: Option<String>,
        #[arg(long, default_value = "Technology Radar")]
        title: String,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Create records from another tool's export (--format byor-csv, byor-json, zalando or backstage)
    Import {
        file: PathBuf,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Print one technology record
    Show {
        name: String,
        #[command(flatten)]
        dir: RadarDir,
    },
}

#[derive(Debug, Args)]
pub struct RadarDir {
    /// The technology records folder (default: [radar] dir, else docs/radar)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
