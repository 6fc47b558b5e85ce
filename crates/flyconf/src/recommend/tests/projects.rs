//! Recommendations for real projects in fixtures/projects.

use super::*;
use std::path::{Path, PathBuf};

// Real projects.

fn fixtures() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../../fixtures/projects")]
        .into_iter()
        .find(|p| p.join("labels.json").is_file())
        .expect("fixtures/projects with labels.json")
}

fn on_fixture(name: &str) -> (PathBuf, Recommendation) {
    let dir = fixtures().join(name);
    let r = recommend_path(&dir).unwrap();
    (dir, r)
}

/// Every rationale and service names files that exist (or `.`).
fn assert_real_evidence(dir: &Path, r: &Recommendation) {
    for reason in &r.rationale {
        let p = dir.join(&reason.evidence);
        assert!(
            p.exists(),
            "rationale evidence {} does not exist",
            reason.evidence
        );
    }
    for s in &r.services {
        assert!(dir.join(&s.path).is_dir(), "service path {}", s.path);
    }
}

#[test]
fn fixture_monorepo_fly_services() {
    let (dir, r) = on_fixture("monorepo-fly-services");
    assert_real_evidence(&dir, &r);
    assert_eq!(r.platform, Platform::FlyIo);
    assert!(r.confidence >= 0.8, "{}", r.confidence);
    assert_eq!(
        placements(&r),
        [
            ("apps/api", Some("fastify"), Platform::FlyIo),
            ("ops/fly/edge/caddy", Some("container"), Platform::FlyIo),
            ("services/billing/worker", None, Platform::FlyIo),
        ]
    );
    assert_eq!(r.rationale[0].evidence, "apps/api/fly.toml");
    for cfg in [
        "apps/api/fly.toml",
        "ops/fly/edge/caddy/fly.toml",
        "services/billing/worker/fly.toml",
    ] {
        assert!(r.rationale[0].fact.contains(cfg), "{cfg}");
        assert!(r.next_steps.contains(&format!("flyconf check {cfg}")));
    }
    let facts = project_facts(&dir).unwrap();
    assert!(facts.monorepo);
}

#[test]
fn fixture_mixed_k8s_helm_fly() {
    let (dir, r) = on_fixture("mixed-k8s-helm-fly-migration");
    assert_real_evidence(&dir, &r);
    assert_eq!(r.platform, Platform::Mixed);
    assert_eq!(
        placements(&r),
        [
            (".", Some("spring"), Platform::Kubernetes),
            ("services/notifier", Some("go"), Platform::FlyIo),
        ]
    );
    let evidence: Vec<&str> = r.rationale.iter().map(|x| x.evidence.as_str()).collect();
    assert!(evidence.contains(&"services/notifier/fly.toml"));
    assert!(evidence.contains(&"deploy/helm/shop-api/Chart.yaml"));
    assert!(evidence.contains(&"k8s/deployment.yaml"));
}

#[test]
fn fixture_helm_chart_is_kubernetes() {
    let (dir, r) = on_fixture("helm-chart-fastapi-poetry");
    assert_real_evidence(&dir, &r);
    assert_eq!(r.platform, Platform::Kubernetes);
    assert_eq!(
        placements(&r),
        [(".", Some("fastapi"), Platform::Kubernetes)]
    );
    assert!(
        r.next_steps
            .contains(&"helm lint charts/invoice-api".to_owned())
    );
}

#[test]
fn fixture_infra_only_terraform_helm() {
    let (dir, r) = on_fixture("infra-only-terraform-helm");
    assert_real_evidence(&dir, &r);
    assert_eq!(r.platform, Platform::Kubernetes);
    assert!(r.services.is_empty());
    assert!(
        r.trade_offs
            .iter()
            .any(|t| t.contains("Terraform manages other infrastructure"))
    );
}

#[test]
fn fixture_aws_projects() {
    for (name, kind) in [
        ("aws-cdk-python-lambda", AwsKind::Cdk),
        ("aws-sam-node-lambda", AwsKind::Sam),
        ("serverless-express-lambda", AwsKind::Serverless),
        ("terraform-ecs-fastapi-capitalised", AwsKind::Ecs),
    ] {
        let (dir, r) = on_fixture(name);
        assert_real_evidence(&dir, &r);
        assert_eq!(r.platform, Platform::Aws, "{name}");
        let facts = project_facts(&dir).unwrap();
        assert!(
            facts.aws.iter().any(|a| a.kind == kind),
            "{name}: {:?}",
            facts.aws
        );
    }
}

#[test]
fn fixture_compose_datastores_are_found() {
    let dir = fixtures().join("compose-django-runtime-txt");
    let facts = project_facts(&dir).unwrap();
    let found: Vec<(StoreKind, StateSource, &str)> = facts
        .stateful
        .iter()
        .map(|s| (s.kind, s.source, s.evidence.as_str()))
        .collect();
    assert!(found.contains(&(
        StoreKind::Postgres,
        StateSource::Compose,
        "docker-compose.yml"
    )));
    assert!(found.contains(&(StoreKind::Redis, StateSource::Compose, "docker-compose.yml")));
    let r = recommend(&facts);
    assert_eq!(r.platform, Platform::FlyIo);
    assert_real_evidence(&dir, &r);
}

/// Over every labelled project: evidence is real, and the answer agrees
/// with the labelled tools where they decide it.
#[test]
fn fixture_labels_agree() {
    let root = fixtures();
    let labels: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("labels.json")).unwrap()).unwrap();
    let projects = labels["projects"].as_object().unwrap();
    assert!(projects.len() > 20);
    for (name, label) in projects {
        let tools: Vec<&str> = label["tools"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|t| t.as_str())
            .collect();
        let has = |t: &str| tools.contains(&t);
        let fly = has("flyio");
        let k8s = has("kubernetes") || has("helm");
        let aws = has("aws-cdk") || has("aws-sam") || has("serverless");
        let expected = match (fly, k8s, aws) {
            (true, true, _) | (true, _, true) | (_, true, true) => Some(Platform::Mixed),
            (true, false, false) => Some(Platform::FlyIo),
            (false, true, false) => Some(Platform::Kubernetes),
            (false, false, true) => Some(Platform::Aws),
            _ => None,
        };
        let (dir, r) = on_fixture(name);
        assert_real_evidence(&dir, &r);
        if let Some(p) = expected {
            assert_eq!(r.platform, p, "{name}");
        }
    }
}

#[test]
fn facts_from_an_in_memory_scan() {
    let detector = facts_detector().unwrap();
    let project = detect_core::MemoryProject::from_files([
        ("apps/api/fly.toml", "app = \"api\"\nprimary_region = \"ams\"\n"),
        (
            "apps/api/package.json",
            r#"{"dependencies": {"express": "^4.19.2", "pg": "^8.11.0", "kafkajs": "^2"}}"#,
        ),
        (
            "k8s/kafka.yaml",
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: kafka\nspec:\n  template:\n    spec:\n      containers:\n        - name: kafka\n          image: bitnami/kafka:3.7\n",
        ),
    ])
    .unwrap();
    let mut scratch = detector.scratch();
    let report = detector
        .detect(
            &project,
            &mut scratch,
            &detect_core::DetectOptions::default(),
        )
        .unwrap()
        .to_detection(None, 0.0);
    let facts = facts_from_report(detector, &report);
    assert_eq!(facts.fly.configs, ["apps/api/fly.toml"]);
    assert_eq!(facts.kubernetes.stateful, ["k8s/kafka.yaml"]);
    assert_eq!(facts.kubernetes.workloads, ["k8s/kafka.yaml"]);
    let stores: Vec<(StoreKind, StateSource)> =
        facts.stateful.iter().map(|s| (s.kind, s.source)).collect();
    assert!(stores.contains(&(StoreKind::Postgres, StateSource::Dependency)));
    assert!(stores.contains(&(StoreKind::Kafka, StateSource::Dependency)));
    assert!(stores.contains(&(StoreKind::Kafka, StateSource::Kubernetes)));
    let r = recommend(&facts);
    assert_eq!(r.platform, Platform::Mixed);
}

#[test]
fn missing_directory_is_an_error() {
    let err = recommend_path(Path::new("/nonexistent/flyconf-recommend")).unwrap_err();
    assert_eq!(err.code(), "path-not-found");
}

#[test]
fn fact_patterns_build_and_compile() {
    let detector = facts_detector().unwrap();
    assert!(detector.compile_all(), "every fact regex compiles");
    for kind in StoreKind::ALL {
        assert!(
            detector.has_tool(&format!("rec-store-{}", kind.id())),
            "{kind:?}"
        );
    }
    assert!(detector.has_tool("rec-aws") && detector.has_tool("rec-kubernetes"));
    assert!(
        detector.has_tool("flyio") && detector.has_tool("express"),
        "builtin sets too"
    );
}
