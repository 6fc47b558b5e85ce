//! Reading scalar values the way flyctl's JSON decode reads them.

use super::{Decoder, Value};
use crate::diagnostic::registry as rules;
use crate::model::values::{BareUnit, Duration, MemorySize, VolumeSize};
use toml::de::DeValue;

impl Decoder<'_> {
    /// A string; anything else is a type error.
    pub(crate) fn string(&mut self, value: &Value<'_>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(value, "a string");
                None
            }
        }
    }

    /// A boolean.
    pub(crate) fn boolean(&mut self, value: &Value<'_>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(value, "a boolean (true or false)");
                None
            }
        }
    }

    /// An integer (a float with no fraction is accepted, as Go's JSON does).
    pub(crate) fn int(&mut self, value: &Value<'_>) -> Option<i64> {
        match int_of(value.get_ref()) {
            Some(n) => Some(n),
            None => {
                self.wrong_type(value, "an integer");
                None
            }
        }
    }

    /// An integer in `0..=u32::MAX`.
    pub(crate) fn uint32(&mut self, value: &Value<'_>) -> Option<u32> {
        match int_of(value.get_ref()).map(u32::try_from) {
            Some(Ok(n)) => Some(n),
            _ => {
                self.wrong_type(value, "a non-negative integer");
                None
            }
        }
    }

    /// A number.
    pub(crate) fn float(&mut self, value: &Value<'_>) -> Option<f64> {
        match value.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
            other => match int_of(other) {
                Some(n) => Some(n as f64),
                None => {
                    self.wrong_type(value, "a number");
                    None
                }
            },
        }
    }

    /// An integer that flyctl's patches also accept as a numeric string
    /// (`internal_port = "8080"` in `[[services]]`).
    pub(crate) fn int_or_numeric_string(&mut self, value: &Value<'_>) -> Option<i64> {
        if let DeValue::String(s) = value.get_ref() {
            return match s.trim().parse::<i64>() {
                Ok(n) => {
                    let key = self.path().rsplit('.').next().unwrap_or("").to_owned();
                    self.legacy(
                        value.span(),
                        format!(
                            "`{key}` is written as a string; flyctl converts it to the integer {n}"
                        ),
                        format!("write `{key} = {n}`"),
                        Some(crate::diagnostic::Fix::replace(
                            format!("write {n} as an integer"),
                            value.span(),
                            n.to_string(),
                        )),
                    );
                    Some(n)
                }
                Err(_) => {
                    let path = self.path().to_owned();
                    self.report(&rules::WRONG_TYPE, format!("`{path}` must be an integer, found the string {s:?}: flyctl fails to load the file (\"Can not convert '{s}' to integer\")"), value.span(), |d| d.with_suggestion("write the port as a number"));
                    None
                }
            };
        }
        self.int(value)
    }

    /// An array of strings.
    pub(crate) fn strings(&mut self, value: &Value<'_>) -> Vec<String> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(s) = self.at_index(i, |d| {
                d.record(item.span(), item.span());
                d.string(item)
            }) {
                out.push(s);
            }
        }
        out
    }

    /// A map of string → string (check headers, `[experimental.attached.secrets.export]`).
    pub(crate) fn string_map(&mut self, value: &Value<'_>) -> indexmap::IndexMap<String, String> {
        let mut out = indexmap::IndexMap::new();
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(value, "a table of strings");
            return out;
        };
        for (k, v) in table.iter() {
            if self.is_recovered(v) {
                continue;
            }
            if let Some(s) = self.at(k.get_ref(), |d| {
                d.record(k.span(), v.span());
                d.string(v)
            }) {
                out.insert(k.get_ref().to_string(), s);
            }
        }
        out
    }

    /// A duration: a Go duration string, or a bare number meaning `unit`.
    pub(crate) fn duration(&mut self, value: &Value<'_>, unit: BareUnit) -> Option<Duration> {
        match value.get_ref() {
            DeValue::String(s) => match Duration::parse(s) {
                Ok(d) => Some(d),
                Err(e) => {
                    let path = self.path().to_owned();
                    let hint = if s.trim().parse::<f64>().is_ok() {
                        format!(
                            "add a unit: \"{}s\" for seconds (units: ns, us, ms, s, m, h)",
                            s.trim()
                        )
                    } else {
                        "write a Go duration such as \"10s\", \"1m30s\" or \"500ms\" (units: ns, us, ms, s, m, h; there is no d)".to_owned()
                    };
                    self.report(
                        &rules::INVALID_DURATION,
                        format!("`{path}` is not a valid duration: {e}"),
                        value.span(),
                        |d| d.with_suggestion(hint),
                    );
                    None
                }
            },
            DeValue::Integer(_) | DeValue::Float(_) => {
                let d = match value.get_ref() {
                    DeValue::Float(f) => Duration::from_bare_float(
                        f.as_str().replace('_', "").parse().unwrap_or(0.0),
                        unit,
                    ),
                    other => Duration::from_bare_int(int_of(other).unwrap_or(0), unit),
                };
                self.bare_duration(value, unit, d);
                Some(d)
            }
            _ => {
                self.wrong_type(value, "a duration string such as \"10s\"");
                None
            }
        }
    }

    fn bare_duration(&mut self, value: &Value<'_>, unit: BareUnit, d: Duration) {
        let path = self.path().to_owned();
        let written = &self.lines.text()[value.span()];
        let fix = crate::diagnostic::Fix::replace(
            format!("write \"{d}\""),
            value.span(),
            format!("\"{d}\""),
        );
        match unit {
            BareUnit::Nanoseconds => {
                self.report(
                    &rules::NANOSECOND_DURATION,
                    format!("`{path} = {written}` is {d}: a bare number here means nanoseconds"),
                    value.span(),
                    |x| {
                        x.with_suggestion(format!(
                            "write the unit explicitly, e.g. \"{written}s\" if you meant seconds"
                        ))
                    },
                );
            }
            BareUnit::Seconds | BareUnit::Milliseconds => {
                let float = matches!(value.get_ref(), DeValue::Float(_));
                if float {
                    self.report(&rules::KILL_TIMEOUT, format!("`{path} = {written}` is truncated to {d}: flyctl drops the fraction of a bare number"), value.span(), |x| {
                        x.with_suggestion(format!("write a duration string such as \"{written}s\""))
                    });
                } else {
                    self.legacy(
                        value.span(),
                        format!(
                            "`{path} = {written}` is a bare number, read as {} ({d})",
                            unit.name()
                        ),
                        format!("write \"{d}\""),
                        Some(fix),
                    );
                }
            }
        }
    }

    /// VM memory: a size string, or a bare integer in MiB.
    pub(crate) fn memory(&mut self, value: &Value<'_>) -> Option<MemorySize> {
        match value.get_ref() {
            DeValue::String(s) => self.size(
                value,
                s,
                MemorySize::parse,
                "a memory size such as \"512mb\" or \"1gb\"",
            ),
            other => match int_of(other).map(u64::try_from) {
                Some(Ok(n)) => Some(MemorySize(n)),
                _ => {
                    self.wrong_type(value, "a memory size such as \"1gb\"");
                    None
                }
            },
        }
    }

    /// A volume size: a size string, or a bare integer in GB.
    pub(crate) fn volume(&mut self, value: &Value<'_>) -> Option<VolumeSize> {
        match value.get_ref() {
            DeValue::String(s) => self.size(
                value,
                s,
                VolumeSize::parse,
                "a volume size such as \"10gb\"",
            ),
            other => match int_of(other).map(u64::try_from) {
                Some(Ok(n)) => Some(VolumeSize(n)),
                _ => {
                    self.wrong_type(value, "a volume size such as \"10gb\"");
                    None
                }
            },
        }
    }

    fn size<T, E: std::fmt::Display>(
        &mut self,
        value: &Value<'_>,
        s: &str,
        parse: fn(&str) -> Result<T, E>,
        example: &str,
    ) -> Option<T> {
        match parse(s) {
            Ok(v) => Some(v),
            Err(e) => {
                let path = self.path().to_owned();
                self.report(
                    &rules::INVALID_SIZE,
                    format!("`{path}` is not a valid size: {e}"),
                    value.span(),
                    |d| {
                        d.with_suggestion(format!(
                            "write {example} (units b, k, m, g, t, with optional b or ib)"
                        ))
                    },
                );
                None
            }
        }
    }
}

/// An integer value (or a float with no fractional part).
pub(crate) fn int_of(value: &DeValue<'_>) -> Option<i64> {
    match value {
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
        DeValue::Float(f) => {
            let x: f64 = f.as_str().replace('_', "").parse().ok()?;
            (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64)
        }
        _ => None,
    }
}

/// Go's `%v` of a TOML scalar, as flyctl stringifies `[env]` values.
pub(crate) fn go_string(value: &DeValue<'_>) -> Option<String> {
    Some(match value {
        DeValue::String(s) => s.to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Integer(_) => int_of(value)?.to_string(),
        DeValue::Float(f) => {
            let x: f64 = f.as_str().replace('_', "").parse().ok()?;
            if x.fract() == 0.0 && x.abs() < 1e21 {
                format!("{x:.0}")
            } else {
                x.to_string()
            }
        }
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) | DeValue::Table(_) => return None,
    })
}
