//! Real project skeletons from `../shared/corpus/projects` with their
//! LABELS.json: at least 95% must match exactly (tool set and framework).
//!
//! The corpus labels say `other` for an app with no recognised framework
//! and `none` for a repository without application code; flyconf names the
//! generic runtime instead (node, python, container, …), so those map to
//! `other`, and no framework maps to `none`. BENCHMARKS.md lists the
//! misses and why.

use serde_json::Value;

use super::{outcome, shared};

const GENERIC: &[&str] = &[
    "node",
    "python",
    "ruby",
    "php",
    "elixir",
    "java",
    "ocaml",
    "container",
];

#[test]
fn corpus_accuracy_is_at_least_95_percent() {
    let Some(shared) = shared() else {
        eprintln!("../shared is not present: corpus accuracy not measured");
        return;
    };
    let dir = shared.join("corpus/projects");
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("LABELS.json")).unwrap()).unwrap();
    let labels = labels.as_object().unwrap();
    let detector = detect_core::Detector::builtin().unwrap();
    let mut hits = 0;
    let mut misses = Vec::new();
    for (name, label) in labels {
        let mut want: Vec<String> = label["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_owned())
            .collect();
        want.sort();
        let (tools, framework) = outcome(&detector, &dir.join(name));
        let framework = match framework.as_deref() {
            None => "none".to_owned(),
            Some(f) if GENERIC.contains(&f) => "other".to_owned(),
            Some(f) => f.to_owned(),
        };
        if tools == want && framework == label["framework"].as_str().unwrap() {
            hits += 1;
        } else {
            misses.push(format!(
                "{name}: tools {tools:?} (label {want:?}), framework {framework} (label {})",
                label["framework"]
            ));
        }
    }
    let accuracy = f64::from(hits) / labels.len() as f64;
    eprintln!(
        "corpus accuracy {hits}/{} = {:.1}%",
        labels.len(),
        accuracy * 100.0
    );
    for m in &misses {
        eprintln!("  miss: {m}");
    }
    assert!(
        accuracy >= 0.95,
        "accuracy {accuracy:.3} below 0.95:\n{}",
        misses.join("\n")
    );
}
