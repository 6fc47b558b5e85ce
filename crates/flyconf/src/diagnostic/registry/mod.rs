//! The one registry of diagnostic codes.
//!
//! Every rule has a stable code (`FT…` fly.toml file and schema, `FV…` the
//! checks flyctl itself makes, `FS…` security, `FR…` reliability, `DF…`
//! Dockerfile), a kebab-case name, a default severity, and documentation: what
//! it checks, why it matters, an example that triggers it, and the fix.
//! `flyconf explain CODE` prints that documentation; `docs/rules.md` is
//! generated from it.

mod dockerfile;
mod flyctl;
mod migration;
mod reliability;
mod schema;
mod security;

pub use dockerfile::*;
pub use flyctl::*;
/// The `MG` rules of `flyconf migrate`, by name.
pub mod migration_rules {
    pub use super::migration::*;
}
pub use reliability::*;
pub use schema::*;
pub use security::*;

use super::Severity;
use serde::Serialize;

/// Which family a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// fly.toml syntax, types, unknown keys and legacy forms (`FT`).
    Schema,
    /// The validations flyctl performs at `fly config validate`, deploy or launch (`FV`).
    Flyctl,
    /// Security lint (`FS`).
    Security,
    /// Reliability and correctness lint (`FR`).
    Reliability,
    /// Dockerfile lint (`DF`).
    Dockerfile,
    /// What `flyconf migrate` could not convert (`MG`).
    Migration,
}

impl Category {
    /// A heading for documentation.
    pub fn title(self) -> &'static str {
        match self {
            Category::Schema => "fly.toml syntax and schema",
            Category::Flyctl => "Checks flyctl makes",
            Category::Security => "Security",
            Category::Reliability => "Reliability",
            Category::Dockerfile => "Dockerfile",
            Category::Migration => "Migration (flyconf migrate)",
        }
    }
}

/// A rule: its code and its documentation.
#[derive(Debug, Serialize)]
pub struct Rule {
    /// Stable code, such as `FT004`.
    pub code: &'static str,
    /// Kebab-case name, such as `unknown-key`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Family.
    pub category: Category,
    /// One-line summary.
    pub summary: &'static str,
    /// What the rule checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A snippet that triggers the rule.
    pub example: &'static str,
    /// How to fix it (often a corrected snippet).
    pub fix: &'static str,
    /// Link to the rule's section in `docs/rules.md`.
    pub docs_url: &'static str,
}

/// Declares a rule as a `pub static` of type [`Rule`].
macro_rules! rule {
    (
        $(#[$attr:meta])*
        $ident:ident = $code:literal $name:literal $severity:ident $category:ident,
        summary: $summary:literal,
        what: $what:literal,
        why: $why:literal,
        example: $example:literal,
        fix: $fix:literal $(,)?
    ) => {
        #[doc = concat!("`", $code, "` ", $name, ": ", $summary)]
        $(#[$attr])*
        pub static $ident: $crate::diagnostic::Rule = $crate::diagnostic::Rule {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$severity,
            category: $crate::diagnostic::Category::$category,
            summary: $summary,
            what: $what,
            why: $why,
            example: $example,
            fix: $fix,
            docs_url: concat!("https://github.com/flyconf/flyconf/blob/main/docs/rules.md#", $code),
        };
    };
}
pub(crate) use rule;

/// Every rule, in code order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        schema::RULES,
        flyctl::RULES,
        security::RULES,
        reliability::RULES,
        dockerfile::RULES,
        migration::RULES,
    ]
    .into_iter()
    .flat_map(|rules| rules.iter().copied())
}

/// The rule with `code` (case-insensitive), or by its kebab-case name.
pub fn lookup(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code.eq_ignore_ascii_case(code) || r.name.eq_ignore_ascii_case(code))
}

/// Renders a rule's documentation as Markdown (used by `flyconf explain` and `docs/rules.md`).
pub fn to_markdown(rule: &Rule) -> String {
    format!(
        "## {code} {name}\n\n{summary}\n\nDefault severity: {severity}.\n\n### What it checks\n\n{what}\n\n### Why\n\n{why}\n\n### Example\n\n```{lang}\n{example}\n```\n\n### Fix\n\n{fix}\n",
        code = rule.code,
        name = rule.name,
        summary = rule.summary,
        severity = rule.severity.as_str(),
        what = rule.what,
        why = rule.why,
        lang = if rule.category == Category::Dockerfile {
            "dockerfile"
        } else {
            "toml"
        },
        example = rule.example.trim_end(),
        fix = rule.fix,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in all() {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            let prefix = match rule.category {
                Category::Schema => "FT",
                Category::Flyctl => "FV",
                Category::Security => "FS",
                Category::Reliability => "FR",
                Category::Dockerfile => "DF",
                Category::Migration => "MG",
            };
            assert!(
                rule.code.starts_with(prefix) && rule.code.len() == 5,
                "{}",
                rule.code
            );
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.name
            );
            for (field, text) in [
                ("what", rule.what),
                ("why", rule.why),
                ("example", rule.example),
                ("fix", rule.fix),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {field}", rule.code);
            }
        }
    }

    #[test]
    fn lookup_accepts_code_or_name_in_any_case() {
        let first = all().next().map(|r| r.code);
        let Some(code) = first else {
            panic!("empty registry")
        };
        assert_eq!(lookup(&code.to_lowercase()).map(|r| r.code), Some(code));
    }
}
