//! Files that are not the team's own writing, by name: one list for every
//! context, so that history, health, debt and practices agree on what a
//! bundle, a lockfile or a vendored copy is. Each context composes the
//! lists it needs (history leaves all three out of its analyses; health
//! and the debt scan leave out generated and vendored code).
//!
//! Globs match `/`-separated paths relative to the project root; `**/`
//! also matches at the root.

/// Lockfiles: rewritten by package managers, not by people.
pub const LOCKFILES: &[&str] = &[
    "**/*.lock",
    "**/package-lock.json",
    "**/pnpm-lock.yaml",
    "**/go.sum",
];

/// Copies of other projects' code kept in the tree.
pub const VENDORED: &[&str] = &["**/vendor/**", "**/node_modules/**", "**/third_party/**"];

/// Minified, bundled and generated code (a 47,000-line `babel.min.js` in
/// mobx's docs, hugo's `renderkatex.bundle.js`, protobuf and GraphQL
/// output).
pub const GENERATED: &[&str] = &[
    "**/*.min.js",
    "**/*.min.mjs",
    "**/*.min.cjs",
    "**/*.bundle.js",
    "**/*.generated.*",
    "**/*_generated.*",
    "**/*_pb2.py",
    "**/*_pb2_grpc.py",
    "**/*.pb.go",
    "**/*.pb.cc",
    "**/*.pb.h",
    "**/*.g.dart",
    "**/__generated__/**",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_glob_is_valid_and_matches_at_the_root_too() {
        let mut b = globset::GlobSetBuilder::new();
        for g in LOCKFILES.iter().chain(VENDORED).chain(GENERATED) {
            b.add(globset::Glob::new(g).unwrap());
        }
        let set = b.build().unwrap();
        for path in [
            "Cargo.lock",
            "web/package-lock.json",
            "vendor/x/y.go",
            "a.min.js",
            "docs/katex.bundle.js",
            "api/x.pb.go",
            "ui/__generated__/q.ts",
            "lib/model.g.dart",
        ] {
            assert!(set.is_match(path), "{path}");
        }
        for path in ["src/main.rs", "src/minimal.js", "vendored.go"] {
            assert!(!set.is_match(path), "{path}");
        }
    }
}
