//! JSON → [`PatternFile`], by hand over a `serde_json::Value` so that every
//! error can name the JSON path of the offending value.

use serde_json::{Map, Value};

use super::{DetectionRules, PatternFile, Selector, SetKind, SignalDef, ToolDef};
use crate::error::{PatternError, PatternErrorKind as K, closest};

const TOP_KEYS: &[&str] = &[
    "$schema",
    "version",
    "kind",
    "description",
    "tools",
    "detection_rules",
];
const RULE_KEYS: &[&str] = &[
    "minimum_confidence",
    "minimum_signals_for_boost",
    "multi_signal_boost",
    "description",
];
const TOOL_KEYS: &[&str] = &[
    "name",
    "description",
    "confidence_boost",
    "detection_signals",
    "supersedes",
    "minimum_signals_for_boost",
    "fallback",
];
const SIGNAL_KEYS: &[&str] = &[
    "weight",
    "description",
    "files",
    "directories",
    "file_pattern",
    "file_patterns",
    "patterns",
    "reject_patterns",
    "exclude",
    "max_depth",
    "case_insensitive",
];

struct Ctx<'a> {
    origin: &'a str,
}

impl Ctx<'_> {
    fn err(&self, path: impl Into<String>, kind: K) -> PatternError {
        PatternError::new(self.origin, path, kind)
    }

    fn object<'v>(&self, v: &'v Value, path: &str) -> Result<&'v Map<String, Value>, PatternError> {
        v.as_object().ok_or_else(|| {
            self.err(
                path,
                K::WrongType {
                    expected: "an object",
                    found: type_name(v),
                },
            )
        })
    }

    fn check_keys(
        &self,
        obj: &Map<String, Value>,
        path: &str,
        allowed: &'static [&'static str],
    ) -> Result<(), PatternError> {
        for key in obj.keys() {
            if !allowed.contains(&key.as_str()) {
                let closest = closest(key, allowed.iter().copied());
                return Err(self.err(
                    join(path, key),
                    K::UnknownKey {
                        key: key.clone(),
                        closest,
                        allowed,
                    },
                ));
            }
        }
        Ok(())
    }

    fn unit(
        &self,
        obj: &Map<String, Value>,
        path: &str,
        key: &'static str,
        default: f64,
    ) -> Result<f64, PatternError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(default),
            Some(v) => {
                let n = v.as_f64().ok_or_else(|| {
                    self.err(
                        join(path, key),
                        K::WrongType {
                            expected: "a number",
                            found: type_name(v),
                        },
                    )
                })?;
                if !(0.0..=1.0).contains(&n) {
                    return Err(self.err(
                        join(path, key),
                        K::OutOfRange {
                            field: key,
                            value: n,
                        },
                    ));
                }
                Ok(n)
            }
        }
    }

    fn uint(
        &self,
        obj: &Map<String, Value>,
        path: &str,
        key: &'static str,
    ) -> Result<Option<u32>, PatternError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| {
                    self.err(
                        join(path, key),
                        K::WrongType {
                            expected: "a whole number",
                            found: type_name(v),
                        },
                    )
                }),
        }
    }

    fn boolean(
        &self,
        obj: &Map<String, Value>,
        path: &str,
        key: &'static str,
    ) -> Result<bool, PatternError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(self.err(
                join(path, key),
                K::WrongType {
                    expected: "true or false",
                    found: type_name(v),
                },
            )),
        }
    }

    fn string(
        &self,
        obj: &Map<String, Value>,
        path: &str,
        key: &'static str,
    ) -> Result<Option<String>, PatternError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(self.err(
                join(path, key),
                K::WrongType {
                    expected: "a string",
                    found: type_name(v),
                },
            )),
        }
    }

    /// A string or a list of strings (upstream accepts a bare string for
    /// `files`); `None` when absent.
    fn strings(
        &self,
        obj: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Result<Option<Vec<String>>, PatternError> {
        let p = join(path, key);
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        v => {
                            return Err(self.err(
                                format!("{p}[{i}]"),
                                K::WrongType {
                                    expected: "a string",
                                    found: type_name(v),
                                },
                            ));
                        }
                    }
                }
                Ok(Some(out))
            }
            Some(v) => Err(self.err(
                p,
                K::WrongType {
                    expected: "a string or a list of strings",
                    found: type_name(v),
                },
            )),
        }
    }

    fn non_empty(
        &self,
        list: Option<Vec<String>>,
        path: &str,
        key: &str,
    ) -> Result<Option<Vec<String>>, PatternError> {
        match list {
            Some(l) if l.is_empty() => Err(self.err(
                join(path, key),
                K::WrongType {
                    expected: "a non-empty list",
                    found: "an empty list",
                },
            )),
            other => Ok(other),
        }
    }
}

pub(super) fn parse(text: &str, origin: &str) -> Result<PatternFile, PatternError> {
    let cx = Ctx { origin };
    let root: Value = serde_json::from_str(text).map_err(|e| {
        cx.err(
            "",
            K::Json {
                message: strip_position(&e.to_string()),
                line: e.line(),
                column: e.column(),
            },
        )
    })?;
    let top = cx.object(&root, "")?;
    cx.check_keys(top, "", TOP_KEYS)?;

    let version = cx.string(top, "", "version")?;
    let kind = match cx.string(top, "", "kind")?.as_deref() {
        None | Some("tools") => SetKind::Tools,
        Some("frameworks") => SetKind::Frameworks,
        Some(_) => {
            return Err(cx.err(
                "kind",
                K::WrongType {
                    expected: "\"tools\" or \"frameworks\"",
                    found: "another string",
                },
            ));
        }
    };

    let rules = match top.get("detection_rules") {
        None | Some(Value::Null) => DetectionRules::default(),
        Some(v) => {
            let obj = cx.object(v, "detection_rules")?;
            cx.check_keys(obj, "detection_rules", RULE_KEYS)?;
            let defaults = DetectionRules::default();
            DetectionRules {
                minimum_confidence: cx.unit(
                    obj,
                    "detection_rules",
                    "minimum_confidence",
                    defaults.minimum_confidence,
                )?,
                minimum_signals_for_boost: cx
                    .uint(obj, "detection_rules", "minimum_signals_for_boost")?
                    .unwrap_or(defaults.minimum_signals_for_boost),
                multi_signal_boost: match obj.get("multi_signal_boost") {
                    None | Some(Value::Null) => None,
                    Some(_) => Some(cx.unit(obj, "detection_rules", "multi_signal_boost", 0.0)?),
                },
            }
        }
    };

    let tools_v = top
        .get("tools")
        .ok_or_else(|| cx.err("", K::MissingKey { key: "tools" }))?;
    let tools_obj = cx.object(tools_v, "tools")?;
    let mut tools = Vec::with_capacity(tools_obj.len());
    for (id, tv) in tools_obj {
        tools.push(parse_tool(&cx, id, tv)?);
    }
    for tool in &tools {
        for s in &tool.supersedes {
            if !tools.iter().any(|t| &t.id == s) {
                return Err(cx.err(
                    format!("tools.{}.supersedes", tool.id),
                    K::UnknownSupersedes { id: s.clone() },
                ));
            }
        }
    }
    Ok(PatternFile {
        origin: origin.to_owned(),
        version,
        kind,
        tools,
        rules,
    })
}

fn parse_tool(cx: &Ctx<'_>, id: &str, v: &Value) -> Result<ToolDef, PatternError> {
    let path = format!("tools.{id}");
    let obj = cx.object(v, &path)?;
    cx.check_keys(obj, &path, TOOL_KEYS)?;
    let signals_path = join(&path, "detection_signals");
    let signals_v = obj.get("detection_signals").ok_or_else(|| {
        cx.err(
            &path,
            K::MissingKey {
                key: "detection_signals",
            },
        )
    })?;
    let signals_obj = cx.object(signals_v, &signals_path)?;
    let mut signals = Vec::with_capacity(signals_obj.len());
    for (key, sv) in signals_obj {
        signals.push(parse_signal(cx, &join(&signals_path, key), key, sv)?);
    }
    if signals.iter().map(|s| s.weight).sum::<f64>() <= 0.0 {
        return Err(cx.err(signals_path, K::NoSignals));
    }
    Ok(ToolDef {
        id: id.to_owned(),
        name: cx
            .string(obj, &path, "name")?
            .unwrap_or_else(|| id.to_owned()),
        description: cx.string(obj, &path, "description")?.unwrap_or_default(),
        confidence_boost: cx.unit(obj, &path, "confidence_boost", 0.0)?,
        signals,
        supersedes: cx.strings(obj, &path, "supersedes")?.unwrap_or_default(),
        minimum_signals_for_boost: cx.uint(obj, &path, "minimum_signals_for_boost")?,
        fallback: cx.boolean(obj, &path, "fallback")?,
    })
}

fn parse_signal(cx: &Ctx<'_>, path: &str, key: &str, v: &Value) -> Result<SignalDef, PatternError> {
    let obj = cx.object(v, path)?;
    cx.check_keys(obj, path, SIGNAL_KEYS)?;
    if !obj.contains_key("weight") {
        return Err(cx.err(path, K::MissingKey { key: "weight" }));
    }
    let weight = cx.unit(obj, path, "weight", 0.0)?;

    // Upstream evaluates `files`, then `directories`, then `file_pattern`,
    // then `file_patterns`, and ignores the rest; a second selector is
    // almost always a mistake, so it is refused rather than ignored.
    let present: Vec<&'static str> = ["files", "directories", "file_pattern", "file_patterns"]
        .into_iter()
        .filter(|k| obj.get(*k).is_some_and(|v| !v.is_null()))
        .collect();
    if present.len() > 1 {
        return Err(cx.err(
            path,
            K::ConflictingSelectors {
                first: present[0],
                second: present[1],
            },
        ));
    }
    let patterns = cx.non_empty(cx.strings(obj, path, "patterns")?, path, "patterns")?;
    let selector = match present.first().copied() {
        None => return Err(cx.err(path, K::NoSelector)),
        Some("files") => Selector::Files(
            cx.non_empty(cx.strings(obj, path, "files")?, path, "files")?
                .unwrap_or_default(),
        ),
        Some("directories") => Selector::Directories(
            cx.non_empty(cx.strings(obj, path, "directories")?, path, "directories")?
                .unwrap_or_default(),
        ),
        // The rest of the closed list: `file_pattern` or `file_patterns`.
        Some(key) => {
            if patterns.is_none() {
                return Err(cx.err(path, K::MissingPatterns { selector: key }));
            }
            Selector::FilePatterns(
                cx.non_empty(cx.strings(obj, path, key)?, path, key)?
                    .unwrap_or_default(),
            )
        }
    };
    let max_depth = cx.uint(obj, path, "max_depth")?;
    if max_depth == Some(0) {
        return Err(cx.err(
            join(path, "max_depth"),
            K::WrongType {
                expected: "a whole number of at least 1",
                found: "0",
            },
        ));
    }
    let case_insensitive = cx.boolean(obj, path, "case_insensitive")?;
    Ok(SignalDef {
        key: key.to_owned(),
        weight,
        description: cx.string(obj, path, "description")?,
        selector,
        patterns: patterns.unwrap_or_default(),
        reject_patterns: cx
            .strings(obj, path, "reject_patterns")?
            .unwrap_or_default(),
        exclude: cx.strings(obj, path, "exclude")?.unwrap_or_default(),
        max_depth,
        case_insensitive,
    })
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// serde_json appends " at line L column C"; the error carries those
/// separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> PatternError {
        match parse(text, "t.json") {
            Err(e) => e,
            Ok(f) => panic!("expected an error, parsed {f:?}"),
        }
    }

    #[test]
    fn keeps_key_order_and_defaults() {
        let f = parse(
            r#"{"tools":{"z":{"detection_signals":{"b":{"weight":0.5,"files":"x"},"a":{"weight":0.5,"directories":["d"]}}},
                "a":{"name":"A","detection_signals":{"s":{"weight":1,"file_pattern":"*.sh","patterns":["x"]}}}}}"#,
            "t.json",
        )
        .expect("parses");
        let ids: Vec<_> = f.tools.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["z", "a"]);
        let keys: Vec<_> = f.tools[0].signals.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(f.tools[0].name, "z");
        assert_eq!(
            f.tools[0].signals[0].selector,
            Selector::Files(vec!["x".into()])
        );
        assert_eq!(f.rules, DetectionRules::default());
        assert_eq!(f.kind, SetKind::Tools);
    }

    #[test]
    fn errors_name_their_place() {
        let e = err(r#"{"tools":{"t":{"detection_signals":{"s":{"weight":1.5,"files":["x"]}}}}}"#);
        assert_eq!(e.code(), "pattern-out-of-range");
        assert_eq!(e.location.json_path, "tools.t.detection_signals.s.weight");

        let e = err(
            r#"{"tools":{"t":{"detection_signals":{"s":{"weight":1,"file_patern":"*.sh","patterns":["x"]}}}}}"#,
        );
        assert_eq!(e.code(), "pattern-unknown-key");
        assert!(
            e.suggestion().contains("did you mean `file_pattern`"),
            "{}",
            e.suggestion()
        );

        let e = err(
            r#"{"tools":{"t":{"detection_signals":{"s":{"weight":1,"file_pattern":"*.sh"}}}}}"#,
        );
        assert_eq!(e.code(), "pattern-missing-patterns");

        let e = err(r#"{"tools":{"t":{"detection_signals":{"s":{"weight":1}}}}}"#);
        assert_eq!(e.code(), "pattern-no-selector");

        let e = err(
            r#"{"tools":{"t":{"detection_signals":{"s":{"weight":1,"files":["a"],"directories":["b"]}}}}}"#,
        );
        assert_eq!(e.code(), "pattern-conflicting-selectors");

        let e = err(r#"{"tools":{"t":{"detection_signals":{"s":{"weight":0,"files":["a"]}}}}}"#);
        assert_eq!(e.code(), "pattern-no-signals");

        let e = err("{\n  \"tools\": {,}\n}");
        assert_eq!(e.code(), "pattern-json");
        assert!(matches!(e.kind, K::Json { line: 2, .. }));

        let e = err(
            r#"{"tools":{"t":{"supersedes":["nope"],"detection_signals":{"s":{"weight":1,"files":["a"]}}}}}"#,
        );
        assert_eq!(e.code(), "pattern-unknown-supersedes");
    }
}
