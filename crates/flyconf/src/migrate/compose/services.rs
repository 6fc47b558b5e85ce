//! One compose service → one app: the per-service driver, replicas, stop
//! settings, `deploy` resources and `depends_on`.

use super::build::build;
use super::command::{command, entrypoint};
use super::env::{environment, secrets};
use super::health::{healthcheck, restart, restart_policy};
use super::ports::ports;
use super::volumes::volumes;
use super::{Project, SIGNALS, Stateful, bad_value, kp};
use crate::Severity;
use crate::migrate::draft::Draft;
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::units::{self, Resources};
use crate::migrate::yaml::Node;
use crate::model::{Duration, Restart};
use std::collections::HashSet;
use std::ops::Range;

/// Converts one service.
pub(super) fn service(
    src: &mut Src<'_>,
    project: &Project,
    svc: &str,
    app: String,
    node: &Node,
    kind: Option<Stateful>,
) -> Draft {
    let (dir, path) = project
        .paths
        .get(svc)
        .cloned()
        .unwrap_or_else(|| (String::new(), "fly.toml".to_owned()));
    let mut d = Draft {
        name: app,
        source: src.path.to_owned(),
        path,
        ..Draft::default()
    };
    d.note(format!("converted from compose service `{svc}`"));
    // Docker stops containers with SIGTERM and kills them 10s later.
    d.config.kill_signal = Some("SIGTERM".to_owned());
    d.config.kill_timeout = Some(Duration::from_secs(10));
    if let Some(kind) = kind {
        d.note(format!(
            "this service runs {}; on Fly.io you may prefer: {}",
            kind.label(),
            kind.recommendation(&d.name)
        ));
    }
    let mut handled: HashSet<&str> = HashSet::new();
    let mut take = |k: &'static str| {
        handled.insert(k);
        node.get(k)
    };

    build(src, svc, &mut d, take("build"), take("image"), &dir);
    if let Some(env) = take("environment") {
        environment(src, project, svc, &mut d, env);
    }
    if let Some(f) = take("env_file") {
        let files: Vec<String> = if f.is_seq() {
            f.items()
                .iter()
                .filter_map(|i| i.str().or_else(|| i.get("path").and_then(Node::str)))
                .map(str::to_owned)
                .collect()
        } else {
            f.str().map(str::to_owned).into_iter().collect()
        };
        let list = files.join("`, `");
        src.report(
            &rules::UNRESOLVED_VARIABLE,
            f.span.clone(),
            &kp(svc, "env_file"),
            format!("variables in `{list}` are not read (such files usually hold secrets)"),
            format!(
                "import them as secrets: `fly secrets import --app {} < {}`, or copy plain settings into `[env]`",
                d.name,
                files.first().map_or(".env", String::as_str)
            ),
        );
    }
    let ports_node = take("ports");
    if kind.is_some() {
        if ports_node.is_some() {
            d.note(format!(
                "the service's ports stay private (reachable at `{}.internal:<port>`): a database should not be public",
                d.name
            ));
        }
    } else if let Some(p) = ports_node {
        ports(src, project, svc, &mut d, p);
    }
    if let Some(e) = take("expose") {
        let list: Vec<&str> = e.items().iter().filter_map(Node::str).collect();
        if !list.is_empty() {
            d.note(format!(
                "private port(s) {}: reachable from other apps at `{}.internal:<port>`",
                list.join(", "),
                d.name
            ));
        }
    }
    if let Some(c) = take("command") {
        command(src, svc, &mut d, c);
    }
    if let Some(e) = take("entrypoint") {
        entrypoint(src, svc, &mut d, e);
    }
    if let Some(v) = take("volumes") {
        volumes(src, project, svc, &mut d, v);
    }
    if let Some(dep) = take("depends_on") {
        depends_on(src, project, svc, &mut d, dep);
    }
    if let Some(h) = take("healthcheck") {
        healthcheck(src, svc, &mut d, h);
    }
    if let Some(r) = take("restart") {
        restart(src, &kp(svc, "restart"), &mut d, r);
    }
    let deploy_node = take("deploy");
    let scale = take("scale");
    let mut res = Resources::default();
    let mut res_span: Option<Range<usize>> = None;
    if let Some(dep) = deploy_node {
        deploy(src, svc, &mut d, dep, &mut res, &mut res_span);
    }
    if let Some(n) = scale.and_then(Node::int) {
        replicas(&mut d, n);
    }
    for (k, is_mem) in [
        ("mem_limit", true),
        ("mem_reservation", true),
        ("cpus", false),
    ] {
        if let Some(v) = take(k) {
            res_span.get_or_insert(v.span.clone());
            let text = v.str().unwrap_or_default();
            if is_mem {
                match units::docker_bytes(text) {
                    Some(b) if k == "mem_limit" || res.memory_bytes.is_none() => {
                        res.memory_bytes = Some(b)
                    }
                    Some(_) => {}
                    None => bad_value(src, v, &kp(svc, k), &format!("memory size `{text}`")),
                }
            } else {
                match v.float() {
                    Some(c) => res.cpus = Some(c),
                    None => bad_value(src, v, &kp(svc, k), &format!("CPU count `{text}`")),
                }
            }
        }
    }
    if !res.is_empty() {
        let (vm, changes) = units::machine_for(&res);
        d.config.vm.push(vm);
        for c in changes {
            src.report(
                &rules::VALUE_ADJUSTED,
                res_span.clone().unwrap_or_default(),
                &kp(svc, "deploy.resources"),
                c,
                "",
            );
        }
    }
    if let Some(s) = take("stop_signal") {
        let sig = s.str().unwrap_or_default().to_ascii_uppercase();
        let sig = if sig.starts_with("SIG") {
            sig
        } else {
            format!("SIG{sig}")
        };
        if SIGNALS.contains(&sig.as_str()) {
            d.config.kill_signal = Some(sig);
        } else {
            bad_value(
                src,
                s,
                &kp(svc, "stop_signal"),
                "stop signal (Fly.io sends SIGINT, SIGTERM, SIGQUIT, SIGUSR1, SIGUSR2, SIGKILL or SIGHUP)",
            );
        }
    }
    if let Some(g) = take("stop_grace_period") {
        match g.str().map(Duration::parse) {
            Some(Ok(t)) => {
                d.config.kill_timeout = Some(kill_timeout(
                    src,
                    g.span.clone(),
                    &kp(svc, "stop_grace_period"),
                    t,
                ))
            }
            _ => bad_value(src, g, &kp(svc, "stop_grace_period"), "duration"),
        }
    }
    if let Some(s) = take("secrets") {
        secrets(src, project, svc, &mut d, s);
    }
    if d.config.processes.contains_key("app") {
        d.http_group = Some("app".to_owned());
    }

    for (k, _) in node.entries() {
        let key = k.text().unwrap_or_default();
        if handled.contains(key) || key.starts_with("x-") {
            continue;
        }
        let (suggestion, severity) = match key {
            "labels" | "container_name" | "hostname" | "networks" | "profiles" | "logging"
            | "tty" | "stdin_open" | "pull_policy" | "platform" | "init" | "links"
            | "domainname" | "image" | "build" => continue,
            "user" => ("set `USER` in the Dockerfile", Severity::Warning),
            "working_dir" => ("set `WORKDIR` in the Dockerfile", Severity::Warning),
            "privileged" | "cap_add" | "cap_drop" | "devices" | "security_opt" | "userns_mode" => (
                "Fly.io machines are Firecracker microVMs: the app is root in its own VM, so capabilities, devices and security options do not apply",
                Severity::Warning,
            ),
            "network_mode" | "extra_hosts" | "dns" | "dns_search" | "dns_opt" | "mac_address" => (
                "apps reach each other on the private network as `APP.internal`",
                Severity::Warning,
            ),
            "ulimits" | "sysctls" | "shm_size" | "tmpfs" | "ipc" | "pid" | "cgroup_parent"
            | "oom_score_adj" | "oom_kill_disable" | "cpu_shares" | "cpu_quota" | "cpu_period"
            | "cpuset" | "memswap_limit" | "mem_swappiness" | "read_only" | "storage_opt" => (
                "set it at startup in the entrypoint if the app needs it; the root filesystem is ephemeral",
                Severity::Info,
            ),
            "extends" => (
                "inline the extended service's keys and migrate again",
                Severity::Warning,
            ),
            "configs" => (
                "ship the files in the image, or with `[[files]]` (`local_path`)",
                Severity::Warning,
            ),
            _ => ("", Severity::Warning),
        };
        src.report(
            &rules::UNSUPPORTED_SETTING,
            k.span.clone(),
            &kp(svc, key),
            format!("`{key}` of service `{svc}` is not converted"),
            suggestion,
        )
        .severity = severity;
    }
    d
}

/// `kill_timeout` capped at the platform's 300s.
pub(crate) fn kill_timeout(
    src: &mut Src<'_>,
    span: Range<usize>,
    key: &str,
    t: Duration,
) -> Duration {
    let max = Duration::from_secs(300);
    if t > max {
        src.report(
            &rules::VALUE_ADJUSTED,
            span,
            key,
            format!(
                "a stop grace period of {t} is capped at Fly.io's maximum kill_timeout of 300s"
            ),
            "",
        );
        return max;
    }
    t.max(Duration::ZERO)
}

fn replicas(d: &mut Draft, n: i64) {
    d.min_running = Some(if n >= 1 { 1 } else { 0 });
    d.note(format!(
        "{n} replica(s) → `fly scale count {n} --app {}`; at least one machine keeps running (`min_machines_running = {}`)",
        d.name,
        if n >= 1 { 1 } else { 0 }
    ));
}

fn depends_on(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, dep: &Node) {
    let deps: Vec<&str> = if dep.is_seq() {
        dep.items().iter().filter_map(Node::str).collect()
    } else {
        dep.entries().iter().filter_map(|(k, _)| k.text()).collect()
    };
    if deps.is_empty() {
        return;
    }
    for n in &deps {
        let app = project.hosts.get(&n.to_ascii_lowercase());
        if let Some((app, kind)) = app.and_then(|a| project.stateful.get(a).map(|k| (a, k))) {
            d.note(format!(
                "depends on `{n}` ({}): {}",
                kind.label(),
                kind.recommendation(app)
            ));
        }
    }
    src.report(
        &rules::START_ORDER,
        dep.span.clone(),
        &kp(svc, "depends_on"),
        format!("`{svc}` depends on `{}`: on Fly.io each is a separate app and start order is not enforced", deps.join("`, `")),
        "make the app retry connections at startup; deploy dependencies first",
    );
}

fn deploy(
    src: &mut Src<'_>,
    svc: &str,
    d: &mut Draft,
    dep: &Node,
    res: &mut Resources,
    res_span: &mut Option<Range<usize>>,
) {
    for (k, v) in dep.entries() {
        let key = k.text().unwrap_or_default();
        let path = kp(svc, &format!("deploy.{key}"));
        match key {
            "replicas" => match v.int() {
                Some(n) => replicas(d, n),
                None => bad_value(src, v, &path, "replica count"),
            },
            "resources" => {
                *res_span = Some(v.span.clone());
                let lim = v.get("limits");
                let rsv = v.get("reservations");
                let cpus = |n: Option<&Node>| n.and_then(|n| n.get("cpus")).and_then(Node::float);
                let mem = |n: Option<&Node>| {
                    n.and_then(|n| n.get("memory"))
                        .and_then(Node::str)
                        .and_then(units::docker_bytes)
                };
                res.cpus = cpus(lim).or(cpus(rsv));
                res.guaranteed_cpus = cpus(rsv);
                res.memory_bytes = mem(lim).or(mem(rsv));
            }
            "restart_policy" => {
                if d.config.restart.is_empty() {
                    let cond = v.get("condition").and_then(Node::str).unwrap_or("any");
                    if let Some((policy, _)) = restart_policy(cond) {
                        let retries = v
                            .get("max_attempts")
                            .and_then(Node::int)
                            .filter(|_| policy == "on-failure");
                        d.config.restart.push(Restart {
                            policy: Some(policy),
                            retries,
                            processes: Vec::new(),
                        });
                    }
                }
            }
            _ => {
                src.report(
                    &rules::UNSUPPORTED_SETTING,
                    k.span.clone(),
                    &path,
                    format!("`deploy.{key}` is not converted"),
                    if key == "placement" {
                        "choose regions with `primary_region` and `fly scale count --region`"
                    } else {
                        ""
                    },
                )
                .severity = Severity::Info;
            }
        }
    }
}
