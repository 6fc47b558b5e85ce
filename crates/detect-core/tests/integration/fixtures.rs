//! The project's own labelled fixtures (fixtures/projects/labels.json):
//! every one must come out exactly as labelled.

use serde_json::Value;

use super::{outcome, repo};

fn labels() -> serde_json::Map<String, Value> {
    let path = repo().join("fixtures/projects/labels.json");
    let labels: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    labels["projects"].as_object().unwrap().clone()
}

#[test]
fn every_labelled_fixture_is_detected_exactly() {
    let dir = repo().join("fixtures/projects");
    let projects = &labels();
    assert!(projects.len() >= 40, "at least 40 labelled projects");
    let detector = detect_core::Detector::builtin().unwrap();
    let mut failures = Vec::new();
    for (name, label) in projects {
        let mut want_tools: Vec<String> = label["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_owned())
            .collect();
        want_tools.sort();
        let want_framework = label["framework"].as_str().map(str::to_owned);
        let (tools, framework) = outcome(&detector, &dir.join(name));
        if tools != want_tools || framework != want_framework {
            failures.push(format!("{name}: tools {tools:?} (want {want_tools:?}), framework {framework:?} (want {want_framework:?})"));
        }
    }
    // Every directory has a label.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            let name = entry.file_name().into_string().unwrap();
            assert!(projects.contains_key(&name), "{name} has no label");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        projects.len(),
        failures.join("\n")
    );
}

#[test]
fn labels_cover_every_tool_and_framework_id() {
    let projects = labels();
    let detector = detect_core::Detector::builtin().unwrap();
    for (id, kind) in detector.ids() {
        let covered = projects.values().any(|l| match kind {
            detect_core::SetKind::Tools => l["tools"].as_array().unwrap().iter().any(|t| t == id),
            detect_core::SetKind::Frameworks => l["framework"] == id,
        });
        // `container` and `ocaml` are fallbacks no fixture needs as its answer.
        if !["container", "ocaml"].contains(&id) {
            assert!(covered, "no fixture expects `{id}`");
        }
    }
}
