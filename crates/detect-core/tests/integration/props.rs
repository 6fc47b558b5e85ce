//! Properties over arbitrary trees: detection never panics, confidences
//! stay in [0, 1], and adding a file never lowers any tool's confidence.

use std::collections::BTreeMap;

use detect_core::{DetectOptions, Detector, MemoryProject};
use proptest::prelude::*;

/// Path segments drawn from names the patterns care about, plus noise.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("fly.toml".to_owned()),
        Just("fly.production.toml".to_owned()),
        Just("Dockerfile".to_owned()),
        Just("package.json".to_owned()),
        Just("requirements.txt".to_owned()),
        Just("Chart.yaml".to_owned()),
        Just("deploy.sh".to_owned()),
        Just("k8s".to_owned()),
        Just(".github".to_owned()),
        Just("workflows".to_owned()),
        Just("node_modules".to_owned()),
        Just("app.yaml".to_owned()),
        "[a-zA-Z0-9._-]{1,12}",
        "[^/\\\\\\x00]{1,8}",
    ]
    .prop_filter("`.` and `..` cannot name a file", |s| s != "." && s != "..")
}

fn content() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"app = \"x\"\nprimary_region = \"ams\"\n".to_vec()),
        Just(b"apiVersion: apps/v1\nkind: Deployment\n".to_vec()),
        Just(b"{\"dependencies\": {\"express\": \"4\", \"next\": \"14\"}}".to_vec()),
        Just(b"fly deploy --remote-only\nflyctl deploy\n".to_vec()),
        Just(b"Django==5.0\nfastapi\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..200),
    ]
}

fn tree() -> impl Strategy<Value = BTreeMap<String, Vec<u8>>> {
    proptest::collection::btree_map(
        proptest::collection::vec(segment(), 1..5).prop_map(|s| s.join("/")),
        content(),
        0..16,
    )
}

/// Whether `k` looks like a Windows drive path (`a:/x`).
fn drive(k: &str) -> bool {
    let b = k.as_bytes();
    b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/'
}

/// Drops paths that are a directory of another path (a file and a
/// directory cannot share a name), and Windows drive paths (`a:/x`), which
/// `MemoryProject` refuses as absolute.
fn consistent(files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let keys: Vec<String> = files.keys().cloned().collect();
    files
        .into_iter()
        .filter(|(k, _)| !drive(k) && !keys.iter().any(|o| o.starts_with(&format!("{k}/"))))
        .collect()
}

fn confidences(detector: &Detector, files: &BTreeMap<String, Vec<u8>>) -> Vec<(String, f64)> {
    let project = MemoryProject::from_files(files.clone()).unwrap();
    let mut scratch = detector.scratch();
    let report = detector
        .detect(&project, &mut scratch, &DetectOptions::default())
        .unwrap();
    let mut all: Vec<(String, f64)> = detector
        .ids()
        .map(|(id, _)| {
            (
                id.to_owned(),
                report.get(id).map_or(0.0, |t| t.confidence()),
            )
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn never_panics_and_confidence_is_a_probability(files in tree()) {
        let detector = Detector::builtin().unwrap();
        for (_, c) in confidences(&detector, &consistent(files)) {
            prop_assert!((0.0..=1.0).contains(&c), "{c}");
        }
    }

    #[test]
    fn adding_a_file_never_lowers_a_confidence(files in tree(), path in proptest::collection::vec(segment(), 1..4), body in content()) {
        let detector = Detector::builtin().unwrap();
        let files = consistent(files);
        let path = path.join("/");
        prop_assume!(!drive(&path) && !files.contains_key(&path) && !files.keys().any(|k| k.starts_with(&format!("{path}/")) || path.starts_with(&format!("{k}/"))));
        let before = confidences(&detector, &files);
        let mut more = files.clone();
        more.insert(path, body);
        let after = confidences(&detector, &more);
        for ((id, b), (_, a)) in before.iter().zip(&after) {
            prop_assert!(a >= b, "{id}: {b} -> {a}");
        }
    }

    #[test]
    fn arbitrary_pattern_files_never_panic(
        text in "\\PC{0,400}",
        globs in proptest::collection::vec("[a-z*?{},./\\[\\]!-]{0,12}", 1..4),
        regexes in proptest::collection::vec("[a-z()|*+?.\\\\\\[\\]{}^$-]{0,12}", 1..4),
        weight in -0.5f64..1.5,
        files in tree(),
    ) {
        if let Ok(file) = detect_core::PatternFile::from_json(&text, "fuzz.json") {
            let _ = detect_core::DetectorBuilder::new().patterns(file).build();
        }
        let json = serde_json::json!({"tools": {"t": {"detection_signals": {
            "a": {"weight": weight, "file_patterns": globs, "patterns": regexes},
            "b": {"weight": 0.5, "files": globs},
        }}}});
        if let Ok(file) = detect_core::PatternFile::from_json(&json.to_string(), "gen.json")
            && let Ok(detector) = detect_core::DetectorBuilder::new().patterns(file).build() {
                let project = MemoryProject::from_files(consistent(files)).unwrap();
                let mut scratch = detector.scratch();
                let report = detector.detect(&project, &mut scratch, &DetectOptions::default()).unwrap();
                let c = report.get("t").unwrap().confidence();
                prop_assert!((0.0..=1.0).contains(&c));
            }
    }
}
