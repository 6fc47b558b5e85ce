//! Tests of `flyconf migrate`: the fixtures converted end to end, edge cases,
//! and property tests that no input panics or yields an invalid fly.toml.

mod compose;
mod edge;
mod heroku;
mod k8s;
mod props;

use super::*;
use crate::Severity;
use std::path::PathBuf;

/// `fixtures/migrate/<name>` at the repository root.
fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/migrate")
        .join(name)
}

/// Migrates a fixture directory with default options.
fn migrate_fixture(name: &str) -> Migration {
    migrate_path(&fixture(name), &MigrateOptions::default()).expect("fixture is readable")
}

/// Migrates in-memory files with default options.
fn migrate(files: &[(&str, &str)]) -> Migration {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect();
    migrate_files(&files, &MigrateOptions::default())
}

/// The app called `name`.
fn app<'m>(m: &'m Migration, name: &str) -> &'m MigratedApp {
    m.apps.iter().find(|a| a.name == name).unwrap_or_else(|| {
        panic!(
            "no app {name}: {:?}",
            m.apps.iter().map(|a| &a.name).collect::<Vec<_>>()
        )
    })
}

/// Every generated fly.toml passes `flyconf check` with no error, parses back
/// to the same model, and names its app and region.
fn assert_valid(m: &Migration) {
    for a in &m.apps {
        let parsed = crate::parse(&a.fly_toml);
        let errors: Vec<String> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}\n{}", a.name, a.fly_toml);
        assert_eq!(parsed.config, a.config, "{} does not round-trip", a.name);
        assert_eq!(a.config.app.as_deref(), Some(a.name.as_str()));
        assert!(a.config.primary_region.is_some());
        assert_eq!(a.fly_toml, a.config.to_toml());
    }
    assert!(
        !m.diagnostics.iter().any(|d| d.code == "MG523"),
        "{:?}",
        m.diagnostics
    );
}

/// Codes of the diagnostics whose key path starts with `prefix`.
fn codes(m: &Migration, prefix: &str) -> Vec<&'static str> {
    m.diagnostics
        .iter()
        .filter(|d| d.key_path.as_deref().is_some_and(|k| k.starts_with(prefix)))
        .map(|d| d.code)
        .collect()
}

/// The diagnostic with `code` at exactly `key_path`.
fn diag<'m>(m: &'m Migration, code: &str, key_path: &str) -> &'m Diagnostic {
    m.diagnostics
        .iter()
        .find(|d| d.code == code && d.key_path.as_deref() == Some(key_path))
        .unwrap_or_else(|| {
            panic!(
                "no {code} at {key_path}: {:#?}",
                m.diagnostics
                    .iter()
                    .map(|d| (d.code, d.key_path.clone()))
                    .collect::<Vec<_>>()
            )
        })
}

/// The source text a diagnostic's span covers.
fn spanned<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    &text[d.span.start..d.span.end]
}

/// Reads a fixture file.
fn read(path: &str) -> String {
    std::fs::read_to_string(fixture(path)).expect("fixture file")
}

/// The whole migration as JSON (what the CLI prints).
fn json(m: &Migration) -> String {
    serde_json::to_string(m).expect("serialises")
}

#[test]
fn output_json_has_the_documented_shape() {
    let m = migrate_fixture("heroku-node");
    let v: serde_json::Value = serde_json::from_str(&json(&m)).expect("valid JSON");
    assert_eq!(v["sources"], serde_json::json!(["Procfile", "app.json"]));
    let a = &v["apps"][0];
    for key in [
        "name", "source", "path", "config", "fly_toml", "secrets", "notes",
    ] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    assert_eq!(a["config"]["http_service"]["internal_port"], 8080);
    let d = &v["diagnostics"][0];
    for key in [
        "code",
        "severity",
        "message",
        "span",
        "key_path",
        "suggestion",
        "docs",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn every_diagnostic_names_its_source_file() {
    for f in ["heroku-node", "compose", "k8s"] {
        let m = migrate_fixture(f);
        for d in &m.diagnostics {
            let kp = d.key_path.as_deref().unwrap_or_default();
            assert!(
                m.sources.iter().any(|s| kp.starts_with(s.as_str())),
                "{kp} names no source of {:?}",
                m.sources
            );
            assert!(
                crate::diagnostic::registry::lookup(d.code).is_some(),
                "{} is not an MG rule",
                d.code
            );
            assert!(d.docs.ends_with(d.code));
        }
    }
}
