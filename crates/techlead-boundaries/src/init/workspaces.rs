//! JavaScript workspace declarations, read with the project kernel's
//! readers: `pnpm-workspace.yaml` `packages:` and package.json
//! `workspaces` (an array, or `{ "packages": [...] }` as yarn writes it).

use std::path::Path;
use techlead_core::read::{CONFIG_LIMIT, regular_text};
use techlead_project::npm::{PackageJson, pnpm_workspace_packages};

/// The workspace globs of the project at `root` and the file that
/// declares them: pnpm-workspace.yaml first (pnpm ignores package.json
/// workspaces), then package.json. None when neither declares any; a
/// file that cannot be read or parsed declares nothing (discovery then
/// falls back to the folders, as it would without it).
pub fn declared(root: &Path) -> Option<(&'static str, Vec<String>)> {
    if let Ok(text) = regular_text(&root.join("pnpm-workspace.yaml"), CONFIG_LIMIT) {
        let globs = pnpm_workspace_packages(&text).unwrap_or_default();
        if !globs.is_empty() {
            return Some(("pnpm-workspace.yaml", globs));
        }
    }
    let text = regular_text(&root.join("package.json"), CONFIG_LIMIT).ok()?;
    let globs = PackageJson::parse(&text).ok()?.workspaces;
    (!globs.is_empty()).then_some(("package.json workspaces", globs))
}
