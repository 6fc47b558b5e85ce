//! `--compat fortium`: the upstream Node detector's exact output and exit
//! codes, for hosts that parse it. Which quirks are kept is documented in
//! skills/tooling-detector/README.md.

use std::io::Write;
use std::process::ExitCode;

use flyconf::api;

use super::{internal, status};
use crate::args::DetectArgs;
use crate::failure::{EXIT_ERROR, Failure, Report};

pub(super) fn run(args: &DetectArgs) -> Result<ExitCode, Failure> {
    let patterns = api::load_patterns(&args.patterns)?;
    // Upstream reads the flag with `parseFloat`.
    let min = args.min_confidence.as_deref().map(js_parse_float);
    let (text, detected) = match &args.tool {
        Some(tool) => match api::detect_compat_single(&args.path, tool, min, patterns, true) {
            Ok(single) => (
                flyconf::detect::json::to_string_pretty(&single).map_err(internal)?,
                single.detected,
            ),
            // Upstream prints `Error detecting …` and exits 2.
            Err(e) if e.code() == "unknown-tool" => {
                Failure {
                    code: e.code().into(),
                    message: format!(
                        "Error detecting {tool}: no tool `{}` in the pattern file",
                        tool.to_lowercase()
                    ),
                    suggestion: e.suggestion(),
                }
                .report(false);
                return Ok(ExitCode::from(EXIT_ERROR));
            }
            Err(e) => return Err(e.into()),
        },
        None => {
            let tools = (!args.tools.is_empty()).then_some(args.tools.as_slice());
            let all = api::detect_compat(&args.path, tools, min, patterns, true)?;
            (
                flyconf::detect::json::to_string_pretty(&all).map_err(internal)?,
                all.detected,
            )
        }
    };
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    Ok(status(detected))
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
