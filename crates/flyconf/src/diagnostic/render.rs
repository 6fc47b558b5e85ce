//! Human-readable rendering, rustc/ruff style: code, message, the source
//! line with the span underlined, then the suggestion.

use super::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Renders `diagnostics` of the file at `path` with contents `source`.
/// `color` selects ANSI styling.
pub fn render(path: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let start = floor_char_boundary(source, d.span.start);
        let end = floor_char_boundary(source, d.span.end.max(start));
        let mut groups = vec![
            level.primary_title(d.message.as_str()).id(d.code).element(
                Snippet::source(source).path(path).fold(true).annotation(
                    AnnotationKind::Primary
                        .span(start..end)
                        .label(d.key_path.as_deref().unwrap_or("")),
                ),
            ),
        ];
        if let Some(s) = &d.suggestion {
            groups.push(Group::with_title(Level::HELP.secondary_title(s.as_str())));
        }
        if let Some(fix) = &d.fix {
            let note = format!("fix available (`flyconf check --fix`): {}", fix.description);
            groups.push(Group::with_title(Level::NOTE.secondary_title(note)));
        }
        out.push_str(&renderer.render(&groups));
        out.push_str("\n\n");
    }
    out
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
