//! The one diagnostic type every flyconf front-end shares.
//!
//! A [`Diagnostic`] names a rule from the [`registry`] by its stable code,
//! carries a severity, a message that says what happened, the byte span and
//! 1-based line/column it points at, the key path inside fly.toml, a
//! suggestion saying what to do next, a link to the rule's documentation and,
//! where the change is safe to make without a human, a machine-applicable
//! [`Fix`]. The CLI, the Python, Node and WASM bindings and the playground all
//! serialise this same type.

mod lines;
pub mod registry;
mod render;

pub use lines::LineIndex;
pub use registry::{Category, Rule, RuleDocs};
pub use render::render;

use serde::Serialize;
use std::ops::Range;

/// How serious a diagnostic is. Only errors fail `flyconf check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The configuration will not load, deploy or run as written, or leaks a credential.
    Error,
    /// Probably a mistake, or a risk worth fixing; the configuration still deploys.
    Warning,
    /// Worth knowing, such as a legacy form that has a modern spelling.
    Info,
}

impl Severity {
    /// The lower-case name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where a diagnostic points: a byte range plus 1-based line and column
/// (columns count Unicode scalar values) of both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`.
    pub end_column: usize,
    /// `start` in UTF-16 code units: the offset JavaScript strings and
    /// editors (CodeMirror, Monaco, LSP) use.
    pub utf16_start: usize,
    /// `end` in UTF-16 code units.
    pub utf16_end: usize,
}

impl Span {
    /// A span over `range`, with line and column filled in from `lines`.
    pub fn new(range: Range<usize>, lines: &LineIndex) -> Span {
        let (line, column) = lines.position(range.start);
        let (end_line, end_column) = lines.position(range.end);
        Span {
            start: range.start,
            end: range.end,
            line,
            column,
            end_line,
            end_column,
            utf16_start: lines.utf16_offset(range.start),
            utf16_end: lines.utf16_offset(range.end),
        }
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One text replacement: the bytes `start..end` of the checked file become
/// `replacement`. An insertion has `start == end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte offset where the replaced range starts.
    pub start: usize,
    /// Byte offset where the replaced range ends.
    pub end: usize,
    /// The new text.
    pub replacement: String,
    /// `start` in UTF-16 code units (for JavaScript editors).
    pub utf16_start: usize,
    /// `end` in UTF-16 code units.
    pub utf16_end: usize,
}

/// A machine-applicable fix: edits that are safe to apply without review.
/// `flyconf check --fix` applies them; editors can offer them as one-click actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What applying the fix does, in a few words.
    pub description: String,
    /// Non-overlapping edits, in file order.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that replaces `range` with `replacement`.
    pub fn replace(
        description: impl Into<String>,
        range: Range<usize>,
        replacement: impl Into<String>,
    ) -> Fix {
        Fix {
            description: description.into(),
            // The UTF-16 offsets are set by `finish` once the text is known.
            edits: vec![Edit {
                start: range.start,
                end: range.end,
                replacement: replacement.into(),
                utf16_start: range.start,
                utf16_end: range.end,
            }],
        }
    }
}

/// A finding about a checked file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule's stable code, such as `FT004`; see [`registry::lookup`].
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, and why it matters, in one or two sentences.
    pub message: String,
    /// Where it is.
    pub span: Span,
    /// The fly.toml key path it concerns (`services[0].ports[1].port`), or the
    /// Dockerfile instruction and its line (`USER@12`); `None` for whole-file findings.
    pub key_path: Option<String>,
    /// What to do next.
    pub suggestion: Option<String>,
    /// Link to the rule's documentation.
    pub docs: &'static str,
    /// A safe automatic fix, when there is one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic for `rule` with its default severity.
    pub fn new(rule: &'static Rule, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            span,
            key_path: None,
            suggestion: None,
            docs: rule.docs_url,
            fix: None,
        }
    }

    /// Sets the key path.
    pub fn with_key_path(mut self, path: impl Into<String>) -> Diagnostic {
        let path = path.into();
        self.key_path = (!path.is_empty()).then_some(path);
        self
    }

    /// Sets the suggestion.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Diagnostic {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    /// Overrides the rule's default severity (used where flyctl itself treats
    /// the same rule as an error in one place and a warning in another).
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// The rule this diagnostic reports.
    pub fn rule(&self) -> Option<&'static Rule> {
        registry::lookup(self.code)
    }
}

/// Counts of diagnostics by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of infos.
    pub infos: usize,
}

impl Summary {
    /// Counts `diagnostics`.
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Summary {
        let mut summary = Summary::default();
        summary.add(diagnostics);
        summary
    }

    /// Adds `diagnostics` to the counts.
    pub fn add<'a>(&mut self, diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// Readies a checker's diagnostics for output: sorts them into file order
/// and sets their fixes' UTF-16 offsets from `lines`.
pub fn finish(diagnostics: &mut [Diagnostic], lines: &LineIndex<'_>) {
    sort(diagnostics);
    for edit in diagnostics
        .iter_mut()
        .filter_map(|d| d.fix.as_mut())
        .flat_map(|f| f.edits.iter_mut())
    {
        edit.utf16_start = lines.utf16_offset(edit.start);
        edit.utf16_end = lines.utf16_offset(edit.end);
    }
}

/// Sorts diagnostics into file order (then by code) so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.code,
            &b.message,
        ))
    });
}
