//! `--compat fortium`: the upstream Node detector's exact output and exit
//! codes, for hosts that parse it. Which quirks are kept is documented in
//! skills/tooling-detector/README.md.

use std::io::Write;
use std::process::ExitCode;

use flyconf::detect::{DetectOptions, FsProject, MemoryProject, Mode, Stopwatch};

use super::{build_detector, internal, status};
use crate::args::DetectArgs;
use crate::failure::{EXIT_ERROR, Failure};

pub(super) fn run(args: &DetectArgs) -> Result<ExitCode, Failure> {
    let detector = build_detector(args, Mode::Fortium)?;
    // Upstream: `options.minimumConfidence || rules.minimum_confidence`, so
    // 0 and NaN fall back to the file's threshold.
    let min = args
        .min_confidence
        .as_deref()
        .map(js_parse_float)
        .filter(|v| *v != 0.0 && !v.is_nan());
    let options = DetectOptions {
        min_confidence: min,
    };
    // Upstream drops unknown names silently.
    let filter = if args.tools.is_empty() {
        None
    } else {
        Some(detector.filter(&args.tools, false)?)
    };
    let mut scratch = detector.scratch();
    let clock = Stopwatch::start();
    // Upstream scans a missing path (or a file) as an empty project.
    let report = match FsProject::open(&args.path) {
        Ok(project) => detector.detect(&project, &mut scratch, &options)?,
        Err(_) => detector.detect(&MemoryProject::new(), &mut scratch, &options)?,
    };
    let ms = whole_ms(clock.elapsed_ms());
    let (text, detected) = match &args.tool {
        Some(tool) => {
            let Some(single) = report.to_compat_single(tool, Some(ms)) else {
                Failure {
                    code: "unknown-tool".into(),
                    message: format!(
                        "Error detecting {tool}: no tool `{}` in the pattern file",
                        tool.to_lowercase()
                    ),
                    suggestion: format!(
                        "use one of: {}",
                        detector
                            .ids()
                            .map(|(id, _)| id)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }
                .report(false);
                return Ok(ExitCode::from(EXIT_ERROR));
            };
            (
                flyconf::detect::json::to_string_pretty(&single).map_err(internal)?,
                single.detected,
            )
        }
        None => {
            let all = report.to_compat(filter.as_ref(), Some(ms));
            (
                flyconf::detect::json::to_string_pretty(&all).map_err(internal)?,
                all.detected,
            )
        }
    };
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    Ok(status(detected))
}

fn whole_ms(ms: f64) -> u64 {
    // Non-negative and far below u64::MAX: the conversion cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = ms.max(0.0).floor() as u64;
    whole
}

/// JavaScript's `parseFloat`: the longest numeric prefix after leading
/// white space, or NaN.
fn js_parse_float(s: &str) -> f64 {
    let s = s.trim_start();
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    if s[i..].starts_with("Infinity") {
        return if b.first() == Some(&b'-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int = digits(i);
    i += int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        frac = digits(i + 1);
        if int + frac > 0 {
            i += 1 + frac;
        }
    }
    if int + frac == 0 {
        return f64::NAN;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let exp = digits(i + 1 + sign);
        if exp > 0 {
            i += 1 + sign + exp;
        }
    }
    s[..i].parse().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::js_parse_float;

    #[test]
    fn parse_float_matches_javascript() {
        assert_eq!(js_parse_float("0.5"), 0.5);
        assert_eq!(js_parse_float("  .5abc"), 0.5);
        assert_eq!(js_parse_float("1e-1x"), 0.1);
        assert_eq!(js_parse_float("2."), 2.0);
        assert_eq!(js_parse_float("-Infinity"), f64::NEG_INFINITY);
        assert!(js_parse_float("abc").is_nan());
        assert!(js_parse_float(".").is_nan());
        assert_eq!(js_parse_float("3e"), 3.0);
    }
}
