//! Default-mode `flyconf detect`: output snapshots, exit statuses, errors.

use super::{flyconf, mask_time, stdout};

#[test]
fn text_output_snapshot() {
    let out = flyconf(&["detect", "fixtures/projects/monorepo-fly-services"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("text_monorepo", mask_time(&stdout(&out)));
}

#[test]
fn json_output_snapshot() {
    let out = flyconf(&[
        "detect",
        "fixtures/projects/mixed-k8s-helm-fly-migration",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("json_mixed", mask_time(&stdout(&out)));
}

#[test]
fn json_is_a_superset_of_the_upstream_shape() {
    let out = flyconf(&[
        "detect",
        "fixtures/projects/fly-express-basic",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "detected",
            "tools",
            "all_results",
            "detection_summary",
            "performance",
            "frameworks"
        ]
    );
    let tool = &v["tools"][0];
    let keys: Vec<&str> = tool
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "tool",
            "name",
            "description",
            "confidence",
            "signals",
            "signal_count",
            "high_confidence",
            "evidence",
            "locations"
        ]
    );
    assert_eq!(v["frameworks"][0]["framework"], "express");
    let conf: Vec<f64> = v["all_results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["confidence"].as_f64().unwrap())
        .collect();
    assert!(
        conf.windows(2).all(|w| w[0] >= w[1]),
        "sorted by confidence: {conf:?}"
    );
}

#[test]
fn single_tool_mode() {
    let out = flyconf(&[
        "detect",
        "fixtures/projects/fly-express-basic",
        "--tool",
        "flyio",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["tool"], "flyio");
    assert_eq!(v["kind"], "tools");
    assert_eq!(v["evidence"][0]["path"], "fly.toml");
    let out = flyconf(&[
        "detect",
        "fixtures/projects/fly-express-basic",
        "--tool",
        "kubernetes",
    ]);
    assert_eq!(out.status.code(), Some(1), "not detected");
    assert!(stdout(&out).contains("Kubernetes (kubernetes): not detected"));
}

#[test]
fn exit_statuses() {
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        flyconf(&["detect", empty.path().to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    // A framework alone counts as detected, unless --tools narrows the question.
    let only_framework = "fixtures/projects/static-index-html-only";
    assert_eq!(flyconf(&["detect", only_framework]).status.code(), Some(0));
    assert_eq!(
        flyconf(&["detect", only_framework, "--tools", "flyio"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn errors_are_structured() {
    let out = flyconf(&["detect", "/no/such/project", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["error"]["code"], "path-not-found");
    assert!(
        v["error"]["suggestion"]
            .as_str()
            .unwrap()
            .contains("existing project directory")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error[path-not-found]: project path `/no/such/project` does not exist"),
        "{stderr}"
    );

    let out = flyconf(&[
        "detect",
        "fixtures/projects/fly-express-basic",
        "--tool",
        "flyi",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `flyio`?"));

    let out = flyconf(&["detect", ".", "--min-confidence", "1.5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[invalid-min-confidence]"));

    let bad = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(bad.path(), r#"{"tools":{"x":{"detection_signals":{"s":{"weight":1,"file_patterns":["*.sh"],"patterns":["(unclosed"]}}}}}"#).unwrap();
    let out = flyconf(&[
        "detect",
        ".",
        "--patterns",
        bad.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["error"]["code"], "pattern-invalid-regex");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("tools.x.detection_signals.s.patterns[0]")
    );
}

#[test]
fn custom_pattern_files_replace_the_embedded_set_of_their_kind() {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        r#"{"tools":{"notes":{"name":"Release notes","detection_signals":{"changelog":{"weight":1,"files":["CHANGELOG.md"]}}}}}"#,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("CHANGELOG.md"), "# 1.0\n").unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        r#"{"dependencies":{"express":"4"}}"#,
    )
    .unwrap();
    let out = flyconf(&[
        "detect",
        dir.path().to_str().unwrap(),
        "--patterns",
        file.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["detection_summary"]["total_analyzed"], 1);
    assert_eq!(v["tools"][0]["tool"], "notes");
    assert_eq!(
        v["frameworks"][0]["framework"], "express",
        "embedded frameworks stay"
    );
}

#[test]
fn batch_mode_writes_one_json_line_per_project() {
    let out = flyconf(&["detect", "fixtures/projects", "--batch", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let dirs = std::fs::read_dir(super::repo().join("fixtures/projects"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .count();
    assert_eq!(lines.len(), dirs);
    assert_eq!(lines[0]["project"], "argocd-kustomize-koa");
    assert!(lines.iter().all(|l| l["detection_summary"].is_object()));
    let text = flyconf(&["detect", "fixtures/projects", "--batch"]);
    assert!(
        stdout(&text)
            .lines()
            .any(|l| l.starts_with("fly-express-basic: tools "))
    );
}
