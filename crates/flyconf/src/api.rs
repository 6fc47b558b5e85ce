//! Entry points shared by every front-end (CLI, Python, Node, WASM): the same
//! inputs and the same serde types out, so each binding only converts.

use crate::{FileReport, check_bytes};
use detect_core::{
    DetectOptions, DetectionReport, Detector, FsProject, MemoryProject, Scratch, Source,
};
use std::cell::RefCell;
use std::sync::LazyLock;

static DETECTOR: LazyLock<Result<Detector, String>> =
    LazyLock::new(|| Detector::builtin().map_err(|e| e.to_string()));

/// The built-in detector, compiled once per process.
pub fn builtin_detector() -> Result<&'static Detector, crate::Error> {
    DETECTOR
        .as_ref()
        .map_err(|e| crate::Error::Internal { message: e.clone() })
}

/// Detects tooling and frameworks in an in-memory project (path → contents),
/// as `flyconf detect` does on disk. `performance.detection_time_ms` is 0 on
/// targets without a clock (WASM).
pub fn detect_files<P, C>(
    files: impl IntoIterator<Item = (P, C)>,
    options: &DetectOptions,
) -> Result<DetectionReport, crate::Error>
where
    P: AsRef<str>,
    C: Into<Vec<u8>>,
{
    let project = MemoryProject::from_files(files).map_err(crate::Error::from)?;
    scan(&project, options)
}

/// Detects tooling and frameworks in the project directory `dir` with the
/// built-in detector.
pub fn detect_dir(
    dir: &std::path::Path,
    options: &DetectOptions,
) -> Result<DetectionReport, crate::Error> {
    let project = FsProject::open(dir).map_err(crate::Error::from)?;
    scan(&project, options)
}

thread_local! {
    /// Per-thread scan state, kept between calls: the lazy DFAs it caches
    /// make a warm scan an order of magnitude faster than a cold one.
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

/// Scans `project` with the built-in detector and this thread's scratch.
fn scan<S: Source + ?Sized>(
    project: &S,
    options: &DetectOptions,
) -> Result<DetectionReport, crate::Error> {
    let detector = builtin_detector()?;
    SCRATCH.with(|cell| {
        // A re-entrant call (none exists today) gets a fresh scratch rather
        // than a borrow panic.
        let mut guard = cell.try_borrow_mut().ok();
        let mut fresh = None;
        let scratch = match guard.as_deref_mut() {
            Some(slot) => slot.get_or_insert_with(|| detector.scratch()),
            None => fresh.insert(detector.scratch()),
        };
        let clock = detect_core::Stopwatch::start();
        let report = detector
            .detect(project, scratch, options)
            .map_err(crate::Error::from)?;
        Ok(report.to_detection(None, clock.elapsed_ms()))
    })
}

/// Checks `text` as the file `filename` (a Dockerfile by name, else fly.toml).
pub fn check(text: &str, filename: &str) -> FileReport {
    check_bytes(filename, text.as_bytes())
}
