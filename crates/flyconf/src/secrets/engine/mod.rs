//! The regex engine of the secret rules, with the detector's syntax: ASCII
//! classes (`\b`, `\w`, `(?i)` over ASCII) read from bytes. A rule set is
//! searched once per value for all its patterns, leftmost-first (at one
//! position the earlier pattern wins).
//!
//! Two engines behind one API, chosen by target as in detect-core:
//! [`lazy_dfa`] natively, [`lite`] (regex-lite, a fraction of the code
//! size) on wasm32. The test `engines_agree_on_the_rules` holds them to the
//! same matches.

#[cfg(not(target_arch = "wasm32"))]
mod lazy_dfa;
#[cfg(any(target_arch = "wasm32", test))]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // natively: only tests use it
mod lite;

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use lazy_dfa::RuleRegex;
#[cfg(target_arch = "wasm32")]
pub(crate) use lite::RuleRegex;

/// One match: which pattern, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Index of the pattern in the rule set.
    pub(crate) pattern: usize,
    /// Byte offset of the first byte.
    pub(crate) start: usize,
    /// Byte offset just past the last byte.
    pub(crate) end: usize,
}

impl Hit {
    /// `start..end`.
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

#[cfg(test)]
mod tests;
