//! Progress on stderr for long work, with indicatif: only on a terminal,
//! never with --quiet, and cleared when done so stderr keeps only notes.

use crate::context::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// A count of files (or commits) done, as a spinner.
pub struct Files {
    bar: Option<ProgressBar>,
}

impl Files {
    pub fn new(ctx: &Context, verb: &str) -> Self {
        if ctx.quiet || !std::io::stderr().is_terminal() {
            return Files { bar: None };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {human_pos} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(verb.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Files { bar: Some(bar) }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Files {
    /// One more item done.
    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}

impl techlead_core::check::Progress for Files {
    fn tick(&self) {
        Files::tick(self);
    }
}

/// A display dropped before `finish` (an error, or a boxed display from
/// [`techlead_core::check::Env::progress`]) still clears its line.
impl Drop for Files {
    fn drop(&mut self) {
        self.finish();
    }
}
