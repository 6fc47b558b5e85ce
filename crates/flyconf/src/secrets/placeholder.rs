//! Placeholder and reference recognition: `${VAR}`, `$VAR`, `%VAR%`, `{{ … }}`,
//! `<your-key>`, `changeme`, `xxxx`, `your-api-key-here`, `password123`, ….

use std::sync::LazyLock;

use super::engine::RuleRegex;

use super::entropy::starts_with_ci;

/// Alphabetic runs longer than this are never treated as made of placeholder words.
const MAX_VOCAB_RUN: usize = 64;

/// Words that are placeholders on their own (lowercase): `test`, `none`, `dummy`, …
const STANDALONE: &[&[u8]] = &[
    b"changeme",
    b"example",
    b"examples",
    b"sample",
    b"samples",
    b"dummy",
    b"fake",
    b"mock",
    b"test",
    b"testing",
    b"tests",
    b"demo",
    b"placeholder",
    b"todo",
    b"tbd",
    b"tba",
    b"fixme",
    b"none",
    b"null",
    b"nil",
    b"undefined",
    b"empty",
    b"unset",
    b"blank",
    b"secret",
    b"secrets",
    b"password",
    b"passwd",
    b"pass",
    b"pwd",
    b"token",
    b"key",
    b"apikey",
    b"letmein",
    b"foo",
    b"bar",
    b"baz",
    b"qux",
    b"abc",
    b"xyz",
    b"xxx",
    b"admin",
    b"root",
    b"guest",
    b"hunter",
    b"qwerty",
    b"welcome",
    b"monkey",
    b"dragon",
    b"sesame",
];

/// Further words that placeholder values are composed of, but that are ordinary values
/// on their own (`production`, `local`, `default`).
const COMPOSABLE: &[&[u8]] = &[
    b"change",
    b"me",
    b"this",
    b"dev",
    b"development",
    b"local",
    b"default",
    b"your",
    b"my",
    b"our",
    b"the",
    b"here",
    b"there",
    b"insert",
    b"put",
    b"enter",
    b"replace",
    b"set",
    b"with",
    b"value",
    b"not",
    b"real",
    b"word",
    b"api",
    b"access",
    b"auth",
    b"private",
    b"client",
    b"user",
    b"username",
    b"super",
    b"top",
    b"insecure",
    b"do",
    b"use",
    b"in",
    b"production",
    b"prod",
    b"staging",
    b"some",
    b"very",
    b"long",
    b"random",
    b"string",
    b"goes",
    b"app",
    b"db",
    b"database",
    b"master",
    b"open",
    b"mysql",
    b"postgres",
    b"redis",
    b"mongo",
    b"service",
    b"account",
    b"hello",
    b"world",
    b"for",
    b"only",
    b"to",
    b"be",
    b"and",
    b"generated",
    b"generate",
    b"own",
    b"new",
    b"tmp",
    b"temp",
    b"ci",
    b"jwt",
    b"session",
    b"cookie",
    b"signing",
    b"encryption",
    b"django",
    b"rails",
    b"flask",
];

/// Substrings that mark a value as a stand-in, wherever they appear (ASCII
/// case-insensitive): `example`, `changeme`, `placeholder`, `redacted`, `xxxx`, `****`,
/// `dummy`, `not-a-real`, `insert-your`, keyboard sequences (`12345678`, `abcdefgh`,
/// `qwerty`), ….
const MARKERS: &str = r"(?i-u)example|change[_-]?(?:me|this)|placeholder|replace[_-]?me|redacted|xxxx|\*\*\*\*|dummy|not[_-]?(?:a[_-]?)?real|(?:insert|put|enter)[_-]?your|01234567|12345678|abcdefgh|qwerty";

static MARKER_RE: LazyLock<Option<RuleRegex>> = LazyLock::new(|| RuleRegex::new(&[MARKERS]));

/// [`STANDALONE`] and [`COMPOSABLE`] words bucketed by first letter.
static VOCAB_BY_LETTER: LazyLock<[Vec<&'static [u8]>; 26]> = LazyLock::new(|| {
    let mut buckets: [Vec<&'static [u8]>; 26] = Default::default();
    for &w in STANDALONE.iter().chain(COMPOSABLE) {
        if let Some(&f) = w.first()
            && let Some(bucket) = buckets.get_mut(usize::from(f.wrapping_sub(b'a')))
        {
            bucket.push(w);
        }
    }
    buckets
});

#[cfg(test)]
pub(crate) fn compiled() -> bool {
    MARKER_RE.is_some()
}

/// Removes one level of matching surrounding quotes and the whitespace inside them.
pub(crate) fn strip_quotes(v: &str) -> &str {
    let b = v.as_bytes();
    if b.len() >= 2 {
        let (f, l) = (b[0], b[b.len() - 1]);
        if f == l && matches!(f, b'"' | b'\'' | b'`') {
            return v.get(1..v.len() - 1).map_or(v, str::trim);
        }
    }
    v
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(s: &[u8]) -> bool {
    s.first().is_some_and(|&b| is_ident_start(b))
        && s.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The whole value is a reference to something else: `${VAR}`, `${VAR:-x}`, `$VAR`,
/// `$(cmd)`, `%VAR%`, `{{ .Env.X }}`, `${{ secrets.X }}`, `@VAR@`, `#{var}`, `<your-key>`.
pub(crate) fn is_reference(v: &str) -> bool {
    let b = v.as_bytes();
    let wrapped = |open: &[u8], close: &[u8]| {
        b.len() >= open.len() + close.len() && b.starts_with(open) && b.ends_with(close)
    };
    if wrapped(b"${", b"}") || wrapped(b"$(", b")") || wrapped(b"{{", b"}}") {
        return true;
    }
    if wrapped(b"#{", b"}") || wrapped(b"<", b">") || wrapped(b"[[", b"]]") {
        return true;
    }
    match b {
        [b'$', rest @ ..] => is_ident(rest),
        [b'%', mid @ .., b'%'] | [b'@', mid @ .., b'@'] => is_ident(mid),
        _ => false,
    }
}

/// The value contains an interpolation somewhere (`Bearer ${TOKEN}`, `{{ .Env.X }}`,
/// `$NPM_TOKEN`), so its secret part is not a literal.
pub(crate) fn contains_reference(v: &str) -> bool {
    let b = v.as_bytes();
    let interpolation = memchr::memchr3_iter(b'$', b'{', b'#', b).any(|i| {
        matches!(
            (b[i], b.get(i + 1)),
            (b'$', Some(b'{' | b'(')) | (b'{' | b'#', Some(b'{'))
        )
    });
    if interpolation {
        return true;
    }
    b.first() == Some(&b'$') && b.get(1).is_some_and(|&c| is_ident_start(c))
}

/// Only mask/filler characters (`xxx`, `****`, `...`, `-`, `•••`), or one character
/// repeated at least three times (`aaaaaaaa`, `0000`).
fn is_filler(v: &str) -> bool {
    let mut chars = v.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let filler = |c: char| matches!(c, 'x' | 'X' | '*' | '.' | '-' | '_' | '#' | '?' | '•' | '…');
    if v.chars().all(filler) {
        return true;
    }
    v.len() >= 3 && chars.all(|c| c == first)
}

fn has_marker(b: &[u8]) -> bool {
    if starts_with_ci(b, b"your") || MARKER_RE.as_ref().is_some_and(|re| re.is_match(b)) {
        return true;
    }
    // `Bearer <token>`, `sk_live_<key>`: an angle-bracketed hole.
    if let Some(open) = memchr::memchr(b'<', b)
        && let Some(close) = b.get(open + 1..).and_then(|t| memchr::memchr(b'>', t))
    {
        return close > 0;
    }
    false
}

/// Whether the alphabetic run `r` splits entirely into [`STANDALONE`] and [`COMPOSABLE`]
/// words.
fn segments_into_vocab(r: &[u8]) -> bool {
    if r.is_empty() || r.len() > MAX_VOCAB_RUN {
        return false;
    }
    let mut reach = [false; MAX_VOCAB_RUN + 1];
    reach[0] = true;
    for i in 0..r.len() {
        if !reach[i] {
            continue;
        }
        let rest = &r[i..];
        let letter = usize::from(r[i].to_ascii_lowercase().wrapping_sub(b'a'));
        let Some(bucket) = VOCAB_BY_LETTER.get(letter) else {
            continue;
        };
        for w in bucket {
            if starts_with_ci(rest, w) {
                reach[i + w.len()] = true;
            }
        }
    }
    reach[r.len()]
}

/// A digit group that may accompany placeholder words: at most 4 digits, or a run like
/// `123456…` / `000…`.
fn is_filler_digits(d: &[u8]) -> bool {
    d.len() <= 4 || d.windows(2).all(|w| w[1] == w[0] + 1) || d.windows(2).all(|w| w[1] == w[0])
}

/// Every letter run is made of placeholder words and every digit run is short. A value
/// that is exactly one composable word (`production`) does not count.
fn vocabulary_only(b: &[u8]) -> bool {
    if b.iter().all(u8::is_ascii_alphabetic) && COMPOSABLE.iter().any(|w| b.eq_ignore_ascii_case(w))
    {
        return false;
    }
    let mut saw_alpha = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            return false;
        }
        let class = |x: u8| {
            if x.is_ascii_alphabetic() {
                1
            } else if x.is_ascii_digit() {
                2
            } else {
                0
            }
        };
        let k = class(c);
        if k == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && class(b[i]) == k {
            i += 1;
        }
        let run = &b[start..i];
        if k == 1 {
            if !segments_into_vocab(run) {
                return false;
            }
            saw_alpha = true;
        } else if !is_filler_digits(run) {
            return false;
        }
    }
    saw_alpha
}

/// See [`crate::secrets::is_placeholder`].
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = strip_quotes(value.trim());
    if v.is_empty() || is_reference(v) || is_filler(v) {
        return true;
    }
    let b = v.as_bytes();
    has_marker(b) || vocabulary_only(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        for v in [
            "${DB_PASSWORD}",
            "${TOKEN:-x}",
            "$NPM_TOKEN",
            "$(cat /run/secrets/x)",
            "%API_KEY%",
            "{{ .Env.X }}",
            "${{ secrets.FLY_API_TOKEN }}",
            "@TOKEN@",
            "#{token}",
            "<your-key>",
        ] {
            assert!(is_reference(v), "{v}");
        }
        for v in ["$", "$1abc", "%%", "plain", "a${", "pa$$word"] {
            assert!(!is_reference(v), "{v}");
        }
    }

    #[test]
    fn vocab() {
        assert!(vocabulary_only(b"supersecretpassword"));
        assert!(vocabulary_only(b"your_api_key_here"));
        assert!(vocabulary_only(b"ChangeMe123"));
        assert!(vocabulary_only(b"password12345678"));
        assert!(!vocabulary_only(b"S3cr3tP4ssw0rd"));
        assert!(!vocabulary_only(b"1234"));
        assert!(!vocabulary_only(b"secret82047"));
        assert!(!vocabulary_only(b"django-insecure-q8f2k"));
    }
}
