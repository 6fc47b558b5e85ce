//! From fly.toml text to the typed [`Config`]: parse into a spanned tree once
//! (toml's recovering parser), then walk it, normalising legacy forms and
//! reporting every problem — syntax, types, unknown keys — with its span.

pub(crate) mod data;
mod keys;
mod machines;
mod scalars;
mod sections;
mod services;
mod spans;

pub use spans::{SpanEntry, SpanIndex};

use crate::diagnostic::registry as rules;
use crate::diagnostic::{Diagnostic, Fix, LineIndex, Rule, Span};
use crate::model::Config;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;
pub(crate) type Table<'i> = DeTable<'i>;

/// The result of reading a fly.toml.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The typed model, with legacy forms normalised. Values that could not
    /// be read are left out (and reported).
    pub config: Config,
    /// Where each key of the model came from.
    pub spans: SpanIndex,
    /// Syntax, type, unknown-key and legacy-form findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads fly.toml text.
pub fn decode(text: &str) -> Decoded {
    decode_indexed(&LineIndex::new(text))
}

/// Reads the fly.toml text that `lines` indexes (so a caller that needs the
/// index afterwards builds it once).
pub(crate) fn decode_indexed(lines: &LineIndex<'_>) -> Decoded {
    let text = lines.text();
    let (root, errors) = DeTable::parse_recoverable(text);
    let error_ranges = errors.iter().filter_map(|e| e.span()).collect();
    let mut decoder = Decoder {
        lines,
        diagnostics: Vec::new(),
        spans: SpanIndex::default(),
        path: String::new(),
        error_ranges,
        written_key: None,
    };
    let mut reported_at = Vec::new();
    for error in &errors {
        let range = error.span().unwrap_or(0..0);
        if reported_at.contains(&range.start) {
            continue;
        }
        reported_at.push(range.start);
        let message = error.message().trim_end().replace('\n', " ");
        decoder.report(
            &rules::TOML_SYNTAX,
            format!("not valid TOML: {message}"),
            range,
            |d| {
                d.with_suggestion(
                    "fix the syntax here; flyctl refuses to load a file that is not valid TOML",
                )
            },
        );
    }
    let config = decoder.root(root.get_ref());
    Decoded {
        config,
        spans: decoder.spans,
        diagnostics: decoder.diagnostics,
    }
}

pub(crate) struct Decoder<'a> {
    lines: &'a LineIndex<'a>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) spans: SpanIndex,
    /// The model key path of what is being decoded (`services[0].ports`).
    path: String,
    /// Where the syntax errors are; values there are recovery artefacts.
    error_ranges: Vec<Range<usize>>,
    /// The key as written, for legacy-form messages about the next list.
    pub(crate) written_key: Option<String>,
}

/// A known key of a section, with the value found for it.
pub(crate) struct Field<'t, 'i> {
    /// The canonical key name.
    pub(crate) key: &'static str,
    /// The key as written.
    pub(crate) written: &'t Spanned<std::borrow::Cow<'i, str>>,
    /// The value.
    pub(crate) value: &'t Value<'i>,
}

impl<'a> Decoder<'a> {
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        Span::new(range, self.lines)
    }

    /// Records a diagnostic at `range` for the current path.
    pub(crate) fn report(
        &mut self,
        rule: &'static Rule,
        message: String,
        range: Range<usize>,
        build: impl FnOnce(Diagnostic) -> Diagnostic,
    ) {
        let d = Diagnostic::new(rule, message, self.span(range)).with_key_path(self.path.clone());
        self.diagnostics.push(build(d));
    }

    /// Whether `value` was made up by the parser's error recovery (an empty
    /// span, or one that overlaps a syntax error).
    pub(crate) fn is_recovered(&self, value: &Value<'_>) -> bool {
        let span = value.span();
        span.is_empty()
            || self
                .error_ranges
                .iter()
                .any(|e| e.start < span.end && span.start < e.end.max(e.start + 1))
    }

    /// The current key path.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// Runs `f` with `key` appended to the path.
    pub(crate) fn at<R>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(key);
        let r = f(self);
        self.path.truncate(len);
        r
    }

    /// Runs `f` with `[index]` appended to the path.
    pub(crate) fn at_index<R>(&mut self, index: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.path.len();
        self.path.push('[');
        self.path.push_str(&index.to_string());
        self.path.push(']');
        let r = f(self);
        self.path.truncate(len);
        r
    }

    /// Records where the current path's key and value are.
    pub(crate) fn record(&mut self, key: Range<usize>, value: Range<usize>) {
        self.spans
            .insert(self.path.clone(), SpanEntry { key, value });
    }

    /// The entries of `table` that are known keys (`known`), in file order,
    /// reporting unknown keys (with "did you mean") and keys in the wrong case.
    /// Values left behind by syntax-error recovery are skipped.
    pub(crate) fn fields<'t, 'i>(
        &mut self,
        table: &'t Table<'i>,
        known: &'static [&'static str],
    ) -> Vec<Field<'t, 'i>> {
        let mut out = Vec::with_capacity(table.len());
        for (written, value) in table.iter() {
            if self.is_recovered(value) {
                continue;
            }
            let name: &str = written.get_ref();
            if let Some(key) = known.iter().find(|k| **k == name) {
                out.push(Field {
                    key,
                    written,
                    value,
                });
                continue;
            }
            if let Some(key) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
                let fix = Fix::replace(format!("rename `{name}` to `{key}`"), written.span(), *key);
                self.at(key, |d| {
                    d.report(
                        &rules::KEY_CASE,
                        format!("`{name}` is read as `{key}`: flyctl matches key names without regard to case, but other tools (and flyctl's own legacy-form handling) do not"),
                        written.span(),
                        |x| x.with_suggestion(format!("write it as `{key}`")).with_fix(fix),
                    )
                });
                out.push(Field {
                    key,
                    written,
                    value,
                });
                continue;
            }
            self.unknown_key(name, written.span(), value, known, table);
        }
        out
    }

    fn unknown_key(
        &mut self,
        name: &str,
        key_span: Range<usize>,
        value: &Value<'_>,
        known: &'static [&'static str],
        table: &Table<'_>,
    ) {
        let section = if self.path.is_empty() {
            "the top level".to_owned()
        } else {
            format!("[{}]", self.path)
        };
        self.at(name, |d| {
            if let Some(note) = keys::retired(name) {
                let message = format!("`{name}` in {section} is ignored by flyctl ({note})");
                d.report(&rules::UNKNOWN_KEY, message, key_span.start..value.span().end, |x| {
                    x.with_suggestion(format!("remove `{name}`"))
                });
                return;
            }
            let guess = keys::closest(name, known).filter(|g| !table.iter().any(|(k, _)| k.get_ref() == g));
            let message = format!("unknown key `{name}` in {section}: flyctl ignores it silently, so this setting has no effect");
            d.report(&rules::UNKNOWN_KEY, message, key_span.clone(), |x| match guess {
                Some(g) => x
                    .with_suggestion(format!("did you mean `{g}`?"))
                    .with_fix(Fix::replace(format!("rename `{name}` to `{g}`"), key_span, g)),
                None => x.with_suggestion(format!("remove it, or use one of: {}", known.join(", "))),
            });
        });
    }

    /// Reports that `value` under the current key has the wrong type.
    pub(crate) fn wrong_type(&mut self, value: &Value<'_>, expected: &str) {
        let found = type_name(value.get_ref());
        let key = self
            .path
            .rsplit(['.', '['])
            .next()
            .unwrap_or("")
            .trim_end_matches(']')
            .to_owned();
        self.report(
            &rules::WRONG_TYPE,
            format!(
                "`{}` must be {expected}, found {found}: flyctl fails to load the file",
                self.path
            ),
            value.span(),
            |d| d.with_suggestion(format!("write `{key}` as {expected}")),
        );
    }

    /// Reports a legacy form that flyctl still accepts.
    pub(crate) fn legacy(
        &mut self,
        range: Range<usize>,
        message: String,
        suggestion: String,
        fix: Option<Fix>,
    ) {
        self.report(&rules::LEGACY_FORM, message, range, |d| {
            let d = d.with_suggestion(suggestion);
            match fix {
                Some(f) => d.with_fix(f),
                None => d,
            }
        });
    }
}

pub(crate) fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
