//! Cross-cutting cases: several sources at once, name collisions, reading a
//! directory, unreadable files, and nothing to migrate.

use super::*;

#[test]
fn nothing_to_migrate() {
    let m = migrate(&[("README.md", "# hi"), ("src/main.rs", "fn main() {}")]);
    assert!(m.sources.is_empty() && m.apps.is_empty());
    assert_eq!(m.diagnostics.len(), 1);
    assert_eq!(m.diagnostics[0].code, "MG503");
    assert_eq!(m.diagnostics[0].severity, Severity::Info);
}

#[test]
fn names_stay_unique_across_sources() {
    let m = migrate(&[
        ("Procfile", "web: ./server\n"),
        ("app.json", r#"{"name": "web"}"#),
        (
            "docker-compose.yml",
            "services:\n  web:\n    image: nginx\n    ports: ['80']\n",
        ),
        (
            "k8s/web.yaml",
            "kind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: nginx}]\n",
        ),
    ]);
    assert_valid(&m);
    let names: Vec<&str> = m.apps.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, vec!["web", "web-2", "web-3"]);
    assert_eq!(
        m.sources,
        vec!["Procfile", "app.json", "docker-compose.yml", "k8s/web.yaml"]
    );
}

#[test]
fn reads_a_directory_and_reports_unreadable_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("Procfile"), "web: npm start\n").expect("write");
    std::fs::write(root.join("app.json"), [0xff, 0xfe, b'{']).expect("write");
    std::fs::write(root.join("Dockerfile"), "FROM node:20\n").expect("write");
    std::fs::write(root.join("notes.yaml"), "kind: ConfigMap\n").expect("write");
    std::fs::create_dir_all(root.join("infra/nested")).expect("mkdir");
    std::fs::write(
        root.join("infra/svc.yml"),
        "kind: Deployment\nmetadata: {name: infra}\nspec: {template: {spec: {containers: [{image: x}]}}}\n",
    )
    .expect("write");
    std::fs::write(
        root.join("infra/nested/deep.yml"),
        "kind: Deployment\nmetadata: {name: deep}\n",
    )
    .expect("write");
    std::fs::create_dir_all(root.join("k8s/overlays/prod")).expect("mkdir");
    std::fs::write(
        root.join("k8s/overlays/prod/cron.yaml"),
        "kind: CronJob\nmetadata: {name: c}\n",
    )
    .expect("write");
    let m = migrate_path(root, &MigrateOptions::default()).expect("reads");
    assert_valid(&m);
    assert_eq!(
        m.sources,
        vec![
            "Procfile",
            "infra/svc.yml",
            "k8s/overlays/prod/cron.yaml",
            "app.json"
        ]
    );
    let d = diag(&m, "MG501", "app.json");
    assert!(d.message.contains("not UTF-8"));
    let project = root
        .canonicalize()
        .expect("canonical")
        .file_name()
        .map(|n| draft::sanitize_name(&n.to_string_lossy()))
        .expect("name");
    let heroku = app(&m, &project);
    assert_eq!(
        heroku
            .config
            .build
            .as_ref()
            .and_then(|b| b.dockerfile.as_deref()),
        Some("Dockerfile")
    );
    app(&m, "infra");
    diag(&m, "MG506", "k8s/overlays/prod/cron.yaml: CronJob/c");
    assert!(migrate_path(&root.join("missing"), &MigrateOptions::default()).is_err());
}

#[test]
fn private_references_keep_a_machine_running() {
    let m = migrate(&[(
        "compose.yaml",
        "services:\n  web:\n    image: web\n    ports: ['8080:8080']\n    environment:\n      SEARCH_URL: http://search:9200\n  search:\n    image: acme/search\n    ports: ['9200:9200']\n",
    )]);
    assert_valid(&m);
    let search = app(&m, "search");
    assert_eq!(search.config.services.len(), 1);
    assert_eq!(search.config.services[0].min_machines_running, Some(1));
    assert!(search.notes.iter().any(|n| n.contains("search.internal")));
    let web = app(&m, "web");
    assert_eq!(web.config.env["SEARCH_URL"], "http://search.internal:9200");
}

#[test]
fn credentials_in_unusual_places_are_withheld() {
    let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Zk3x8J2mQ9vQ7Lr2nS1uT4wY6bC8dE0fG2hI4jK6lM8nO0p\n-----END RSA PRIVATE KEY-----";
    let manifest = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: k}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: k\n          image: k\n          ports: [{{containerPort: 8080}}]\n          volumeMounts: [{{name: keys, mountPath: /etc/keys}}]\n          readinessProbe: {{httpGet: {{path: healthz, port: 8080, httpHeaders: [{{name: Authorization, value: 'Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a'}}]}}}}\n          livenessProbe: {{httpGet: {{path: /, port: 70000}}}}\n      volumes: [{{name: keys, configMap: {{name: keys}}}}]\n---\nkind: ConfigMap\nmetadata: {{name: keys}}\ndata:\n  id_rsa: |\n{}\n",
        pem.lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let m = migrate(&[
        (
            "compose.yaml",
            "services:\n  web:\n    build:\n      context: .\n      dockerfile: https://bob:p4ssw0rd-x9Qz@example.com/Dockerfile\n    ports: ['3000']\n    environment:\n      NOTE: ghp_16C7e42F292c6912E7710c838347Ae178B4a\n",
        ),
        ("k8s/k.yaml", &manifest),
    ]);
    assert_valid(&m);
    let out = json(&m);
    for leaked in [
        "p4ssw0rd-x9Qz",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "MIIEowIBAAKCAQEA",
    ] {
        assert!(!out.contains(leaked), "{leaked} leaked");
    }
    let web = app(&m, "web");
    assert_eq!(web.secrets, vec!["NOTE"]);
    assert!(
        web.config
            .build
            .as_ref()
            .is_some_and(|b| b.dockerfile.is_none())
    );
    let k = app(&m, "k");
    let check = &k.config.http_service.as_ref().expect("http").checks[0];
    assert_eq!(check.path.as_deref(), Some("/healthz"));
    assert!(check.headers.is_empty());
    assert_eq!(
        k.config.files[0].secret_name.as_deref(),
        Some("KEYS_ID_RSA")
    );
    assert_eq!(codes(&m, "k8s/k.yaml"), vec!["MG507", "MG507", "MG516"]);
}
