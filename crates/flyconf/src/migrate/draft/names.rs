//! Names: unique app names, volume and secret names, and which environment
//! variables are secrets or reserved by Fly.io.

use std::collections::HashSet;

/// Hands out unique, valid app names.
#[derive(Debug, Default)]
pub(crate) struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    /// A unique name `prefix-base` (either part may be missing), sanitised to
    /// lowercase letters, digits and dashes, at most 63 characters.
    pub(crate) fn claim(&mut self, prefix: Option<&str>, base: Option<&str>) -> String {
        let prefix = prefix.map(sanitize_name).filter(|p| !p.is_empty());
        let base = base.map(sanitize_name).filter(|b| !b.is_empty());
        let name = match (prefix, base) {
            (Some(p), Some(b)) if b == p || b.starts_with(&format!("{p}-")) => b,
            (Some(p), Some(b)) => format!("{p}-{b}"),
            (Some(p), None) => p,
            (None, Some(b)) => b,
            (None, None) => "app".to_owned(),
        };
        let name = truncate_name(&name, 63);
        let mut candidate = name.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            let suffix = format!("-{n}");
            candidate = format!("{}{suffix}", truncate_name(&name, 63 - suffix.len()));
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// Lowercase letters, digits and single dashes; no leading or trailing dash.
pub(crate) fn sanitize_name(s: &str) -> String {
    crate::generate::app_name_from(s)
}

fn truncate_name(s: &str, max: usize) -> String {
    let cut: String = s.chars().take(max).collect();
    cut.trim_end_matches('-').to_owned()
}

/// A Fly.io volume name: lowercase letters, digits and underscores, at most 30 characters.
pub(crate) fn volume_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out: String = out.trim_end_matches('_').chars().take(30).collect();
    let out = out.trim_end_matches('_').to_owned();
    if out.is_empty() {
        "data".to_owned()
    } else {
        out
    }
}

/// An environment-variable-style secret name: `db-password` → `DB_PASSWORD`.
pub(crate) fn secret_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_owned();
    match out.chars().next() {
        None => "SECRET".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("_{out}"),
        Some(_) => out,
    }
}

/// Why an environment value must not go into `[env]`, if it must not.
pub(crate) fn secret_reason(name: &str, value: &str) -> Option<String> {
    if let Some(found) = crate::secrets::scan(name, value) {
        return Some(format!("its value looks like {}", found.kind));
    }
    if crate::secrets::is_secret_name(name) {
        return Some("its name marks it as a secret".to_owned());
    }
    None
}

/// Names Fly.io reserves in `[env]`.
pub(crate) fn reserved_env(name: &str) -> bool {
    name.starts_with("FLY_") || name == "PRIMARY_REGION"
}
