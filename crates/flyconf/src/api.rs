//! Entry points shared by every front-end (CLI, Python, Node, WASM): the same
//! inputs and the same serde types out, so each binding only converts.

use crate::{FileReport, check_bytes};
use detect_core::{DetectOptions, DetectionReport, Detector, MemoryProject};
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
    let detector = builtin_detector()?;
    let project = MemoryProject::from_files(files).map_err(crate::Error::from)?;
    let mut scratch = detector.scratch();
    let clock = detect_core::Stopwatch::start();
    let report = detector
        .detect(&project, &mut scratch, options)
        .map_err(crate::Error::from)?;
    Ok(report.to_detection(None, clock.elapsed_ms()))
}

/// Checks `text` as the file `filename` (a Dockerfile by name, else fly.toml).
pub fn check(text: &str, filename: &str) -> FileReport {
    check_bytes(filename, text.as_bytes())
}
