//! The wasm32 engine: regex-lite, one search per pattern (`shortest_match`,
//! which stops where a match is first known to end: the same earliest end
//! the lazy DFA's overlapping search reports first).
//!
//! regex-lite reads `&str` and matches codepoint by codepoint, where the
//! native engine reads bytes. A haystack with non-ASCII bytes is therefore
//! searched as a copy with each of those bytes replaced by `\x1A` (an ASCII
//! control character): offsets stay byte offsets, a repetition counts bytes
//! as the native engine does, and `.`, `\W`, `\S`, `\D`, `\B` and negated
//! classes treat the byte as the native engine treats a non-ASCII byte. A
//! class with a non-ASCII pattern cannot use that copy and reads valid UTF-8
//! as it is; the embedded patterns are all ASCII (tested).

use regex_lite::{Regex, RegexBuilder};

use super::Member;

/// A parsed pattern: regex-lite compiles as it parses.
pub(crate) type Pattern = Regex;

/// The ASCII copy of the last non-ASCII haystack.
pub(super) type Cache = Vec<u8>;

/// A class's regexes.
#[derive(Debug)]
pub(super) struct Compiled {
    regexes: Vec<Regex>,
    /// Every pattern is ASCII, so non-ASCII bytes may be replaced.
    ascii: bool,
}

/// See [`super::parse_regex`].
pub(super) fn parse(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .multi_line(true)
        .crlf(true)
        .build()
        .map_err(|e| e.to_string())
}

/// The byte that stands in for a non-ASCII byte.
const STAND_IN: u8 = 0x1A;

impl Compiled {
    pub(super) fn new(regexes: &[Regex], _members: &[Member]) -> Option<Compiled> {
        Some(Compiled {
            ascii: regexes.iter().all(|r| r.as_str().is_ascii()),
            regexes: regexes.to_vec(),
        })
    }

    pub(super) fn create_cache(&self) -> Cache {
        Vec::new()
    }

    /// No prefilter: every haystack is searched.
    pub(super) fn may_match(&self, _haystack: &[u8]) -> bool {
        true
    }

    /// Calls `each(pattern, end)` for every pattern that matches, in pattern
    /// order, until `each` returns false.
    pub(super) fn search(
        &self,
        cache: &mut Cache,
        haystack: &[u8],
        mut each: impl FnMut(usize, usize) -> bool,
    ) {
        let text = if haystack.is_ascii() {
            std::str::from_utf8(haystack).ok()
        } else if self.ascii {
            cache.clear();
            cache.extend(
                haystack
                    .iter()
                    .map(|&b| if b.is_ascii() { b } else { STAND_IN }),
            );
            std::str::from_utf8(cache).ok()
        } else {
            std::str::from_utf8(haystack).ok()
        };
        let Some(text) = text else { return };
        for (i, re) in self.regexes.iter().enumerate() {
            if let Some(end) = re.shortest_match(text)
                && !each(i, end)
            {
                return;
            }
        }
    }
}
