//! Assembling the file set: configs per environment, deploy.sh, the README
//! section, the secrets plan and the next steps.

use super::catalog::{DEPLOY_SH, Template};
use super::fly_toml::{config, header, strategy};
use super::{Database, Environment, FileSet, GeneratedFile, Options, SecretPlan};

/// The app name of `env`: the base name in production, `-dev`/`-staging` otherwise.
pub(crate) fn app_name(base: &str, env: Environment) -> String {
    match env {
        Environment::Production => base.to_owned(),
        other => format!("{base}-{}", other.as_str()),
    }
}

/// The config file of `env`: `fly.toml` when there is one environment.
pub(crate) fn config_file(env: Environment, several: bool) -> String {
    if several {
        format!("fly.{}.toml", env.as_str())
    } else {
        "fly.toml".to_owned()
    }
}

fn secret_names(template: &Template, options: &Options) -> Vec<String> {
    let mut names: Vec<String> = template.secrets.clone();
    if options.database == Database::Postgres || template.database.as_deref() == Some("postgres") {
        names.push("DATABASE_URL".into());
    }
    if options.redis || template.redis {
        names.push("REDIS_URL".into());
    }
    names.extend(options.extra_secrets.iter().cloned());
    let mut seen = Vec::new();
    names.retain(|n| {
        let keep = !n.is_empty()
            && !seen.contains(n)
            && !template.env.contains_key(n)
            && n != "PORT"
            && !n.starts_with("FLY_");
        seen.push(n.clone());
        keep
    });
    names
}

pub(crate) fn file_set(
    template: &Template,
    options: &Options,
    base: &str,
    envs: &[Environment],
) -> FileSet {
    let several = envs.len() > 1;
    let sqlite = options.database == Database::Sqlite;
    let names = secret_names(template, options);
    let mut files = Vec::new();
    let mut secrets = Vec::new();
    for &env in envs {
        let app = app_name(base, env);
        let cfg = config(template, options, env, &app);
        files.push(GeneratedFile {
            path: config_file(env, several),
            purpose: format!(
                "Fly.io app configuration for {env} (app `{app}`)",
                env = env.as_str()
            ),
            contents: format!("{}{}", header(template, env, &app), cfg.to_toml()),
        });
        let commands = names
            .iter()
            .map(|n| format!("fly secrets set --app {app} --stage {n}=…"))
            .collect();
        secrets.push(SecretPlan {
            environment: env,
            app,
            names: names.clone(),
            commands,
        });
    }
    files.push(GeneratedFile {
        path: "Dockerfile".into(),
        purpose: "Multi-stage image build: pinned base images, non-root user, exec-form CMD".into(),
        contents: template.dockerfile.to_owned(),
    });
    files.push(GeneratedFile {
        path: ".dockerignore".into(),
        purpose: "Keeps secrets, build output and local files out of the build context".into(),
        contents: template.dockerignore.to_owned(),
    });
    files.push(GeneratedFile {
        path: "deploy.sh".into(),
        purpose: "Checks, deploys, verifies health and rolls back on failure".into(),
        contents: deploy_sh(template, base, envs, sqlite),
    });
    files.push(GeneratedFile {
        path: "README.fly.md".into(),
        purpose: "README section: how this app deploys to Fly.io (append it to your README)".into(),
        contents: readme(template, base, envs, &secrets),
    });
    let next_steps = next_steps(template, options, base, envs, &secrets);
    FileSet {
        template: template.name.clone(),
        files,
        secrets,
        next_steps,
    }
}

fn deploy_sh(template: &Template, base: &str, envs: &[Environment], sqlite: bool) -> String {
    let several = envs.len() > 1;
    let mut cases = String::new();
    for &env in envs {
        cases.push_str(&format!(
            "  {name})\n    APP=\"{app}\"\n    CONFIG=\"{config}\"\n    STRATEGY=\"{strategy}\"\n    ;;\n",
            name = env.as_str(),
            app = app_name(base, env),
            config = config_file(env, several),
            strategy = strategy(env, sqlite),
        ));
    }
    let post_deploy = if template.regions.len() > 1 {
        format!(
            "\nif [ \"$ENVIRONMENT\" = \"production\" ]; then\n  echo \"==> Running machines in {regions}\"\n  fly scale count {n} --region {regions} --app \"$APP\" --yes || rollback\nfi\n",
            regions = template.regions.join(","),
            n = template.regions.len() * 2,
        )
    } else {
        String::new()
    };
    let names: Vec<&str> = envs.iter().map(|e| e.as_str()).collect();
    let default_env = envs.last().map_or("production", |e| e.as_str());
    DEPLOY_SH
        .replace("{{title}}", &format!("{base} ({})", template.title))
        .replace("{{env_names}}", &names.join("|"))
        .replace("{{default_env}}", default_env)
        .replace("{{env_cases}}\n", &cases)
        .replace("{{health_path}}", &template.health_path)
        .replace("{{post_deploy}}\n", &post_deploy)
}

fn readme(template: &Template, base: &str, envs: &[Environment], secrets: &[SecretPlan]) -> String {
    let several = envs.len() > 1;
    let mut out = template.readme.replace("{{app}}", base);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("\n### Environments generated by `flyconf init`\n\n| Environment | App | Config | Strategy |\n|---|---|---|---|\n");
    for &env in envs {
        out.push_str(&format!(
            "| {} | `{}` | `{}` | {} |\n",
            env.as_str(),
            app_name(base, env),
            config_file(env, several),
            strategy(env, false)
        ));
    }
    if secrets.iter().any(|s| !s.names.is_empty()) {
        out.push_str(
            "\nSet the secrets once per environment (values never go in a file):\n\n```sh\n",
        );
        for s in secrets {
            for c in &s.commands {
                out.push_str(c);
                out.push('\n');
            }
        }
        out.push_str("```\n");
    }
    out
}

fn next_steps(
    template: &Template,
    options: &Options,
    base: &str,
    envs: &[Environment],
    secrets: &[SecretPlan],
) -> Vec<String> {
    let mut steps = Vec::new();
    let region = options
        .region
        .clone()
        .or_else(|| template.regions.first().cloned())
        .unwrap_or_else(|| "iad".into());
    for &env in envs {
        steps.push(format!("fly apps create {}", app_name(base, env)));
    }
    if options.database == Database::Postgres || template.database.as_deref() == Some("postgres") {
        for &env in envs {
            let app = app_name(base, env);
            steps.push(format!(
                "fly postgres create --name {app}-db --region {region}"
            ));
            steps.push(format!("fly postgres attach {app}-db --app {app}"));
        }
    }
    if options.redis || template.redis {
        steps.push(format!(
            "fly redis create --region {region}   # then set REDIS_URL from its output"
        ));
    }
    if options.database == Database::Sqlite {
        for &env in envs {
            steps.push(format!(
                "fly volumes create data --size 1 --region {region} --app {}",
                app_name(base, env)
            ));
        }
    }
    for s in secrets {
        steps.extend(s.commands.iter().cloned());
    }
    for &env in envs {
        steps.push(format!("./deploy.sh {}", env.as_str()));
    }
    steps
}
