#![allow(clippy::unwrap_used)]

use super::*;
use proptest::prelude::*;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_owned()).collect()
}

fn fw(id: &str, locations: &[&str], evidence: &[&str]) -> FrameworkFact {
    FrameworkFact {
        id: id.into(),
        confidence: 1.0,
        locations: s(locations),
        evidence: s(evidence),
        fallback: matches!(
            id,
            "node"
                | "python"
                | "ruby"
                | "php"
                | "elixir"
                | "java"
                | "ocaml"
                | "container"
                | "static"
        ),
        superseded_by: None,
    }
}

fn store(kind: StoreKind, source: StateSource, evidence: &str) -> StatefulService {
    StatefulService {
        kind,
        source,
        evidence: evidence.into(),
    }
}

fn tool(id: &str, evidence: &[&str]) -> ToolFact {
    ToolFact {
        id: id.into(),
        confidence: 1.0,
        locations: vec![".".into()],
        evidence: s(evidence),
    }
}

fn reason_weights(r: &Recommendation) -> Vec<(Platform, f64)> {
    r.rationale
        .iter()
        .map(|x| (x.points_to, x.weight))
        .collect()
}

fn placements(r: &Recommendation) -> Vec<(&str, Option<&str>, Platform)> {
    r.services
        .iter()
        .map(|x| (x.path.as_str(), x.framework.as_deref(), x.platform))
        .collect()
}

#[test]
fn existing_fly_toml_points_strongly_to_fly() {
    let mut f = ProjectFacts::default();
    f.fly.configs = s(&["fly.toml"]);
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::FlyIo);
    assert_eq!(reason_weights(&r), [(Platform::FlyIo, 3.0)]);
    // share 1 × (0.4 + 0.6 × 3/6)
    assert_eq!(r.confidence, 0.7);
    assert_eq!(r.rationale[0].evidence, "fly.toml");
    assert_eq!(placements(&r), [(".", None, Platform::FlyIo)]);
    assert_eq!(
        r.next_steps[..2],
        ["flyconf check fly.toml", "flyconf cost fly.toml"]
    );
}

#[test]
fn flyctl_in_ci_without_fly_toml() {
    let mut f = ProjectFacts::default();
    f.fly.cli = s(&[".github/workflows/deploy.yml"]);
    f.frameworks = vec![fw("go", &["."], &["go.mod"])];
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::FlyIo);
    assert_eq!(
        reason_weights(&r),
        [(Platform::FlyIo, 2.0), (Platform::FlyIo, 1.5)]
    );
    // 1 × (0.4 + 0.6 × 3.5/6)
    assert_eq!(r.confidence, 0.75);
    assert!(r.next_steps.contains(&"flyconf init .".to_owned()));
}

#[test]
fn single_web_app_with_managed_postgres_and_redis_is_fly() {
    let f = ProjectFacts {
        frameworks: vec![fw("django", &["."], &["requirements.txt", "manage.py"])],
        stateful: vec![
            store(
                StoreKind::Postgres,
                StateSource::Dependency,
                "requirements.txt",
            ),
            store(StoreKind::Redis, StateSource::Compose, "docker-compose.yml"),
        ],
        dockerfiles: s(&["Dockerfile"]),
        compose_files: s(&["docker-compose.yml"]),
        ..ProjectFacts::default()
    };
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::FlyIo);
    assert_eq!(
        reason_weights(&r),
        [
            (Platform::FlyIo, 1.5),
            (Platform::FlyIo, 0.5),
            (Platform::FlyIo, 0.25),
            (Platform::FlyIo, 0.25)
        ]
    );
    assert!(r.rationale[0].fact.contains("single stateless web app"));
    assert_eq!(r.rationale[0].evidence, "requirements.txt");
    // 1 × (0.4 + 0.6 × 2.5/6) = 0.65
    assert_eq!(r.confidence, 0.65);
    assert_eq!(placements(&r), [(".", Some("django"), Platform::FlyIo)]);
    assert!(r.next_steps.contains(&"flyconf init .".to_owned()));
    assert!(r.next_steps.iter().any(|s| s.starts_with("fly mpg create")));
    assert!(
        r.next_steps
            .iter()
            .any(|s| s.starts_with("fly redis create"))
    );
}

#[test]
fn helm_with_many_workloads_and_operators_is_kubernetes() {
    let mut f = ProjectFacts {
        frameworks: vec![fw("spring", &["."], &["pom.xml"])],
        ..ProjectFacts::default()
    };
    let k = &mut f.kubernetes;
    k.charts = s(&["charts/shop/Chart.yaml"]);
    k.manifests = s(&[
        "charts/shop/templates/api.yaml",
        "charts/shop/templates/worker.yaml",
        "charts/shop/templates/cron.yaml",
    ]);
    k.workloads = k.manifests.clone();
    k.custom_resources = s(&["charts/shop/templates/certificate.yaml"]);
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::Kubernetes);
    assert_eq!(
        reason_weights(&r),
        [
            (Platform::Kubernetes, 2.0),
            (Platform::Kubernetes, 1.0),
            (Platform::Kubernetes, 1.5),
            (Platform::FlyIo, 1.0),
        ],
        "chart templates are not counted again as plain manifests"
    );
    // share 4.5/5.5 × (0.4 + 0.6 × 4.5/6)
    assert_eq!(r.confidence, 0.70);
    assert_eq!(
        placements(&r),
        [(".", Some("spring"), Platform::Kubernetes)]
    );
    assert!(r.services[0].why.contains("charts/shop/Chart.yaml"));
    assert!(r.next_steps.contains(&"helm lint charts/shop".to_owned()));
}

#[test]
fn plain_manifests_with_statefulsets_and_unmanaged_state_is_kubernetes() {
    let mut f = ProjectFacts {
        frameworks: vec![fw("express", &["."], &["package.json"])],
        stateful: vec![store(
            StoreKind::Kafka,
            StateSource::Kubernetes,
            "k8s/kafka.yaml",
        )],
        ..ProjectFacts::default()
    };
    f.kubernetes.manifests = s(&["k8s/app.yaml", "k8s/kafka.yaml"]);
    f.kubernetes.workloads = f.kubernetes.manifests.clone();
    f.kubernetes.stateful = s(&["k8s/kafka.yaml"]);
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::Kubernetes);
    assert_eq!(
        reason_weights(&r),
        [
            (Platform::Kubernetes, 2.0),
            (Platform::Kubernetes, 1.0),
            (Platform::FlyIo, 1.0),
            (Platform::Kubernetes, 1.0),
        ]
    );
    assert!(r.rationale[3].fact.contains("Kafka (k8s/kafka.yaml)"));
    assert!(
        r.next_steps
            .contains(&"kubectl apply --dry-run=server -f k8s".to_owned())
    );
    assert!(r.trade_offs.iter().any(|t| t.contains("run the cluster")));
}

#[test]
fn heavy_aws_iac_is_aws() {
    let f = ProjectFacts {
        frameworks: vec![fw("node", &["."], &["package.json"])],
        aws: vec![
            AwsFact {
                kind: AwsKind::Cdk,
                evidence: "cdk.json".into(),
            },
            AwsFact {
                kind: AwsKind::Terraform,
                evidence: "infra/main.tf".into(),
            },
        ],
        ..ProjectFacts::default()
    };
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::Aws);
    assert_eq!(
        reason_weights(&r),
        [(Platform::Aws, 3.0), (Platform::Aws, 2.5)]
    );
    assert_eq!(r.confidence, 0.95, "capped");
    assert_eq!(placements(&r), [(".", Some("node"), Platform::Aws)]);
    assert!(r.next_steps.contains(&"cdk diff  # in .".to_owned()));
    assert!(
        r.next_steps
            .contains(&"terraform -chdir=infra plan".to_owned())
    );
}

#[test]
fn unmanaged_state_points_to_aws_when_only_aws_is_used() {
    let f = ProjectFacts {
        stateful: vec![store(
            StoreKind::Mongodb,
            StateSource::Dependency,
            "package.json",
        )],
        aws: vec![AwsFact {
            kind: AwsKind::Ecs,
            evidence: "ecs/taskdef.json".into(),
        }],
        ..ProjectFacts::default()
    };
    let r = recommend(&f);
    assert_eq!(
        reason_weights(&r),
        [(Platform::Aws, 2.5), (Platform::Aws, 1.0)]
    );
    assert!(r.rationale[1].fact.contains("AWS has managed versions"));

    let f = ProjectFacts {
        stateful: vec![store(
            StoreKind::Elasticsearch,
            StateSource::Compose,
            "compose.yaml",
        )],
        ..ProjectFacts::default()
    };
    let r = recommend(&f);
    assert_eq!(reason_weights(&r), [(Platform::Kubernetes, 1.0)]);
    assert_eq!(r.platform, Platform::Kubernetes);
}

#[test]
fn fly_and_kubernetes_together_are_mixed_with_per_service_placement() {
    let mut f = ProjectFacts {
        frameworks: vec![
            fw("nextjs", &["apps/web"], &["apps/web/package.json"]),
            fw("go", &["services/notifier"], &["services/notifier/go.mod"]),
            fw("spring", &["services/ledger"], &["services/ledger/pom.xml"]),
            fw(
                "python",
                &["workers/indexer"],
                &["workers/indexer/requirements.txt"],
            ),
            fw("node", &["."], &["package.json"]),
        ],
        stateful: vec![store(
            StoreKind::Elasticsearch,
            StateSource::Dependency,
            "workers/indexer/requirements.txt",
        )],
        dockerfiles: s(&["workers/indexer/Dockerfile"]),
        monorepo: true,
        ..ProjectFacts::default()
    };
    f.fly.configs = s(&["services/notifier/fly.toml"]);
    f.kubernetes.charts = s(&["deploy/charts/ledger/Chart.yaml"]);
    f.kubernetes.manifests = s(&["deploy/charts/ledger/templates/deployment.yaml"]);
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::Mixed);
    assert_eq!(
        placements(&r),
        [
            ("apps/web", Some("nextjs"), Platform::FlyIo),
            ("services/ledger", Some("spring"), Platform::Kubernetes),
            ("services/notifier", Some("go"), Platform::FlyIo),
            ("workers/indexer", Some("python"), Platform::Kubernetes),
        ],
        "the workspace root's node manifest is not an app"
    );
    assert!(r.services[0].why.contains("stateless web app"));
    assert!(
        r.services[1]
            .why
            .contains("deploy/charts/ledger/Chart.yaml")
    );
    assert!(r.services[3].why.contains("Elasticsearch"));
    // Fly: 3 + 1 (web) + 0.25 = 4.25; Kubernetes: 2 (chart) + 1 (Elasticsearch) = 3.
    assert_eq!(r.confidence, 0.82);
    assert!(r.next_steps.contains(&"flyconf init apps/web".to_owned()));
    assert!(
        r.next_steps
            .contains(&"flyconf check services/notifier/fly.toml".to_owned())
    );
    assert!(
        r.next_steps
            .contains(&"helm lint deploy/charts/ledger".to_owned())
    );
    assert!(r.trade_offs.iter().any(|t| t.contains("Two platforms")));
}

#[test]
fn outside_mixed_every_service_follows_the_platform() {
    let mut f = ProjectFacts {
        frameworks: vec![fw("flask", &["."], &["requirements.txt"])],
        ..ProjectFacts::default()
    };
    f.kubernetes.manifests = s(&["manifests/deployment.yaml"]);
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::Kubernetes);
    assert_eq!(placements(&r), [(".", Some("flask"), Platform::Kubernetes)]);

    // A web app in a project whose facts point to AWS goes to AWS, saying why.
    let f = ProjectFacts {
        frameworks: vec![
            fw("express", &["api"], &["api/package.json"]),
            fw("python", &["."], &["requirements.txt"]),
        ],
        aws: vec![AwsFact {
            kind: AwsKind::Sam,
            evidence: "template.yaml".into(),
        }],
        ..ProjectFacts::default()
    };
    let r = recommend(&f);
    assert_eq!(r.platform, Platform::Aws);
    assert_eq!(placements(&r), [("api", Some("express"), Platform::Aws)]);
    assert!(r.services[0].why.contains("so it moves there"));
}

#[test]
fn paas_config_points_to_fly_and_is_a_trade_off() {
    let f = ProjectFacts {
        tools: vec![tool("heroku", &["Procfile"])],
        ..ProjectFacts::default()
    };
    let r = recommend(&f);
    assert_eq!(reason_weights(&r), [(Platform::FlyIo, 0.5)]);
    assert_eq!(r.rationale[0].evidence, "Procfile");
    assert!(r.trade_offs.iter().any(|t| t.contains("heroku")));
}

#[test]
fn no_facts_defaults_to_fly_with_low_confidence() {
    let r = recommend(&ProjectFacts::default());
    assert_eq!(r.platform, Platform::FlyIo);
    assert_eq!(r.confidence, 0.3);
    assert_eq!(r.rationale.len(), 1);
    assert_eq!(r.rationale[0].evidence, ".");
    assert!(r.services.is_empty());
    assert_eq!(r.next_steps, ["flyconf init ."]);
}

#[test]
fn json_shape() {
    let mut f = ProjectFacts::default();
    f.fly.configs = s(&["apps/api/fly.toml"]);
    f.frameworks = vec![fw("express", &["apps/api"], &["apps/api/package.json"])];
    let v = serde_json::to_value(recommend(&f)).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "platform",
            "confidence",
            "rationale",
            "trade_offs",
            "services",
            "next_steps"
        ]
    );
    assert_eq!(v["platform"], "fly.io");
    assert_eq!(v["rationale"][0]["points_to"], "fly.io");
    assert_eq!(v["services"][0]["path"], "apps/api");
    assert_eq!(v["services"][0]["framework"], "express");
    // Facts round-trip through JSON (bindings may pass them in).
    let text = serde_json::to_string(&f).unwrap();
    assert_eq!(serde_json::from_str::<ProjectFacts>(&text).unwrap(), f);
}

fn arb_facts() -> impl Strategy<Value = ProjectFacts> {
    let paths = || {
        proptest::collection::vec(
            "[a-c]{1,2}(/[a-c]{1,2}){0,2}/[a-z]{1,3}\\.(toml|yaml|json)",
            0..3,
        )
    };
    (
        paths(),
        paths(),
        paths(),
        paths(),
        proptest::collection::vec(
            (
                prop::sample::select(vec!["express", "node", "go", "container"]),
                paths(),
            ),
            0..3,
        ),
        proptest::collection::vec(
            (0..StoreKind::ALL.len(), "[a-c]{1,2}/[a-z]{1,3}\\.txt"),
            0..3,
        ),
        proptest::collection::vec("[a-c]{1,2}/[a-z]{1,3}\\.tf", 0..2),
    )
        .prop_map(|(fly, charts, manifests, cli, fws, stores, tf)| {
            let mut f = ProjectFacts::default();
            f.fly.configs = fly;
            f.fly.cli = cli;
            f.kubernetes.charts = charts;
            f.kubernetes.workloads = manifests.clone();
            f.kubernetes.manifests = manifests;
            f.frameworks = fws
                .into_iter()
                .map(|(id, ev)| {
                    let locs: Vec<&str> = ev.iter().map(|p| facts::parent_dir(p)).collect();
                    let ev: Vec<&str> = ev.iter().map(String::as_str).collect();
                    fw(id, &locs, &ev)
                })
                .collect();
            f.stateful = stores
                .into_iter()
                .map(|(i, p)| store(StoreKind::ALL[i], StateSource::Dependency, &p))
                .collect();
            f.aws = tf
                .into_iter()
                .map(|evidence| AwsFact {
                    kind: AwsKind::Terraform,
                    evidence,
                })
                .collect();
            f
        })
}

proptest! {
    #[test]
    fn recommendations_are_well_formed(f in arb_facts()) {
        let r = recommend(&f);
        prop_assert!((0.0..=1.0).contains(&r.confidence));
        let anchors = usize::from(!(f.fly.configs.is_empty() && f.fly.cli.is_empty()))
            + usize::from(f.kubernetes.deploys())
            + usize::from(!f.aws.is_empty());
        prop_assert_eq!(r.platform == Platform::Mixed, anchors >= 2);
        prop_assert!(!r.rationale.is_empty());
        for reason in &r.rationale {
            prop_assert!(!reason.evidence.is_empty());
            prop_assert!(reason.points_to != Platform::Mixed);
        }
        for s in &r.services {
            prop_assert!(s.platform != Platform::Mixed);
            if r.platform != Platform::Mixed {
                prop_assert_eq!(s.platform, r.platform);
            }
        }
        prop_assert_eq!(recommend(&f), r, "deterministic");
    }
}

mod projects;
