//! `fixtures/vectors`: shared input → expected-JSON vectors, the contract
//! every front-end must reproduce exactly.

use super::repo;
use serde_json::{Value, json};

/// The call's JSON, or `{"error": {code, message, suggestion}}`.
fn outcome<T: serde::Serialize>(result: Result<T, flyconf::Error>) -> Value {
    match result {
        Ok(v) => serde_json::to_value(v).unwrap(),
        Err(e) => json!({ "error": flyconf::api::Failure::from(e) }),
    }
}

fn de<T: serde::de::DeserializeOwned + Default>(value: &Value) -> T {
    if value.is_null() {
        return T::default();
    }
    serde_json::from_value(value.clone()).unwrap()
}

fn run(op: &str, input: &Value) -> Value {
    let text = || input["text"].as_str().unwrap_or_default();
    let filename = || input["filename"].as_str().unwrap_or("fly.toml");
    match op {
        "check" => outcome(Ok(flyconf::api::check(text(), filename()))),
        "parse" => outcome(Ok(flyconf::api::parse(text()))),
        "fix" => outcome(flyconf::api::fix(text(), filename())),
        "detect_files" => {
            let files: Vec<(String, String)> = input["files"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect();
            let request: flyconf::api::DetectRequest = de(&input["options"]);
            let mut report = outcome(flyconf::api::detect_files(files, &request));
            if report.get("performance").is_some() {
                report["performance"]["detection_time_ms"] = json!(0);
            }
            report
        }
        "generate" => outcome(flyconf::api::generate(&de(input))),
        "plan" => outcome(flyconf::api::plan(&de(input))),
        "cost" => outcome(flyconf::api::cost(text(), &de(&input["inputs"]))),
        "templates" => outcome(Ok(flyconf::api::templates())),
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn every_vector_gives_its_expected_json() {
    let dir = repo().join("fixtures/vectors");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 7, "{} vectors", paths.len());
    for path in paths {
        let mut vector: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let got = run(vector["op"].as_str().unwrap(), &vector["input"]);
        if std::env::var_os("UPDATE_VECTORS").is_some() {
            vector["expected"] = got.clone();
            std::fs::write(&path, serde_json::to_string_pretty(&vector).unwrap() + "\n").unwrap();
        }
        assert_eq!(
            got,
            vector["expected"],
            "{} differs; if intended, run UPDATE_VECTORS=1 cargo test -p flyconf --test integration vectors",
            path.display()
        );
    }
}
