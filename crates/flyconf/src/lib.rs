//! flyconf: a typed model of fly.toml that reads exactly what flyctl reads,
//! validates it, security-lints it, and lints Dockerfiles, all reporting
//! through one [`Diagnostic`] type with codes from one [`registry`](diagnostic::registry).
//!
//! ```
//! let report = flyconf::parse("app = \"demo\"\n[http_service]\nintenal_port = 8080\n");
//! let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
//! assert!(codes.contains(&"FT004")); // unknown key, "did you mean `internal_port`?"
//! ```

pub mod api;
pub mod check;
pub mod cost;
pub mod decode;
pub mod diagnostic;
pub mod dockerfile;
mod error;
pub mod fix;
pub mod generate;
pub mod migrate;
pub mod model;
mod order;
pub mod recommend;
pub mod secrets;
pub mod skill;

pub use detect_core as detect;
pub use diagnostic::{Diagnostic, Edit, Fix, Severity, Span, Summary};
pub use error::{Error, check_path, explain};
pub use model::Config;

use diagnostic::LineIndex;
use serde::Serialize;

/// A fly.toml read into the typed model, with every diagnostic.
#[derive(Debug, Clone, Serialize)]
pub struct Parsed {
    /// The model (legacy forms normalised; unreadable values left out).
    pub config: Config,
    /// Every finding, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads, validates and lints fly.toml text.
pub fn parse(text: &str) -> Parsed {
    let lines = LineIndex::new(text);
    let decoded = decode::decode_indexed(&lines);
    let mut diagnostics = decoded.diagnostics;
    check::run(&decoded.config, &decoded.spans, &lines, &mut diagnostics);
    diagnostic::finish(&mut diagnostics, &lines);
    Parsed {
        config: decoded.config,
        diagnostics,
    }
}

/// Validates and lints fly.toml text.
pub fn check_fly_toml(text: &str) -> Vec<Diagnostic> {
    parse(text).diagnostics
}

/// What kind of file a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// A fly.toml (any other name is read as one too, as flyctl does).
    FlyToml,
    /// A Dockerfile or Containerfile.
    Dockerfile,
}

impl FileKind {
    /// Recognises Dockerfiles by name (`Dockerfile`, `Dockerfile.prod`,
    /// `prod.Dockerfile`, `Containerfile`); everything else is fly.toml.
    pub fn from_path(path: &str) -> FileKind {
        let name = path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(path)
            .to_ascii_lowercase();
        let docker = name.starts_with("dockerfile")
            || name.starts_with("containerfile")
            || name.ends_with(".dockerfile")
            || name.ends_with(".containerfile");
        if docker {
            FileKind::Dockerfile
        } else {
            FileKind::FlyToml
        }
    }
}

/// The diagnostics of one checked file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The path as given.
    pub path: String,
    /// The findings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of checking several files: `flyconf check --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// One entry per file.
    pub files: Vec<FileReport>,
    /// Totals over all files.
    pub summary: Summary,
}

impl CheckReport {
    /// Builds the report and its totals.
    pub fn new(files: Vec<FileReport>) -> CheckReport {
        let mut summary = Summary::default();
        for f in &files {
            summary.add(&f.diagnostics);
        }
        CheckReport { files, summary }
    }
}

/// Checks the contents of the file at `path`, choosing the checker by its
/// name ([`FileKind::from_path`]). Bytes that are not UTF-8 text give an
/// `FT002` diagnostic rather than an error.
pub fn check_bytes(path: &str, bytes: &[u8]) -> FileReport {
    let diagnostics = match text_of(bytes) {
        Ok(text) => check_text(FileKind::from_path(path), text),
        Err(d) => vec![*d],
    };
    FileReport {
        path: path.to_owned(),
        diagnostics,
    }
}

/// Checks text as the given kind of file.
pub fn check_text(kind: FileKind, text: &str) -> Vec<Diagnostic> {
    match kind {
        FileKind::FlyToml => check_fly_toml(text),
        FileKind::Dockerfile => check_dockerfile(text),
    }
}

/// Lints a Dockerfile.
pub fn check_dockerfile(text: &str) -> Vec<Diagnostic> {
    dockerfile::check(text)
}

/// `bytes` as text, or the `FT002` diagnostic saying why not.
pub fn text_of(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    let (at, what) = match std::str::from_utf8(bytes) {
        Err(e) => (
            e.valid_up_to(),
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        ),
        Ok(text) => match memchr::memchr(0, bytes) {
            None => return Ok(text),
            Some(i) => (i, format!("it contains a NUL byte at byte {i}")),
        },
    };
    // Lines and columns of the valid prefix locate the problem.
    let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or("");
    let lines = LineIndex::new(prefix);
    Err(Box::new(
        Diagnostic::new(
            &diagnostic::registry::NOT_TEXT,
            format!("the file is not text: {what}"),
            Span::new(at..at, &lines),
        )
        .with_suggestion("check the right file, or save it as UTF-8"),
    ))
}
