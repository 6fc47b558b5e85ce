//! `fixtures/vectors`: shared input → expected-JSON vectors, the contract
//! every front-end must reproduce exactly.

use super::repo;
use serde_json::{Value, json};

fn run(op: &str, input: &Value) -> Value {
    let text = || input["text"].as_str().unwrap_or_default();
    match op {
        "check" => serde_json::to_value(flyconf::api::check(
            text(),
            input["filename"].as_str().unwrap_or("fly.toml"),
        ))
        .unwrap(),
        "parse" => serde_json::to_value(flyconf::parse(text())).unwrap(),
        "detect_files" => {
            let files: Vec<(String, String)> = input["files"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect();
            let mut report = serde_json::to_value(
                flyconf::api::detect_files(files, &Default::default()).unwrap(),
            )
            .unwrap();
            report["performance"]["detection_time_ms"] = json!(0);
            report
        }
        "generate" => {
            let options: flyconf::generate::Options =
                serde_json::from_value(input.clone()).unwrap();
            serde_json::to_value(flyconf::generate::generate(&options).unwrap()).unwrap()
        }
        "cost" => {
            let config = flyconf::parse(text()).config;
            serde_json::to_value(flyconf::cost::estimate(
                &config,
                flyconf::cost::builtin_prices(),
                &Default::default(),
            ))
            .unwrap()
        }
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
