//! The upstream Node tooling-detector's API (`detectTooling`, `detectTool`):
//! its objects and quirks exactly, for hosts that swap it for flyconf.

use std::path::Path;

use detect_core::{
    CompatReport, CompatSingle, DetectOptions, FsProject, MemoryProject, Mode, PatternFile,
};

use super::detect::{DetectorRef, scan};
use crate::Error;

/// Upstream's `options.minimumConfidence || rules.minimum_confidence`: 0 and
/// NaN mean "the pattern file's threshold"; anything else is used as given.
fn upstream_options(min_confidence: Option<f64>) -> DetectOptions {
    DetectOptions {
        min_confidence: min_confidence.filter(|v| *v != 0.0 && !v.is_nan()),
    }
}

/// Scans `path` in compat mode; a path that cannot be opened is scanned as
/// an empty project, as upstream does.
fn scan_compat<T>(
    path: &Path,
    min_confidence: Option<f64>,
    patterns: Vec<PatternFile>,
    view: impl FnOnce(&detect_core::Detector, &detect_core::Report<'_>, f64) -> Result<T, Error>,
) -> Result<T, Error> {
    let detector = DetectorRef::new(patterns, Mode::Fortium)?;
    let options = upstream_options(min_confidence);
    match FsProject::open(path) {
        Ok(project) => scan(&detector, &project, &options, |r, ms| {
            view(&detector, r, ms)
        }),
        Err(_) => scan(&detector, &MemoryProject::new(), &options, |r, ms| {
            view(&detector, r, ms)
        }),
    }
}

/// Whole milliseconds, as upstream's `Date.now()` difference gives them.
fn whole_ms(ms: f64) -> u64 {
    // Non-negative and far below u64::MAX: the conversion cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = ms.max(0.0).floor() as u64;
    whole
}

/// Upstream `detectTooling(projectPath, {tools, minimumConfidence})`.
/// `performance` is present only when `timed` (upstream's CLI prints it;
/// its module API leaves it out). Unknown names in `tools` are dropped
/// silently, as upstream does.
pub fn detect_compat(
    path: &Path,
    tools: Option<&[String]>,
    min_confidence: Option<f64>,
    patterns: Vec<PatternFile>,
    timed: bool,
) -> Result<CompatReport, Error> {
    scan_compat(path, min_confidence, patterns, |detector, report, ms| {
        let filter = tools.map(|t| detector.filter(t, false)).transpose()?;
        Ok(report.to_compat(filter.as_ref(), timed.then(|| whole_ms(ms))))
    })
}

/// [`detect_compat`] as JSON text, serialised straight from the scan
/// (`CompatView`: no owned report is built): what a host that only prints
/// or parses the result needs, such as the Node drop-in.
pub fn detect_compat_json(
    path: &Path,
    tools: Option<&[String]>,
    min_confidence: Option<f64>,
    patterns: Vec<PatternFile>,
    timed: bool,
) -> Result<String, Error> {
    scan_compat(path, min_confidence, patterns, |detector, report, ms| {
        let filter = tools.map(|t| detector.filter(t, false)).transpose()?;
        let view = report.compat_view(filter.as_ref(), timed.then(|| whole_ms(ms)));
        serde_json::to_string(&view).map_err(|e| Error::Internal {
            message: format!("could not write the compat report: {e}"),
        })
    })
}

/// Upstream `detectTool(projectPath, toolName, options)`: the name is
/// lower-cased; an unknown one (upstream: a `TypeError`) is an
/// `unknown-tool` error naming the closest id and the known ones.
pub fn detect_compat_single(
    path: &Path,
    tool: &str,
    min_confidence: Option<f64>,
    patterns: Vec<PatternFile>,
    timed: bool,
) -> Result<CompatSingle, Error> {
    let name = tool.to_lowercase();
    scan_compat(path, min_confidence, patterns, |detector, report, ms| {
        if let Some(single) = report.to_compat_single(&name, timed.then(|| whole_ms(ms))) {
            return Ok(single);
        }
        // A strict filter of the unknown name builds `unknown-tool`.
        match detector.filter(&[name.as_str()], true) {
            Err(e) => Err(e.into()),
            Ok(_) => Err(Error::Internal {
                message: format!("tool `{name}` is loaded but has no result"),
            }),
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_json_form_is_the_report_serialised() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/projects/fly-express-basic"
        );
        let tools = ["flyio".to_owned(), "docker".to_owned()];
        for filter in [None, Some(&tools[..])] {
            let owned = detect_compat(Path::new(dir), filter, None, Vec::new(), false).unwrap();
            assert!(owned.detected);
            let text = detect_compat_json(Path::new(dir), filter, None, Vec::new(), false).unwrap();
            assert_eq!(text, serde_json::to_string(&owned).unwrap());
        }
    }

    #[test]
    fn a_missing_path_is_an_empty_project() {
        let r = detect_compat(Path::new("/no/such/dir"), None, None, Vec::new(), false).unwrap();
        assert!(!r.detected);
        assert!(r.performance.is_none());
    }

    #[test]
    fn unknown_single_tools_name_the_closest() {
        let e =
            detect_compat_single(Path::new("."), "FlyIO2", None, Vec::new(), false).unwrap_err();
        assert_eq!(e.code(), "unknown-tool");
        assert!(e.suggestion().contains("flyio"));
    }

    #[test]
    fn zero_and_nan_mean_the_files_threshold() {
        assert_eq!(upstream_options(Some(0.0)).min_confidence, None);
        assert_eq!(upstream_options(Some(f64::NAN)).min_confidence, None);
        assert_eq!(upstream_options(Some(0.3)).min_confidence, Some(0.3));
    }
}
