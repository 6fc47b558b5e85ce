//! Content matching: the regexes of all signals that read the same files
//! (a "file class") are searched once per file, reporting every pattern that
//! occurs and where its earliest match ends.
//!
//! Two engines sit behind one small API, chosen by target:
//! - [`lazy_dfa`] (every native build): regex-automata's multi-pattern lazy
//!   DFA, one overlapping pass per file behind `memchr` literal prefilters,
//!   compiled the first time a file of its class is read.
//! - [`lite`] (wasm32): regex-lite, one search per pattern. A fraction of the
//!   code size (the WASM module has a size budget) and slower, which the
//!   browser's small in-memory projects afford.
//!
//! Both read patterns the same way: bytes, ASCII classes (`\w`, `\b`, `\d`
//! as in JavaScript), `^`/`$` at line boundaries (upstream's `m` flag),
//! `\r\n` as a line end. The test `engines_agree` runs both over the
//! embedded patterns and the fixture projects.

use std::ops::Range;
use std::sync::OnceLock;

#[cfg(not(target_arch = "wasm32"))]
mod lazy_dfa;
#[cfg(any(target_arch = "wasm32", test))]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // natively: only tests use it
mod lite;

#[cfg(not(target_arch = "wasm32"))]
use lazy_dfa as engine;
#[cfg(target_arch = "wasm32")]
use lite as engine;

/// A parsed (and so validated) content regex.
pub(crate) use engine::Pattern;

/// Parses one content regex; the error is one line.
pub(crate) fn parse_regex(pattern: &str) -> Result<Pattern, String> {
    engine::parse(pattern)
}

/// One member signal of a class: where its patterns sit in the class.
#[derive(Debug)]
pub(crate) struct Member {
    pub(crate) signal: u32,
    /// Pattern ids of the positive patterns.
    positive: Range<u32>,
    /// Pattern ids of the `reject_patterns`.
    reject: Range<u32>,
}

/// All content regexes of one selector.
#[derive(Debug)]
pub(crate) struct ContentClass {
    pub(crate) members: Vec<Member>,
    patterns: Vec<Pattern>,
    compiled: OnceLock<Option<engine::Compiled>>,
}

/// Per-class search state, owned by a scratch space.
#[derive(Debug)]
pub(crate) struct ClassState {
    cache: engine::Cache,
    /// Which patterns occurred in the last search.
    seen: Vec<bool>,
    seen_count: usize,
    /// For each seen pattern, where its earliest match ends.
    ends: Vec<usize>,
}

impl ClassState {
    fn clear(&mut self) {
        self.seen.fill(false);
        self.seen_count = 0;
    }

    fn saw(&self, pattern: usize) -> bool {
        self.seen.get(pattern).copied().unwrap_or(false)
    }
}

impl ContentClass {
    /// `signals` holds, per member signal, its id and its positive and
    /// reject patterns, already parsed.
    pub(crate) fn new(signals: Vec<(u32, Vec<Pattern>, Vec<Pattern>)>) -> ContentClass {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut members = Vec::with_capacity(signals.len());
        for (signal, pos, rej) in signals {
            let p0 = len32(&patterns);
            patterns.extend(pos);
            let p1 = len32(&patterns);
            patterns.extend(rej);
            members.push(Member {
                signal,
                positive: p0..p1,
                reject: p1..len32(&patterns),
            });
        }
        ContentClass {
            members,
            patterns,
            compiled: OnceLock::new(),
        }
    }

    fn compiled(&self) -> Option<&engine::Compiled> {
        self.compiled
            .get_or_init(|| engine::Compiled::new(&self.patterns, &self.members))
            .as_ref()
    }

    /// Compiles now instead of on first use (tests prove every embedded
    /// pattern builds with it).
    pub(crate) fn force(&self) -> bool {
        self.compiled().is_some()
    }

    /// Searches `haystack`, recording in `state` (created on first use)
    /// every pattern that occurs and where its earliest match ends. Returns
    /// false when nothing matched.
    pub(crate) fn search(&self, state: &mut Option<ClassState>, haystack: &[u8]) -> bool {
        let Some(c) = self.compiled() else {
            return false;
        };
        if !c.may_match(haystack) {
            if let Some(st) = state {
                st.clear();
            }
            return false;
        }
        let n = self.patterns.len();
        let st = state.get_or_insert_with(|| ClassState {
            cache: c.create_cache(),
            seen: vec![false; n],
            seen_count: 0,
            ends: vec![0; n],
        });
        st.clear();
        let ClassState {
            cache,
            seen,
            seen_count,
            ends,
        } = st;
        c.search(cache, haystack, |pattern, end| {
            if let (Some(s), Some(e)) = (seen.get_mut(pattern), ends.get_mut(pattern))
                && !*s
            {
                *s = true;
                *e = end;
                *seen_count += 1;
            }
            *seen_count < n
        });
        st.seen_count > 0
    }
}

impl Member {
    /// Whether this member fires, given the last search.
    pub(crate) fn fires(&self, state: Option<&ClassState>) -> bool {
        let Some(st) = state else { return false };
        let any = |r: &Range<u32>| range(r).any(|p| st.saw(p));
        any(&self.positive) && !any(&self.reject)
    }

    /// The byte that best locates the member's match: the last byte of the
    /// earliest-ending positive match (a match may span lines, and its last
    /// line is the telling one).
    pub(crate) fn locate(&self, state: Option<&ClassState>) -> usize {
        let Some(st) = state else { return 0 };
        range(&self.positive)
            .filter(|&p| st.saw(p))
            .filter_map(|p| st.ends.get(p).copied())
            .min()
            .map_or(0, |end| end.saturating_sub(1))
    }
}

fn range(r: &Range<u32>) -> Range<usize> {
    r.start as usize..r.end as usize
}

fn len32<T>(v: &[T]) -> u32 {
    u32::try_from(v.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
