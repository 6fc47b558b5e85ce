//! Kubernetes: Deployment + Service + Ingress + probes + resources, a
//! StatefulSet, and edge cases.

use super::*;
use crate::model::Duration;

fn secs(s: i64) -> Option<Duration> {
    Some(Duration::from_secs(s))
}

#[test]
fn manifests_convert_exactly() {
    let m = migrate_fixture("k8s");
    assert_valid(&m);
    assert_eq!(m.sources, vec!["k8s/backend.yaml", "k8s/web.yaml"]);
    let names: Vec<&str> = m.apps.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, vec!["api", "queue", "web"]);

    let web = app(&m, "web");
    assert_eq!(web.path, "fly.web.toml");
    let c = &web.config;
    assert_eq!(
        c.build.as_ref().and_then(|b| b.image.as_deref()),
        Some("ghcr.io/acme/web:2.3.1")
    );
    assert_eq!(
        c.experimental.as_ref().map(|e| e.cmd.clone()),
        Some(vec!["--log-format".to_owned(), "json".to_owned()])
    );
    let h = c.http_service.as_ref().expect("http_service");
    assert_eq!(
        h.internal_port,
        Some(8080),
        "Service port 80 → targetPort http → 8080"
    );
    assert_eq!(h.min_machines_running, Some(1));
    type Timing = (Option<Duration>, Option<Duration>, Option<Duration>);
    let checks: Vec<(Option<&str>, Timing)> = h
        .checks
        .iter()
        .map(|c| (c.path.as_deref(), (c.interval, c.timeout, c.grace_period)))
        .collect();
    assert_eq!(
        checks,
        vec![
            (Some("/ready"), (secs(5), secs(2), secs(10))),
            (Some("/healthz"), (secs(20), secs(1), secs(15))),
        ]
    );
    assert!(c.services.is_empty(), "9090 is not in the Service");
    assert_eq!(c.metrics.len(), 1);
    assert_eq!(
        (c.metrics[0].port, c.metrics[0].path.as_deref()),
        (Some(9090), Some("/metrics"))
    );
    assert_eq!(
        c.env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("LOG_LEVEL", "info"),
            ("API_BASE", "http://api.internal:8000"),
            ("FEATURE_FLAGS", "search,checkout"),
        ]
    );
    assert_eq!(web.secrets, vec!["DATABASE_URL", "SESSION_KEY"]);
    assert_eq!(c.vm[0].size.map(|s| s.name()), Some("shared-cpu-1x"));
    assert_eq!(c.vm[0].memory.map(|m| m.mib()), Some(768));
    assert_eq!(c.kill_signal.as_deref(), Some("SIGTERM"));
    assert_eq!(c.kill_timeout, Some(Duration::from_secs(30)));
    let notes = web.notes.join("\n");
    assert!(notes.contains("fly certs add shop.example.com --app web"));
    assert!(notes.contains("fly scale count 3 --app web"));

    let api = app(&m, "api");
    let c = &api.config;
    assert_eq!(
        c.http_service.as_ref().and_then(|h| h.internal_port),
        Some(8000)
    );
    assert_eq!(
        c.checks["alive"].kind.as_deref(),
        Some("tcp"),
        "exec probe → default TCP check"
    );
    assert!(
        api.notes
            .iter()
            .any(|n| n.contains("ClusterIP") && n.contains("--private"))
    );

    let queue = app(&m, "queue");
    let c = &queue.config;
    assert_eq!(
        c.build.as_ref().and_then(|b| b.image.as_deref()),
        Some("nats:2.10")
    );
    assert_eq!(c.services.len(), 1);
    let s = &c.services[0];
    assert_eq!(
        (s.protocol.as_deref(), s.internal_port, s.ports[0].port),
        (Some("tcp"), Some(4222), Some(4222))
    );
    assert_eq!(
        s.tcp_checks.len(),
        1,
        "the liveness tcpSocket probe, not a second default"
    );
    assert_eq!(s.tcp_checks[0].interval, Some(Duration::from_secs(10)));
    assert!(c.checks.is_empty());
    assert_eq!(c.mounts.len(), 1);
    assert_eq!(c.mounts[0].source.as_deref(), Some("data"));
    assert_eq!(c.mounts[0].destination.as_deref(), Some("/data"));
    assert_eq!(
        c.mounts[0].initial_size.map(|s| s.gb()),
        Some(11),
        "10Gi = 10.7GB, rounded up"
    );
    assert_eq!(c.vm[0].size.map(|s| s.name()), Some("performance-2x"));
    assert_eq!(c.vm[0].memory.map(|m| m.mib()), Some(4096));
    assert_eq!(c.kill_timeout, Some(Duration::from_secs(60)));
}

#[test]
fn manifest_diagnostics() {
    let m = migrate_fixture("k8s");
    let web = read("k8s/k8s/web.yaml");
    let backend = read("k8s/k8s/backend.yaml");
    let c0 = "spec.template.spec.containers[0]";

    let d = diag(
        &m,
        "MG517",
        &format!("k8s/web.yaml: Deployment/web.{c0}.env[1]"),
    );
    assert_eq!(spanned(&web, d), "http://api.shop.svc.cluster.local:8000");
    assert_eq!(d.span.line, 29);
    let d = diag(
        &m,
        "MG508",
        &format!("k8s/web.yaml: Deployment/web.{c0}.env[4]"),
    );
    assert!(spanned(&web, d).starts_with("fieldRef"));
    let d = diag(
        &m,
        "MG515",
        "k8s/web.yaml: Deployment/web.spec.template.spec.containers[1]",
    );
    assert_eq!(d.span.line, 52);
    assert!(spanned(&web, d).starts_with("name: log-shipper"));
    diag(
        &m,
        "MG521",
        &format!("k8s/web.yaml: Deployment/web.{c0}.resources"),
    );
    assert_eq!(
        diag(
            &m,
            "MG504",
            "k8s/web.yaml: Deployment/web.spec.template.spec.nodeSelector"
        )
        .severity,
        Severity::Info
    );

    diag(
        &m,
        "MG516",
        &format!("k8s/backend.yaml: Deployment/api.{c0}.readinessProbe"),
    );
    let d = diag(
        &m,
        "MG512",
        &format!("k8s/backend.yaml: StatefulSet/queue.{c0}.volumeMounts[0]"),
    );
    assert_eq!(spanned(&backend, d), "{ name: data, mountPath: /data }");
    assert_eq!(d.severity, Severity::Warning);
    diag(
        &m,
        "MG513",
        &format!("k8s/backend.yaml: StatefulSet/queue.{c0}.volumeMounts[1]"),
    );
    let d = diag(&m, "MG506", "k8s/backend.yaml: CronJob/nightly-report");
    assert_eq!((d.span.line, d.severity), (56, Severity::Warning));
    assert_eq!(m.summary().errors, 0);
}

#[test]
fn secret_values_never_reach_the_output() {
    let out = json(&migrate_fixture("k8s"));
    for secret in ["Zx81-kq0pL", "5f0c7e1a9b2d4c6e8f0a1b3c5d7e9f10"] {
        assert!(!out.contains(secret), "{secret} leaked");
    }
}

#[test]
fn services_volumes_and_autoscaling() {
    let text = r#"
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: files }
    spec:
      replicas: 0
      template:
        metadata:
          labels: { app: files }
          annotations: { prometheus.io/scrape: "true", prometheus.io/port: "9102" }
        spec:
          containers:
            - name: files
              image: acme/files
              ports: [{ containerPort: 3000 }, { containerPort: 5353, protocol: UDP }]
              env:
                - { name: HOST, value: files.example.com }
                - { name: PUBLIC_URL, value: "https://$(HOST)/" }
                - { name: NS, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }
                - { name: API_KEY, value: sk_live_51HfT0kLp0R3mV8xQ2wZ9yB7 }
              envFrom:
                - configMapRef: { name: files-env }
                - secretRef: { name: missing }
              volumeMounts:
                - { name: uploads, mountPath: /srv/uploads }
                - { name: more, mountPath: /srv/more }
                - { name: cfg, mountPath: /etc/files }
                - { name: tls, mountPath: /etc/tls }
                - { name: host, mountPath: /host }
          volumes:
            - { name: uploads, persistentVolumeClaim: { claimName: uploads-pvc } }
            - { name: more, persistentVolumeClaim: { claimName: more-pvc } }
            - { name: cfg, configMap: { name: files-env, items: [{ key: MODE, path: mode.txt }] } }
            - { name: tls, secret: { secretName: files-tls, items: [{ key: tls.crt, path: cert.pem }] } }
            - { name: host, hostPath: { path: /var/run } }
  - apiVersion: v1
    kind: Service
    metadata: { name: files }
    spec:
      type: LoadBalancer
      selector: { app: files }
      ports:
        - { name: web, port: 80, targetPort: 3000 }
        - { name: dns, port: 53, targetPort: 5353, protocol: UDP }
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: files-env }
    data: { MODE: fast, FLY_ALLOC_ID: x }
  - apiVersion: v1
    kind: PersistentVolumeClaim
    metadata: { name: uploads-pvc }
    spec: { resources: { requests: { storage: 2000Gi } } }
  - apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: { name: files }
    spec: { scaleTargetRef: { name: files }, minReplicas: 2, maxReplicas: 6 }
  - apiVersion: v1
    kind: Service
    metadata: { name: orphan }
    spec: { selector: { app: nothing } }
  - apiVersion: v1
    kind: Namespace
    metadata: { name: files }
"#;
    let m = migrate(&[("deploy/files.yaml", text)]);
    assert_valid(&m);
    let a = app(&m, "files");
    let c = &a.config;
    assert_eq!(
        c.http_service.as_ref().and_then(|h| h.internal_port),
        Some(3000)
    );
    assert_eq!(
        c.http_service.as_ref().and_then(|h| h.min_machines_running),
        Some(2),
        "HPA minReplicas"
    );
    assert_eq!(c.services.len(), 1);
    assert_eq!(
        (
            c.services[0].protocol.as_deref(),
            c.services[0].ports[0].port
        ),
        (Some("udp"), Some(53))
    );
    assert_eq!(
        c.env.get("PUBLIC_URL").map(String::as_str),
        Some("https://files.example.com/")
    );
    assert_eq!(c.env.get("NS").map(String::as_str), Some("default"));
    assert_eq!(c.env.get("MODE").map(String::as_str), Some("fast"));
    assert!(!c.env.contains_key("FLY_ALLOC_ID") && !c.env.contains_key("API_KEY"));
    assert_eq!(c.metrics[0].port, Some(9102));
    assert_eq!(c.mounts.len(), 1);
    assert_eq!(
        c.mounts[0].initial_size.map(|s| s.gb()),
        Some(500),
        "capped"
    );
    let files: Vec<(Option<&str>, Option<&str>, Option<&str>)> = c
        .files
        .iter()
        .map(|f| {
            (
                f.guest_path.as_deref(),
                f.raw_value.as_deref(),
                f.secret_name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        files,
        vec![
            (Some("/etc/files/mode.txt"), Some("fast"), None),
            (Some("/etc/tls/cert.pem"), None, Some("FILES_TLS_TLS_CRT")),
        ]
    );
    assert_eq!(a.secrets, vec!["API_KEY", "FILES_TLS_TLS_CRT"]);
    assert!(a.notes.iter().any(|n| n.contains("fly scale count 6")));
    assert!(!json(&m).contains("sk_live_51HfT0kLp0R3mV8xQ2wZ9yB7"));

    let prefix = "deploy/files.yaml: Deployment/files.spec.template.spec.containers[0]";
    diag(&m, "MG507", &format!("{prefix}.env[3]"));
    diag(&m, "MG508", &format!("{prefix}.envFrom[1]"));
    diag(&m, "MG511", &format!("{prefix}.volumeMounts[1]"));
    diag(&m, "MG521", &format!("{prefix}.volumeMounts[0]"));
    diag(&m, "MG512", &format!("{prefix}.volumeMounts[0]"));
    diag(&m, "MG513", &format!("{prefix}.volumeMounts[4]"));
    assert_eq!(
        diag(&m, "MG506", "deploy/files.yaml: Service/orphan").severity,
        Severity::Info
    );
    assert_eq!(
        diag(&m, "MG506", "deploy/files.yaml: Namespace/files").severity,
        Severity::Info
    );
}

#[test]
fn helm_templates_and_path_routing() {
    let m = migrate(&[(
        "k8s/chart.yaml",
        "kind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{ include \"x\" . }}\n",
    )]);
    let d = diag(&m, "MG501", "k8s/chart.yaml");
    assert!(
        d.suggestion
            .as_deref()
            .is_some_and(|s| s.contains("helm template"))
    );

    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: a, image: a, ports: [{containerPort: 8080}]}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {selector: {app: a}, ports: [{port: 80, targetPort: 8080}]}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n    - host: example.com\n      http:\n        paths:\n          - {path: /api, backend: {service: {name: a}}}\n          - {path: /, backend: {service: {name: other}}}\n    - http:\n        paths: [{path: /, backend: {service: {name: a}}}]\n";
    let m = migrate(&[("manifests/app.yml", text)]);
    assert_valid(&m);
    let rule0: Vec<&str> = m
        .diagnostics
        .iter()
        .filter(|d| d.key_path.as_deref() == Some("manifests/app.yml: Ingress/i.spec.rules[0]"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(rule0.len(), 2);
    assert!(rule0.iter().any(|m| m.contains("/api → a, / → other")));
    assert!(
        rule0
            .iter()
            .any(|m| m.contains("Service `other`, which is not a converted app"))
    );
    assert_eq!(
        diag(&m, "MG522", "manifests/app.yml: Ingress/i.spec.rules[1]").severity,
        Severity::Info
    );
    assert_eq!(
        codes(&m, "manifests/app.yml: Ingress").len(),
        3,
        "routing, unknown backend, no host"
    );
}
