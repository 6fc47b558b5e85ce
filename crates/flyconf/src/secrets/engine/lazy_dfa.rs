//! The native engine: regex-automata's lazy DFA (a forward and a reverse
//! automaton, so matches have a start and an end). Only this engine is
//! linked (no Unicode tables, no backtracker, PikeVM or full DFA).
//! Per-search caches come from a pool, so searches from many threads never
//! contend on one cache and a warm search allocates nothing.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::hybrid::regex::{Cache, Regex};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, nfa::thompson};

use super::Hit;

type CreateCache = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled multi-pattern rule set and its pool of search caches.
pub(crate) struct RuleRegex {
    re: Arc<Regex>,
    caches: Pool<Cache, CreateCache>,
}

impl std::fmt::Debug for RuleRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleRegex")
            .field("patterns", &self.re.pattern_len())
            .finish_non_exhaustive()
    }
}

impl RuleRegex {
    /// Compiles `patterns` (leftmost-first, the earlier pattern wins a tie).
    /// `None` if one fails to compile: a bug the tests catch, never a panic.
    pub(crate) fn new(patterns: &[&str]) -> Option<RuleRegex> {
        let re = Arc::new(
            Regex::builder()
                .syntax(syntax::Config::new().unicode(false).utf8(false))
                .thompson(thompson::Config::new().utf8(false))
                .build_many(patterns)
                .ok()?,
        );
        let proto = Arc::clone(&re);
        let create: CreateCache = Box::new(move || proto.create_cache());
        Some(RuleRegex {
            re,
            caches: Pool::new(create),
        })
    }

    /// Calls `each` on every non-overlapping match in `hay`, left to right,
    /// until it returns `false`.
    pub(crate) fn for_each_match(&self, hay: &[u8], mut each: impl FnMut(Hit) -> bool) {
        let mut cache = self.caches.get();
        for m in self.re.find_iter(&mut cache, Input::new(hay)) {
            let hit = Hit {
                pattern: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            };
            if !each(hit) {
                break;
            }
        }
    }

    /// Whether any pattern matches somewhere in `hay`.
    pub(crate) fn is_match(&self, hay: &[u8]) -> bool {
        let mut cache = self.caches.get();
        self.re.is_match(&mut cache, Input::new(hay))
    }
}
