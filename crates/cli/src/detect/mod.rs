//! `flyconf detect`: assemble a detector from the embedded or given pattern
//! files, scan, render, and pick the exit status.

mod batch;
mod fortium;

use std::io::Write;
use std::process::ExitCode;

use flyconf::api;
use flyconf::detect::{DetectOptions, Detector, FsProject, Mode, Stopwatch, ToolFilter};

use crate::args::{DetectArgs, Format};
use crate::failure::{EXIT_ERROR, Failure, Report};
use crate::render;

/// Runs the command; every failure becomes exit status 2 with a
/// structured message.
pub(crate) fn run(args: &DetectArgs) -> ExitCode {
    let json = args.format == Format::Json;
    let result = if args.compat.is_some() {
        fortium::run(args)
    } else if args.batch {
        batch::run(args)
    } else {
        run_default(args)
    };
    result.unwrap_or_else(|failure| {
        failure.report(json);
        ExitCode::from(EXIT_ERROR)
    })
}

/// Loads `--patterns` files, filling in the embedded set for each kind no
/// file provides (frameworks only outside compat mode).
pub(crate) fn build_detector(args: &DetectArgs, mode: Mode) -> Result<Detector, Failure> {
    let files = api::load_patterns(&args.patterns)?;
    Ok(api::build_detector(files, mode)?)
}

/// `--min-confidence` in default mode: a number in `0..=1`; the error
/// echoes the value as typed.
pub(crate) fn min_confidence(raw: Option<&str>) -> Result<Option<f64>, Failure> {
    let Some(s) = raw else { return Ok(None) };
    let invalid = || {
        Failure::from(flyconf::detect::Error::InvalidMinConfidence {
            value: s.to_owned(),
        })
    };
    let request = api::DetectRequest {
        min_confidence: Some(s.trim().parse::<f64>().map_err(|_| invalid())?),
        ..api::DetectRequest::default()
    };
    Ok(request.options().map_err(|_| invalid())?.min_confidence)
}

/// A default-mode detector with the options and filter the arguments ask
/// for (unknown ids and out-of-range thresholds are errors).
pub(crate) struct Prepared {
    pub(crate) detector: Detector,
    pub(crate) options: DetectOptions,
    pub(crate) filter: Option<ToolFilter>,
}

pub(crate) fn prepare(args: &DetectArgs) -> Result<Prepared, Failure> {
    let detector = build_detector(args, Mode::Default)?;
    let options = DetectOptions {
        min_confidence: min_confidence(args.min_confidence.as_deref())?,
    };
    let filter = if args.tools.is_empty() {
        None
    } else {
        Some(detector.filter(&args.tools, true)?)
    };
    Ok(Prepared {
        detector,
        options,
        filter,
    })
}

fn run_default(args: &DetectArgs) -> Result<ExitCode, Failure> {
    let Prepared {
        detector,
        options,
        filter,
    } = prepare(args)?;
    if let Some(id) = &args.tool {
        // Resolving the id up front reports a typo (with the closest id)
        // before any scanning.
        detector.filter(&[id.as_str()], true)?;
    }
    let project = FsProject::open(&args.path)?;
    let mut scratch = detector.scratch();
    let clock = Stopwatch::start();
    let report = detector.detect(&project, &mut scratch, &options)?;
    let ms = clock.elapsed_ms();

    let mut out = std::io::stdout().lock();
    if let Some(id) = &args.tool {
        let single = report.to_single(id, ms).ok_or_else(|| unknown(id))?;
        let text = match args.format {
            Format::Json => flyconf::detect::json::to_string_pretty(&single).map_err(internal)?,
            Format::Text => render::text::single(&single, &args.path),
        };
        let _ = writeln!(out, "{text}");
        return Ok(status(single.detected));
    }
    let owned = report.to_detection(filter.as_ref(), ms);
    let text = match args.format {
        Format::Json => flyconf::detect::json::to_string_pretty(&owned).map_err(internal)?,
        Format::Text => render::text::detection(&owned, &args.path),
    };
    let _ = writeln!(out, "{text}");
    // With a tool filter the question is about those tools only.
    let framework_found = args.tools.is_empty() && !owned.frameworks.is_empty();
    Ok(status(owned.detected || framework_found))
}

pub(crate) fn status(detected: bool) -> ExitCode {
    ExitCode::from(if detected { 0 } else { 1 })
}

fn unknown(id: &str) -> Failure {
    Failure {
        code: "unknown-tool".into(),
        message: format!("unknown tool `{id}`"),
        suggestion: "run `flyconf detect --format json` to see every id".into(),
    }
}

pub(crate) fn internal(e: impl std::fmt::Display) -> Failure {
    Failure::internal(e)
}
