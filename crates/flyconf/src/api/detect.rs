//! Detection as every front-end offers it: the built-in or given pattern
//! files, a threshold, a tool filter, on disk or over an in-memory project.

use std::cell::RefCell;
use std::path::Path;
use std::sync::LazyLock;

use detect_core::{
    DetectOptions, DetectionReport, Detector, DetectorBuilder, FsProject, MemoryProject, Mode,
    PatternFile, Report, Scratch, SetKind, Source, builtin,
};
use serde::Deserialize;

use crate::Error;

/// What to detect: the options `flyconf detect` takes as flags and the
/// bindings take as keyword arguments (or a JSON object).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DetectRequest {
    /// Report only these tool or framework ids; an unknown id is an
    /// `unknown-tool` error naming the closest one. Empty: every id.
    pub tools: Vec<String>,
    /// Overrides every pattern file's `minimum_confidence`; must lie in
    /// `0..=1` (else `invalid-min-confidence`).
    pub min_confidence: Option<f64>,
}

impl DetectRequest {
    /// The scan options, with the threshold checked.
    pub fn options(&self) -> Result<DetectOptions, Error> {
        if let Some(v) = self.min_confidence
            && !(0.0..=1.0).contains(&v)
        {
            return Err(detect_core::Error::InvalidMinConfidence {
                value: detect_core::json::js_number(v),
            }
            .into());
        }
        Ok(DetectOptions {
            min_confidence: self.min_confidence,
        })
    }
}

static BUILTIN: LazyLock<Result<Detector, String>> =
    LazyLock::new(|| Detector::builtin().map_err(|e| e.to_string()));

static BUILTIN_COMPAT: LazyLock<Result<Detector, String>> =
    LazyLock::new(|| build_detector(Vec::new(), Mode::Fortium).map_err(|e| e.to_string()));

fn cached(cell: &'static LazyLock<Result<Detector, String>>) -> Result<&'static Detector, Error> {
    cell.as_ref()
        .map_err(|e| Error::Internal { message: e.clone() })
}

/// The built-in detector (tooling and frameworks), compiled once per process.
pub fn builtin_detector() -> Result<&'static Detector, Error> {
    cached(&BUILTIN)
}

/// The built-in tooling set in upstream-compatible mode, compiled once.
pub fn builtin_compat_detector() -> Result<&'static Detector, Error> {
    cached(&BUILTIN_COMPAT)
}

/// Reads pattern files (`tooling-patterns.json` format) from disk.
pub fn load_patterns<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PatternFile>, Error> {
    paths
        .iter()
        .map(|p| PatternFile::from_path(p.as_ref()).map_err(|e| detect_core::Error::from(e).into()))
        .collect()
}

/// A detector over `files`, with the embedded set filling in each kind
/// (tools, frameworks) no file provides. Compat mode reads tools only, as
/// upstream does.
pub fn build_detector(files: Vec<PatternFile>, mode: Mode) -> Result<Detector, Error> {
    let has = |kind: SetKind| files.iter().any(|f| f.kind == kind);
    let mut builder = DetectorBuilder::new().mode(mode);
    if !has(SetKind::Tools) {
        builder = builder.patterns(builtin::tooling()?);
    }
    if mode == Mode::Default && !has(SetKind::Frameworks) {
        builder = builder.patterns(builtin::frameworks()?);
    }
    for file in files {
        if mode == Mode::Default || file.kind == SetKind::Tools {
            builder = builder.patterns(file);
        }
    }
    Ok(builder.build()?)
}

/// Either a cached built-in detector or one built for given pattern files.
pub(crate) enum DetectorRef {
    Shared(&'static Detector),
    Owned(Box<Detector>),
}

impl std::ops::Deref for DetectorRef {
    type Target = Detector;
    fn deref(&self) -> &Detector {
        match self {
            DetectorRef::Shared(d) => d,
            DetectorRef::Owned(d) => d,
        }
    }
}

impl DetectorRef {
    /// The built-in detector for `mode` when `patterns` is empty, else one
    /// built from them.
    pub(crate) fn new(patterns: Vec<PatternFile>, mode: Mode) -> Result<DetectorRef, Error> {
        if !patterns.is_empty() {
            return Ok(DetectorRef::Owned(Box::new(build_detector(
                patterns, mode,
            )?)));
        }
        Ok(DetectorRef::Shared(match mode {
            Mode::Default => builtin_detector()?,
            Mode::Fortium => builtin_compat_detector()?,
        }))
    }
}

/// Scratch spaces kept per thread, most recently used last.
const SCRATCH_PER_THREAD: usize = 4;

thread_local! {
    /// Per-thread scan state, one per detector recently used on the thread
    /// (the built-in default and compat detectors, pattern-file ones): the
    /// lazy DFAs a scratch caches make a warm scan an order of magnitude
    /// faster than a cold one, so alternating detectors must not share one.
    static SCRATCH: RefCell<Vec<Scratch>> = const { RefCell::new(Vec::new()) };
}

/// Scans `project` with `detector` and this thread's scratch for it, then
/// turns the borrowed report into what the caller needs.
pub(crate) fn scan<S: Source + ?Sized, T>(
    detector: &Detector,
    project: &S,
    options: &DetectOptions,
    view: impl FnOnce(&Report<'_>, f64) -> Result<T, Error>,
) -> Result<T, Error> {
    SCRATCH.with(|cell| {
        // A re-entrant call gets a fresh scratch rather than a borrow panic.
        let mut guard = cell.try_borrow_mut().ok();
        let mut fresh = None;
        let scratch = match guard.as_deref_mut() {
            Some(pool) => {
                match pool.iter().position(|s| s.belongs_to(detector)) {
                    Some(i) => {
                        let s = pool.remove(i);
                        pool.push(s);
                    }
                    None => {
                        if pool.len() >= SCRATCH_PER_THREAD {
                            pool.remove(0);
                        }
                        pool.push(detector.scratch());
                    }
                }
                match pool.last_mut() {
                    Some(s) => s,
                    None => fresh.insert(detector.scratch()),
                }
            }
            None => fresh.insert(detector.scratch()),
        };
        let clock = detect_core::Stopwatch::start();
        let report = detector.detect(project, scratch, options)?;
        view(&report, clock.elapsed_ms())
    })
}

fn detect_in<S: Source + ?Sized>(
    project: &S,
    request: &DetectRequest,
    patterns: Vec<PatternFile>,
) -> Result<DetectionReport, Error> {
    let options = request.options()?;
    let detector = DetectorRef::new(patterns, Mode::Default)?;
    let filter = if request.tools.is_empty() {
        None
    } else {
        Some(detector.filter(&request.tools, true)?)
    };
    scan(&detector, project, &options, |report, ms| {
        Ok(report.to_detection(filter.as_ref(), ms))
    })
}

/// `flyconf detect PATH --format json`: tooling and frameworks in the
/// project directory `path`, with the built-in pattern files, or `patterns`
/// (each kind they leave out comes from the built-in set).
pub fn detect_path(
    path: &Path,
    request: &DetectRequest,
    patterns: Vec<PatternFile>,
) -> Result<DetectionReport, Error> {
    let project = FsProject::open(path)?;
    detect_in(&project, request, patterns)
}

/// Tooling and frameworks in an in-memory project (path → contents), as
/// [`detect_path`] finds them on disk. `performance.detection_time_ms` is 0
/// on targets without a clock (WASM).
pub fn detect_files<P, C>(
    files: impl IntoIterator<Item = (P, C)>,
    request: &DetectRequest,
) -> Result<DetectionReport, Error>
where
    P: AsRef<str>,
    C: Into<Vec<u8>>,
{
    let project = MemoryProject::from_files(files)?;
    detect_in(&project, request, Vec::new())
}

/// Which of `paths` (a project listed by name) [`detect_files`] reads the
/// contents of, with the built-in pattern files; the rest it judges by
/// name, so a host reading files itself (a browser given a folder) reads
/// only these and passes the others with empty contents. Paths in ignored
/// directories (`node_modules`, `.git`, …) are never among them.
pub fn detect_reads<P: AsRef<str>>(
    paths: impl IntoIterator<Item = P>,
) -> Result<Vec<String>, Error> {
    let project = MemoryProject::from_files(paths.into_iter().map(|p| (p, Vec::<u8>::new())))?;
    Ok(builtin_detector()?.content_paths(&project)?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn files() -> Vec<(&'static str, &'static str)> {
        vec![
            (
                "fly.toml",
                "app = \"x\"\n[http_service]\ninternal_port = 8080\n",
            ),
            ("package.json", r#"{"dependencies":{"express":"^4"}}"#),
        ]
    }

    #[test]
    fn reads_only_files_with_content_signals() {
        let reads = detect_reads([
            "fly.toml",
            "package.json",
            "README.md",
            "node_modules/express/package.json",
            "src/logo.png",
        ])
        .unwrap();
        assert!(reads.iter().any(|p| p == "package.json"), "{reads:?}");
        assert!(
            !reads.iter().any(|p| p.starts_with("node_modules/")),
            "{reads:?}"
        );
        assert!(!reads.iter().any(|p| p == "src/logo.png"), "{reads:?}");
        assert!(detect_reads(["../x"]).is_err());
    }

    #[test]
    fn thresholds_outside_zero_to_one_are_refused() {
        for bad in [-0.1, 1.5, f64::NAN] {
            let request = DetectRequest {
                min_confidence: Some(bad),
                ..DetectRequest::default()
            };
            let e = detect_files(files(), &request).unwrap_err();
            assert_eq!(e.code(), "invalid-min-confidence");
        }
    }

    #[test]
    fn a_tool_filter_keeps_only_those_ids_and_refuses_unknown_ones() {
        let request = DetectRequest {
            tools: vec!["flyio".into()],
            ..DetectRequest::default()
        };
        let report = detect_files(files(), &request).unwrap();
        assert_eq!(report.all_results.len(), 1);
        assert!(report.detected);
        let request = DetectRequest {
            tools: vec!["flyoi".into()],
            ..DetectRequest::default()
        };
        let e = detect_files(files(), &request).unwrap_err();
        assert_eq!(e.code(), "unknown-tool");
        assert!(e.suggestion().contains("flyio"), "{}", e.suggestion());
    }

    #[test]
    fn requests_deserialise_from_binding_json() {
        let r: DetectRequest =
            serde_json::from_str(r#"{"tools":["helm"],"min_confidence":0.4}"#).unwrap();
        assert_eq!(r.tools, ["helm"]);
        assert_eq!(r.min_confidence, Some(0.4));
        assert!(serde_json::from_str::<DetectRequest>(r#"{"tool":[]}"#).is_err());
    }

    #[test]
    fn warm_and_cold_scans_agree() {
        let a = detect_files(files(), &DetectRequest::default()).unwrap();
        let b = detect_files(files(), &DetectRequest::default()).unwrap();
        assert_eq!(a.all_results.len(), b.all_results.len());
        assert_eq!(a.frameworks.len(), b.frameworks.len());
    }

    #[test]
    fn each_detector_keeps_its_own_scratch_on_a_thread() {
        std::thread::spawn(|| {
            let project = MemoryProject::from_files(files()).unwrap();
            let default = builtin_detector().unwrap();
            let compat = builtin_compat_detector().unwrap();
            let options = DetectOptions::default();
            for _ in 0..3 {
                for d in [default, compat] {
                    scan(d, &project, &options, |_, _| Ok(())).unwrap();
                }
            }
            SCRATCH.with(|cell| {
                let pool = cell.borrow();
                assert_eq!(pool.len(), 2, "one scratch per detector, reused");
                assert!(pool[0].belongs_to(default) && pool[1].belongs_to(compat));
            });
            // More detectors than the pool holds: the least recently used goes.
            let owned: Vec<Detector> = (0..SCRATCH_PER_THREAD)
                .map(|_| build_detector(Vec::new(), Mode::Default).unwrap())
                .collect();
            for d in &owned {
                scan(d, &project, &options, |_, _| Ok(())).unwrap();
            }
            SCRATCH.with(|cell| {
                let pool = cell.borrow();
                assert_eq!(pool.len(), SCRATCH_PER_THREAD);
                assert!(pool.iter().zip(&owned).all(|(s, d)| s.belongs_to(d)));
            });
        })
        .join()
        .unwrap();
    }
}
