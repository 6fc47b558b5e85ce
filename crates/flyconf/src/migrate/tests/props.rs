//! Property tests: no input panics, and every generated fly.toml is valid.

use super::*;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The invariants every migration keeps, whatever the input.
fn check_invariants(m: &Migration) {
    assert_valid(m);
    let out = json(m);
    assert!(serde_json::from_str::<Value>(&out).is_ok());
    for d in &m.diagnostics {
        assert!(d.span.start <= d.span.end);
    }
}

const SLOTS: &[&str] = &[
    "Procfile",
    "app.json",
    "docker-compose.yml",
    "compose.yaml",
    "k8s/app.yaml",
    "deploy/x.yml",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        "[a-z0-9:/._${}@ -]{0,24}".prop_map(Value::from),
        prop::sample::select(vec![
            "80",
            "8080:80",
            "127.0.0.1:5432:5432",
            "53:53/udp",
            "1-100:1-100",
            "99999",
            "-1",
            "0",
            "${PORT:-3000}:3000",
            "${X}",
            "$$",
            "\"",
            "'",
            "postgres://u:p@db:5432/x",
            "http://web:3000/api",
            "redis://cache",
            "db",
            "db:5432,web",
            "1.5",
            "512m",
            "2Gi",
            "500m",
            "1e3",
            "30s",
            "1m30s",
            "10m",
            "-5s",
            "SIGTERM",
            "HUP",
            "always",
            "on-failure:3",
            "no",
            "named:/data",
            "./src:/app",
            "/tmp",
            "data:relative",
            "data:/",
            "sh -c 'x",
            "curl -f http://localhost:8080/health",
            "performance-m",
            "standard-2x",
            "huge",
            "heroku/nodejs",
            "https://github.com/x/y",
            "secret",
            "AKIAIOSFODNN7EXAMPLE",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "\u{0}",
            "é\u{301}",
            "fly_app_console",
        ])
        .prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-3i64..70000).prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
        (-1e12f64..1e12).prop_map(Value::from),
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z_][A-Za-z0-9_.-]{0,10}",
        prop::sample::select(vec![
            "PORT",
            "FLY_REGION",
            "PRIMARY_REGION",
            "DATABASE_URL",
            "API_KEY",
            "web",
            "db",
            "cache",
            "app",
            "release",
            "worker",
            "fly_app_release_command",
            "<<",
            "",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A JSON value up to `depth` levels deep, from scalars and the given keys.
fn tree(depth: u32) -> impl Strategy<Value = Value> {
    scalar().prop_recursive(depth, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((name(), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn compose_service() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "image",
        "build",
        "ports",
        "expose",
        "environment",
        "env_file",
        "command",
        "entrypoint",
        "volumes",
        "depends_on",
        "healthcheck",
        "restart",
        "deploy",
        "mem_limit",
        "cpus",
        "stop_signal",
        "stop_grace_period",
        "secrets",
        "user",
        "privileged",
        "container_name",
        "networks",
        "scale",
        "x-extra",
        "configs",
    ]);
    prop::collection::vec((keys, tree(3)), 0..10)
        .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

fn compose_file() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((name(), compose_service()), 0..5),
        prop::option::of(name()),
        tree(2),
    )
        .prop_map(|(services, project, volumes)| {
            let mut root = json!({
                "services": Value::Object(services.into_iter().collect()),
                "volumes": volumes,
            });
            if let (Some(p), Some(obj)) = (project, root.as_object_mut()) {
                obj.insert("name".into(), Value::from(p));
            }
            root
        })
}

fn container() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "name",
        "image",
        "command",
        "args",
        "ports",
        "env",
        "envFrom",
        "resources",
        "readinessProbe",
        "livenessProbe",
        "startupProbe",
        "volumeMounts",
        "lifecycle",
    ]);
    prop::collection::vec((keys, tree(3)), 0..8)
        .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

fn k8s_doc() -> impl Strategy<Value = Value> {
    let kind = prop::sample::select(vec![
        "Deployment",
        "StatefulSet",
        "Service",
        "Ingress",
        "ConfigMap",
        "Secret",
        "PersistentVolumeClaim",
        "HorizontalPodAutoscaler",
        "CronJob",
        "List",
        "Weird",
    ]);
    (kind, name(), prop::collection::vec(container(), 0..3), tree(3), tree(2), tree(2))
        .prop_map(|(kind, n, containers, spec, volumes, data)| {
            json!({
                "apiVersion": "v1",
                "kind": kind,
                "metadata": { "name": n, "labels": { "app": "a" } },
                "spec": {
                    "replicas": spec.get("replicas").cloned().unwrap_or(Value::from(2)),
                    "selector": { "app": "a" },
                    "ports": spec.get("ports").cloned().unwrap_or(json!([{ "port": 80, "targetPort": 8080 }])),
                    "rules": spec.get("rules").cloned().unwrap_or(Value::Null),
                    "template": {
                        "metadata": { "labels": { "app": "a" } },
                        "spec": { "containers": containers, "volumes": volumes }
                    },
                    "volumeClaimTemplates": spec.get("volumeClaimTemplates").cloned().unwrap_or(Value::Null),
                    "resources": spec.get("resources").cloned().unwrap_or(Value::Null),
                    "scaleTargetRef": { "name": "a" },
                },
                "data": data,
                "items": spec.get("items").cloned().unwrap_or(Value::Null),
            })
        })
}

/// Manifests as a YAML stream (each document written as JSON, which is YAML),
/// after a first document whose `kind:` line marks the file as Kubernetes.
fn manifest_text(docs: &[Value]) -> String {
    let mut text = String::from("kind: Namespace\nmetadata: {name: generated}\n");
    for d in docs {
        text.push_str("---\n");
        text.push_str(&serde_json::to_string(d).expect("json"));
        text.push('\n');
    }
    text
}

fn app_json() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "name",
        "env",
        "formation",
        "addons",
        "buildpacks",
        "stack",
        "scripts",
        "environments",
        "unknown",
    ]);
    prop::collection::vec((keys, tree(3)), 0..8)
        .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

fn procfile() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        (name(), scalar()).prop_map(|(n, v)| format!(
            "{n}: {}",
            v.as_str().map_or_else(|| v.to_string(), str::to_owned)
        )),
        "\\PC{0,30}",
        Just("web: node $PORT --port=${PORT:-5000} | tee log".to_owned()),
        Just("release: ./migrate \"unterminated".to_owned()),
    ];
    prop::collection::vec(line, 0..8).prop_map(|l| l.join("\n"))
}

proptest! {

    #[test]
    fn arbitrary_text_in_any_slot_never_panics(slot in 0..SLOTS.len(), text in "\\PC{0,300}") {
        let m = migrate(&[(SLOTS[slot], &text)]);
        check_invariants(&m);
    }

    #[test]
    fn arbitrary_bytes_like_text_never_panics(slot in 0..SLOTS.len(), text in ".{0,200}") {
        let m = migrate(&[(SLOTS[slot], &text), ("Dockerfile", "")]);
        check_invariants(&m);
    }

    #[test]
    fn generated_compose_files_convert_validly(doc in compose_file()) {
        let text = serde_json::to_string_pretty(&doc).expect("json");
        check_invariants(&migrate(&[("docker-compose.yml", &text)]));
    }

    #[test]
    fn generated_manifests_convert_validly(docs in prop::collection::vec(k8s_doc(), 1..5)) {
        check_invariants(&migrate(&[("k8s/all.yaml", &manifest_text(&docs))]));
    }

    #[test]
    fn generated_heroku_apps_convert_validly(p in procfile(), a in app_json(), docker in any::<bool>()) {
        let text = serde_json::to_string(&a).expect("json");
        let mut files = vec![("Procfile", p.as_str()), ("app.json", text.as_str())];
        if docker {
            files.push(("Dockerfile", "FROM x"));
        }
        check_invariants(&migrate(&files));
    }

    #[test]
    fn options_never_break_names(prefix in "\\PC{0,40}", region in "\\PC{0,8}") {
        let files = vec![("Procfile".to_owned(), "web: x".to_owned())];
        let m = migrate_files(&files, &MigrateOptions { region: Some(region), app_prefix: Some(prefix) });
        check_invariants(&m);
        prop_assert!(m.apps[0].name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    }
}
