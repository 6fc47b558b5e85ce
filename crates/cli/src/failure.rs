//! How the CLI reports that it could not do its job: code, message and
//! suggestion, on stderr for people and as JSON on stdout for programs.

use std::io::Write;

use serde::Serialize;

/// Exit status when a command could not run.
pub(crate) const EXIT_ERROR: u8 = 2;

/// A failure with everything needed to act on it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Failure {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) suggestion: String,
}

impl From<flyconf::detect::Error> for Failure {
    fn from(e: flyconf::detect::Error) -> Self {
        Failure {
            code: e.code().to_owned(),
            message: e.to_string(),
            suggestion: e.suggestion(),
        }
    }
}

impl From<flyconf::Error> for Failure {
    fn from(e: flyconf::Error) -> Self {
        Failure {
            code: e.code().to_owned(),
            message: e.to_string(),
            suggestion: e.suggestion(),
        }
    }
}

impl Failure {
    /// Files a command would overwrite: it writes nothing and says which.
    pub(crate) fn files_exist(
        existing: &[&str],
        dir: &std::path::Path,
        suggestion: &str,
    ) -> Failure {
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
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: &'a Failure,
}

impl Failure {
    /// Writes the failure: `error[code]: message` and `help:` to stderr, and
    /// with `json`, `{"error": {...}}` to stdout.
    pub(crate) fn report(&self, json: bool) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "error[{}]: {}\n  help: {}",
            self.code, self.message, self.suggestion
        );
        if json {
            if let Ok(text) = flyconf::detect::json::to_string_pretty(&Envelope { error: self }) {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{text}");
            }
        }
    }
}
