//! From the command line to a techlead-history request: the walk's options
//! and the analysis with its own flags.

use super::time::parse_time;
use crate::cli::{HistoryAnalysis as A, HistoryArgs};
use anyhow::Result;
use techlead_history::{Analysis, CouplingOptions, Group, Options};

/// Which commits and files the walk reads.
pub fn walk_options(args: &HistoryArgs) -> Result<Options> {
    Ok(Options {
        rev: args.rev.clone(),
        all: args.all,
        since: args
            .since
            .as_deref()
            .map(|s| parse_time(s, "--since"))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| parse_time(s, "--until"))
            .transpose()?,
        follow_renames: !args.no_renames,
        exclude: args.exclude.clone(),
        default_excludes: !args.all_files,
        lines: false,
        merge_identities: !args.no_identity_merge,
        cache: None,
    })
}

fn group(by_folder: Option<usize>, by_module: bool) -> Group {
    match (by_folder, by_module) {
        (_, true) => Group::Module,
        (Some(depth), false) => Group::Folder(depth),
        (None, false) => Group::Files,
    }
}

pub fn analysis(a: &A) -> Result<Analysis> {
    Ok(match a {
        A::Revisions => Analysis::Revisions,
        A::Coupling {
            min_revs,
            min_shared_revs,
            min_coupling,
            max_coupling,
            max_changeset_size,
            by_module,
            by_folder,
        } => Analysis::Coupling {
            options: CouplingOptions {
                max_changeset_size: *max_changeset_size,
                min_revs: *min_revs,
                min_shared_revs: *min_shared_revs,
                min_coupling: *min_coupling,
                max_coupling: *max_coupling,
            },
            group: group(*by_folder, *by_module),
        },
        A::Soc { max_changeset_size } => Analysis::Soc {
            max_changeset_size: *max_changeset_size,
        },
        A::Authors => Analysis::Authors,
        A::MainDevByRevs => Analysis::MainDevByRevs,
        A::AbsChurn => Analysis::AbsChurn,
        A::AuthorChurn => Analysis::AuthorChurn,
        A::EntityChurn => Analysis::EntityChurn,
        A::EntityOwnership => Analysis::EntityOwnership,
        A::MainDev => Analysis::MainDev,
        A::RefactoringMainDev => Analysis::RefactoringMainDev,
        A::Age => Analysis::Age,
        A::TruckFactor => Analysis::TruckFactor,
        A::Fragmentation => Analysis::Fragmentation,
        A::Summary => Analysis::Summary,
        A::KnowledgeLoss { window } => Analysis::KnowledgeLoss {
            active_since: parse_time(window, "--window")?,
        },
        A::Delivery { tags } => Analysis::Delivery { tags: tags.clone() },
        A::Hotspots {
            top,
            by_folder,
            by_module,
        } => Analysis::Hotspots {
            top: *top,
            group: group(*by_folder, *by_module),
        },
    })
}
