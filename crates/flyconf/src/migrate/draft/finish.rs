//! The defaults every generated app gets, and its fly.toml, checked.

use super::Draft;
use crate::migrate::MigratedApp;
use crate::migrate::rules;
use crate::model::{AutoStop, Duration, MemorySize, TcpCheck, TopLevelCheck, Vm, VmSize};
use crate::{Diagnostic, Severity};

/// Default health-check timing.
fn secs(s: i64) -> Duration {
    Duration::from_secs(s)
}

/// Adds what every generated app gets, builds its fly.toml, and checks it.
///
/// Defaults: `[[vm]]` shared-cpu-1x with 1GB when the source gave no size;
/// services with `force_https`, `auto_stop_machines = "stop"`,
/// `auto_start_machines = true` and `min_machines_running` 0 (1 when the
/// source declares replicas); `processes` on every service when there are
/// process groups; a TCP check on the HTTP port when the source had no
/// convertible health check; TCP checks on TCP services.
pub(crate) fn finish(mut d: Draft, region: &str, diags: &mut Vec<Diagnostic>) -> MigratedApp {
    let c = &mut d.config;
    c.app = Some(d.name.clone());
    c.primary_region = Some(region.to_owned());
    let group = d
        .http_group
        .clone()
        .filter(|g| c.processes.contains_key(g))
        .or_else(|| c.processes.keys().next().cloned())
        .unwrap_or_else(|| "app".to_owned());
    let groups: Vec<String> = if c.processes.is_empty() {
        Vec::new()
    } else {
        vec![group.clone()]
    };
    let min = d.min_running.unwrap_or(0).max(0);
    if let Some(h) = &mut c.http_service {
        h.force_https = Some(true);
        h.auto_stop_machines = Some(AutoStop::Stop);
        h.auto_start_machines = Some(true);
        h.min_machines_running = Some(min);
        h.processes.clone_from(&groups);
        if h.checks.is_empty()
            && c.checks.is_empty()
            && let Some(port) = h.internal_port
        {
            c.checks.insert(
                "alive".to_owned(),
                TopLevelCheck {
                    port: Some(port),
                    kind: Some("tcp".to_owned()),
                    interval: Some(secs(15)),
                    timeout: Some(secs(2)),
                    grace_period: Some(secs(10)),
                    processes: groups.clone(),
                    ..TopLevelCheck::default()
                },
            );
            d.notes.push(format!(
                "no HTTP health check in the source: a TCP check on port {port} was added; replace it with `[[http_service.checks]]` on your health endpoint (`path = \"/health\"`)"
            ));
        }
    }
    for s in &mut c.services {
        s.auto_stop_machines = Some(AutoStop::Stop);
        s.auto_start_machines = Some(true);
        s.min_machines_running = Some(min);
        s.processes.clone_from(&groups);
        if s.protocol.as_deref() == Some("tcp")
            && s.tcp_checks.is_empty()
            && s.http_checks.is_empty()
        {
            s.tcp_checks.push(TcpCheck {
                interval: Some(secs(15)),
                timeout: Some(secs(2)),
                grace_period: Some(secs(10)),
            });
        }
    }
    if c.processes.len() > 1 {
        for m in &mut c.mounts {
            if m.processes.is_empty() {
                m.processes.clone_from(&groups);
            }
        }
        for r in &mut c.restart {
            if r.processes.is_empty() {
                r.processes.clone_from(&groups);
            }
        }
        for f in &mut c.files {
            if f.processes.is_empty() {
                f.processes.clone_from(&groups);
            }
        }
        for check in c.checks.values_mut() {
            if check.processes.is_empty() {
                check.processes.clone_from(&groups);
            }
        }
    }
    if c.vm.is_empty() {
        c.vm.push(Vm {
            size: Some(VmSize::default_size()),
            memory: Some(MemorySize(1024)),
            ..Vm::default()
        });
    }
    let fly_toml = d.config.to_toml();
    for problem in crate::check_fly_toml(&fly_toml) {
        if problem.severity == Severity::Error {
            diags.push(
                Diagnostic::new(
                    &rules::GENERATED_CONFIG_INVALID,
                    format!(
                        "the fly.toml generated for app `{}` fails {}: {}",
                        d.name, problem.code, problem.message
                    ),
                    crate::Span::default(),
                )
                .with_key_path(format!(
                    "{}: {}",
                    d.source,
                    problem.key_path.unwrap_or_default()
                ))
                .with_suggestion(problem.suggestion.unwrap_or_default()),
            );
        }
    }
    if !d.secrets.is_empty() {
        let list: Vec<String> = d.secrets.iter().map(|s| format!("{s}=…")).collect();
        d.notes.push(format!(
            "set secrets before the first deploy: `fly secrets set {} --app {}`",
            list.join(" "),
            d.name
        ));
    }
    MigratedApp {
        name: d.name,
        source: d.source,
        path: d.path,
        config: d.config,
        fly_toml,
        secrets: d.secrets,
        notes: d.notes,
    }
}
