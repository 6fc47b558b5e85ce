//! The fly.toml of one environment, built as a typed [`Config`] so it is
//! valid by construction, then written as canonical TOML.

use super::catalog::Template;
use super::{Database, Environment, Options};
use crate::model::values::{AutoStop, Duration, MemorySize, VmSize};
use crate::model::{Concurrency, Config, Deploy, HttpCheck, HttpService, Mount, Vm};

/// Per-environment sizing and scaling.
pub(crate) struct Profile {
    pub(crate) vm_size: &'static str,
    pub(crate) memory_mb: u64,
    pub(crate) min_machines: i64,
    pub(crate) auto_stop: AutoStop,
    pub(crate) log_level: &'static str,
}

impl Environment {
    pub(crate) fn profile(self) -> Profile {
        match self {
            Environment::Dev => Profile {
                vm_size: "shared-cpu-1x",
                memory_mb: 512,
                min_machines: 0,
                auto_stop: AutoStop::Stop,
                log_level: "debug",
            },
            Environment::Staging => Profile {
                vm_size: "shared-cpu-1x",
                memory_mb: 1024,
                min_machines: 1,
                auto_stop: AutoStop::Stop,
                log_level: "info",
            },
            Environment::Production => Profile {
                vm_size: "shared-cpu-2x",
                memory_mb: 2048,
                min_machines: 2,
                auto_stop: AutoStop::Off,
                log_level: "info",
            },
        }
    }
}

/// The deploy strategy of `env`: bluegreen in production when the app has
/// health checks and no volume, else rolling (immediate for dev).
pub(crate) fn strategy(env: Environment, has_volume: bool) -> &'static str {
    match env {
        Environment::Dev => "immediate",
        Environment::Staging => "rolling",
        Environment::Production if has_volume => "rolling",
        Environment::Production => "bluegreen",
    }
}

/// The fly.toml model for `template` in `env`.
pub(crate) fn config(
    template: &Template,
    options: &Options,
    env: Environment,
    app: &str,
) -> Config {
    let profile = env.profile();
    let sqlite = options.database == Database::Sqlite;
    let region = options
        .region
        .clone()
        .or_else(|| template.regions.first().cloned())
        .unwrap_or_else(|| "iad".to_owned());
    let mut c = Config {
        app: Some(app.to_owned()),
        primary_region: Some(region),
        console_command: template.console_command.clone(),
        kill_signal: template.kill_signal.clone(),
        kill_timeout: Some(Duration::from_secs(30)),
        ..Config::default()
    };
    for (k, v) in &template.env {
        c.env.insert(k.clone(), v.replace("{{app}}", app));
    }
    c.env.insert("PORT".into(), template.port.to_string());
    c.env.insert("LOG_LEVEL".into(), profile.log_level.into());
    if sqlite {
        c.env.insert("DATABASE_PATH".into(), "/data/app.db".into());
    }
    c.processes = template.processes.clone();
    c.build = Some(crate::model::Build {
        dockerfile: Some("Dockerfile".into()),
        ..Default::default()
    });
    c.deploy = Some(Deploy {
        strategy: Some(strategy(env, sqlite).into()),
        release_command: template.release_command.clone(),
        release_command_timeout: template
            .release_command
            .as_ref()
            .map(|_| Duration::from_secs(300)),
        ..Deploy::default()
    });
    let web_groups: Vec<String> = template.web_process.iter().cloned().collect();
    c.http_service = Some(HttpService {
        internal_port: Some(i64::from(template.port)),
        force_https: Some(true),
        auto_stop_machines: Some(profile.auto_stop),
        auto_start_machines: Some(true),
        min_machines_running: Some(profile.min_machines),
        processes: web_groups.clone(),
        concurrency: Some(Concurrency {
            kind: Some("requests".into()),
            soft_limit: Some(200),
            hard_limit: Some(250),
        }),
        checks: vec![HttpCheck {
            grace_period: Some(Duration::from_secs(10)),
            interval: Some(Duration::from_secs(15)),
            timeout: Some(Duration::from_secs(5)),
            method: Some("GET".into()),
            path: Some(template.health_path.clone()),
            // Frameworks that redirect plain HTTP to HTTPS (Rails force_ssl,
            // Django SECURE_SSL_REDIRECT) answer the check instead of redirecting it.
            headers: [("X-Forwarded-Proto".to_owned(), "https".to_owned())]
                .into_iter()
                .collect(),
            ..HttpCheck::default()
        }],
        ..HttpService::default()
    });
    if sqlite {
        c.mounts.push(Mount {
            source: Some("data".into()),
            destination: Some("/data".into()),
            initial_size: Some(crate::model::VolumeSize(1)),
            auto_extend_size_threshold: Some(80),
            auto_extend_size_increment: Some(crate::model::VolumeSize(1)),
            auto_extend_size_limit: Some(crate::model::VolumeSize(10)),
            processes: web_groups,
            ..Mount::default()
        });
    }
    c.vm.push(Vm {
        size: VmSize::parse(profile.vm_size).ok(),
        memory: Some(MemorySize(profile.memory_mb)),
        ..Vm::default()
    });
    c
}

/// The header written above the generated TOML.
pub(crate) fn header(template: &Template, env: Environment, app: &str) -> String {
    format!(
        "# fly.toml for {app} ({env}), generated by `flyconf init` from the {name} template.\n# Check it with `flyconf check`; see https://fly.io/docs/reference/configuration/.\n\n",
        env = env.as_str(),
        name = template.name,
    )
}
