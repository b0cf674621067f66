//! The file header: `package a.b;` and the import declarations. Names are
//! read token by token, so comments and spaces inside them drop out.

use crate::clike::{Tok, Token};
use crate::{Import, ImportKind, Scan};

#[derive(Default)]
enum State {
    #[default]
    Idle,
    Package,
    Import {
        statik: bool,
        line: u32,
    },
}

#[derive(Default)]
pub struct Header {
    state: State,
    /// The qualified name read so far.
    name: String,
}

impl Header {
    /// Feeds a token at the top level; true when it belonged to a
    /// package or import declaration.
    pub fn feed(&mut self, t: &Token, text: &str, scan: &mut Scan) -> bool {
        match (&mut self.state, t.kind) {
            (State::Idle, Tok::Ident) => {
                match text {
                    "package" if scan.package.is_none() => self.state = State::Package,
                    "import" => {
                        self.state = State::Import {
                            statik: false,
                            line: t.line,
                        }
                    }
                    _ => return false,
                }
                self.name.clear();
                true
            }
            (State::Idle, _) => false,
            (State::Import { statik, .. }, Tok::Ident)
                if text == "static" && self.name.is_empty() =>
            {
                *statik = true;
                true
            }
            (_, Tok::Ident) => {
                // Two names in a row (`import module java.base;`): the
                // first was a keyword.
                if !self.name.is_empty() && !self.name.ends_with('.') {
                    self.name.clear();
                }
                self.name.push_str(text);
                true
            }
            (_, Tok::Punct(b'.')) => {
                self.name.push('.');
                true
            }
            (State::Import { .. }, Tok::Punct(b'*')) => {
                self.name.push('*');
                true
            }
            (_, Tok::Punct(b';')) => {
                self.finish(scan);
                true
            }
            _ => {
                // Not a well-formed declaration: keep what was read and
                // let the token be scanned as code.
                self.finish(scan);
                false
            }
        }
    }

    /// Ends a declaration cut off by the end of the file.
    pub fn end(&mut self, scan: &mut Scan) {
        self.finish(scan);
    }

    fn finish(&mut self, scan: &mut Scan) {
        let name = std::mem::take(&mut self.name);
        match std::mem::take(&mut self.state) {
            State::Idle => {}
            State::Package => {
                if !name.is_empty() {
                    scan.package = Some(name);
                }
            }
            State::Import { statik, line } => {
                if name.is_empty() {
                    return;
                }
                let (module, names) = match name.rfind('.') {
                    Some(i) if statik => (name[..i].to_string(), vec![name[i + 1..].to_string()]),
                    _ => (name, Vec::new()),
                };
                scan.imports.push(Import {
                    module,
                    names,
                    line,
                    kind: ImportKind::Static,
                    path_attr: None,
                });
            }
        }
    }
}
