//! `../shared/corpus/fly-toml`: 110 real files. Each is checked without a
//! crash; the files listed in `fixtures/fly-toml/corpus.json` have exactly
//! the listed error codes (genuine errors), every other file has no errors
//! (flyctl accepts it, so an error would be a false positive). Every file's
//! model survives the canonical-TOML round trip.

use super::{repo, shared};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn corpus_errors_are_exactly_the_known_ones() {
    let Some(shared) = shared() else {
        println!("../shared not present: corpus test skipped");
        return;
    };
    let dir = shared.join("corpus/fly-toml");
    let expectations: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("fixtures/fly-toml/corpus.json")).unwrap(),
    )
    .unwrap();
    let expected: BTreeMap<String, BTreeSet<String>> = expectations["genuine_errors"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v["codes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let mut checked = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let report = flyconf::check_bytes(&name, &std::fs::read(&path).unwrap());
        let errors: BTreeSet<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == flyconf::Severity::Error)
            .map(|d| d.code.to_owned())
            .collect();
        let want = expected.get(&name).cloned().unwrap_or_default();
        if errors != want {
            problems.push(format!("{name}: errors {errors:?}, expected {want:?}"));
        }
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} corpus files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corpus_models_round_trip_through_canonical_toml() {
    let Some(shared) = shared() else { return };
    for entry in std::fs::read_dir(shared.join("corpus/fly-toml")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let first = flyconf::parse(&text).config;
        let canonical = first.to_toml();
        let second = flyconf::parse(&canonical);
        assert_eq!(first, second.config, "{}:\n{canonical}", path.display());
        assert!(
            second
                .diagnostics
                .iter()
                .all(|d| d.code != "FT001" && d.code != "FT003"),
            "{}: {:#?}",
            path.display(),
            second.diagnostics
        );
    }
}
