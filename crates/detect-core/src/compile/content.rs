//! Content matching: the regexes of all signals that read the same files
//! (a "file class") compiled into one multi-pattern regex, searched once per
//! file for the set of patterns that occur, behind a literal prefilter.

use regex_automata::{
    Input, MatchKind, PatternID, PatternSet, Span,
    meta::{self, Regex},
    util::prefilter::Prefilter,
};
use regex_syntax::hir::Hir;

/// One member signal of a class: where its patterns sit in the class regex.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub(crate) signal: u32,
    /// Pattern ids of the positive patterns.
    pub(crate) positive: std::ops::Range<u32>,
    /// Pattern ids of the `reject_patterns`.
    pub(crate) reject: std::ops::Range<u32>,
    /// Finds the first position of any positive pattern (for evidence).
    pub(crate) finder: Regex,
}

/// All content regexes of one selector.
#[derive(Debug)]
pub(crate) struct ContentClass {
    pub(crate) members: Vec<Member>,
    set_regex: Regex,
    prefilter: Option<Prefilter>,
    pattern_len: usize,
}

/// Parses a regex the way every content pattern is read: `^`/`$` match at
/// line boundaries (upstream uses the `m` flag) and `\r\n` counts as a line
/// end.
pub(crate) fn parse_regex(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .crlf(true)
        .build()
        .parse(pattern)
        .map_err(|e| compact(&e.to_string()))
}

/// regex-syntax errors are multi-line drawings; keep the last line.
fn compact(msg: &str) -> String {
    msg.lines().rev().find(|l| !l.trim().is_empty()).map_or_else(String::new, |l| l.trim().trim_start_matches("error: ").to_owned())
}

impl ContentClass {
    /// `signals` holds, per member signal, its id and its positive and
    /// reject patterns already parsed.
    pub(crate) fn new(signals: Vec<(u32, Vec<Hir>, Vec<Hir>)>) -> Result<ContentClass, String> {
        let mut all: Vec<Hir> = Vec::new();
        let mut members = Vec::with_capacity(signals.len());
        let mut positives: Vec<Hir> = Vec::new();
        for (signal, pos, rej) in signals {
            let p0 = len32(&all);
            all.extend(pos.iter().cloned());
            let p1 = len32(&all);
            all.extend(rej);
            let r1 = len32(&all);
            let finder = Regex::builder().build_many_from_hir(&pos).map_err(|e| e.to_string())?;
            positives.extend(pos);
            members.push(Member { signal, positive: p0..p1, reject: p1..r1, finder });
        }
        let set_regex = Regex::builder()
            .configure(meta::Config::new().match_kind(MatchKind::All))
            .build_many_from_hir(&all)
            .map_err(|e| e.to_string())?;
        let prefilter = Prefilter::from_hirs_prefix(MatchKind::All, &positives);
        Ok(ContentClass { members, set_regex, prefilter, pattern_len: all.len() })
    }

    pub(crate) fn new_cache(&self) -> meta::Cache {
        self.set_regex.create_cache()
    }

    pub(crate) fn new_set(&self) -> PatternSet {
        PatternSet::new(self.pattern_len)
    }

    /// Fills `set` with every pattern that occurs in `haystack`; returns
    /// false without searching when the prefilter proves nothing can match.
    pub(crate) fn search(&self, cache: &mut meta::Cache, haystack: &[u8], set: &mut PatternSet) -> bool {
        set.clear();
        if let Some(pre) = &self.prefilter {
            if pre.find(haystack, Span::from(0..haystack.len())).is_none() {
                return false;
            }
        }
        self.set_regex.which_overlapping_matches_with(cache, &Input::new(haystack), set);
        !set.is_empty()
    }
}

impl Member {
    /// Whether this member fires given the class search result.
    pub(crate) fn fires(&self, set: &PatternSet) -> bool {
        let any = |r: &std::ops::Range<u32>| r.clone().any(|p| set.contains(PatternID::new_unchecked(p as usize)));
        any(&self.positive) && !any(&self.reject)
    }
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
            (0, hirs(&[r"\bfly\s+deploy\b", r"flyctl\s+deploy"]), hirs(&[r"\bfly\s+-t\b"])),
            (1, hirs(&[r"(?i)^FROM\s"]), vec![]),
        ])
        .expect("compiles");
        let mut cache = class.new_cache();
        let mut set = class.new_set();
        assert!(class.search(&mut cache, b"run: flyctl deploy --remote-only\n", &mut set));
        assert!(class.members[0].fires(&set));
        assert!(!class.members[1].fires(&set));

        assert!(class.search(&mut cache, b"fly -t ci login\nfly deploy\n", &mut set));
        assert!(!class.members[0].fires(&set), "reject pattern vetoes the file");

        assert!(class.search(&mut cache, b"# x\r\nfrom node:20\r\n", &mut set));
        assert!(class.members[1].fires(&set), "multi-line anchors with CRLF");
    }

    #[test]
    fn regex_errors_are_one_line() {
        let e = parse_regex("a(?=b)").expect_err("look-ahead is unsupported");
        assert!(!e.contains('\n'), "{e}");
        assert!(e.contains("look-around"), "{e}");
    }
}
