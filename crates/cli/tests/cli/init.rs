//! `flyconf init` and `flyconf templates`.

use super::{flyconf, repo, stdout};

fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_flyconf"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn init_detects_the_framework_writes_the_files_and_they_pass_check() {
    let out_dir = tempfile::tempdir().unwrap();
    let project = repo().join("fixtures/projects/fly-express-basic");
    let out = flyconf(&[
        "init",
        project.to_str().unwrap(),
        "--out",
        out_dir.path().to_str().unwrap(),
        "--env",
        "staging",
        "--env",
        "production",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("Template nodejs-express: Express detected"),
        "{text}"
    );
    assert!(
        text.contains("Next:")
            && text.contains("fly apps create fly-express-basic-staging")
            && text.contains("./deploy.sh production"),
        "{text}"
    );
    for f in [
        "fly.staging.toml",
        "fly.production.toml",
        "Dockerfile",
        ".dockerignore",
        "deploy.sh",
        "README.fly.md",
    ] {
        assert!(out_dir.path().join(f).is_file(), "{f} was not written");
    }
    let check = run_in(
        out_dir.path(),
        &[
            "check",
            "fly.staging.toml",
            "fly.production.toml",
            "Dockerfile",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&check)).unwrap();
    assert_eq!(
        (
            v["summary"]["errors"].as_u64(),
            v["summary"]["warnings"].as_u64()
        ),
        (Some(0), Some(0)),
        "{v}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out_dir.path().join("deploy.sh"))
            .unwrap()
            .permissions()
            .mode();
        assert!(mode & 0o111 != 0, "deploy.sh is not executable");
    }
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Dockerfile"), "FROM scratch\n").unwrap();
    let out = run_in(
        dir.path(),
        &["init", "--template", "go-http-server", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["error"]["code"], "file-exists");
    assert!(
        v["error"]["suggestion"]
            .as_str()
            .unwrap()
            .contains("--force")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Dockerfile")).unwrap(),
        "FROM scratch\n"
    );
    assert!(
        !dir.path().join("fly.toml").exists(),
        "nothing may be written when one file exists"
    );
    let out = run_in(
        dir.path(),
        &["init", "--template", "go-http-server", "--force"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(dir.path().join("Dockerfile"))
            .unwrap()
            .contains("distroless")
    );
    assert!(stdout(&out).contains("(overwritten)"));
}

#[test]
fn dry_run_json_carries_the_contents_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env.example"),
        "STRIPE_SECRET_KEY=\nPORT=8000\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "init",
            "--template",
            "python-fastapi",
            "--app",
            "api",
            "--region",
            "ams",
            "--database",
            "postgres",
            "--redis",
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["written"].as_array().unwrap().len(), 0);
    assert_eq!(v["template"], "python-fastapi");
    let fly = v["files"][0]["contents"].as_str().unwrap();
    assert!(
        fly.contains("app = \"api\"") && fly.contains("primary_region = \"ams\""),
        "{fly}"
    );
    let names: Vec<&str> = v["secrets"][0]["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(names, ["DATABASE_URL", "REDIS_URL", "STRIPE_SECRET_KEY"]);
    assert!(!dir.path().join("fly.toml").exists());
}

#[test]
fn unknown_template_and_undetectable_projects_are_structured_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &["init", "--template", "djnago", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["error"]["code"], "unknown-template");
    let out = run_in(dir.path(), &["init", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["error"]["code"], "no-template");
    assert!(
        v["error"]["suggestion"]
            .as_str()
            .unwrap()
            .contains("--template")
    );
}

#[test]
fn templates_lists_every_template() {
    let out = flyconf(&["templates", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for expected in [
        "nodejs-express",
        "nodejs-nextjs",
        "nodejs-nestjs",
        "python-django",
        "python-fastapi",
        "python-flask",
        "go-http-server",
        "ruby-rails",
        "elixir-phoenix",
        "static-site",
        "database-postgres",
        "multi-region",
        "redis-cache",
        "background-worker",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    let text = stdout(&flyconf(&["templates"]));
    assert_eq!(text.lines().count(), names.len());
}
