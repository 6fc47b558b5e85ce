//! Content matching: the regexes of all signals that read the same files
//! (a "file class") compiled into one multi-pattern lazy DFA, run once per
//! file as an overlapping search that reports every pattern that occurs and
//! where its first match ends, behind `memchr` literal prefilters.
//!
//! Patterns are parsed (and so validated) when the detector is built, but
//! compiled into an automaton only the first time a file of their class is
//! read: a scan pays only for the classes the project has, which keeps a
//! one-shot `flyconf detect` fast.

use std::sync::OnceLock;

use memchr::memmem;
use regex_automata::{
    Input, MatchKind, PatternID, PatternSet,
    hybrid::dfa::{Cache, DFA, OverlappingState},
    nfa::thompson,
};
use regex_syntax::hir::{Hir, HirKind};

/// Most distinct literals a prefilter checks before the automaton runs.
const MAX_PREFILTER_NEEDLES: usize = 4;
/// Shortest literal worth a prefilter.
const MIN_NEEDLE: usize = 3;

/// One member signal of a class: where its patterns sit in the class.
#[derive(Debug)]
pub(crate) struct Member {
    pub(crate) signal: u32,
    /// Pattern ids of the positive patterns.
    positive: std::ops::Range<u32>,
    /// Pattern ids of the `reject_patterns`.
    reject: std::ops::Range<u32>,
}

/// All content regexes of one selector.
#[derive(Debug)]
pub(crate) struct ContentClass {
    pub(crate) members: Vec<Member>,
    hirs: Vec<Hir>,
    compiled: OnceLock<Option<Compiled>>,
}

#[derive(Debug)]
struct Compiled {
    dfa: DFA,
    /// When every positive pattern starts with one of these literals, a
    /// file containing none of them cannot match.
    needles: Vec<memmem::Finder<'static>>,
}

/// Per-class search state, owned by a scratch space.
#[derive(Debug)]
pub(crate) struct ClassState {
    cache: Cache,
    seen: PatternSet,
    /// For each seen pattern, where its first match ends.
    ends: Vec<usize>,
}

/// How every content pattern is read: bytes, ASCII classes (`\w`, `\b`,
/// `\d` as in JavaScript), `^`/`$` at line boundaries (upstream's `m`
/// flag), `\r\n` as a line end.
pub(crate) fn parse_regex(pattern: &str) -> Result<Hir, String> {
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

impl ContentClass {
    /// `signals` holds, per member signal, its id and its positive and
    /// reject patterns, already parsed.
    pub(crate) fn new(signals: Vec<(u32, Vec<Hir>, Vec<Hir>)>) -> ContentClass {
        let mut hirs: Vec<Hir> = Vec::new();
        let mut members = Vec::with_capacity(signals.len());
        for (signal, pos, rej) in signals {
            let p0 = len32(&hirs);
            hirs.extend(pos);
            let p1 = len32(&hirs);
            hirs.extend(rej);
            members.push(Member {
                signal,
                positive: p0..p1,
                reject: p1..len32(&hirs),
            });
        }
        ContentClass {
            members,
            hirs,
            compiled: OnceLock::new(),
        }
    }

    fn compiled(&self) -> Option<&Compiled> {
        self.compiled
            .get_or_init(|| {
                // The NFA size cap is lifted so that a pattern that parsed
                // always compiles; the lazy DFA never quits or gives up in
                // this configuration, so searches cannot fail.
                let nfa = thompson::Compiler::new()
                    .configure(thompson::Config::new().utf8(false).nfa_size_limit(None))
                    .build_many_from_hir(&self.hirs)
                    .ok()?;
                let dfa = DFA::builder()
                    .configure(DFA::config().match_kind(MatchKind::All))
                    .build_from_nfa(nfa)
                    .ok()?;
                Some(Compiled {
                    dfa,
                    needles: self.needles(),
                })
            })
            .as_ref()
    }

    /// The literal prefixes every positive pattern starts with, if there
    /// are few enough of them to be worth checking first.
    fn needles(&self) -> Vec<memmem::Finder<'static>> {
        let mut lits: Vec<Vec<u8>> = Vec::new();
        for m in &self.members {
            for hir in &self.hirs[range(&m.positive)] {
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

    /// Compiles now instead of on first use (tests prove every embedded
    /// pattern builds with it).
    pub(crate) fn force(&self) -> bool {
        self.compiled().is_some()
    }

    /// Searches `haystack`, recording in `state` (created on first use)
    /// every pattern that occurs and where its first match ends. Returns
    /// false when nothing matched.
    pub(crate) fn search(&self, state: &mut Option<ClassState>, haystack: &[u8]) -> bool {
        let Some(c) = self.compiled() else {
            return false;
        };
        if !c.needles.is_empty() && !c.needles.iter().any(|n| n.find(haystack).is_some()) {
            if let Some(st) = state {
                st.seen.clear();
            }
            return false;
        }
        let st = state.get_or_insert_with(|| ClassState {
            cache: c.dfa.create_cache(),
            seen: PatternSet::new(self.hirs.len()),
            ends: vec![0; self.hirs.len()],
        });
        st.seen.clear();
        let input = Input::new(haystack);
        let mut overlapping = OverlappingState::start();
        while c
            .dfa
            .try_search_overlapping_fwd(&mut st.cache, &input, &mut overlapping)
            .is_ok()
        {
            let Some(hit) = overlapping.get_match() else {
                break;
            };
            if st.seen.insert(hit.pattern()) {
                st.ends[hit.pattern().as_usize()] = hit.offset();
                if st.seen.is_full() {
                    break;
                }
            }
        }
        !st.seen.is_empty()
    }
}

impl Member {
    /// Whether this member fires, given the last search.
    pub(crate) fn fires(&self, state: Option<&ClassState>) -> bool {
        let Some(st) = state else { return false };
        let any = |r: &std::ops::Range<u32>| {
            r.clone()
                .any(|p| st.seen.contains(PatternID::new_unchecked(p as usize)))
        };
        any(&self.positive) && !any(&self.reject)
    }

    /// The byte that best locates the member's match: the last byte of the
    /// earliest-ending positive match (a match may span lines, and its last
    /// line is the telling one).
    pub(crate) fn locate(&self, state: Option<&ClassState>) -> usize {
        let Some(st) = state else { return 0 };
        range(&self.positive)
            .filter(|&p| st.seen.contains(PatternID::new_unchecked(p)))
            .map(|p| st.ends[p])
            .min()
            .map_or(0, |end| end.saturating_sub(1))
    }
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

fn range(r: &std::ops::Range<u32>) -> std::ops::Range<usize> {
    r.start as usize..r.end as usize
}

fn len32<T>(v: &[T]) -> u32 {
    u32::try_from(v.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hirs(ps: &[&str]) -> Vec<Hir> {
        ps.iter().map(|p| parse_regex(p).expect("valid")).collect()
    }

    #[test]
    fn members_fire_on_positive_and_not_on_reject() {
        let class = ContentClass::new(vec![
            (
                0,
                hirs(&[r"\bfly\s+deploy\b", r"flyctl\s+deploy"]),
                hirs(&[r"\bfly\s+-t\b"]),
            ),
            (1, hirs(&[r"(?i)^FROM\s", "caf\u{e9}"]), vec![]),
        ]);
        assert!(class.force());
        let mut st = None;
        assert!(class.search(&mut st, b"run: flyctl deploy --remote-only\n"));
        assert!(class.members[0].fires(st.as_ref()));
        assert!(!class.members[1].fires(st.as_ref()));
        assert_eq!(
            class.members[0].locate(st.as_ref()),
            17,
            "last byte of `flyctl deploy`"
        );

        assert!(class.search(&mut st, b"fly -t ci login\nfly deploy\n"));
        assert!(
            !class.members[0].fires(st.as_ref()),
            "reject pattern vetoes the file"
        );

        assert!(class.search(&mut st, b"# x\r\nfrom node:20\r\n"));
        assert!(
            class.members[1].fires(st.as_ref()),
            "multi-line anchors with CRLF"
        );

        assert!(
            class.search(&mut st, "un caf\u{e9} \u{ff}".as_bytes()),
            "non-ASCII literals match their UTF-8 bytes"
        );
        assert!(!class.search(&mut st, b"nothing here"));
        assert!(!class.members[1].fires(st.as_ref()));
    }

    #[test]
    fn literal_prefilters_only_when_every_pattern_has_one() {
        let with = ContentClass::new(vec![(
            0,
            hirs(&["superfly/flyctl-actions", r"(?m)^google-github-actions/"]),
            vec![],
        )]);
        assert!(with.force());
        assert_eq!(with.compiled().map(|c| c.needles.len()), Some(2));
        let without = ContentClass::new(vec![(0, hirs(&["superfly", r"\s+x"]), vec![])]);
        assert!(without.force());
        assert_eq!(without.compiled().map(|c| c.needles.len()), Some(0));
        let mut st = None;
        assert!(!with.search(&mut st, b"uses: actions/checkout@v4"));
        assert!(with.search(
            &mut st,
            b"uses: superfly/flyctl-actions/setup-flyctl@master"
        ));
    }

    #[test]
    fn regex_errors_are_one_line() {
        let e = parse_regex("a(?=b)").expect_err("look-ahead is unsupported");
        assert!(!e.contains('\n'), "{e}");
        assert!(e.contains("look-around"), "{e}");
    }
}
