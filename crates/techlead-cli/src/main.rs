//! `techlead`: a thin binary. It parses the command line, builds the
//! context, and hands off to one command module; the work lives in the
//! library crates.

/// `print!` for command output. Unlike `print!`, a closed pipe
/// (`techlead adr list | head`) ends the process quietly instead of
/// panicking; other write errors come back as errors.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::stdout::write(format_args!($($arg)*))
    };
}

/// `println!` for command output; see `out!`.
macro_rules! outln {
    () => {
        $crate::stdout::write(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::stdout::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod cli;
mod commands;
mod context;
mod progress;
mod stdout;

/// mimalloc: the scans allocate many small strings on every core, where
/// glibc's allocator spent a fifth of the time of a 50,000-file check.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;
use techlead_core::ExitCode as Exit;

fn main() -> ExitCode {
    let parsed = match cli::parse() {
        Ok(p) => p,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::from(Exit::Input.code() as u8);
        }
    };
    match commands::run(parsed) {
        Ok(code) => ExitCode::from(code.code() as u8),
        Err(err) => {
            // Input and usage errors: say what and where, exit 2.
            // Messages quote names and titles from the repository.
            let text = format!("{err:#}");
            eprintln!(
                "error: {}",
                techlead_core::terminal::visible_controls(&text)
            );
            ExitCode::from(Exit::Input.code() as u8)
        }
    }
}

/// Today's date in the local time zone, YYYY-MM-DD. `TECHLEAD_TODAY`
/// overrides it so tests and reproducible runs get fixed dates; a value
/// that is not a date is a usage error, never silently ignored.
pub fn today() -> Result<String, techlead_core::InputError> {
    if let Some(fixed) = std::env::var_os("TECHLEAD_TODAY") {
        let text = fixed.to_string_lossy();
        return text
            .trim()
            .parse::<jiff::civil::Date>()
            .map(|d| d.to_string())
            .map_err(|_| {
                techlead_core::InputError::new(format!(
                    "TECHLEAD_TODAY=`{text}` is not a date: expected YYYY-MM-DD"
                ))
            });
    }
    Ok(jiff::ZonedDateTime::now().date().to_string())
}

/// Today's date, YYYY-MM-DD, as a command needs it: a `TECHLEAD_TODAY`
/// that is not a date stops every command at its start, but the clock's
/// local date is only read when a command asks (finding the local time
/// zone reads the system's zone file: 2.6M instructions, a tenth of a warm
/// `adr list`, which never shows a date of today).
pub struct Today(std::sync::OnceLock<String>);

impl Today {
    pub fn new() -> Result<Today, techlead_core::InputError> {
        let cell = std::sync::OnceLock::new();
        if std::env::var_os("TECHLEAD_TODAY").is_some() {
            let _ = cell.set(today()?);
        }
        Ok(Today(cell))
    }

    /// A day given, not the clock's: a past commit's date, for the
    /// windows that end "today" (`snapshot --backfill`).
    pub fn fixed(date: String) -> Today {
        Today(std::sync::OnceLock::from(date))
    }
}

impl std::ops::Deref for Today {
    type Target = String;
    fn deref(&self) -> &String {
        self.0
            .get_or_init(|| jiff::ZonedDateTime::now().date().to_string())
    }
}

impl std::fmt::Display for Today {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}
