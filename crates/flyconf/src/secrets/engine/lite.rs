//! The wasm32 engine: the rule set as one regex-lite alternation with a
//! capture group around each pattern (leftmost-first alternation is the
//! multi-pattern engine's priority order), so the group that took part names
//! the pattern.
//!
//! regex-lite reads `&str` codepoint by codepoint where the native engine
//! reads bytes, so a value with non-ASCII bytes is searched as a copy with
//! each of them replaced by `\x1A`, as in detect-core's lite engine: offsets
//! stay byte offsets and repetitions count bytes. The rule patterns are all
//! ASCII (tested).

use std::borrow::Cow;

use regex_lite::Regex;

use super::Hit;

/// A compiled rule set.
#[derive(Debug)]
pub(crate) struct RuleRegex {
    re: Regex,
    /// For each pattern, the index of the capture group around it.
    groups: Vec<usize>,
}

impl RuleRegex {
    /// Compiles `patterns`. `None` if one fails to compile: a bug the tests
    /// catch, never a panic.
    pub(crate) fn new(patterns: &[&str]) -> Option<RuleRegex> {
        let mut groups = Vec::with_capacity(patterns.len());
        let mut next = 1;
        for p in patterns {
            // Alone first: a pattern that does not compile on its own (an
            // unbalanced parenthesis) must not compile inside the alternation.
            groups.push(next);
            next += Regex::new(p).ok()?.captures_len();
        }
        let alternation = patterns
            .iter()
            .map(|p| format!("({p})"))
            .collect::<Vec<_>>()
            .join("|");
        Some(RuleRegex {
            re: Regex::new(&alternation).ok()?,
            groups,
        })
    }

    /// Calls `each` on every non-overlapping match in `hay`, left to right,
    /// until it returns `false`.
    pub(crate) fn for_each_match(&self, hay: &[u8], mut each: impl FnMut(Hit) -> bool) {
        let Some(text) = ascii_text(hay) else { return };
        for caps in self.re.captures_iter(&text) {
            let (Some(whole), Some(pattern)) = (
                caps.get(0),
                self.groups.iter().position(|&g| caps.get(g).is_some()),
            ) else {
                continue;
            };
            let hit = Hit {
                pattern,
                start: whole.start(),
                end: whole.end(),
            };
            if !each(hit) {
                break;
            }
        }
    }

    /// Whether any pattern matches somewhere in `hay`.
    pub(crate) fn is_match(&self, hay: &[u8]) -> bool {
        ascii_text(hay).is_some_and(|text| self.re.is_match(&text))
    }
}

/// `hay` as text, non-ASCII bytes replaced by `\x1A` (one byte each).
fn ascii_text(hay: &[u8]) -> Option<Cow<'_, str>> {
    if hay.is_ascii() {
        return std::str::from_utf8(hay).ok().map(Cow::Borrowed);
    }
    let folded: Vec<u8> = hay
        .iter()
        .map(|&b| if b.is_ascii() { b } else { 0x1A })
        .collect();
    String::from_utf8(folded).ok().map(Cow::Owned)
}
