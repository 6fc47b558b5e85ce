//! Validation and lint over the typed model: the checks flyctl makes
//! ([`flyctl`]), security ([`security`]) and reliability ([`reliability`]).

mod flyctl;
mod reliability;
mod security;

use crate::decode::SpanIndex;
use crate::diagnostic::{Diagnostic, Fix, LineIndex, Rule, Span};
use crate::model::Config;
use std::ops::Range;

/// Runs every model-level rule over `config`.
pub(crate) fn run(
    config: &Config,
    spans: &SpanIndex,
    lines: &LineIndex<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let mut cx = Ctx {
        config,
        spans,
        lines,
        out,
    };
    flyctl::run(&mut cx);
    security::run(&mut cx);
    reliability::run(&mut cx);
}

/// What the rules see: the model, where it came from, and the output.
pub(crate) struct Ctx<'a> {
    pub(crate) config: &'a Config,
    pub(crate) spans: &'a SpanIndex,
    pub(crate) lines: &'a LineIndex<'a>,
    out: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Reports `rule` at the value of model path `path` (or its nearest
    /// written ancestor).
    pub(crate) fn at(
        &mut self,
        rule: &'static Rule,
        path: &str,
        message: String,
        suggestion: impl Into<String>,
    ) -> &mut Diagnostic {
        let range = self.spans.value(path);
        self.at_range(rule, path, range, message, suggestion)
    }

    /// Reports `rule` at the key of `path`.
    pub(crate) fn at_key(
        &mut self,
        rule: &'static Rule,
        path: &str,
        message: String,
        suggestion: impl Into<String>,
    ) -> &mut Diagnostic {
        let range = self.spans.key(path);
        self.at_range(rule, path, range, message, suggestion)
    }

    /// Reports `rule` at `range`.
    pub(crate) fn at_range(
        &mut self,
        rule: &'static Rule,
        path: &str,
        range: Range<usize>,
        message: String,
        suggestion: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::new(rule, message, Span::new(range, self.lines))
            .with_key_path(path)
            .with_suggestion(suggestion);
        self.out.push(d);
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// The source text of `range`.
    pub(crate) fn text(&self, range: Range<usize>) -> &str {
        self.lines.text().get(range).unwrap_or("")
    }

    /// A fix inserting `line` as the first key of the table whose header is
    /// at `table_path`, indented like the table's other keys. `None` when the
    /// table is not written as a `[header]` (inline tables, implicit tables).
    pub(crate) fn insert_into_table(
        &self,
        table_path: &str,
        line: &str,
        description: &str,
    ) -> Option<Fix> {
        let entry = self.spans.get(table_path)?;
        let text = self.lines.text();
        if !text.get(entry.value.clone())?.starts_with('[') {
            return None;
        }
        let line_end = text[entry.value.end..]
            .find('\n')
            .map(|i| entry.value.end + i + 1)?;
        // Indent like the first key line after the header.
        let next = &text[line_end..];
        let indent: String = next
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let indent = if next[indent.len()..].starts_with('[') || next.trim().is_empty() {
            String::new()
        } else {
            indent
        };
        Some(Fix::replace(
            description,
            line_end..line_end,
            format!("{indent}{line}\n"),
        ))
    }
}

/// The process groups of `config`, for messages.
pub(crate) fn groups_list(config: &Config) -> String {
    config
        .process_groups()
        .iter()
        .map(|g| format!("`{g}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Shell-splits like flyctl (google/shlex); `None` on unbalanced quotes or a trailing escape.
pub(crate) fn shell_split(command: &str) -> Option<Vec<String>> {
    shlex::split(command)
}
