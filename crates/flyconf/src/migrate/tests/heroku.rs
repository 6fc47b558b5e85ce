//! Heroku: the Node.js fixture, and Procfile/app.json edge cases.

use super::*;
use crate::model::{AutoStop, Duration};

#[test]
fn node_app_converts_exactly() {
    let m = migrate_fixture("heroku-node");
    assert_valid(&m);
    assert_eq!(m.sources, vec!["Procfile", "app.json"]);
    assert_eq!(m.apps.len(), 1);
    let a = &m.apps[0];
    assert_eq!(a.name, "acme-node-shop");
    assert_eq!(a.source, "Procfile");
    assert_eq!(a.path, "fly.toml");
    let c = &a.config;
    assert_eq!(c.primary_region.as_deref(), Some("iad"));
    assert_eq!(c.kill_signal.as_deref(), Some("SIGTERM"));
    assert_eq!(c.kill_timeout, Some(Duration::from_secs(30)));
    assert_eq!(
        c.processes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("app", "node server.js --port 8080"),
            ("worker", "node worker.js")
        ]
    );
    assert_eq!(
        c.deploy.as_ref().and_then(|d| d.release_command.as_deref()),
        Some("npx prisma migrate deploy")
    );
    let h = c.http_service.as_ref().expect("http_service");
    assert_eq!(h.internal_port, Some(8080));
    assert_eq!(h.force_https, Some(true));
    assert_eq!(h.auto_stop_machines, Some(AutoStop::Stop));
    assert_eq!(h.auto_start_machines, Some(true));
    assert_eq!(h.min_machines_running, Some(1), "formation web quantity 2");
    assert_eq!(h.processes, vec!["app"]);
    assert_eq!(
        c.env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("PORT", "8080"),
            ("NODE_ENV", "production"),
            ("WEB_CONCURRENCY", "2"),
            ("LOG_LEVEL", "info")
        ]
    );
    let b = c.build.as_ref().expect("build");
    assert_eq!(b.builder.as_deref(), Some("heroku/builder:24"));
    assert_eq!(b.buildpacks, vec!["heroku/nodejs"]);
    assert_eq!(c.vm.len(), 1);
    assert_eq!(c.vm[0].size.map(|s| s.name()), Some("shared-cpu-2x"));
    assert_eq!(c.vm[0].memory.map(|m| m.mib()), Some(1024));
    assert!(c.vm[0].processes.is_empty());
    let check = &c.checks["alive"];
    assert_eq!(
        (check.kind.as_deref(), check.port),
        (Some("tcp"), Some(8080))
    );
    assert_eq!(check.processes, vec!["app"]);
    assert_eq!(
        a.secrets,
        vec![
            "SESSION_SECRET",
            "STRIPE_API_KEY",
            "ADMIN_PASSWORD",
            "DATABASE_URL",
            "REDIS_URL"
        ]
    );
    let notes = a.notes.join("\n");
    assert!(notes.contains("fly scale count app=2 worker=1 --app acme-node-shop"));
    assert!(notes.contains("fly postgres attach acme-node-shop-db --app acme-node-shop"));
    assert!(notes.contains("Upstash Redis"));
    assert!(notes.contains("optional variable `SENTRY_DSN` is not set"));
    assert!(notes.contains("Fly Log Shipper"));
}

#[test]
fn node_app_diagnostics_point_into_the_sources() {
    let m = migrate_fixture("heroku-node");
    let procfile = read("heroku-node/Procfile");
    let appjson = read("heroku-node/app.json");
    assert_eq!(codes(&m, "Procfile"), vec!["MG519"]);
    assert_eq!(codes(&m, "app.json"), vec!["MG507", "MG510", "MG504"]);

    let d = diag(&m, "MG519", "Procfile: web");
    assert_eq!(spanned(&procfile, d), "node server.js --port $PORT");
    assert_eq!((d.span.line, d.span.column), (2, 6));
    assert_eq!(d.severity, Severity::Info);

    let d = diag(&m, "MG507", "app.json: env.ADMIN_PASSWORD");
    assert_eq!(spanned(&appjson, d), "\"hunter2-Xq93-kd8w\"");
    assert_eq!(d.span.line, 11);
    assert_eq!(d.severity, Severity::Warning);
    assert!(!d.message.contains("hunter2"));

    let d = diag(&m, "MG510", "app.json: addons[3]");
    assert_eq!(spanned(&appjson, d), "\"sendgrid:starter\"");
    let d = diag(&m, "MG504", "app.json: scripts.postdeploy");
    assert_eq!(d.severity, Severity::Info);
}

#[test]
fn secret_values_never_reach_the_output() {
    let out = json(&migrate_fixture("heroku-node"));
    assert!(!out.contains("hunter2"), "{out}");
}

#[test]
fn procfile_only_with_shell_syntax_and_literal_port() {
    let m = migrate(&[(
        "Procfile",
        "web: bundle exec puma -p 3000 -e $RACK_ENV\nclock: cd jobs && ruby clock.rb\n\nbad line\nfly_app_console: x\nweb: bundle exec puma -p 3000\n",
    )]);
    assert_valid(&m);
    let a = app(&m, "app");
    assert_eq!(
        a.config.http_service.as_ref().and_then(|h| h.internal_port),
        Some(3000)
    );
    assert_eq!(a.config.env.get("PORT").map(String::as_str), Some("3000"));
    assert_eq!(
        a.config.processes.get("clock").map(String::as_str),
        Some("/bin/sh -c 'cd jobs && ruby clock.rb'")
    );
    assert_eq!(
        a.config.processes.get("app").map(String::as_str),
        Some("bundle exec puma -p 3000"),
        "the later web line wins"
    );
    assert!(a.config.processes.contains_key("fly_app_console-proc"));
    assert_eq!(
        a.config.build.as_ref().and_then(|b| b.builder.as_deref()),
        Some("heroku/builder:24")
    );
    let d = diag(&m, "MG501", "Procfile: line 4");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!((d.span.line, d.span.column, d.span.end_column), (4, 1, 9));
    assert!(codes(&m, "Procfile").contains(&"MG505"), "duplicate web");
    diag(&m, "MG519", "Procfile: clock");
}

#[test]
fn dockerfile_wins_over_buildpacks_and_options_apply() {
    let files = vec![
        (
            "Procfile".to_owned(),
            "web: gunicorn app:app --bind 0.0.0.0:$PORT\n".to_owned(),
        ),
        ("Dockerfile".to_owned(), "FROM python:3.12\n".to_owned()),
    ];
    let m = migrate_files(
        &files,
        &MigrateOptions {
            region: Some("AMS".into()),
            app_prefix: Some("Blog Prod".into()),
        },
    );
    assert_valid(&m);
    let a = &m.apps[0];
    assert_eq!(a.name, "blog-prod");
    assert_eq!(a.config.primary_region.as_deref(), Some("ams"));
    assert_eq!(
        a.config
            .build
            .as_ref()
            .and_then(|b| b.dockerfile.as_deref()),
        Some("Dockerfile")
    );
    assert_eq!(
        a.config.processes.get("app").map(String::as_str),
        Some("gunicorn app:app --bind 0.0.0.0:8080")
    );
}

#[test]
fn app_json_only_and_broken_app_json() {
    let m = migrate(&[(
        "app.json",
        r#"{"name": "Tiny", "env": {"PORT": {"value": "5000"}, "FLY_REGION": "x"}, "formation": {"web": {"size": "enormous"}}, "stack": "heroku-22", "buildpacks": [{"url": "https://github.com/x/classic-buildpack"}]}"#,
    )]);
    assert_valid(&m);
    let a = app(&m, "tiny");
    assert_eq!(
        a.config.http_service.as_ref().and_then(|h| h.internal_port),
        Some(5000)
    );
    assert_eq!(
        a.config.build.as_ref().and_then(|b| b.builder.as_deref()),
        Some("heroku/builder:22")
    );
    assert!(
        a.config
            .build
            .as_ref()
            .is_some_and(|b| b.buildpacks.is_empty())
    );
    assert!(!a.config.env.contains_key("FLY_REGION"));
    assert_eq!(codes(&m, "app.json"), vec!["MG504", "MG505", "MG504"]);

    let m = migrate(&[("app.json", "{\n  \"name\": \"x\",\n}")]);
    assert!(m.apps.is_empty());
    let d = diag(&m, "MG501", "app.json");
    assert_eq!((d.span.line, d.span.column), (3, 1));
    assert!(m.has_errors());
}

#[test]
fn per_group_dyno_sizes() {
    let m = migrate(&[
        (
            "Procfile",
            "web: npm start\nworker: npm run work\nmailer: npm run mail\n",
        ),
        (
            "app.json",
            r#"{"formation": {"web": {"quantity": 1, "size": "basic"}, "worker": {"quantity": 1, "size": "performance-m"}}}"#,
        ),
    ]);
    assert_valid(&m);
    let vm: Vec<(Option<&str>, u64, Vec<String>)> = m.apps[0]
        .config
        .vm
        .iter()
        .map(|v| {
            (
                v.size.map(|s| s.name()),
                v.memory.map_or(0, |m| m.mib()),
                v.processes.clone(),
            )
        })
        .collect();
    assert_eq!(
        vm,
        vec![
            (Some("shared-cpu-1x"), 512, vec!["app".to_owned()]),
            (Some("performance-2x"), 4096, vec!["worker".to_owned()]),
            (Some("shared-cpu-1x"), 1024, vec!["mailer".to_owned()]),
        ]
    );
}
