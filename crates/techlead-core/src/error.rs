//! Input errors: bad config, unreadable or malformed files. They always name
//! the file and, when known, the line, and they map to exit code 2.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl InputError {
    pub fn new(message: impl Into<String>) -> Self {
        InputError {
            path: None,
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn in_file(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        InputError {
            path: Some(path.as_ref().to_path_buf()),
            ..InputError::new(message)
        }
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A failure to read `path`, worded for a person.
    pub fn io(path: impl AsRef<Path>, err: &std::io::Error) -> Self {
        InputError::in_file(path, format!("cannot read: {}", io_words(err)))
    }

    /// A failure to write `path` (give it relative to the project root),
    /// worded for a person.
    pub fn io_write(path: impl AsRef<Path>, err: &std::io::Error) -> Self {
        InputError::in_file(path, format!("cannot write: {}", io_words(err)))
    }
}

/// What went wrong, in a person's words rather than an errno's.
fn io_words(err: &std::io::Error) -> String {
    // Our own errors (from `read` and `atomic`) already say it in words.
    if let Some(w) = err.get_ref().and_then(|e| e.downcast_ref::<Words>()) {
        return w.0.clone();
    }
    match err.kind() {
        std::io::ErrorKind::NotFound => "not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => "read-only file system".to_string(),
        std::io::ErrorKind::StorageFull => "no space left on the device".to_string(),
        _ if err.raw_os_error() == Some(40) => {
            "too many levels of symbolic links (a symlink loop?)".to_string()
        }
        // tempfile adds "at path /absolute/..." around the OS error: the
        // message already names the file, relative to the root.
        _ => match err.get_ref().and_then(|e| e.source()) {
            Some(inner) => inner.to_string(),
            None => err.to_string(),
        },
    }
}

/// An [`std::io::Error`] whose text is already a person's words, shown as
/// it is by [`InputError::io`] and [`InputError::io_write`].
pub fn io_error(kind: std::io::ErrorKind, words: impl Into<String>) -> std::io::Error {
    std::io::Error::new(kind, Words(words.into()))
}

#[derive(Debug)]
struct Words(String);

impl fmt::Display for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Words {}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Several input errors found in one pass (a configuration with many
/// mistakes): all are shown, each on its own `error:` line, so one run
/// lists everything to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors(pub Vec<InputError>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                // The first line's `error: ` comes from the caller.
                write!(f, "\nerror: ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}
