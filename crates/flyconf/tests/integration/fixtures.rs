//! `fixtures/fly-toml`: every invalid file raises the code it is named by,
//! every valid file raises nothing, and each report matches the exact JSON
//! stored beside it (`UPDATE_FIXTURES=1` rewrites them).

use super::repo;
use flyconf::diagnostic::{Category, registry};
use std::collections::BTreeSet;
use std::path::Path;

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(repo().join("fixtures/fly-toml").join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    out.sort();
    out
}

/// Checks `path` and compares the report with the `.json` beside it.
fn snapshot(path: &Path) -> flyconf::FileReport {
    let root = repo().join("fixtures/fly-toml");
    let rel = path
        .strip_prefix(&root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let report = flyconf::check_bytes(&rel, &std::fs::read(path).unwrap());
    let json = serde_json::to_string_pretty(&report).unwrap() + "\n";
    let expected_path = path.with_extension("json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&expected_path, &json).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|_| panic!("{} has no expected JSON; run UPDATE_FIXTURES=1 cargo test -p flyconf --test integration", rel));
    assert_eq!(
        json,
        expected,
        "{rel}: the report differs from {}",
        expected_path.display()
    );
    report
}

#[test]
fn invalid_files_raise_the_code_they_are_named_by() {
    let files = files("invalid");
    assert!(
        files.len() >= 60,
        "expected the invalid fixtures, found {}",
        files.len()
    );
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let code = &name[..5];
        let report = snapshot(&path);
        assert!(
            report.diagnostics.iter().any(|d| d.code == code),
            "{name} does not raise {code}: {:#?}",
            report.diagnostics
        );
        for d in &report.diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.line >= 1 && d.span.column >= 1,
                "{name}: bad span {:?}",
                d.span
            );
        }
    }
}

#[test]
fn valid_files_raise_nothing() {
    let files = files("valid");
    assert!(
        files.len() >= 8,
        "expected the valid fixtures, found {}",
        files.len()
    );
    for path in files {
        let report = snapshot(&path);
        assert!(
            report.diagnostics.is_empty(),
            "{}: {:#?}",
            path.display(),
            report.diagnostics
        );
    }
}

#[test]
fn every_fly_toml_rule_has_a_failing_fixture() {
    let named: BTreeSet<String> = files("invalid")
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy()[..5].to_owned())
        .collect();
    let missing: Vec<&str> = registry::all()
        .filter(|r| !matches!(r.category, Category::Dockerfile | Category::Migration))
        .map(|r| r.code)
        .filter(|c| !named.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without an invalid fixture: {missing:?}"
    );
}

#[test]
fn secrets_are_never_printed_in_full() {
    for path in files("invalid").into_iter().filter(|p| {
        p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("FS201")
    }) {
        let report = flyconf::check_bytes("fly.toml", &std::fs::read(&path).unwrap());
        let parsed = flyconf::parse(&std::fs::read_to_string(&path).unwrap());
        let json = serde_json::to_string(&report).unwrap();
        let mut values: Vec<&String> = parsed.config.env.values().collect();
        if let Some(b) = &parsed.config.build {
            values.extend(b.args.values());
        }
        for value in values.into_iter().filter(|v| v.len() >= 8) {
            if flyconf::secrets::scan("", value).is_some()
                || report.diagnostics.iter().any(|d| d.code == "FS201")
            {
                assert!(
                    !json.contains(value.as_str()),
                    "{}: the report contains the secret {value:?}",
                    path.display()
                );
            }
        }
    }
}
