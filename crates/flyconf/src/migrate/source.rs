//! One source file being migrated, and the diagnostics about it.

use crate::Diagnostic;
use crate::diagnostic::{LineIndex, Rule, Span};
use std::ops::Range;

/// A source file: its path, text, and the findings that point into it.
pub(crate) struct Src<'a> {
    /// The path relative to the project directory, with `/` separators.
    pub(crate) path: &'a str,
    /// The file's text.
    pub(crate) text: &'a str,
    /// Line starts of `text`, for spans.
    pub(crate) lines: LineIndex<'a>,
    /// Findings about this file.
    pub(crate) diags: Vec<Diagnostic>,
}

impl<'a> Src<'a> {
    /// A source file with no findings yet.
    pub(crate) fn new(path: &'a str, text: &'a str) -> Src<'a> {
        Src {
            path,
            text,
            lines: LineIndex::new(text),
            diags: Vec::new(),
        }
    }

    /// Reports `rule` at `range` of this file. `key` is the path inside the
    /// file (`services.web.ports[0]`); the key path written is `FILE: key`.
    pub(crate) fn report(
        &mut self,
        rule: &'static Rule,
        range: Range<usize>,
        key: &str,
        message: impl Into<String>,
        suggestion: impl Into<String>,
    ) -> &mut Diagnostic {
        let end = range.end.min(self.text.len());
        let start = range.start.min(end);
        let key_path = if key.is_empty() {
            self.path.to_owned()
        } else {
            format!("{}: {key}", self.path)
        };
        let suggestion: String = suggestion.into();
        let mut d = Diagnostic::new(rule, message, Span::new(start..end, &self.lines))
            .with_key_path(key_path);
        if !suggestion.is_empty() {
            d = d.with_suggestion(suggestion);
        }
        self.diags.push(d);
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    /// The byte range of 1-based `line`.
    pub(crate) fn line_range(&self, line: usize) -> Range<usize> {
        self.lines.line_range(line)
    }
}
