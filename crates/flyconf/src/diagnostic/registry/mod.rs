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

/// A rule: its code, name, severity, family, summary and documentation
/// link. Diagnostics are made from these.
///
/// The long-form documentation ([`RuleDocs`], read through [`Rule::docs`])
/// is kept in a table of its own, so that a program that reports rules but
/// never explains them (the WASM module) does not carry it. A rule
/// serialises with its documentation, in the order of `flyconf explain
/// --format json`: code, name, severity, category, summary, what, why,
/// example, fix, docs_url.
#[derive(Debug)]
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
    /// Link to the rule's section in `docs/rules.md`.
    pub docs_url: &'static str,
}

/// A rule's documentation, as `flyconf explain` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleDocs {
    /// What the rule checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A snippet that triggers the rule.
    pub example: &'static str,
    /// How to fix it (often a corrected snippet).
    pub fix: &'static str,
}

impl Rule {
    /// The rule's documentation.
    pub fn docs(&self) -> &'static RuleDocs {
        static NONE: RuleDocs = RuleDocs {
            what: "",
            why: "",
            example: "",
            fix: "",
        };
        FAMILIES
            .iter()
            .find_map(|(rules, docs)| {
                let i = rules.iter().position(|r| r.code == self.code)?;
                docs.get(i)
            })
            .unwrap_or(&NONE)
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let docs = self.docs();
        let mut s = serializer.serialize_struct("Rule", 10)?;
        s.serialize_field("code", self.code)?;
        s.serialize_field("name", self.name)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("category", &self.category)?;
        s.serialize_field("summary", self.summary)?;
        s.serialize_field("what", docs.what)?;
        s.serialize_field("why", docs.why)?;
        s.serialize_field("example", docs.example)?;
        s.serialize_field("fix", docs.fix)?;
        s.serialize_field("docs_url", self.docs_url)?;
        s.end()
    }
}

/// Each family's rules and, in the same order, their documentation.
static FAMILIES: [(&[&Rule], &[RuleDocs]); 6] = [
    (schema::RULES, schema::DOCS),
    (flyctl::RULES, flyctl::DOCS),
    (security::RULES, security::DOCS),
    (reliability::RULES, reliability::DOCS),
    (dockerfile::RULES, dockerfile::DOCS),
    (migration::RULES, migration::DOCS),
];

/// Declares a family's rules: a `pub static` [`Rule`] for each, and the
/// family's `RULES` and `DOCS` tables (same order, the order written).
macro_rules! rules {
    ($(
        $(#[$attr:meta])*
        $ident:ident = $code:literal $name:literal $severity:ident $category:ident,
        summary: $summary:literal,
        what: $what:literal,
        why: $why:literal,
        example: $example:literal,
        fix: $fix:literal
    );+ $(;)?) => {
        $(
            #[doc = concat!("`", $code, "` ", $name, ": ", $summary)]
            $(#[$attr])*
            pub static $ident: $crate::diagnostic::Rule = $crate::diagnostic::Rule {
                code: $code,
                name: $name,
                severity: $crate::diagnostic::Severity::$severity,
                category: $crate::diagnostic::Category::$category,
                summary: $summary,
                docs_url: concat!("https://github.com/flyconf/flyconf/blob/main/docs/rules.md#", $code),
            };
        )+

        /// Rules of this family, in code order.
        pub(super) static RULES: &[&$crate::diagnostic::Rule] = &[$(&$ident),+];

        /// Their documentation, in the same order.
        pub(super) static DOCS: &[$crate::diagnostic::registry::RuleDocs] = &[$(
            $crate::diagnostic::registry::RuleDocs {
                what: $what,
                why: $why,
                example: $example,
                fix: $fix,
            }
        ),+];
    };
}
pub(crate) use rules;

/// Every rule, in code order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|(rules, _)| rules.iter().copied())
}

/// The rule with `code` (case-insensitive), or by its kebab-case name.
pub fn lookup(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code.eq_ignore_ascii_case(code) || r.name.eq_ignore_ascii_case(code))
}

/// Renders a rule's documentation as Markdown (used by `flyconf explain` and `docs/rules.md`).
pub fn to_markdown(rule: &Rule) -> String {
    let docs = rule.docs();
    format!(
        "## {code} {name}\n\n{summary}\n\nDefault severity: {severity}.\n\n### What it checks\n\n{what}\n\n### Why\n\n{why}\n\n### Example\n\n```{lang}\n{example}\n```\n\n### Fix\n\n{fix}\n",
        code = rule.code,
        name = rule.name,
        summary = rule.summary,
        severity = rule.severity.as_str(),
        what = docs.what,
        why = docs.why,
        lang = if rule.category == Category::Dockerfile {
            "dockerfile"
        } else {
            "toml"
        },
        example = docs.example.trim_end(),
        fix = docs.fix,
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
            let docs = rule.docs();
            for (field, text) in [
                ("what", docs.what),
                ("why", docs.why),
                ("example", docs.example),
                ("fix", docs.fix),
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
