//! Small, allocation-free helpers over byte strings: Shannon entropy, character-class
//! tests and ASCII case-insensitive searching.

/// Shannon entropy of `s`, in bits per byte (0.0 for the empty string).
///
/// Computed over bytes, so a multi-byte character counts as several symbols; that is
/// fine for the ASCII-dominated values we care about.
pub(crate) fn shannon(s: &[u8]) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in s {
        let slot = &mut counts[usize::from(b)];
        *slot = slot.saturating_add(1);
    }
    let len = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
}

/// Minimum entropy a literal of `chars` characters must reach under a secret-like name.
///
/// Short strings cannot reach high per-character entropy (8 distinct characters give at
/// most 3.0 bits), so the bar is `0.85 × log2(n)` for short values and 3.0 from 12 on.
pub(crate) fn generic_threshold(chars: usize) -> f64 {
    let n = chars.max(1) as f64;
    (0.85 * n.log2()).min(3.0)
}

/// Whether `hay` contains `needle`, comparing ASCII letters case-insensitively.
/// `needle` must be lowercase ASCII.
pub(crate) fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    find_ci(hay, needle).is_some()
}

/// Position of the first ASCII case-insensitive occurrence of `needle` (lowercase ASCII).
pub(crate) fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    if hay.len() < needle.len() {
        return None;
    }
    let last_start = hay.len() - needle.len();
    let upper = first.to_ascii_uppercase();
    let mut from = 0;
    while from <= last_start {
        let window = hay.get(from..=last_start)?;
        let off = if upper == first {
            memchr::memchr(first, window)?
        } else {
            memchr::memchr2(first, upper, window)?
        };
        let at = from + off;
        let tail = hay.get(at + 1..at + needle.len())?;
        if tail.eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether `hay` starts with `prefix` (lowercase ASCII), ignoring ASCII case.
pub(crate) fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// Whether `hay` ends with `suffix` (lowercase ASCII), ignoring ASCII case.
pub(crate) fn ends_with_ci(hay: &[u8], suffix: &[u8]) -> bool {
    hay.len() >= suffix.len() && hay[hay.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Positions of `://` in `hay` (a `memchr` scan for `:`; cheaper than building a
/// substring searcher for the short values we see).
pub(crate) fn scheme_separators(hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b':', hay).filter(move |&i| hay.get(i + 1..i + 3) == Some(b"//"))
}

/// Whether `hay` contains `://`.
pub(crate) fn has_scheme_separator(hay: &[u8]) -> bool {
    scheme_separators(hay).next().is_some()
}

/// Length of the longest run of one repeated byte in `s`.
pub(crate) fn longest_run(s: &[u8]) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut prev = None;
    for &b in s {
        if Some(b) == prev {
            run += 1;
        } else {
            run = 1;
            prev = Some(b);
        }
        best = best.max(run);
    }
    best
}

/// Markers that make a provider-shaped match a documentation sample rather than a key:
/// `EXAMPLE`, `xxxx`, `****`, `<…>`, `abcdef`, `123456`, or a run of 6 identical characters.
pub(crate) fn looks_like_sample(s: &[u8]) -> bool {
    const MARKERS: [&[u8]; 8] = [
        b"example",
        b"xxxx",
        b"****",
        b"abcdefgh",
        b"12345678",
        b"your",
        b"placeholder",
        b"redacted",
    ];
    longest_run(s) >= 6
        || MARKERS.iter().any(|m| contains_ci(s, m))
        || (s.contains(&b'<') && s.contains(&b'>'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_basics() {
        assert_eq!(shannon(b""), 0.0);
        assert_eq!(shannon(b"aaaa"), 0.0);
        assert!((shannon(b"abcd") - 2.0).abs() < 1e-9);
        assert!((shannon(b"01234567") - 3.0).abs() < 1e-9);
    }

    #[test]
    fn ci_search() {
        assert!(contains_ci(b"fooEXAMPLEbar", b"example"));
        assert!(!contains_ci(b"exampl", b"example"));
        assert_eq!(find_ci(b"xXaBc", b"abc"), Some(2));
        assert_eq!(find_ci(b"", b"a"), None);
        assert_eq!(find_ci(b"abc", b""), None);
        assert!(starts_with_ci(b"Bearer x", b"bearer "));
        assert!(ends_with_ci(b"DB_PASSWORD", b"password"));
        assert!(!ends_with_ci(b"pw", b"password"));
    }

    #[test]
    fn separators() {
        assert_eq!(scheme_separators(b"a://b:c://").collect::<Vec<_>>(), [1, 7]);
        assert!(!has_scheme_separator(b"a:/b:"));
        assert!(has_scheme_separator(b"://"));
    }

    #[test]
    fn runs_and_samples() {
        assert_eq!(longest_run(b"aabbbbc"), 4);
        assert!(looks_like_sample(b"AKIAIOSFODNN7EXAMPLE"));
        assert!(looks_like_sample(b"ghp_xxxxxxxxxxxxxxxx"));
        assert!(!looks_like_sample(b"ghp_R8sTq2LmZ0aVb7"));
    }
}
