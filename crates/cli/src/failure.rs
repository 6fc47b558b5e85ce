//! How the CLI reports that it could not do its job: code, message and
//! suggestion, on stderr for people and as JSON on stdout for programs.

use std::io::Write;

use serde::Serialize;

/// Exit status when a command could not run.
pub(crate) const EXIT_ERROR: u8 = 2;

pub(crate) use flyconf::api::Failure;

/// Files a command would overwrite: it writes nothing and says which.
pub(crate) fn files_exist(existing: &[&str], dir: &std::path::Path, suggestion: &str) -> Failure {
    let verb = if existing.len() == 1 {
        "exists"
    } else {
        "exist"
    };
    Failure {
        code: "file-exists".into(),
        message: format!(
            "{} already {verb} in {}; nothing was written",
            existing.join(", "),
            dir.display()
        ),
        suggestion: suggestion.into(),
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: &'a Failure,
}

/// Reporting a [`Failure`] to the terminal.
pub(crate) trait Report {
    /// Writes the failure: `error[code]: message` and `help:` to stderr, and
    /// with `json`, `{"error": {...}}` to stdout.
    fn report(&self, json: bool);
}

impl Report for Failure {
    fn report(&self, json: bool) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "error[{}]: {}\n  help: {}",
            self.code, self.message, self.suggestion
        );
        if json && let Ok(text) = flyconf::detect::json::to_string_pretty(&Envelope { error: self })
        {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{text}");
        }
    }
}
