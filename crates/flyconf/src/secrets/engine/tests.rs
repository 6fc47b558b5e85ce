//! Both engines, held to the same matches.

use super::{Hit, lazy_dfa, lite};

/// Every match a `for_each_match` reports (either engine's).
fn collect(for_each_match: impl FnOnce(&mut dyn FnMut(Hit) -> bool)) -> Vec<Hit> {
    let mut out = Vec::new();
    for_each_match(&mut |h| {
        out.push(h);
        true
    });
    out
}

fn hits_native(re: &lazy_dfa::RuleRegex, hay: &[u8]) -> Vec<Hit> {
    collect(|each| re.for_each_match(hay, each))
}

fn hits_lite(re: &lite::RuleRegex, hay: &[u8]) -> Vec<Hit> {
    collect(|each| re.for_each_match(hay, each))
}

#[test]
fn leftmost_first_with_starts_and_ascii_syntax() {
    let pats = [r"(?-u:\b)ab+", r"a", r"(?i)xy\w"];
    let native = lazy_dfa::RuleRegex::new(&pats).expect("compiles");
    let small = lite::RuleRegex::new(&pats).expect("compiles");
    let want = |pattern, start, end| Hit {
        pattern,
        start,
        end,
    };
    let expected = vec![want(0, 3, 7), want(1, 8, 9), want(2, 10, 13)];
    assert_eq!(hits_native(&native, b"zz abbb a XYz \xff"), expected);
    assert_eq!(hits_lite(&small, b"zz abbb a XYz \xff"), expected);
    for hay in [&b"..xY_"[..], b"xy\xc3\xa9"] {
        assert_eq!(native.is_match(hay), small.is_match(hay), "{hay:?}");
    }
    assert!(native.is_match(b"..xY_"));
    assert!(!native.is_match(b"xy\xc3\xa9"), "\\w is ASCII");
    assert!(lazy_dfa::RuleRegex::new(&[r"(unclosed"]).is_none());
    assert!(lite::RuleRegex::new(&[r"(unclosed"]).is_none());
    assert!(
        lite::RuleRegex::new(&[r"a)|(b"]).is_none(),
        "each pattern alone"
    );
}

#[test]
fn capture_groups_inside_patterns_keep_the_pattern_index() {
    let pats = [r"(x)(y)z", r"(?:a(b))+c", r"q"];
    let native = lazy_dfa::RuleRegex::new(&pats).expect("compiles");
    let small = lite::RuleRegex::new(&pats).expect("compiles");
    let hay = b"xyz ababc q";
    assert_eq!(hits_native(&native, hay), hits_lite(&small, hay));
    assert_eq!(hits_lite(&small, hay).len(), 3);
}

#[test]
fn engines_agree_on_the_rules() {
    let patterns = super::super::rules::patterns();
    for p in &patterns {
        assert!(p.is_ascii(), "{p}");
    }
    let native = lazy_dfa::RuleRegex::new(&patterns).expect("compiles");
    let small = lite::RuleRegex::new(&patterns).expect("compiles");
    let mut matched = 0;
    for case in super::super::tests::sample_values() {
        let (a, b) = (hits_native(&native, &case), hits_lite(&small, &case));
        assert_eq!(a, b, "{:?}", String::from_utf8_lossy(&case));
        matched += a.len();
    }
    assert!(matched > 20, "the samples exercise the rules: {matched}");
}
