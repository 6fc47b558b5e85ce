//! The native engine: every pattern of a class compiled into one
//! multi-pattern lazy DFA (regex-automata, `MatchKind::All`), run once per
//! file as an overlapping search, behind `memchr` literal prefilters.
//!
//! Patterns are parsed (and so validated) when the detector is built, but
//! compiled into an automaton only the first time a file of their class is
//! read: a scan pays only for the classes the project has, which keeps a
//! one-shot `flyconf detect` fast.

use memchr::memmem;
use regex_automata::{
    Input, MatchKind,
    hybrid::dfa::{DFA, OverlappingState},
    nfa::thompson,
};
use regex_syntax::hir::{Hir, HirKind};

use super::{Member, range};

/// Most distinct literals a prefilter checks before the automaton runs.
const MAX_PREFILTER_NEEDLES: usize = 4;
/// Shortest literal worth a prefilter.
const MIN_NEEDLE: usize = 3;

/// A parsed pattern.
pub(crate) type Pattern = Hir;

/// The lazy DFA's transition cache.
pub(super) type Cache = regex_automata::hybrid::dfa::Cache;

/// A class's automaton and prefilter.
#[derive(Debug)]
pub(super) struct Compiled {
    dfa: DFA,
    /// When every positive pattern starts with one of these literals, a
    /// file containing none of them cannot match.
    needles: Vec<memmem::Finder<'static>>,
}

/// See [`super::parse_regex`].
pub(super) fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .multi_line(true)
        .crlf(true)
        .build()
        .parse(pattern)
        .map_err(|e| compact(&e.to_string()))
}

/// regex-syntax errors are multi-line drawings; keep the last line.
fn compact(msg: &str) -> String {
    msg.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map_or_else(String::new, |l| {
            l.trim().trim_start_matches("error: ").to_owned()
        })
}

impl Compiled {
    pub(super) fn new(hirs: &[Hir], members: &[Member]) -> Option<Compiled> {
        // The NFA size cap is lifted so that a pattern that parsed always
        // compiles; the lazy DFA never quits or gives up in this
        // configuration, so searches cannot fail.
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().utf8(false).nfa_size_limit(None))
            .build_many_from_hir(hirs)
            .ok()?;
        let dfa = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::All))
            .build_from_nfa(nfa)
            .ok()?;
        Some(Compiled {
            dfa,
            needles: needles(hirs, members),
        })
    }

    pub(super) fn create_cache(&self) -> Cache {
        self.dfa.create_cache()
    }

    /// False when the prefilter proves no positive pattern can match.
    pub(super) fn may_match(&self, haystack: &[u8]) -> bool {
        self.needles.is_empty() || self.needles.iter().any(|n| n.find(haystack).is_some())
    }

    /// Calls `each(pattern, end)` for every match, in order of where it
    /// ends, until `each` returns false.
    pub(super) fn search(
        &self,
        cache: &mut Cache,
        haystack: &[u8],
        mut each: impl FnMut(usize, usize) -> bool,
    ) {
        let input = Input::new(haystack);
        let mut overlapping = OverlappingState::start();
        while self
            .dfa
            .try_search_overlapping_fwd(cache, &input, &mut overlapping)
            .is_ok()
        {
            let Some(hit) = overlapping.get_match() else {
                break;
            };
            if !each(hit.pattern().as_usize(), hit.offset()) {
                break;
            }
        }
    }

    #[cfg(test)]
    pub(super) fn needle_count(&self) -> usize {
        self.needles.len()
    }
}

/// The literal prefixes every positive pattern starts with, if there are
/// few enough of them to be worth checking first.
fn needles(hirs: &[Hir], members: &[Member]) -> Vec<memmem::Finder<'static>> {
    let mut lits: Vec<Vec<u8>> = Vec::new();
    for m in members {
        for hir in hirs.get(range(&m.positive)).unwrap_or_default() {
            match leading_literal(hir) {
                Some(lit) if lit.len() >= MIN_NEEDLE => {
                    if !lits.contains(&lit) {
                        lits.push(lit);
                    }
                }
                _ => return Vec::new(),
            }
        }
    }
    if lits.len() > MAX_PREFILTER_NEEDLES {
        return Vec::new();
    }
    lits.into_iter()
        .map(|l| memmem::Finder::new(&l).into_owned())
        .collect()
}

/// The literal a pattern must start with (after leading `^`/`\b`-style
/// assertions), if it has one and matches case-sensitively.
fn leading_literal(hir: &Hir) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_vec()),
        HirKind::Capture(cap) => leading_literal(&cap.sub),
        HirKind::Concat(parts) => {
            let mut out: Vec<u8> = Vec::new();
            for part in parts {
                match part.kind() {
                    HirKind::Look(_) if out.is_empty() => {}
                    HirKind::Literal(lit) => out.extend_from_slice(&lit.0),
                    _ => break,
                }
            }
            (!out.is_empty()).then_some(out)
        }
        _ => None,
    }
}
