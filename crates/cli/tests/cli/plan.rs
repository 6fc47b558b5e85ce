//! `flyconf cost` and `flyconf recommend`.

use super::{flyconf, repo, stdout};

#[test]
fn cost_itemises_and_totals_a_generated_config() {
    let file = repo().join("skills/flyio/examples/python-django/fly.toml");
    let out = flyconf(&["cost", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let items = v["items"].as_array().unwrap();
    let sum: f64 = items.iter().map(|i| i["monthly"].as_f64().unwrap()).sum();
    assert!(
        (sum - v["monthly_total"].as_f64().unwrap()).abs() < 0.011,
        "{v}"
    );
    assert!(items.iter().any(|i| i["kind"] == "machine"));
    assert!(v["assumptions"].as_array().unwrap().len() >= 3);
    assert!(v["prices"]["as_of"].as_str().is_some());
    let two_regions = flyconf(&[
        "cost",
        file.to_str().unwrap(),
        "--regions",
        "iad,ams",
        "--format",
        "json",
    ]);
    let w: serde_json::Value = serde_json::from_str(&stdout(&two_regions)).unwrap();
    assert!(
        (w["monthly_total"].as_f64().unwrap() - 2.0 * v["monthly_total"].as_f64().unwrap()).abs()
            < 0.02,
        "{w}"
    );
    let text = stdout(&flyconf(&["cost", file.to_str().unwrap()]));
    assert!(
        text.starts_with("Estimated monthly cost: $") && text.contains("Assumptions:"),
        "{text}"
    );
}

#[test]
fn cost_of_a_missing_file_is_a_structured_error() {
    let out = flyconf(&["cost", "no/such/fly.toml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["error"]["code"], "path-not-found");
}

#[test]
fn recommend_places_services_of_a_mixed_project() {
    let dir = repo().join("fixtures/projects/mixed-k8s-helm-fly-migration");
    let out = flyconf(&["recommend", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["platform"], "mixed");
    let services = v["services"].as_array().unwrap();
    assert!(
        services
            .iter()
            .any(|s| s["path"] == "services/notifier" && s["platform"] == "fly.io"),
        "{v}"
    );
    assert!(
        services.iter().any(|s| s["platform"] == "kubernetes"),
        "{v}"
    );
    assert!(
        v["rationale"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| dir.join(r["evidence"].as_str().unwrap()).exists())
    );
    let text = stdout(&flyconf(&[
        "recommend",
        repo()
            .join("fixtures/projects/monorepo-fly-services")
            .to_str()
            .unwrap(),
    ]));
    assert!(text.starts_with("Recommendation: fly.io"), "{text}");
}

#[test]
fn migrate_converts_compose_and_writes_only_when_asked() {
    let src = repo().join("fixtures/migrate/compose");
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let out = flyconf(&["migrate", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let apps = v["apps"].as_array().unwrap();
    assert!(apps.len() >= 2, "{v}");
    for app in apps {
        let bad: Vec<_> = flyconf::check_fly_toml(app["fly_toml"].as_str().unwrap())
            .into_iter()
            .filter(|d| d.severity == flyconf::Severity::Error)
            .collect();
        assert!(bad.is_empty(), "{bad:#?}");
        assert!(
            !dir.path().join(app["path"].as_str().unwrap()).exists(),
            "migrate wrote without --write"
        );
    }
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"].as_str().unwrap().starts_with("MG"))
    );
    let out = flyconf(&["migrate", dir.path().to_str().unwrap(), "--write"]);
    assert_eq!(out.status.code(), Some(0));
    for app in apps {
        assert!(dir.path().join(app["path"].as_str().unwrap()).is_file());
    }
    let again = flyconf(&[
        "migrate",
        dir.path().to_str().unwrap(),
        "--write",
        "--format",
        "json",
    ]);
    assert_eq!(again.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(e["error"]["code"], "file-exists");
}
