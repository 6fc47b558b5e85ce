//! Credentials embedded in URLs (`scheme://user:password@host`) and in key/value
//! connection strings (`host=db password=… dbname=app`, `…;Password=…;`,
//! `?api_key=…`, Azure `AccountKey=…`).
//!
//! Hand-written scanning rather than a regex, so that passwords may contain any of the
//! RFC 3986 sub-delimiters (`!$&'()*+,;=`) and even unescaped `@`, `/`, `#` or `?`
//! (detect-secrets misses `postgres://admin:S3cr3tP4ssw0rd!@db.internal:5432/app`).

use memchr::{memchr, memrchr};

use super::entropy::{
    ends_with_ci, generic_threshold, has_scheme_separator, scheme_separators, shannon,
};
use super::placeholder::{contains_reference, is_placeholder};

/// At most this many `://` occurrences are examined per value.
const MAX_URLS: usize = 32;
/// At most this many `=` signs are examined per value.
const MAX_EQUALS: usize = 64;
/// Userinfo + host is looked for within this many bytes after `://`.
const MAX_AUTHORITY: usize = 2048;

/// What kind of embedded credential a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CredKind {
    /// The password of `scheme://user:password@host`.
    UrlPassword,
    /// A `password=` / `pwd=` field of a key/value connection string or query string.
    FieldPassword,
    /// A `token=` / `api_key=` / `AccountKey=` / `sig=` field.
    FieldKey,
}

/// One embedded credential: the byte span of its secret part in the scanned value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cred<'a> {
    pub kind: CredKind,
    pub start: usize,
    pub end: usize,
    pub secret: &'a str,
    /// The user name next to it (URLs only; empty otherwise).
    pub user: &'a str,
}

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-')
}

/// Where the scheme ending at `sep` (the index of `://`) starts, if there is one.
fn scheme_start(b: &[u8], sep: usize) -> Option<usize> {
    let mut s = sep;
    while s > 0 && sep - s < 32 && is_scheme_byte(b[s - 1]) {
        s -= 1;
    }
    while s < sep && !b[s].is_ascii_alphabetic() {
        s += 1;
    }
    (s < sep).then_some(s)
}

/// Calls `f` for each credential-bearing URL in `value` until it returns `false`.
fn for_each_url_cred<'a>(value: &'a str, f: &mut impl FnMut(Cred<'a>) -> bool) -> bool {
    let b = value.as_bytes();
    for (count, sep) in scheme_separators(b).enumerate() {
        if count >= MAX_URLS {
            break;
        }
        if scheme_start(b, sep).is_none() {
            continue;
        }
        let auth_start = sep + 3;
        let window_end = b.len().min(auth_start.saturating_add(MAX_AUTHORITY));
        let Some(mut rest) = b.get(auth_start..window_end) else {
            continue;
        };
        // The URL ends at whitespace, a double quote, backtick or angle bracket (a single quote
        // is a legal password character), or where the next URL starts.
        let stop = rest
            .iter()
            .position(|c| c.is_ascii_whitespace() || matches!(c, b'"' | b'`' | b'<' | b'>'))
            .unwrap_or(rest.len());
        rest = &rest[..stop];
        if let Some(next) = scheme_separators(rest).next() {
            let cut = scheme_start(rest, next).unwrap_or(next);
            rest = &rest[..cut];
        }
        let natural_end = rest
            .iter()
            .position(|c| matches!(c, b'/' | b'?' | b'#'))
            .unwrap_or(rest.len());
        let at = if let Some(at) = memrchr(b'@', &rest[..natural_end]) {
            at
        } else {
            // Unescaped `/`, `?` or `#` in the password: `u:ab/cd@host`. Accept only if the
            // user part stays inside the natural authority and the "password" is not a
            // port followed by a path (`host:8080/@me`).
            let Some(at) = memchr(b'@', &rest[natural_end..]).map(|p| p + natural_end) else {
                continue;
            };
            let Some(colon) = memchr(b':', &rest[..natural_end]) else {
                continue;
            };
            let pass = &rest[colon + 1..at];
            let head_end = pass
                .iter()
                .position(|c| matches!(c, b'/' | b'?' | b'#'))
                .unwrap_or(pass.len());
            if pass[..head_end].iter().all(u8::is_ascii_digit) {
                continue;
            }
            at
        };
        let userinfo = &rest[..at];
        let host_ok = rest
            .get(at + 1)
            .is_some_and(|&h| h.is_ascii_alphanumeric() || h == b'[' || h >= 0x80);
        if !host_ok {
            continue;
        }
        let Some(colon) = memchr(b':', userinfo) else {
            continue; // user only: `https://user@host`
        };
        if colon + 1 == userinfo.len() {
            continue; // empty password
        }
        let (start, end) = (auth_start + colon + 1, auth_start + at);
        let (Some(secret), Some(user)) = (
            value.get(start..end),
            value.get(auth_start..auth_start + colon),
        ) else {
            continue;
        };
        let cred = Cred {
            kind: CredKind::UrlPassword,
            start,
            end,
            secret,
            user,
        };
        if !f(cred) {
            return false;
        }
    }
    true
}

/// Classifies a key of a key/value field.
fn field_kind(key: &[u8]) -> Option<CredKind> {
    const PASSWORD_KEYS: [&[u8]; 2] = [b"pwd", b"pass"];
    const KEY_KEYS: [&[u8]; 11] = [
        b"token",
        b"access_token",
        b"auth_token",
        b"api_key",
        b"apikey",
        b"api-key",
        b"client_secret",
        b"secret",
        b"accountkey",
        b"sharedaccesskey",
        b"sig",
    ];
    if ends_with_ci(key, b"password")
        || ends_with_ci(key, b"passwd")
        || PASSWORD_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k))
    {
        return Some(CredKind::FieldPassword);
    }
    KEY_KEYS
        .iter()
        .any(|k| key.eq_ignore_ascii_case(k))
        .then_some(CredKind::FieldKey)
}

/// Calls `f` for each `key=secret` field in `value` until it returns `false`.
fn for_each_field_cred<'a>(value: &'a str, f: &mut impl FnMut(Cred<'a>) -> bool) -> bool {
    let b = value.as_bytes();
    for (count, eq) in memchr::memchr_iter(b'=', b).enumerate() {
        if count >= MAX_EQUALS {
            break;
        }
        // Key: `[A-Za-z0-9_-]+` before optional spaces before `=`.
        let mut k_end = eq;
        while k_end > 0 && b[k_end - 1] == b' ' {
            k_end -= 1;
        }
        let mut k_start = k_end;
        while k_start > 0
            && (b[k_start - 1].is_ascii_alphanumeric() || matches!(b[k_start - 1], b'_' | b'-'))
        {
            k_start -= 1;
        }
        if k_start == k_end || k_end - k_start > 40 {
            continue;
        }
        let boundary_ok = k_start == 0
            || matches!(
                b[k_start - 1],
                b' ' | b';'
                    | b'&'
                    | b'?'
                    | b','
                    | b'.'
                    | b'\t'
                    | b'\n'
                    | b'"'
                    | b'\''
                    | b'{'
                    | b'('
            );
        if !boundary_ok {
            continue;
        }
        let Some(kind) = field_kind(&b[k_start..k_end]) else {
            continue;
        };
        // Value: quoted, or up to the next separator.
        let mut v_start = eq + 1;
        while v_start < b.len() && b[v_start] == b' ' {
            v_start += 1;
        }
        let (start, end) = match b.get(v_start) {
            Some(&q @ (b'"' | b'\'')) => {
                let inner = v_start + 1;
                let close = b
                    .get(inner..)
                    .and_then(|t| memchr(q, t))
                    .map_or(b.len(), |p| inner + p);
                (inner, close)
            }
            Some(_) => {
                let stop = b[v_start..]
                    .iter()
                    .position(|c| {
                        matches!(
                            c,
                            b' ' | b';' | b'&' | b',' | b'#' | b'\t' | b'\r' | b'\n' | b'"' | b'\''
                        )
                    })
                    .map_or(b.len(), |p| v_start + p);
                (v_start, stop)
            }
            None => continue,
        };
        if start >= end {
            continue;
        }
        let Some(secret) = value.get(start..end) else {
            continue;
        };
        if !f(Cred {
            kind,
            start,
            end,
            secret,
            user: "",
        }) {
            return false;
        }
    }
    true
}

/// Calls `f` for every embedded credential (URL passwords first, then fields) until it
/// returns `false`. Spans may overlap.
pub(crate) fn for_each_cred<'a>(value: &'a str, mut f: impl FnMut(Cred<'a>) -> bool) {
    let has_url = has_scheme_separator(value.as_bytes());
    if has_url && !for_each_url_cred(value, &mut f) {
        return;
    }
    if memchr(b'=', value.as_bytes()).is_some() {
        for_each_field_cred(value, &mut f);
    }
}

/// Whether a URL password or a Basic-auth password is a stand-in rather than a literal:
/// empty, a placeholder, a reference (`$PASS`, `${X}`, `%24{X}`), or equal to the user
/// name (`postgres:postgres`, `guest:guest` defaults).
pub(crate) fn password_is_placeholder(secret: &str, user: &str) -> bool {
    let b = secret.as_bytes();
    b.is_empty()
        || b[0] == b'$'
        || is_placeholder(secret)
        || contains_reference(secret)
        || secret == user
        || [b"%24".as_slice(), b"%7b", b"%3c"]
            .iter()
            .any(|p| b.get(..3).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

/// Whether `c` is a real, literal credential worth reporting.
pub(crate) fn is_literal(c: &Cred<'_>) -> bool {
    match c.kind {
        CredKind::UrlPassword | CredKind::FieldPassword => {
            !password_is_placeholder(c.secret, c.user)
        }
        CredKind::FieldKey => {
            let n = c.secret.chars().count();
            n >= 8
                && !password_is_placeholder(c.secret, c.user)
                && shannon(c.secret.as_bytes()) >= generic_threshold(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(v: &str) -> Vec<(CredKind, String)> {
        let mut out = Vec::new();
        for_each_cred(v, |c| {
            out.push((c.kind, c.secret.to_owned()));
            true
        });
        out
    }

    #[test]
    fn url_passwords() {
        use CredKind::UrlPassword as U;
        assert_eq!(
            creds("postgres://app:s3cr3t@db/app"),
            [(U, "s3cr3t".into())]
        );
        assert_eq!(
            creds("postgres://admin:S3cr3tP4ssw0rd!@db.internal:5432/app"),
            [(U, "S3cr3tP4ssw0rd!".into())]
        );
        assert_eq!(creds("redis://:p@ss@h:6379"), [(U, "p@ss".into())]);
        assert_eq!(creds("mysql://u:ab/cd#e@host/db"), [(U, "ab/cd#e".into())]);
        assert_eq!(
            creds("a redis://:one1@h1, redis://:two2@h2"),
            [(U, "one1".into()), (U, "two2".into())]
        );
        assert!(creds("https://user@host/x").is_empty());
        assert!(creds("https://host:8080/@me").is_empty());
        assert!(creds("https://host/a:b@c").is_empty());
        assert!(creds("postgres://u:@host").is_empty());
        assert!(creds("://:x@").is_empty());
        assert!(creds("x://a:b@").is_empty());
    }

    #[test]
    fn fields() {
        use CredKind::{FieldKey as K, FieldPassword as P};
        assert_eq!(
            creds("host=db user=app password=hunter2x dbname=app"),
            [(P, "hunter2x".into())]
        );
        assert_eq!(creds("Server=x;Pwd='a b';"), [(P, "a b".into())]);
        assert_eq!(creds("https://x/?api_key=q8Zr2&b=1"), [(K, "q8Zr2".into())]);
        assert!(creds("bypass=1").is_empty());
        assert!(creds("password=").is_empty());
    }
}
