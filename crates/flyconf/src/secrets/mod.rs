//! Hardcoded-credential detection for configuration values (fly.toml `[env]`,
//! `[build.args]`, `[[files]] raw_value`, HTTP check headers, Dockerfile `ENV`/`ARG`).
//!
//! [`scan`] combines three kinds of evidence, strongest first:
//!
//! 1. **Provider-shaped tokens**, whatever the name: AWS key ids, GitHub/GitLab/Slack/
//!    Stripe/OpenAI/Anthropic/Fly.io/Google/npm/PyPI/… tokens, JWTs and PEM private keys.
//!    All patterns are compiled once (lazily) into one multi-pattern regex, so a value is
//!    searched once for all providers; each match must also pass an entropy floor and
//!    must not look like a documentation sample (`…EXAMPLE`, `xxxx`, `<…>`) or a
//!    public-by-design key (Supabase `anon` JWT, Firebase web key under `NEXT_PUBLIC_*`).
//! 2. **Embedded credentials**: `scheme://user:password@host` (any scheme, any password
//!    characters) and `password=`/`AccountKey=`/`?api_key=` fields of connection strings,
//!    unless the password is a placeholder, a reference, or equal to the user name.
//! 3. **Secret-like names** (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `*_API_KEY`,
//!    `SECRET_KEY_BASE`, `DATABASE_URL`, …) holding a literal that is not a placeholder,
//!    path, number, duration, word-only value or URL, is at least 8 characters long and
//!    has enough Shannon entropy.
//!
//! Base64 values (e.g. `[[files]] raw_value`) that decode to text are also searched for
//! (1) and (2). A typical short value costs a few hundred nanoseconds and allocates
//! nothing unless it is reported.
#![warn(missing_docs)]

mod b64;
mod creds;
mod engine;
mod entropy;
mod names;
mod placeholder;
mod redact;
mod rules;
#[cfg(test)]
mod tests;

use names::NameInfo;

/// Kind: a URL whose userinfo has a literal password.
const KIND_URL_PASSWORD: &str = "a URL with an embedded password";
/// Kind: a key/value connection string with a literal `password=`.
const KIND_FIELD_PASSWORD: &str = "a connection string with an embedded password";
/// Kind: a URL or connection string with a literal `api_key=`/`token=`/`AccountKey=`.
const KIND_FIELD_KEY: &str = "a URL or connection string with an embedded key or token";
/// Kind: a 40-character AWS secret access key.
const KIND_AWS_SECRET: &str = "an AWS secret access key";
/// Kind: `Authorization: Basic …` with a literal password.
const KIND_BASIC_AUTH: &str = "HTTP Basic credentials";
/// Kind: name-based detection.
const KIND_GENERIC: &str = "a high-entropy value under a secret-like name";

/// A value that looks like a hardcoded credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretFinding {
    /// What it looks like, for messages: "an AWS access key ID", "a URL with an embedded password", …
    pub kind: &'static str,
    /// A redacted form of the value that is safe to print (never the full secret).
    pub redacted: String,
}

/// Whether `value`, stored under the variable/key `name`, is a hardcoded credential.
#[must_use]
pub fn scan(name: &str, value: &str) -> Option<SecretFinding> {
    let v = placeholder::strip_quotes(value.trim());
    if v.is_empty() {
        return None;
    }
    let info = names::classify(name);
    let kind = detect(v, info)?;
    Some(SecretFinding {
        kind,
        redacted: redact(v),
    })
}

/// Whether `name` is the name of a variable that normally holds a secret
/// (`DATABASE_URL`, `*_PASSWORD`, `*_TOKEN`, `SECRET_KEY_BASE`, …), regardless of its value.
#[must_use]
pub fn is_secret_name(name: &str) -> bool {
    names::classify(name).secret
}

/// A printable form of a secret: enough to recognise it, never enough to use it.
///
/// * Values of at most 8 characters show nothing: `…(6 chars)`.
/// * Longer values show their first 2 (up to 15 characters) or 4 characters:
///   `AKIA…(20 chars)`.
/// * URLs and connection strings keep their shape with passwords masked:
///   `postgres://app:****@db.example.com:5432/app`.
/// * PEM keys show their header: `-----BEGIN RSA PRIVATE KEY-----…(1679 chars)`.
///
/// The result never contains `value` itself (for non-empty values) nor a masked password.
#[must_use]
pub fn redact(value: &str) -> String {
    redact::redact(value)
}

/// Whether `value` is a placeholder or reference rather than a literal
/// (`${VAR}`, `$VAR`, `{{ x }}`, `changeme`, `<your-key>`, empty, …).
///
/// Recognised: empty/blank values; whole-value references (`${VAR}`, `${VAR:-x}`, `$VAR`,
/// `$(cmd)`, `%VAR%`, `{{ .Env.X }}`, `${{ secrets.X }}`, `@VAR@`, `#{x}`, `<…>`); filler
/// (`xxx`, `****`, `...`, one character repeated); values containing markers such as
/// `example`, `changeme`, `placeholder`, `redacted`, `dummy`, `xxxx`, `<…>` or starting with
/// `your`; and values made only of placeholder words and short digit groups
/// (`your-api-key-here`, `supersecretpassword`, `password123`, `test`, `none`, `null`).
#[must_use]
pub fn is_placeholder(value: &str) -> bool {
    placeholder::is_placeholder(value)
}

/// The detection pipeline on a trimmed, unquoted, non-empty value.
fn detect(v: &str, info: NameInfo) -> Option<&'static str> {
    let provider = rules::find_provider(v, info);
    if let rules::Provider::Secret(kind) = provider {
        return Some(kind);
    }
    if let Some(kind) = embedded_credential(v) {
        return Some(kind);
    }
    if provider == rules::Provider::Dismissed {
        // A sample (`…EXAMPLE`, jwt.io), a public key (Supabase anon, Firebase web key):
        // the name must not turn it back into a finding.
        return None;
    }
    if let Some(kind) = inside_base64(v, info) {
        return Some(kind);
    }
    if aws_secret_shape(v, info) {
        return Some(KIND_AWS_SECRET);
    }
    if info.secret || info.authorization {
        return by_name(v);
    }
    None
}

/// The first literal credential embedded in a URL or connection string.
fn embedded_credential(v: &str) -> Option<&'static str> {
    let mut found = None;
    creds::for_each_cred(v, |c| {
        if creds::is_literal(&c) {
            found = Some(match c.kind {
                creds::CredKind::UrlPassword => KIND_URL_PASSWORD,
                creds::CredKind::FieldPassword => KIND_FIELD_PASSWORD,
                creds::CredKind::FieldKey => KIND_FIELD_KEY,
            });
        }
        found.is_none()
    });
    found
}

/// Base64 text (e.g. `[[files]] raw_value`): search the decoded text for provider tokens
/// and embedded credentials (one level only).
fn inside_base64(v: &str, info: NameInfo) -> Option<&'static str> {
    let b = v.as_bytes();
    let base64ish = |c: &u8| {
        c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b'_' | b'\n' | b'\r')
    };
    // Hex strings (SHAs, keys) are not base64-encoded text.
    if b.len() < 24 || !b.iter().all(base64ish) || b.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let text = b64::decode_text(b)?;
    match rules::find_provider(&text, info) {
        rules::Provider::Secret(kind) => Some(kind),
        _ => embedded_credential(&text),
    }
}

/// A 40-character AWS secret access key: any base64-ish 40-character literal under a name
/// mentioning AWS and a secret, or — whatever the name — one with mixed case, digits, a
/// `/` or `+`, entropy ≥ 4.25 and no text inside (the `TruffleHog` threshold).
fn aws_secret_shape(v: &str, info: NameInfo) -> bool {
    let b = v.as_bytes();
    if b.len() != 40
        || !b
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'+'))
    {
        return false;
    }
    let literal = || !placeholder::is_placeholder(v) && !entropy::looks_like_sample(b);
    if info.aws_secret {
        return entropy::shannon(b) >= 3.0 && literal();
    }
    !info.public
        && b.iter().any(u8::is_ascii_uppercase)
        && b.iter().any(u8::is_ascii_lowercase)
        && b.iter().any(u8::is_ascii_digit)
        && b.iter().any(|c| matches!(c, b'/' | b'+'))
        && entropy::shannon(b) >= 4.25
        && literal()
        && b64::decode_text(b).is_none()
}

/// Splits `Bearer xyz` / `Basic xyz` / `Token xyz` into scheme and credentials.
fn split_auth_scheme(v: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = v.split_once(' ')?;
    let rest = rest.trim_start();
    let scheme_ok = (2..=16).contains(&scheme.len())
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-');
    (scheme_ok && !rest.is_empty() && !rest.contains(char::is_whitespace)).then_some((scheme, rest))
}

fn is_word_only(v: &str) -> bool {
    v.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '_' | '.' | '-' | ' '))
}

fn is_numeric_like(v: &str) -> bool {
    v.bytes().any(|c| c.is_ascii_digit())
        && v.bytes().all(|c| {
            c.is_ascii_digit() || matches!(c, b'.' | b',' | b':' | b'_' | b'+' | b'-' | b'/' | b' ')
        })
}

/// `90s`, `1h30m`, `500ms`, `7d`, `1.5h`.
fn is_duration(v: &str) -> bool {
    let b = v.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    while i < b.len() {
        let num_start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
            i += 1;
        }
        let unit_start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let unit = &b[unit_start..i];
        let unit_ok = matches!(
            unit,
            b"ns" | b"us" | b"ms" | b"s" | b"m" | b"h" | b"d" | b"w" | b"y"
        );
        if unit_start == num_start || !unit_ok {
            return false;
        }
        groups += 1;
    }
    groups > 0
}

/// `/data/db.sqlite`, `./config/x.pem`, `~/.ssh/id`, `C:\keys\x`, `/run/secrets/token`:
/// a path, as long as it does not look like a base64 blob that happens to start with `/`.
fn is_path(v: &str) -> bool {
    let b = v.as_bytes();
    let rooted = b.starts_with(b"/")
        || b.starts_with(b"./")
        || b.starts_with(b"../")
        || b.starts_with(b"~/")
        || (b.len() > 2
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && matches!(b[2], b'\\' | b'/'));
    if !rooted || v.contains(char::is_whitespace) {
        return false;
    }
    let separators = b.iter().filter(|&&c| c == b'/' || c == b'\\').count();
    let has_extension = v
        .rsplit(['/', '\\'])
        .next()
        .and_then(|last| last.rsplit_once('.'))
        .is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (1..=8).contains(&ext.len())
                && ext.bytes().all(|c| c.is_ascii_alphanumeric())
        });
    // Base64 segments are long, mixed-case and contain digits; path segments are not.
    let base64_segment = v.split(['/', '\\', '.', '-', '_']).any(|seg| {
        seg.len() >= 20
            && seg.bytes().any(|c| c.is_ascii_uppercase())
            && seg.bytes().any(|c| c.is_ascii_lowercase())
            && seg.bytes().any(|c| c.is_ascii_digit())
    });
    (separators >= 2 || has_extension) && !base64_segment
}

/// `file:./dev.db`, `sqlite:/data/app.db`: a scheme followed by a path (Prisma, `SQLite`).
fn is_scheme_path(v: &str) -> bool {
    let Some((scheme, rest)) = v.split_once(':') else {
        return false;
    };
    let scheme_ok = (2..=16).contains(&scheme.len())
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'));
    scheme_ok && ["/", "./", "../", "~/"].iter().any(|p| rest.starts_with(p))
}

/// `redis.internal:6379`, `my-db.flycast`, `10.0.0.4:5432`, `postgres:5432`: a host name
/// (lowercase labels) with an optional port.
fn is_host_port(v: &str) -> bool {
    let (host, port) = v.rsplit_once(':').unwrap_or((v, ""));
    let port_ok = port.is_empty() || (port.len() <= 5 && port.bytes().all(|c| c.is_ascii_digit()));
    if !port_ok {
        return false;
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    };
    let labels: Vec<&str> = host.split('.').collect();
    if !labels.iter().all(|l| label_ok(l)) {
        return false;
    }
    let ipv4 = labels.len() == 4 && host.bytes().all(|c| c.is_ascii_digit() || c == b'.');
    let last_alpha = labels
        .last()
        .is_some_and(|l| l.bytes().all(|c| c.is_ascii_lowercase()));
    match labels.len() {
        1 => !port.is_empty() && host.bytes().all(|c| c.is_ascii_lowercase() || c == b'-'),
        _ => ipv4 || last_alpha,
    }
}

/// Keys that are public by design even under secret-looking names: Stripe/Clerk
/// publishable keys (`pk_live_`, `pk_test_`), `PostHog` project keys (`phc_`), Mapbox
/// public tokens (`pk.eyJ`).
fn is_publishable(v: &str) -> bool {
    ["pk_live_", "pk_test_", "phc_", "pk.eyJ"]
        .iter()
        .any(|p| v.starts_with(p))
}

/// Name-based detection: a literal under a secret-like name.
fn by_name(v: &str) -> Option<&'static str> {
    let mut v = v;
    if let Some((scheme, rest)) = split_auth_scheme(v) {
        if scheme.eq_ignore_ascii_case("basic")
            && let Some(text) = b64::decode_text(rest.as_bytes())
        {
            let (user, pass) = text.split_once(':')?;
            return (!creds::password_is_placeholder(pass, user)).then_some(KIND_BASIC_AUTH);
        }
        v = rest;
    }
    if entropy::has_scheme_separator(v.as_bytes()) {
        return None; // URLs are judged by their userinfo only
    }
    let n = v.chars().count();
    if n < 8 || v.bytes().filter(|&c| c == b' ').count() >= 2 {
        return None;
    }
    if is_word_only(v)
        || is_numeric_like(v)
        || is_duration(v)
        || is_path(v)
        || is_scheme_path(v)
        || is_host_port(v)
        || is_publishable(v)
    {
        return None;
    }
    if placeholder::contains_reference(v) || placeholder::is_placeholder(v) {
        return None;
    }
    (entropy::shannon(v.as_bytes()) >= entropy::generic_threshold(n)).then_some(KIND_GENERIC)
}
