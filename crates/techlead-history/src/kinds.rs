//! What a path is: source, test, docs, config, generated, vendored or
//! binary. Hotspots and coupling rank source by default: a PNG, a
//! changelog, a version bump, a CI workflow or vendored code says nothing
//! about where the design hurts. In order, the first that decides wins:
//! 1. `[history.kinds]` in techlead.toml (globs per kind);
//! 2. `.gitattributes`: `linguist-vendored`, `linguist-generated`,
//!    `linguist-documentation`, `binary` (and their unset forms, which
//!    keep the default rule for that kind from applying);
//! 3. the defaults below: binary and media files by extension; vendored
//!    folders; lock files, minified and generated code and release-managed
//!    version files; documentation (prose by extension, changelogs and
//!    release notes, `docs/`); CI configuration (`.github/`,
//!    `.gitlab-ci.yml`, ...); tests (test folders and file names); data
//!    and settings files (YAML, JSON, TOML, INI, dotfiles such as
//!    `.gitignore`); everything else is source.

use crate::snapshot::Snapshot;
use globset::{Glob, GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use techlead_core::InputError;
use toml::Spanned;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Source,
    Test,
    Docs,
    /// CI pipelines and the settings, build and data files (YAML, JSON,
    /// TOML, ...): click's two workflows changed together in 46% of their
    /// commits and ranked first in its coupling, a pair no one can act on.
    Config,
    Generated,
    Vendored,
    Binary,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Source,
        Kind::Test,
        Kind::Docs,
        Kind::Config,
        Kind::Generated,
        Kind::Vendored,
        Kind::Binary,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Test => "test",
            Kind::Docs => "docs",
            Kind::Config => "config",
            Kind::Generated => "generated",
            Kind::Vendored => "vendored",
            Kind::Binary => "binary",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// The `[history]` section of techlead.toml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryConfig {
    /// Globs (relative to the repository's top) per kind, before any
    /// default: `[history.kinds] generated = ["**/*.pb.go"]`.
    #[serde(default)]
    pub kinds: KindsConfig,
    /// Release tags (globs) for delivery, when the defaults (`v1.2.3`,
    /// `1.2.3`, `v1.2`, `1.2`) are not the project's: `["rel_*"]`.
    /// `history delivery --tags` overrides them.
    #[serde(default)]
    pub release_tags: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindsConfig {
    #[serde(default)]
    pub source: Vec<Spanned<String>>,
    #[serde(default)]
    pub test: Vec<Spanned<String>>,
    #[serde(default)]
    pub docs: Vec<Spanned<String>>,
    #[serde(default)]
    pub config: Vec<Spanned<String>>,
    #[serde(default)]
    pub generated: Vec<Spanned<String>>,
    #[serde(default)]
    pub vendored: Vec<Spanned<String>>,
    #[serde(default)]
    pub binary: Vec<Spanned<String>>,
}

impl KindsConfig {
    fn of(&self, kind: Kind) -> &[Spanned<String>] {
        match kind {
            Kind::Source => &self.source,
            Kind::Test => &self.test,
            Kind::Docs => &self.docs,
            Kind::Config => &self.config,
            Kind::Generated => &self.generated,
            Kind::Vendored => &self.vendored,
            Kind::Binary => &self.binary,
        }
    }
}

const BINARY_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "webp", "avif", "tif", "tiff", "psd", "svg",
    "woff", "woff2", "ttf", "otf", "eot", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "jar",
    "war", "mp3", "mp4", "wav", "ogg", "webm", "mov", "avi", "flac", "pdf", "doc", "docx", "xls",
    "xlsx", "ppt", "pptx", "exe", "dll", "so", "dylib", "a", "o", "obj", "lib", "class", "pyc",
    "wasm", "bin", "dat", "db", "sqlite", "node", "keystore", "p12", "der",
];
const VENDORED_DIRS: &[&str] = &[
    "vendor",
    "vendors",
    "third_party",
    "third-party",
    "thirdparty",
    "upstream",
    "external",
    "externals",
    "node_modules",
    "bower_components",
    // Yarn's own release, plugins and SDKs, checked in: jest's
    // `.yarn/releases/yarn-4.18.0.cjs` (3.8 MB) ranked fourth of its
    // hotspots.
    ".yarn",
];
/// Generated beyond [`techlead_core::generated`]'s lockfiles and
/// generated code: build maps, other protobuf output, and files release
/// tooling rewrites on every version bump.
const GENERATED: &[&str] = &[
    "**/*.min.css",
    "**/*.map",
    "**/*.pb.*",
    // babel's `src/generated/`, Kubernetes' `zz_generated.deepcopy.go`.
    "**/generated/**",
    "**/zz_generated.*",
    "**/.pnp.cjs",
    "**/.pnp.loader.mjs",
    // Release-managed: rewritten by release tooling on every version bump.
    "**/VERSION",
    "**/VERSION.txt",
    "**/version.txt",
    "**/package.json",
];
const DOC_EXTENSIONS: &[&str] = &[
    "md", "mdx", "markdown", "rst", "txt", "adoc", "asciidoc", "org",
];
const DOC_NAMES: &[&str] = &[
    "changelog",
    "changes",
    "history",
    "news",
    "releases",
    "release-notes",
    "release_notes",
    "releasenotes",
    "license",
    "licence",
    "copying",
    "authors",
    "contributors",
    "readme",
    "notice",
    "code_of_conduct",
    "contributing",
    "security",
];
/// Documentation, and the example and demo projects that show how to use
/// the code (bulk-updated together, they would swamp coupling).
const DOC_DIRS: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    ".changeset",
    "man",
    "examples",
    "example",
    "samples",
    "demo",
    "demos",
];
/// Folders of CI pipelines: whatever is below them is configuration
/// (prose and images there keep their own kinds).
const CI_DIRS: &[&str] = &[
    ".github",
    ".gitlab",
    ".circleci",
    ".buildkite",
    ".azure-pipelines",
    ".woodpecker",
    ".forgejo",
    ".gitea",
];
/// CI pipeline files by name, wherever they are.
const CI_NAMES: &[&str] = &[
    ".gitlab-ci.yml",
    ".travis.yml",
    ".drone.yml",
    ".cirrus.yml",
    "appveyor.yml",
    ".appveyor.yml",
    "azure-pipelines.yml",
    "jenkinsfile",
    "bitbucket-pipelines.yml",
];
/// Settings, build manifests and data: prometheus' `buf.yml` and
/// `buf-lint.yml` (92%) and vite's `tsconfig.node.json` template copies
/// topped their coupling. Outside test, docs and example folders, which
/// decide first.
const CONFIG_EXTENSIONS: &[&str] = &[
    "yml",
    "yaml",
    "json",
    "jsonc",
    "json5",
    "toml",
    "ini",
    "cfg",
    "conf",
    "properties",
    "editorconfig",
    "gitignore",
    "gitattributes",
    "gitmodules",
    "dockerignore",
    "npmignore",
    "npmrc",
    "nvmrc",
    "prettierrc",
    "prettierignore",
    "eslintrc",
    "eslintignore",
    "babelrc",
    "browserslistrc",
    "flake8",
    "mailmap",
];
const TEST_DIRS: &[&str] = &[
    // Perl's and git's own test folder.
    "t",
    "test",
    "tests",
    "__tests__",
    "spec",
    "specs",
    "e2e",
    "testing",
    "testdata",
    "test-data",
    "test_data",
    "fixtures",
    "__fixtures__",
    "__snapshots__",
    "__mocks__",
    "snapshots",
];

pub struct Classifier {
    configured: Vec<(GlobSet, Kind)>,
    /// From .gitattributes, in the order git applies them (later wins):
    /// the pattern, the kind, set or unset.
    attributes: Vec<(GlobMatcher, Kind, bool)>,
    generated: GlobSet,
}

impl Classifier {
    /// `at` turns a byte offset in techlead.toml and a message into an
    /// error at that line.
    pub fn new(
        config: &HistoryConfig,
        snapshot: &Snapshot,
        at: &dyn Fn(usize, String) -> InputError,
    ) -> Result<Classifier, InputError> {
        let mut configured = Vec::new();
        for kind in Kind::ALL {
            let mut b = GlobSetBuilder::new();
            for g in config.kinds.of(kind) {
                let glob = Glob::new(g.get_ref()).map_err(|e| {
                    at(
                        g.span().start,
                        format!("[history.kinds] {}: `{}`: {e}", kind.name(), g.get_ref()),
                    )
                })?;
                b.add(glob);
            }
            let set = b
                .build()
                .map_err(|e| InputError::new(format!("[history.kinds]: {e}")))?;
            if !set.is_empty() {
                configured.push((set, kind));
            }
        }
        let mut attributes = Vec::new();
        for (dir, text) in &snapshot.attributes {
            attributes.extend(parse_attributes(dir, text));
        }
        let mut b = GlobSetBuilder::new();
        let shared = techlead_core::generated::LOCKFILES
            .iter()
            .chain(techlead_core::generated::GENERATED);
        for g in shared.chain(GENERATED) {
            b.add(Glob::new(g).expect("a valid default glob"));
        }
        Ok(Classifier {
            configured,
            attributes,
            generated: b.build().expect("valid default globs"),
        })
    }

    pub fn kind(&self, path: &str) -> Kind {
        if let Some((_, k)) = self.configured.iter().find(|(set, _)| set.is_match(path)) {
            return *k;
        }
        let mut unset: Vec<Kind> = Vec::new();
        let mut decided: Option<Kind> = None;
        for (glob, kind, set) in self.attributes.iter().rev() {
            if !glob.is_match(path) || unset.contains(kind) {
                continue;
            }
            if *set {
                decided.get_or_insert(*kind);
            } else {
                unset.push(*kind);
            }
        }
        if let Some(k) = decided {
            return k;
        }
        let allowed = |k: Kind| !unset.contains(&k);
        let lower = path.to_lowercase();
        let (dirs, name) = match lower.rsplit_once('/') {
            Some((d, n)) => (d.split('/').collect::<Vec<_>>(), n),
            None => (Vec::new(), lower.as_str()),
        };
        let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
        if allowed(Kind::Binary) && BINARY_EXTENSIONS.contains(&ext) {
            return Kind::Binary;
        }
        if allowed(Kind::Vendored) && dirs.iter().any(|d| VENDORED_DIRS.contains(d)) {
            return Kind::Vendored;
        }
        if allowed(Kind::Generated) && self.generated.is_match(path) {
            return Kind::Generated;
        }
        // Build and dependency lists that happen to be .txt are not prose.
        let build_list = name == "cmakelists.txt" || name.starts_with("requirements");
        let prose = (DOC_EXTENSIONS.contains(&ext) && !build_list)
            || (ext.is_empty() && DOC_NAMES.contains(&name));
        if allowed(Kind::Docs) && prose {
            return Kind::Docs;
        }
        if dirs.iter().any(|d| CI_DIRS.contains(d)) || CI_NAMES.contains(&name) {
            return Kind::Config;
        }
        if allowed(Kind::Test) && is_test(&dirs, name, ext) {
            return Kind::Test;
        }
        if allowed(Kind::Docs) && dirs.iter().any(|d| DOC_DIRS.contains(d)) {
            return Kind::Docs;
        }
        if CONFIG_EXTENSIONS.contains(&ext) {
            return Kind::Config;
        }
        Kind::Source
    }
}

/// Test folders, and the test file names of the common frameworks.
fn is_test(dirs: &[&str], name: &str, ext: &str) -> bool {
    let stem = name
        .strip_suffix(ext)
        .and_then(|s| s.strip_suffix('.'))
        .unwrap_or(name);
    dirs.iter().any(|d| TEST_DIRS.contains(d))
        || ext == "snap"
        || ext == "t"
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem.ends_with("_spec")
        || stem.ends_with(".test")
        || stem.ends_with(".spec")
        || stem.ends_with("test") && matches!(ext, "java" | "kt" | "scala" | "cs" | "swift" | "php")
        || stem.ends_with("tests") && matches!(ext, "java" | "kt" | "cs" | "swift")
        || stem.starts_with("test_") && ext == "py"
        || stem == "conftest"
}

/// The linguist attributes of one `.gitattributes` file in `dir`.
fn parse_attributes(dir: &str, text: &str) -> Vec<(GlobMatcher, Kind, bool)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('"') {
            continue;
        }
        let mut words = line.split_whitespace();
        let Some(pattern) = words.next() else {
            continue;
        };
        let attrs: Vec<(Kind, bool)> = words.filter_map(attribute).collect();
        if attrs.is_empty() {
            continue;
        }
        // gitignore's rules: a pattern without a slash matches a name at
        // any depth below the file's folder; one with a slash is anchored
        // there.
        let anchored = pattern.trim_end_matches('/').contains('/');
        let pattern = pattern.trim_start_matches('/');
        let glob = if anchored {
            format!("{dir}{pattern}")
        } else {
            format!("{dir}**/{pattern}")
        };
        let Ok(glob) = GlobBuilder::new(&glob).literal_separator(true).build() else {
            continue;
        };
        let matcher = glob.compile_matcher();
        for (kind, set) in attrs {
            out.push((matcher.clone(), kind, set));
        }
    }
    out
}

/// One attribute: `linguist-vendored`, `-linguist-vendored`,
/// `linguist-vendored=false`, `binary`, ...
fn attribute(word: &str) -> Option<(Kind, bool)> {
    let (name, set) = if let Some(n) = word.strip_prefix(['-', '!']) {
        (n, false)
    } else if let Some((n, v)) = word.split_once('=') {
        (n, !matches!(v, "false" | "0"))
    } else {
        (word, true)
    };
    let kind = match name {
        "linguist-vendored" => Kind::Vendored,
        "linguist-generated" => Kind::Generated,
        "linguist-documentation" => Kind::Docs,
        "binary" => Kind::Binary,
        _ => return None,
    };
    Some((kind, set))
}

/// The kind of each of `paths` (relative to the repository's top) as
/// the history analyses see them at HEAD: `[history.kinds]`, then the
/// repository's `.gitattributes`, then the defaults. For contexts that
/// rank files as history does (the debt register's suggestions).
pub fn classify(
    repo: &std::path::Path,
    config: &HistoryConfig,
    paths: &[&str],
) -> Result<Vec<Kind>, InputError> {
    let snap = crate::snapshot::snapshot(repo, None)?;
    let classifier = Classifier::new(config, &snap, &|_, m| InputError::new(m))?;
    Ok(paths.iter().map(|p| classifier.kind(p)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classifier(config: &str, attributes: &[(&str, &str)]) -> Classifier {
        let config: HistoryConfig = toml::from_str(config).unwrap();
        let snapshot = Snapshot {
            attributes: attributes
                .iter()
                .map(|(d, t)| (d.to_string(), t.to_string()))
                .collect(),
            ..Snapshot::default()
        };
        Classifier::new(&config, &snapshot, &|_, m| InputError::new(m)).unwrap()
    }

    #[test]
    fn default_kinds() {
        let c = classifier("", &[]);
        let kind = |p| c.kind(p).name();
        assert_eq!(kind("src/main.rs"), "source");
        assert_eq!(kind("assets/logo.PNG"), "binary");
        assert_eq!(kind("fonts/Inter.woff2"), "binary");
        assert_eq!(kind("CHANGELOG.md"), "docs");
        assert_eq!(kind("packages/astro/CHANGELOG.md"), "docs");
        assert_eq!(kind("RELEASE-NOTES"), "docs");
        assert_eq!(kind("docs/conf.py"), "docs");
        assert_eq!(kind("examples/blog/src/pages/index.astro"), "docs");
        assert_eq!(kind("examples/blog/.gitignore"), "docs");
        assert_eq!(kind("packages/a/package.json"), "generated");
        assert_eq!(kind("VERSION"), "generated");
        assert_eq!(kind("web/app.min.js"), "generated");
        assert_eq!(
            kind("packages/babel-types/src/validators/generated/index.ts"),
            "generated"
        );
        assert_eq!(kind("pkg/apis/v1/zz_generated.deepcopy.go"), "generated");
        assert_eq!(kind("src/generator/index.ts"), "source");
        assert_eq!(kind(".yarn/releases/yarn-4.18.0.cjs"), "vendored");
        assert_eq!(kind(".pnp.cjs"), "generated");
        assert_eq!(kind("lib/vendor/x/test/a.c"), "vendored");
        assert_eq!(kind("third_party/zlib/inflate.c"), "vendored");
        assert_eq!(kind("upstream/x.go"), "vendored");
        assert_eq!(kind("tests/test_api.py"), "test");
        assert_eq!(kind("pkg/api_test.go"), "test");
        assert_eq!(kind("src/button.test.tsx"), "test");
        assert_eq!(kind("src/App.spec.ts"), "test");
        assert_eq!(kind("src/main/java/FooTest.java"), "test");
        assert_eq!(kind("src/__snapshots__/a.ts.snap"), "test");
        assert_eq!(kind("t/t5411/test-0032-report.sh"), "test");
        assert_eq!(kind("lib/parse.t"), "test");
        assert_eq!(kind("src/contest.py"), "source");
        assert_eq!(kind("src/latest.rs"), "source");
        assert_eq!(kind("src/history.py"), "source");
        assert_eq!(kind("CMakeLists.txt"), "source");
        assert_eq!(kind("LICENSE"), "docs");
        assert_eq!(kind(".github/workflows/publish.yaml"), "config");
        assert_eq!(kind(".github/scripts/release.py"), "config");
        assert_eq!(kind(".github/ISSUE_TEMPLATE/bug.md"), "docs");
        assert_eq!(kind(".gitlab-ci.yml"), "config");
        assert_eq!(kind("ci/Jenkinsfile"), "config");
        assert_eq!(kind("buf.yml"), "config");
        assert_eq!(
            kind("packages/create-vite/template-vue-ts/tsconfig.node.json"),
            "config"
        );
        assert_eq!(kind("Cargo.toml"), "config");
        assert_eq!(kind("setup.cfg"), "config");
        assert_eq!(kind(".gitignore"), "config");
        assert_eq!(kind("src/.eslintrc"), "config");
        assert_eq!(kind("tests/fixtures/data.json"), "test");
        assert_eq!(kind("docs/mkdocs.yml"), "docs");
        assert_eq!(kind("package-lock.json"), "generated");
        assert_eq!(kind("src/config.py"), "source");
    }

    #[test]
    fn gitattributes_and_config_override() {
        let c = classifier(
            "[kinds]\ngenerated = [\"**/*.gen.ts\"]\nsource = [\"vendor/ours/**\"]\n",
            &[
                (
                    "",
                    "*.pb.go -diff\nlib/js/** linguist-vendored\nsrc/schema.ts linguist-generated=true\nvendor/keep/** -linguist-vendored\n",
                ),
                ("sub/", "*.txt linguist-documentation=false\n"),
            ],
        );
        let kind = |p| c.kind(p).name();
        assert_eq!(kind("lib/js/jquery.js"), "vendored");
        assert_eq!(kind("src/schema.ts"), "generated");
        assert_eq!(kind("x/api.gen.ts"), "generated");
        assert_eq!(kind("vendor/ours/a.c"), "source");
        assert_eq!(kind("vendor/keep/a.c"), "source");
        assert_eq!(kind("vendor/other/a.c"), "vendored");
        assert_eq!(kind("sub/deep/notes.txt"), "source");
        assert_eq!(kind("notes.txt"), "docs");
    }

    #[test]
    fn a_bad_glob_is_an_error_at_its_offset() {
        let config: HistoryConfig = toml::from_str("[kinds]\ntest = [\"a[\"]\n").unwrap();
        let err = Classifier::new(&config, &Snapshot::default(), &|at, m| {
            InputError::new(format!("{at}: {m}"))
        })
        .err()
        .unwrap();
        assert!(
            err.to_string()
                .starts_with("16: [history.kinds] test: `a[`"),
            "{err}"
        );
    }
}
