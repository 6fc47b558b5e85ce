//! Generation: every template × environment passes `flyconf check` with no
//! errors or warnings; the committed examples are exactly what `init`
//! produces; the skill package stays within its size budgets; templates are
//! chosen from detection.

use super::repo;
use flyconf::generate::{self, Database, Environment, Options};
use flyconf::{Severity, check_dockerfile, check_fly_toml};

const ALL_ENVS: [Environment; 3] = [
    Environment::Dev,
    Environment::Staging,
    Environment::Production,
];

fn assert_clean(label: &str, set: &generate::FileSet) {
    for f in &set.files {
        let diagnostics = if f.path.ends_with(".toml") {
            check_fly_toml(&f.contents)
        } else if f.path == "Dockerfile" {
            check_dockerfile(&f.contents)
        } else {
            continue;
        };
        let bad: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        assert!(
            bad.is_empty(),
            "{label}: {} has {bad:#?}\n{}",
            f.path,
            f.contents
        );
    }
    let deploy = set.files.iter().find(|f| f.path == "deploy.sh").unwrap();
    assert!(
        deploy.contents.contains("set -euo pipefail") && deploy.contents.contains("flyconf check"),
        "{label}"
    );
    assert!(
        deploy.contents.contains("rollback") && deploy.contents.contains("fly status"),
        "{label}"
    );
    assert!(
        !deploy.contents.contains("{{"),
        "{label}: unreplaced placeholder in deploy.sh"
    );
    let readme = set
        .files
        .iter()
        .find(|f| f.path == "README.fly.md")
        .unwrap();
    assert!(
        !readme.contents.contains("{{"),
        "{label}: unreplaced placeholder in the README section"
    );
}

#[test]
fn every_template_and_environment_passes_check() {
    let templates = generate::templates();
    assert!(templates.len() >= 14);
    for t in templates {
        let mut variants: Vec<Vec<Environment>> = ALL_ENVS.iter().map(|e| vec![*e]).collect();
        variants.push(ALL_ENVS.to_vec());
        for envs in variants {
            for (database, redis) in [
                (Database::None, false),
                (Database::Postgres, true),
                (Database::Sqlite, false),
            ] {
                let options = Options {
                    template: t.name.clone(),
                    app: Some("acme-shop".into()),
                    region: Some("ams".into()),
                    environments: envs.clone(),
                    database,
                    redis,
                    extra_secrets: vec!["STRIPE_API_KEY".into()],
                };
                let set = generate::generate(&options).unwrap();
                assert_clean(&format!("{} {envs:?} {database:?}", t.name), &set);
                let configs = set
                    .files
                    .iter()
                    .filter(|f| f.path.starts_with("fly."))
                    .count();
                assert_eq!(configs, envs.len(), "{}", t.name);
            }
        }
    }
}

#[test]
fn environments_differ_in_app_scaling_and_strategy() {
    let options = Options {
        template: "python-django".into(),
        app: Some("shop".into()),
        environments: ALL_ENVS.to_vec(),
        ..Options::default()
    };
    let set = generate::generate(&options).unwrap();
    let paths: Vec<&str> = set.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        &paths[..3],
        ["fly.dev.toml", "fly.staging.toml", "fly.production.toml"]
    );
    let parse = |i: usize| flyconf::parse(&set.files[i].contents).config;
    let (dev, staging, prod) = (parse(0), parse(1), parse(2));
    assert_eq!(dev.app.as_deref(), Some("shop-dev"));
    assert_eq!(staging.app.as_deref(), Some("shop-staging"));
    assert_eq!(prod.app.as_deref(), Some("shop"));
    let min = |c: &flyconf::Config| c.http_service.as_ref().and_then(|h| h.min_machines_running);
    assert_eq!(
        (min(&dev), min(&staging), min(&prod)),
        (Some(0), Some(1), Some(2))
    );
    assert_eq!(
        prod.deploy.as_ref().and_then(|d| d.strategy.as_deref()),
        Some("bluegreen")
    );
    assert!(
        prod.http_service
            .as_ref()
            .is_some_and(|h| !h.checks.is_empty())
    );
    assert_eq!(dev.env.get("LOG_LEVEL").map(String::as_str), Some("debug"));
    assert_eq!(
        prod.deploy
            .as_ref()
            .and_then(|d| d.release_command.as_deref()),
        Some("python manage.py migrate --noinput")
    );
}

#[test]
fn secrets_plan_names_secrets_and_never_values() {
    let options = Options {
        template: "ruby-rails".into(),
        app: Some("shop".into()),
        environments: vec![Environment::Staging, Environment::Production],
        database: Database::Postgres,
        extra_secrets: generate::env_example_keys(
            "STRIPE_SECRET=sk_test_not_a_real_value_123\nPORT=3000\n",
        ),
        ..Options::default()
    };
    let set = generate::generate(&options).unwrap();
    let staging = &set.secrets[0];
    assert_eq!(staging.app, "shop-staging");
    assert_eq!(
        staging.names,
        ["RAILS_MASTER_KEY", "DATABASE_URL", "STRIPE_SECRET"]
    );
    assert!(
        staging
            .commands
            .iter()
            .all(|c| c.starts_with("fly secrets set --app shop-staging --stage "))
    );
    for f in &set.files {
        assert!(
            !f.contents.contains("sk_test_not_a_real_value_123"),
            "{}",
            f.path
        );
    }
    assert!(
        set.next_steps
            .iter()
            .any(|s| s.starts_with("fly postgres attach shop-db --app shop"))
    );
}

#[test]
fn bad_template_and_app_names_are_errors_with_suggestions() {
    let e = generate::generate(&Options {
        template: "python-djnago".into(),
        ..Options::default()
    })
    .unwrap_err();
    assert_eq!(e.code(), "unknown-template");
    assert!(e.suggestion().contains("python-django"));
    let e = generate::generate(&Options {
        template: "static-site".into(),
        app: Some("My App".into()),
        ..Options::default()
    })
    .unwrap_err();
    assert_eq!(e.code(), "invalid-option");
}

#[test]
fn committed_examples_are_what_init_produces() {
    let root = repo().join("skills/flyio/examples");
    for t in generate::templates() {
        let set = generate::generate(&Options {
            template: t.name.clone(),
            ..Options::default()
        })
        .unwrap();
        for f in &set.files {
            let path = root.join(&t.name).join(&f.path);
            if std::env::var_os("UPDATE_EXAMPLES").is_some() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &f.contents).unwrap();
            }
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == f.contents,
                "{} differs from `flyconf init --template {}`; run UPDATE_EXAMPLES=1 cargo test -p flyconf --test integration generate",
                path.display(),
                t.name
            );
        }
    }
    let skill = flyconf::skill::load_skill("flyio").unwrap();
    for example in &skill.examples {
        for f in &example.files {
            assert!(
                repo().join("skills/flyio").join(f).is_file(),
                "the skill index names {f}, which does not exist"
            );
        }
    }
}

#[test]
fn skill_package_fits_its_budgets_and_loads() {
    let (skill, reference) = flyconf::skill::skill_text("flyio").unwrap();
    assert!(
        skill.len() < 25_000,
        "SKILL.md is {} bytes (budget 25,000)",
        skill.len()
    );
    assert!(
        reference.len() < 50_000,
        "REFERENCE.md is {} bytes (budget 50,000)",
        reference.len()
    );
    let loaded = flyconf::skill::load_skill("flyio").unwrap();
    assert!(!loaded.description.is_empty());
    assert!(loaded.sections.len() >= 8 && loaded.reference.len() >= 10);
    assert_eq!(loaded.examples.len(), generate::templates().len());
    assert_eq!(
        flyconf::skill::load_skill("k8s").unwrap_err().code(),
        "unknown-skill"
    );
}

#[test]
fn templates_are_chosen_from_detection_on_fixture_projects() {
    let labels: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("fixtures/projects/labels.json")).unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for (name, label) in labels["projects"].as_object().unwrap() {
        let Some(framework) = label["framework"].as_str() else {
            continue;
        };
        let Some(expected) = generate::templates()
            .iter()
            .find(|t| t.frameworks.iter().any(|f| f == framework))
        else {
            continue;
        };
        let choice =
            generate::choose_template_for(&repo().join("fixtures/projects").join(name)).unwrap();
        let choice = choice.unwrap_or_else(|| panic!("{name}: no template chosen"));
        assert_eq!(choice.template, expected.name, "{name}: {}", choice.why);
        assert!(choice.why.contains(&expected.name));
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} fixture projects map to a template"
    );
}

#[test]
fn skill_docs_examples_pass_check() {
    let (skill, reference) = flyconf::skill::skill_text("flyio").unwrap();
    let mut checked = 0;
    for doc in [skill, reference] {
        let mut rest = doc;
        while let Some(start) = rest.find("```toml\n") {
            let body = &rest[start + 8..];
            let Some(end) = body.find("```") else { break };
            let block = &body[..end];
            rest = &body[end + 3..];
            // Complete files only: snippets of one section are illustrations.
            if !block.lines().any(|l| l.starts_with("app = ")) {
                continue;
            }
            let bad: Vec<_> = check_fly_toml(block)
                .into_iter()
                .filter(|d| d.severity != Severity::Info)
                .collect();
            assert!(
                bad.is_empty(),
                "a fly.toml example in the skill docs does not pass check: {bad:#?}\n{block}"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "only {checked} complete fly.toml examples found"
    );
}

#[test]
fn deploy_scripts_are_valid_bash() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for t in generate::templates() {
        let options = Options {
            template: t.name.clone(),
            environments: ALL_ENVS.to_vec(),
            ..Options::default()
        };
        let set = generate::generate(&options).unwrap();
        let script = &set
            .files
            .iter()
            .find(|f| f.path == "deploy.sh")
            .unwrap()
            .contents;
        let path = dir.path().join(format!("{}.sh", t.name));
        std::fs::write(&path, script).unwrap();
        let out = std::process::Command::new("bash")
            .arg("-n")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: bash -n: {}",
            t.name,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            script.contains("dev)")
                && script.contains("staging)")
                && script.contains("production)"),
            "{}",
            t.name
        );
    }
}
