//! Applying machine-applicable fixes while keeping comments and formatting.

use crate::diagnostic::{Diagnostic, Edit};
use crate::order::sorted;

/// The result of applying fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The new text.
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
}

/// Applies the fixes of `diagnostics` to `text`. Edits are byte-range
/// replacements, so everything outside them — comments, whitespace, key
/// order — is untouched. A fix whose edits overlap an earlier fix's is
/// skipped (run again to apply it).
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic]) -> Fixed {
    let all: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|f| f.edits.as_slice())
        .collect();
    // By where each fix starts; the index keeps equal starts in diagnostic order.
    let order = sorted(
        all.iter()
            .enumerate()
            .map(|(i, edits)| (edits.first().map_or(0, |e| e.start), 0, i)),
    );
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    'fixes: for edits in order.filter_map(|i| all.get(i).copied()) {
        for e in edits {
            let valid = e.start <= e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end);
            let overlaps = taken
                .iter()
                .any(|t| e.start < t.end.max(t.start + 1) && t.start < e.end.max(e.start + 1));
            if !valid || overlaps {
                continue 'fixes;
            }
        }
        taken.extend(edits);
        applied += 1;
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let in_text_order = sorted(taken.iter().enumerate().map(|(i, e)| (e.start, e.end, i)));
    for e in in_text_order.filter_map(|i| taken.get(i).copied()) {
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.replacement);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    Fixed { text: out, applied }
}

/// How many rounds of fixes [`fix_text`] applies (a fix can enable another).
const FIX_ROUNDS: usize = 4;

/// Applies every machine-applicable fix to `text` as the file `kind`,
/// re-checking after each round (a fix can enable another) for up to four
/// rounds: what `flyconf check --fix` writes back. A fly.toml round whose
/// result is not valid TOML is not taken.
pub fn fix_text(kind: crate::FileKind, text: &str) -> Fixed {
    let mut current = text.to_owned();
    let mut applied = 0;
    for _ in 0..FIX_ROUNDS {
        let diagnostics = crate::check_text(kind, &current);
        let fixed = apply_fixes(&current, &diagnostics);
        if fixed.applied == 0 || fixed.text == current {
            break;
        }
        if kind == crate::FileKind::FlyToml && !parses_as_toml(&fixed.text) {
            break;
        }
        applied += fixed.applied;
        current = fixed.text;
    }
    Fixed {
        text: current,
        applied,
    }
}

/// Whether `text` is a valid TOML document, by the parser fly.toml is read
/// with — the check `--fix` makes before writing a fly.toml back. (Fixes
/// are text edits, so everything outside them stays byte for byte.)
pub fn parses_as_toml(text: &str) -> bool {
    toml::de::DeTable::parse(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::registry::UNKNOWN_KEY;
    use crate::diagnostic::{Fix, LineIndex, Span};

    fn diag(fix: Fix) -> Diagnostic {
        Diagnostic::new(&UNKNOWN_KEY, "x", Span::new(0..0, &LineIndex::new(""))).with_fix(fix)
    }

    #[test]
    fn applies_non_overlapping_edits_and_keeps_the_rest() {
        let text = "# keep me\nintenal_port = 8080 # and me\n";
        let fixed = apply_fixes(
            text,
            &[
                diag(Fix::replace("r", 10..22, "internal_port")),
                diag(Fix::replace("r2", 12..14, "zz")),
            ],
        );
        assert_eq!(fixed.applied, 1);
        assert_eq!(fixed.text, "# keep me\ninternal_port = 8080 # and me\n");
        assert!(parses_as_toml(&fixed.text));
        assert!(!parses_as_toml("a = \n"));
        assert!(!parses_as_toml("[a]\n[a]\n"), "a table defined twice");
    }
}
