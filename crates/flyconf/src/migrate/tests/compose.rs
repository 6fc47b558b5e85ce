//! docker-compose: the web + api + worker + postgres + redis fixture, and edge cases.

use super::*;
use crate::model::Duration;

#[test]
fn stack_converts_exactly() {
    let m = migrate_fixture("compose");
    assert_valid(&m);
    assert_eq!(m.sources, vec!["docker-compose.yml"]);
    let names: Vec<&str> = m.apps.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, vec!["acme-web", "acme-api", "acme-worker"]);

    let web = app(&m, "acme-web");
    assert_eq!(web.path, "web/fly.web.toml");
    let c = &web.config;
    let b = c.build.as_ref().expect("build");
    assert_eq!(b.dockerfile.as_deref(), Some("Dockerfile.prod"));
    assert_eq!(b.args.get("NODE_VERSION").map(String::as_str), Some("20"));
    let h = c.http_service.as_ref().expect("http_service");
    assert_eq!(h.internal_port, Some(3000));
    assert_eq!(h.min_machines_running, Some(0));
    assert_eq!(h.checks.len(), 1);
    let check = &h.checks[0];
    assert_eq!(check.path.as_deref(), Some("/healthz"));
    assert_eq!(check.interval, Some(Duration::from_secs(30)));
    assert_eq!(check.timeout, Some(Duration::from_secs(5)));
    assert_eq!(check.grace_period, Some(Duration::from_secs(20)));
    assert!(
        c.checks.is_empty(),
        "the HTTP check replaces the default TCP check"
    );
    assert_eq!(
        c.env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("NODE_ENV", "production"),
            ("API_URL", "http://acme-api.internal:4000/v1"),
            ("FEATURE_FLAGS", "search,checkout"),
        ]
    );
    assert_eq!(
        web.secrets,
        vec!["DATABASE_URL", "REDIS_URL", "SESSION_SECRET"]
    );
    assert_eq!(c.mounts.len(), 1);
    assert_eq!(c.mounts[0].source.as_deref(), Some("uploads"));
    assert_eq!(c.mounts[0].destination.as_deref(), Some("/app/uploads"));
    assert_eq!(c.restart.len(), 1, "from the merged x-defaults anchor");
    assert_eq!(c.restart[0].policy.as_deref(), Some("always"));
    assert_eq!(c.kill_signal.as_deref(), Some("SIGTERM"));
    assert_eq!(c.kill_timeout, Some(Duration::from_secs(10)));
    let notes = web.notes.join("\n");
    assert!(notes.contains("fly postgres create --name acme-db"));
    assert!(notes.contains("fly deploy web --config web/fly.web.toml"));

    let api = app(&m, "acme-api");
    assert_eq!(api.path, "fly.toml");
    let c = &api.config;
    assert_eq!(
        c.build.as_ref().and_then(|b| b.image.as_deref()),
        Some("ghcr.io/acme/api:1.4.2")
    );
    assert_eq!(
        c.http_service.as_ref().and_then(|h| h.internal_port),
        Some(4000)
    );
    assert_eq!(
        c.http_service.as_ref().and_then(|h| h.min_machines_running),
        Some(1),
        "two replicas, and web reaches it at acme-api.internal"
    );
    assert_eq!(
        c.env.get("DB_HOST").map(String::as_str),
        Some("acme-db.internal")
    );
    assert_eq!(c.env.get("DB_PORT").map(String::as_str), Some("5432"));
    assert_eq!(api.secrets, vec!["API_TOKEN"]);
    assert_eq!(c.vm[0].size.map(|s| s.name()), Some("shared-cpu-2x"));
    assert_eq!(c.vm[0].memory.map(|m| m.mib()), Some(768));
    assert!(
        api.notes
            .iter()
            .any(|n| n.contains("fly scale count 2 --app acme-api"))
    );

    let worker = app(&m, "acme-worker");
    assert_eq!(worker.path, "web/fly.worker.toml");
    let c = &worker.config;
    assert_eq!(
        c.processes.get("app").map(String::as_str),
        Some("node worker.js --queue 'default jobs'")
    );
    assert!(c.http_service.is_none() && c.services.is_empty());
    assert_eq!(c.kill_timeout, Some(Duration::from_secs(60)));
    assert_eq!(
        c.build.as_ref().and_then(|b| b.dockerfile.as_deref()),
        Some("Dockerfile")
    );
    assert_eq!(worker.secrets, vec!["REDIS_URL"]);
}

#[test]
fn stack_diagnostics() {
    let m = migrate_fixture("compose");
    let text = read("compose/docker-compose.yml");
    let d = diag(
        &m,
        "MG507",
        "docker-compose.yml: services.web.environment.DATABASE_URL",
    );
    assert_eq!(
        spanned(&text, d),
        "postgres://acme:s3cr3t-pass@db:5432/acme"
    );
    assert_eq!((d.span.line, d.span.column), (18, 21));
    assert!(d.message.contains("`db` → `acme-db.internal`"));
    assert!(!d.message.contains("s3cr3t"));

    let d = diag(
        &m,
        "MG517",
        "docker-compose.yml: services.web.environment.API_URL",
    );
    assert_eq!(spanned(&text, d), "http://api:4000/v1");
    assert_eq!(d.severity, Severity::Info);
    diag(
        &m,
        "MG517",
        "docker-compose.yml: services.api.environment.DB_HOST",
    );

    let d = diag(
        &m,
        "MG508",
        "docker-compose.yml: services.web.environment.SESSION_SECRET",
    );
    assert_eq!(spanned(&text, d), "${SESSION_SECRET}");
    diag(
        &m,
        "MG508",
        "docker-compose.yml: services.api.environment.API_TOKEN",
    );
    let d = diag(
        &m,
        "MG508",
        "docker-compose.yml: services.web.environment.FEATURE_FLAGS",
    );
    assert_eq!(d.severity, Severity::Info);

    let d = diag(&m, "MG513", "docker-compose.yml: services.web.volumes[1]");
    assert_eq!(spanned(&text, d), "./web/config:/app/config:ro");
    let d = diag(
        &m,
        "MG511",
        "docker-compose.yml: services.worker.volumes[1]",
    );
    assert_eq!(spanned(&text, d), "reports:/app/reports");
    assert_eq!(d.span.line, 52);
    diag(&m, "MG512", "docker-compose.yml: services.web.volumes[0]");
    diag(
        &m,
        "MG512",
        "docker-compose.yml: services.worker.volumes[0]",
    );
    diag(&m, "MG518", "docker-compose.yml: services.web.depends_on");
    let d = diag(
        &m,
        "MG504",
        "docker-compose.yml: services.worker.privileged",
    );
    assert_eq!(spanned(&text, d), "privileged");

    let d = diag(&m, "MG509", "docker-compose.yml: services.db");
    assert_eq!(spanned(&text, d), "db");
    assert_eq!(d.span.line, 56);
    assert!(
        d.suggestion
            .as_deref()
            .is_some_and(|s| s.contains("fly postgres create --name acme-db"))
    );
    let d = diag(&m, "MG509", "docker-compose.yml: services.cache");
    assert!(
        d.suggestion
            .as_deref()
            .is_some_and(|s| s.contains("Upstash"))
    );
    assert_eq!(m.summary().errors, 0);
}

#[test]
fn secret_values_never_reach_the_output() {
    let out = json(&migrate_fixture("compose"));
    for secret in ["s3cr3t-pass", "example-pw-91kq"] {
        assert!(!out.contains(secret), "{secret} leaked");
    }
}

#[test]
fn only_stateful_services_are_converted_privately() {
    let m = migrate(&[(
        "compose.yaml",
        "services:\n  db:\n    image: postgres:16\n    ports: ['5432:5432']\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n      POSTGRES_DB: app\n    volumes:\n      - pg:/var/lib/postgresql/data\nvolumes:\n  pg: {}\n",
    )]);
    assert_valid(&m);
    let a = &m.apps[0];
    assert_eq!(a.name, "db");
    assert!(a.config.http_service.is_none() && a.config.services.is_empty());
    assert_eq!(
        a.config.env.get("POSTGRES_DB").map(String::as_str),
        Some("app")
    );
    assert_eq!(a.secrets, vec!["POSTGRES_PASSWORD"]);
    assert_eq!(a.config.mounts[0].source.as_deref(), Some("pg"));
    assert!(a.notes.iter().any(|n| n.contains("Fly Postgres")));
    assert!(!json(&m).contains("hunter2hunter2"));
}

#[test]
fn ports_of_every_shape() {
    let m = migrate(&[(
        "docker-compose.yml",
        "services:\n  game:\n    image: acme/game\n    ports:\n      - 7777\n      - '27015:27015/udp'\n      - target: 8443\n        published: 443\n      - '9000-9010:9000-9010'\n      - '127.0.0.1:6060:6060'\n      - '80/sctp'\n",
    )]);
    assert_valid(&m);
    let c = &m.apps[0].config;
    assert_eq!(
        c.http_service.as_ref().and_then(|h| h.internal_port),
        Some(7777),
        "sole service"
    );
    let services: Vec<(Option<&str>, Option<i64>, Option<i64>)> = c
        .services
        .iter()
        .map(|s| (s.protocol.as_deref(), s.internal_port, s.ports[0].port))
        .collect();
    assert_eq!(services, vec![(Some("udp"), Some(27015), Some(27015))]);
    assert!(c.services[0].tcp_checks.is_empty(), "no TCP check on UDP");
    let ports = codes(&m, "docker-compose.yml: services.game.ports");
    assert_eq!(ports, vec!["MG514", "MG514", "MG514", "MG514"]);
    let localhost = diag(&m, "MG514", "docker-compose.yml: services.game.ports[4]");
    assert_eq!(localhost.severity, Severity::Info);
}

#[test]
fn precedence_interpolation_and_commands() {
    let m = migrate(&[
        ("docker-compose.yml", "services:\n  old:\n    image: old\n"),
        (
            "compose.yaml",
            "name: Shop\nservices:\n  web:\n    image: 'shop/web:${TAG:-1.2}'\n    command: npm run start -- --port=8080\n    entrypoint: [\"/tini\", \"--\"]\n    ports: ['8080']\n    env_file: .env\n    stop_signal: QUIT\n    stop_grace_period: 10m\n    healthcheck:\n      test: pg_isready\n    secrets: [stripe_key]\n    deploy:\n      resources:\n        limits: {cpus: '3', memory: 300M}\nsecrets:\n  stripe_key:\n    file: ./stripe.txt\n",
        ),
    ]);
    assert_valid(&m);
    assert_eq!(m.apps.len(), 1);
    let a = app(&m, "shop-web");
    let c = &a.config;
    assert_eq!(
        c.build.as_ref().and_then(|b| b.image.as_deref()),
        Some("shop/web:1.2")
    );
    assert_eq!(
        c.processes.get("app").map(String::as_str),
        Some("npm run start -- --port=8080")
    );
    assert_eq!(
        c.http_service.as_ref().map(|h| h.processes.clone()),
        Some(vec!["app".to_owned()])
    );
    assert_eq!(
        c.experimental.as_ref().map(|e| e.entrypoint.clone()),
        Some(vec!["/tini".to_owned(), "--".to_owned()])
    );
    assert_eq!(c.kill_signal.as_deref(), Some("SIGQUIT"));
    assert_eq!(c.kill_timeout, Some(Duration::from_secs(300)));
    assert_eq!(c.vm[0].size.map(|s| s.name()), Some("shared-cpu-4x"));
    assert_eq!(c.vm[0].memory.map(|m| m.mib()), Some(1024));
    assert_eq!(
        c.files[0].guest_path.as_deref(),
        Some("/run/secrets/stripe_key")
    );
    assert_eq!(c.files[0].secret_name.as_deref(), Some("STRIPE_KEY"));
    assert_eq!(a.secrets, vec!["STRIPE_KEY"]);
    diag(&m, "MG502", "docker-compose.yml");
    diag(&m, "MG508", "compose.yaml: services.web.env_file");
    diag(&m, "MG516", "compose.yaml: services.web.healthcheck.test");
    diag(&m, "MG521", "compose.yaml: services.web.stop_grace_period");
    diag(&m, "MG521", "compose.yaml: services.web.deploy.resources");
}

#[test]
fn syntax_errors_point_at_the_problem() {
    let text = "services:\n  web:\n    image: nginx\n   ports: ['80:80']\n";
    let m = migrate(&[("docker-compose.yml", text)]);
    assert!(m.apps.is_empty());
    let d = diag(&m, "MG501", "docker-compose.yml");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.span.line, 4);

    let m = migrate(&[(
        "compose.yml",
        "services:\n  a:\n    image: x\n    image: y\n",
    )]);
    let d = diag(&m, "MG501", "compose.yml: image");
    assert_eq!((d.span.line, d.span.column), (4, 5));
    assert_eq!(
        m.apps[0]
            .config
            .build
            .as_ref()
            .and_then(|b| b.image.as_deref()),
        Some("y")
    );
}
