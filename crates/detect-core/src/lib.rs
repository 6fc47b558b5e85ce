//! A data-driven, multi-signal project detector.
//!
//! Pattern files (the upstream `tooling-patterns.json` format, plus a few
//! compatible extensions) declare tools and their weighted signals: file
//! names, globs, directories and content regexes. A [`Detector`] compiles
//! them once, into one multi-pattern regex over paths and one per class of
//! files over content, then scans any number of projects, scoring each
//! tool with the upstream confidence formula and keeping evidence (which
//! file, which line) for every signal that fired.
//!
//! The engine knows nothing about any particular tool: Fly.io, Kubernetes,
//! Django or Rails are all just data, in the pattern files embedded from
//! `skills/tooling-detector/` ([`builtin`]).
//!
//! # Example
//!
//! ```
//! use detect_core::{Detector, DetectOptions, MemoryProject};
//!
//! let detector = Detector::builtin()?;
//! let project = MemoryProject::from_files([
//!     ("fly.toml", "app = \"demo\"\nprimary_region = \"ams\"\n"),
//!     ("package.json", r#"{"dependencies": {"express": "^4.19.2"}}"#),
//! ])?;
//! let mut scratch = detector.scratch();
//! let report = detector.detect(&project, &mut scratch, &DetectOptions::default())?;
//!
//! let fly = report.get("flyio").expect("builtin tool");
//! assert!(fly.detected());
//! assert_eq!(fly.evidence().next().map(|e| e.path), Some("fly.toml"));
//! assert_eq!(report.frameworks().next().map(|f| f.id()), Some("express"));
//! # Ok::<(), detect_core::Error>(())
//! ```
//!
//! # Allocation
//!
//! [`Detector::detect`] writes into a reusable [`Scratch`]; once the
//! scratch has grown to fit, scanning an in-memory project allocates
//! nothing. The filesystem walk reuses its path and read buffers; `std::fs`
//! still allocates a handle per directory and a name per entry.

mod batch;
pub mod builtin;
mod compile;
mod error;
pub mod json;
pub mod patterns;
mod report;
mod scan;
pub mod score;
pub mod source;

pub use batch::detect_batch;
pub use compile::{DEFAULT_EVIDENCE_PER_SIGNAL, DEFAULT_GLOB_DEPTH, Detector, DetectorBuilder};
pub use error::{Error, PatternError, PatternErrorKind, PatternLocation, closest};
pub use patterns::{PatternFile, SetKind};
pub use report::{
    CompatReport, CompatSingle, CompatTool, CompatView, DetectionReport, DetectionSummary,
    Evidence, EvidenceView, FrameworkResult, Performance, Report, SingleToolReport, ToolFilter,
    ToolResult, ToolView,
};
pub use scan::{DetectOptions, ScanStats, Scratch};
pub use source::{FsProject, MemoryProject, Source, WalkOptions};

/// How the detector interprets pattern files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// flyconf's semantics: globs see dot-directories, `files` entries match
    /// files only (a trailing `/` asks for a directory), `patterns` on a
    /// `files` signal guard its content, links never leave the root, binary
    /// files are skipped, and vendored, generated and fixture trees are
    /// ignored.
    #[default]
    Default,
    /// The upstream Node detector's exact behaviour (`--compat fortium`),
    /// quirks included; see `skills/tooling-detector/README.md`.
    Fortium,
}

impl Detector {
    /// Scans a directory with a fresh scratch space and returns the owned
    /// report, timed. For many scans, keep a [`Scratch`] and use
    /// [`Detector::detect`].
    ///
    /// # Errors
    /// [`Error::PathNotFound`], [`Error::NotADirectory`] or
    /// [`Error::Unreadable`] for the root.
    pub fn detect_path(
        &self,
        path: impl AsRef<std::path::Path>,
        options: &DetectOptions,
        filter: Option<&ToolFilter>,
    ) -> Result<DetectionReport, Error> {
        let project = FsProject::open(path.as_ref())?;
        let mut scratch = self.scratch();
        let clock = Stopwatch::start();
        let report = self.detect(&project, &mut scratch, options)?;
        let ms = clock.elapsed_ms();
        Ok(report.to_detection(filter, ms))
    }
}

/// Wall-clock timing where the platform has a clock (not in
/// `wasm32-unknown-unknown`, where it reports 0).
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    start: std::time::Instant,
}

impl Stopwatch {
    /// Starts timing.
    #[must_use]
    pub fn start() -> Self {
        Stopwatch {
            #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
            start: std::time::Instant::now(),
        }
    }

    /// Milliseconds since [`Stopwatch::start`], with microsecond precision.
    #[must_use]
    pub fn elapsed_ms(&self) -> f64 {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        {
            (self.start.elapsed().as_secs_f64() * 1e6).round() / 1e3
        }
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        {
            0.0
        }
    }
}
