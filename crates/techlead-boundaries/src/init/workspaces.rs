//! JavaScript workspace declarations: `pnpm-workspace.yaml` `packages:`
//! and package.json `workspaces` (an array, or `{ "packages": [...] }`
//! as yarn writes it), and which folders their globs name.
//!
//! The shape follows techlead-project's npm reader (branch
//! inventory-project), so that this file can give way to it.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::Path;

/// The workspace globs of the project at `root` and the file that
/// declares them: pnpm-workspace.yaml first (pnpm ignores package.json
/// workspaces), then package.json. None when neither declares any.
pub fn declared(root: &Path) -> Option<(&'static str, Vec<String>)> {
    if let Ok(text) = std::fs::read_to_string(root.join("pnpm-workspace.yaml")) {
        let v: serde_json::Value = serde_saphyr::from_str(&text).unwrap_or_default();
        let globs = strings(v.get("packages"));
        if !globs.is_empty() {
            return Some(("pnpm-workspace.yaml", globs));
        }
    }
    let text = std::fs::read_to_string(root.join("package.json")).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let ws = match v.get("workspaces") {
        Some(serde_json::Value::Object(o)) => o.get("packages"),
        other => other,
    };
    let globs = strings(ws);
    (!globs.is_empty()).then_some(("package.json workspaces", globs))
}

fn strings(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The folders among `candidates` that the globs name: `*` within one
/// folder, `**` across, `!pattern` taking folders out.
pub fn members<'c>(
    patterns: &[String],
    candidates: impl IntoIterator<Item = &'c str>,
) -> Vec<&'c str> {
    let build = |negated: bool| {
        let mut b = GlobSetBuilder::new();
        for p in patterns {
            let (neg, p) = match p.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, p.as_str()),
            };
            if neg != negated {
                continue;
            }
            let p = p.trim_start_matches("./");
            let p = p
                .strip_suffix("/package.json")
                .unwrap_or(p)
                .trim_end_matches('/');
            if let Ok(g) = GlobBuilder::new(p).literal_separator(true).build() {
                b.add(g);
            }
        }
        b.build().unwrap_or_else(|_| GlobSet::empty())
    };
    let (take, drop) = (build(false), build(true));
    candidates
        .into_iter()
        .filter(|c| !c.is_empty() && take.is_match(c) && !drop.is_match(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_negations() {
        let dirs = [
            "",
            "apps/web",
            "packages/ui",
            "packages/deep/inner",
            "packages/legacy",
            "docs",
        ];
        let pats: Vec<String> = ["apps/*", "./packages/**/", "!packages/legacy", "docs"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            members(&pats, dirs),
            ["apps/web", "packages/ui", "packages/deep/inner", "docs"]
        );
    }
}
