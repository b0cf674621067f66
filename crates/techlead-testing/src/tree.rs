//! A fixture's files in a temp folder, written by the test itself.

use std::path::{Path, PathBuf};

pub struct Tree {
    dir: tempfile::TempDir,
}

impl Default for Tree {
    fn default() -> Self {
        Self::new()
    }
}

impl Tree {
    /// An empty folder marked as a project root by a `.git` folder, so
    /// nothing above it (ignore files, configuration) leaks in.
    pub fn new() -> Tree {
        let dir = tempfile::Builder::new()
            .prefix("techlead-rule")
            .tempdir()
            .expect("temp folder");
        std::fs::create_dir(dir.path().join(".git")).expect("create .git");
        Tree { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The tree with one more file (folders created as needed).
    pub fn file(self, rel: &str, text: &str) -> Tree {
        self.write(rel, text);
        self
    }

    /// Writes (or overwrites) a file.
    pub fn write(&self, rel: &str, text: &str) -> &Tree {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("a file in a folder")).expect("create folder");
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
        self
    }

    /// Adds a line above every line of every file a finding could point
    /// into, in a way each format ignores: a comment in code, TOML and
    /// front matter, a blank line before a markdown body. Nothing a rule
    /// looks at changes except line numbers, so fingerprints must not.
    pub fn add_line_above(&self) {
        let mut files = Vec::new();
        collect(self.root(), &mut files);
        for p in files {
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            let moved = match ext {
                "md" | "markdown" => match text.strip_prefix("---\n") {
                    Some(rest) => format!("---\n# moved\n{rest}"),
                    None => format!("\n{text}"),
                },
                "toml" | "py" | "pyi" | "yml" | "yaml" => format!("# moved\n{text}"),
                "rs" | "go" | "java" | "kt" | "ts" | "tsx" | "js" | "jsx" | "mjs" | "cjs" => {
                    format!("// moved\n{text}")
                }
                _ => continue,
            };
            std::fs::write(&p, moved).expect("rewrite file");
        }
    }
}

/// Every file below `dir`, hidden folders (`.git`, `.techlead`) left out.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
