//! Durations in Go's `time.ParseDuration` syntax, as flyctl reads them.

use serde::{Serialize, Serializer};
use std::fmt;

/// A duration, stored in nanoseconds like Go's `time.Duration`.
///
/// In fly.toml a duration is a string in Go's syntax (`"10s"`, `"1m30s"`,
/// `"1.5h"`, `"300ms"`; units `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`; no `d`) or a
/// bare number whose unit depends on the key — see [`BareUnit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(i64);

/// What a bare number means for a given duration key (flyctl's patches).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BareUnit {
    /// Top-level `kill_timeout`: seconds.
    Seconds,
    /// `[[services.tcp_checks]]`, `[[services.http_checks]]`, `[checks.*]`: milliseconds.
    Milliseconds,
    /// `[[http_service.checks]]`, `machine_checks.kill_timeout`, `[deploy]` timeouts: nanoseconds.
    Nanoseconds,
}

impl BareUnit {
    /// The unit's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            BareUnit::Seconds => "seconds",
            BareUnit::Milliseconds => "milliseconds",
            BareUnit::Nanoseconds => "nanoseconds",
        }
    }

    fn nanos(self) -> i64 {
        match self {
            BareUnit::Seconds => NANOS_PER_SECOND,
            BareUnit::Milliseconds => 1_000_000,
            BareUnit::Nanoseconds => 1,
        }
    }
}

const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// Why a duration string was rejected; `Display` gives Go's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    /// Not a duration at all.
    #[error("time: invalid duration {0:?}")]
    Invalid(String),
    /// A number without a unit (`"30"`).
    #[error("time: missing unit in duration {0:?}")]
    MissingUnit(String),
    /// A unit Go does not know (`"5d"`).
    #[error("time: unknown unit {unit:?} in duration {input:?}")]
    UnknownUnit {
        /// The unit as written.
        unit: String,
        /// The whole input.
        input: String,
    },
}

impl Duration {
    /// Zero.
    pub const ZERO: Duration = Duration(0);

    /// From nanoseconds.
    pub const fn from_nanos(nanos: i64) -> Duration {
        Duration(nanos)
    }

    /// From whole seconds (saturating).
    pub const fn from_secs(secs: i64) -> Duration {
        Duration(secs.saturating_mul(NANOS_PER_SECOND))
    }

    /// From whole milliseconds (saturating).
    pub const fn from_millis(ms: i64) -> Duration {
        Duration(ms.saturating_mul(1_000_000))
    }

    /// Nanoseconds.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }

    /// Whole milliseconds (truncated).
    pub const fn as_millis(self) -> i64 {
        self.0 / 1_000_000
    }

    /// Seconds as a float.
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / NANOS_PER_SECOND as f64
    }

    /// A bare TOML integer under a key whose bare numbers mean `unit`.
    pub fn from_bare_int(value: i64, unit: BareUnit) -> Duration {
        Duration(value.saturating_mul(unit.nanos()))
    }

    /// A bare TOML float: Go truncates it to whole nanoseconds first, then
    /// scales it as an integer (so `kill_timeout = 1.5` is one second).
    pub fn from_bare_float(value: f64, unit: BareUnit) -> Duration {
        // `as` saturates and maps NaN to 0, like a defensive Go conversion.
        Duration::from_bare_int(value as i64, unit)
    }

    /// Parses Go's duration syntax.
    pub fn parse(input: &str) -> Result<Duration, DurationError> {
        parse_go(input)
    }
}

fn parse_go(input: &str) -> Result<Duration, DurationError> {
    let invalid = || DurationError::Invalid(input.to_owned());
    let mut s = input;
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    if s == "0" {
        return Ok(Duration::ZERO);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u128 = 0;
    while !s.is_empty() {
        // The number: digits, optionally '.', digits; at least one digit.
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let (int_part, rest) = s.split_at(int_len);
        let (frac_part, rest) = match rest.strip_prefix('.') {
            Some(r) => {
                let n = r.bytes().take_while(u8::is_ascii_digit).count();
                r.split_at(n)
            }
            None => ("", rest),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(invalid());
        }
        let unit_len = rest
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (unit, rest) = rest.split_at(unit_len);
        if unit.is_empty() {
            return Err(DurationError::MissingUnit(input.to_owned()));
        }
        let scale: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60 * 1_000_000_000,
            "h" => 3_600 * 1_000_000_000,
            _ => {
                return Err(DurationError::UnknownUnit {
                    unit: unit.to_owned(),
                    input: input.to_owned(),
                });
            }
        };
        let whole: u128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse::<u128>().map_err(|_| invalid())?
        };
        let mut value = whole.checked_mul(scale).ok_or_else(invalid)?;
        // Fractional digits, like Go: accumulate and scale, ignoring digits
        // beyond what fits.
        let mut frac_scale = scale;
        for digit in frac_part.bytes() {
            frac_scale /= 10;
            if frac_scale == 0 {
                break;
            }
            value += u128::from(digit - b'0') * frac_scale;
        }
        total = total.checked_add(value).ok_or_else(invalid)?;
        if total > i64::MAX as u128 + u128::from(negative) {
            return Err(invalid());
        }
        s = rest;
    }
    let nanos = if negative {
        // Fits: checked above against i64::MAX + 1.
        (total as i128).wrapping_neg() as i64
    } else {
        total as i64
    };
    Ok(Duration(nanos))
}

impl fmt::Display for Duration {
    /// Formats like Go's `Duration.String`: `1m30s`, `5s`, `1.5s`, `300ms`, `0s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nanos = self.0;
        if nanos == 0 {
            return f.write_str("0s");
        }
        let sign = if nanos < 0 { "-" } else { "" };
        let u = nanos.unsigned_abs();
        if u < 1_000_000_000 {
            let (unit, div) = match u {
                0..1_000 => ("ns", 1u64),
                1_000..1_000_000 => ("µs", 1_000),
                _ => ("ms", 1_000_000),
            };
            return write!(f, "{sign}{}{unit}", fraction(u, div));
        }
        let hours = u / 3_600_000_000_000;
        let minutes = (u / 60_000_000_000) % 60;
        let secs = u % 60_000_000_000;
        let secs = fraction(secs, 1_000_000_000);
        if hours > 0 {
            write!(f, "{sign}{hours}h{minutes}m{secs}s")
        } else if minutes > 0 {
            write!(f, "{sign}{minutes}m{secs}s")
        } else {
            write!(f, "{sign}{secs}s")
        }
    }
}

/// `value / div` with its fractional part, trailing zeros removed.
fn fraction(value: u64, div: u64) -> String {
    let whole = value / div;
    let rem = value % div;
    if rem == 0 {
        return whole.to_string();
    }
    let width = div.ilog10() as usize;
    let digits = format!("{rem:0width$}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Result<i64, String> {
        Duration::parse(s)
            .map(Duration::as_nanos)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn parses_go_syntax() {
        assert_eq!(p("10s"), Ok(10_000_000_000));
        assert_eq!(p("1m30s"), Ok(90_000_000_000));
        assert_eq!(p("1.5h"), Ok(5_400_000_000_000));
        assert_eq!(p("300ms"), Ok(300_000_000));
        assert_eq!(p("2µs"), Ok(2_000));
        assert_eq!(p("2us"), Ok(2_000));
        assert_eq!(p("0"), Ok(0));
        assert_eq!(p("-1s"), Ok(-1_000_000_000));
        assert_eq!(p(".5s"), Ok(500_000_000));
        assert_eq!(p("30"), Err("time: missing unit in duration \"30\"".into()));
        assert_eq!(
            p("5d"),
            Err("time: unknown unit \"d\" in duration \"5d\"".into())
        );
        assert_eq!(p(""), Err("time: invalid duration \"\"".into()));
        assert_eq!(p("s"), Err("time: invalid duration \"s\"".into()));
        assert!(p("99999999999999h").is_err());
    }

    #[test]
    fn formats_like_go() {
        for (nanos, text) in [
            (0, "0s"),
            (5_000_000_000, "5s"),
            (90_000_000_000, "1m30s"),
            (3_600_000_000_000, "1h0m0s"),
            (1_500_000_000, "1.5s"),
            (300_000_000, "300ms"),
            (1_500, "1.5µs"),
            (7, "7ns"),
            (-2_000_000_000, "-2s"),
        ] {
            assert_eq!(Duration::from_nanos(nanos).to_string(), text);
        }
    }

    #[test]
    fn bare_numbers_scale_per_key() {
        assert_eq!(
            Duration::from_bare_int(5, BareUnit::Seconds).to_string(),
            "5s"
        );
        assert_eq!(
            Duration::from_bare_int(500, BareUnit::Milliseconds).to_string(),
            "500ms"
        );
        assert_eq!(
            Duration::from_bare_int(5, BareUnit::Nanoseconds).to_string(),
            "5ns"
        );
        assert_eq!(
            Duration::from_bare_float(1.5, BareUnit::Seconds).to_string(),
            "1s"
        );
        assert_eq!(
            Duration::from_bare_float(0.5, BareUnit::Seconds).to_string(),
            "0s"
        );
    }

    proptest! {
        #[test]
        fn display_round_trips(nanos in any::<i64>()) {
            let d = Duration::from_nanos(nanos);
            prop_assert_eq!(Duration::parse(&d.to_string()), Ok(d));
        }

        #[test]
        fn parse_never_panics(s in ".{0,24}") {
            let _ = Duration::parse(&s);
        }
    }
}
