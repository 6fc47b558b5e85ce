//! Redaction: a printable form that identifies a value without revealing it.

use std::fmt::Write as _;

use super::creds::for_each_cred;
use super::names::NameInfo;
use super::rules::{Provider, find_provider, pem_header};

/// Mask written in place of an embedded password.
const MASK: &str = "****";

/// How many leading characters of an `n`-character value may be shown.
fn visible_prefix(n: usize) -> usize {
    match n {
        0..=8 => 0,
        9..=15 => 2,
        _ => 4,
    }
}

/// `…(N chars)`.
fn length_only(n: usize) -> String {
    format!("…({n} chars)")
}

/// The first `k` characters of `value`, cut before any whitespace or control character.
fn prefix(value: &str, k: usize) -> &str {
    let end = value
        .char_indices()
        .take(k)
        .find(|(_, c)| c.is_whitespace() || c.is_control())
        .map_or_else(
            || value.char_indices().nth(k).map_or(value.len(), |(i, _)| i),
            |(i, _)| i,
        );
    value.get(..end).unwrap_or("")
}

/// `value` with each embedded password/key span replaced by [`MASK`], plus the secrets
/// that were masked. `None` if there is nothing to mask.
fn mask_creds(value: &str) -> Option<(String, Vec<&str>)> {
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for_each_cred(value, |c| {
        spans.push((c.start, c.end, c.secret));
        spans.len() < 256
    });
    if spans.is_empty() {
        return None;
    }
    let spans: Vec<(usize, usize, &str)> =
        crate::order::sorted(spans.iter().enumerate().map(|(i, s)| (s.0, s.1, i)))
            .filter_map(|i| spans.get(i).copied())
            .collect();
    let mut out = String::with_capacity(value.len());
    let mut pos = 0;
    for &(start, end, _) in &spans {
        if start < pos {
            // Overlaps a span already masked: extend the mask, do not re-emit text.
            pos = pos.max(end);
            continue;
        }
        out.push_str(value.get(pos..start)?);
        out.push_str(MASK);
        pos = end;
    }
    out.push_str(value.get(pos..)?);
    Some((out, spans.into_iter().map(|s| s.2).collect()))
}

/// See [`crate::secrets::redact`].
pub(crate) fn redact(value: &str) -> String {
    let n = value.chars().count();
    let mut secrets: Vec<&str> = Vec::new();
    let preferred = if let Some(header) =
        memchr::memmem::find(value.as_bytes(), b"-----BEGIN").and_then(|_| pem_header(value))
    {
        let mut s = String::with_capacity(header.len() + 16);
        s.push_str(header);
        let _ = write!(s, "…({n} chars)");
        s
    } else if let Some((masked, found)) = mask_creds(value)
        // Keep the URL shape only if nothing else secret is left in it
        // (`https://ghp_…:x-oauth-basic@github.com`).
        && find_provider(&masked, NameInfo::default()) == Provider::Nothing
    {
        secrets = found;
        masked
    } else {
        let mut s = String::from(prefix(value, visible_prefix(n)));
        let _ = write!(s, "…({n} chars)");
        s
    };
    let safe = |candidate: &str| {
        (value.is_empty() || !candidate.contains(value))
            && secrets.iter().all(|s| !candidate.contains(s))
    };
    if safe(&preferred) {
        return preferred;
    }
    let fallback = length_only(n);
    if safe(&fallback) {
        return fallback;
    }
    String::from("[redacted]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(prefix("abcdef", 4), "abcd");
        assert_eq!(prefix("ab def", 4), "ab");
        assert_eq!(prefix("ÄÖÜßxyz", 4), "ÄÖÜß");
        assert_eq!(prefix("ab", 4), "ab");
        assert_eq!(prefix("", 4), "");
    }

    #[test]
    fn shapes() {
        assert_eq!(redact("short"), "…(5 chars)");
        assert_eq!(redact("hunter2!x"), "hu…(9 chars)");
        assert_eq!(
            redact("postgres://app:s3cr3tpw@db.example.com:5432/app"),
            "postgres://app:****@db.example.com:5432/app"
        );
        assert_eq!(redact("postgres://postgres:postgres@db/app"), "…(35 chars)");
        assert_eq!(redact("x://u:****@h"), "…(12 chars)");
    }
}
