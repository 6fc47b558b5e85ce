//! JSON text exactly as JavaScript's `JSON.stringify` writes it: numbers in
//! `Number.prototype.toString` form (`1`, not `1.0`; `0.7999999999999999`;
//! `1e-7`), and, for the pretty form, two-space indentation.
//!
//! Every JSON the CLI prints goes through here, so hosts that compare our
//! output with the upstream Node detector's see identical text.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

/// Writes `value` as `JSON.stringify(value, null, 2)` would.
///
/// # Errors
/// Only if `value`'s `Serialize` implementation fails (ours never do).
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    write(
        value,
        JsFormatter {
            inner: PrettyFormatter::with_indent(b"  "),
            pretty: true,
        },
    )
}

/// Writes `value` as `JSON.stringify(value)` would (one line).
///
/// # Errors
/// Only if `value`'s `Serialize` implementation fails (ours never do).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    write(
        value,
        JsFormatter {
            inner: PrettyFormatter::with_indent(b""),
            pretty: false,
        },
    )
}

fn write<T: Serialize + ?Sized>(value: &T, fmt: JsFormatter) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(256);
    value.serialize(&mut Serializer::with_formatter(&mut out, fmt))?;
    // serde_json only ever writes UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Formats a finite `f64` as JavaScript's `Number.prototype.toString`
/// (radix 10). Non-finite numbers give `null`, as in `JSON.stringify`.
#[must_use]
pub fn js_number(x: f64) -> String {
    if !x.is_finite() {
        return "null".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    // `{:e}` gives the shortest digits that round-trip, e.g. "7.999e-1".
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    // value = 0.d1d2…dk × 10^n
    let n = exp.parse::<i64>().unwrap_or(0) + 1;
    let sign = if x < 0.0 { "-" } else { "" };
    let body = if k <= n && n <= 21 {
        format!(
            "{digits}{}",
            "0".repeat(usize::try_from(n - k).unwrap_or(0))
        )
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(usize::try_from(n).unwrap_or(0));
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat(usize::try_from(-n).unwrap_or(0)))
    } else {
        let (first, rest) = digits.split_at(1);
        let e = n - 1;
        let esign = if e < 0 { "-" } else { "+" };
        if rest.is_empty() {
            format!("{first}e{esign}{}", e.abs())
        } else {
            format!("{first}.{rest}e{esign}{}", e.abs())
        }
    };
    format!("{sign}{body}")
}

struct JsFormatter {
    inner: PrettyFormatter<'static>,
    pretty: bool,
}

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $name<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            if self.pretty { self.inner.$name(writer $(, $arg)*) } else { serde_json::ser::CompactFormatter.$name(writer $(, $arg)*) }
        })*
    };
}

impl Formatter for JsFormatter {
    delegate! {
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        end_object_key(),
        begin_object_value(),
        end_object_value(),
    }

    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(js_number(value).as_bytes())
    }

    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        writer.write_all(js_number(f64::from(value)).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1"),
            (0.0, "0"),
            (-0.0, "0"),
            (0.7, "0.7"),
            (0.7999999999999999, "0.7999999999999999"),
            (0.17647058823529416, "0.17647058823529416"),
            (123.456, "123.456"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e20, "100000000000000000000"),
            (1e-7, "1e-7"),
            (1.25e-7, "1.25e-7"),
            (0.000001, "0.000001"),
            (-2.5, "-2.5"),
            (f64::NAN, "null"),
        ];
        for (x, want) in cases {
            assert_eq!(js_number(*x), *want, "{x:e}");
        }
    }

    #[test]
    fn pretty_output_matches_json_stringify() {
        let v = serde_json::json!({"a": 1.0, "b": [], "c": {}, "d": [true, {"e": 0.7999999999999999}], "f": "x\u{1}y"});
        let want = "{\n  \"a\": 1,\n  \"b\": [],\n  \"c\": {},\n  \"d\": [\n    true,\n    {\n      \"e\": 0.7999999999999999\n    }\n  ],\n  \"f\": \"x\\u0001y\"\n}";
        assert_eq!(to_string_pretty(&v).expect("serializes"), want);
        assert_eq!(
            to_string(&v).expect("serializes"),
            r#"{"a":1,"b":[],"c":{},"d":[true,{"e":0.7999999999999999}],"f":"x\u0001y"}"#
        );
    }
}
