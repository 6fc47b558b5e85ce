//! Reliability lint of `[http_service]`, `[[services]]` and checks.

use super::super::Ctx;
use crate::diagnostic::registry as rules;
use crate::model::values::AutoStop;
use crate::model::{Concurrency, HttpCheck, MachineCheck};

pub(super) fn run(cx: &mut Ctx<'_>) {
    health_checks(cx);
    ports(cx);
    scaling(cx);
    enums(cx);
    check_paths(cx);
    duplicate_ports(cx);
}

fn health_checks(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let has_top = !c.checks.is_empty();
    if let Some(h) = &c.http_service
        && h.checks.is_empty()
        && !has_top
    {
        cx.at(&rules::HTTP_SERVICE_WITHOUT_CHECKS, "http_service", "[http_service] has no health check: the proxy keeps routing to machines whose app has hung, and deploys cannot detect a broken release".into(), "add `[[http_service.checks]]` with `grace_period = \"10s\"`, `interval = \"30s\"`, `method = \"GET\"`, `path = \"/health\"`, `timeout = \"5s\"` (use your app's health endpoint)");
    }
    for (i, s) in c.services.iter().enumerate() {
        let http = s
            .ports
            .iter()
            .any(|p| p.handlers.iter().any(|h| h == "http"));
        if http && s.tcp_checks.is_empty() && s.http_checks.is_empty() && !has_top {
            cx.at(&rules::HTTP_SERVICE_WITHOUT_CHECKS, &format!("services[{i}]"), "this HTTP service has no health check: the proxy keeps routing to machines whose app has hung".into(), "add `[[services.http_checks]]` with `path = \"/health\"`, `interval = \"15s\"`, `timeout = \"2s\"`");
        }
    }
}

fn in_range(port: i64) -> bool {
    (1..=65535).contains(&port)
}

fn ports(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let mut internal: Vec<(String, Option<i64>)> = Vec::new();
    if let Some(h) = &c.http_service {
        internal.push(("http_service".into(), h.internal_port));
    }
    for (i, s) in c.services.iter().enumerate() {
        internal.push((format!("services[{i}]"), s.internal_port));
    }
    for (path, port) in internal {
        match port {
            None if cx.spans.contains(&format!("{path}.internal_port")) => {}
            None => {
                cx.at(&rules::INTERNAL_PORT_MISSING, &path, "no `internal_port`: it defaults to 0, so the proxy has nowhere to send traffic".into(), "set `internal_port` to the port your app listens on, e.g. 8080");
            }
            Some(p) if !in_range(p) => {
                cx.at(
                    &rules::PORT_OUT_OF_RANGE,
                    &format!("{path}.internal_port"),
                    format!("internal_port {p} is outside 1–65535"),
                    "use the port your app listens on, e.g. 8080",
                );
            }
            Some(_) => {}
        }
    }
    for (i, s) in c.services.iter().enumerate() {
        for (j, p) in s.ports.iter().enumerate() {
            let path = format!("services[{i}].ports[{j}]");
            for (key, value) in [
                ("port", p.port),
                ("start_port", p.start_port),
                ("end_port", p.end_port),
            ] {
                if let Some(v) = value.filter(|v| !in_range(*v)) {
                    cx.at(
                        &rules::PORT_OUT_OF_RANGE,
                        &format!("{path}.{key}"),
                        format!("{key} {v} is outside 1–65535"),
                        "use a port between 1 and 65535",
                    );
                }
            }
            if let (Some(a), Some(b)) = (p.start_port, p.end_port)
                && a > b
            {
                cx.at(
                    &rules::PORT_OUT_OF_RANGE,
                    &format!("{path}.end_port"),
                    format!("the port range is inverted: start_port {a} > end_port {b}"),
                    "swap start_port and end_port",
                );
            }
            if p.force_https == Some(true) && !p.handlers.iter().any(|h| h == "http") {
                cx.at(&rules::FORCE_HTTPS_WITHOUT_HTTP, &format!("{path}.force_https"), "`force_https` only works on a port with the `http` handler; the platform rejects it here".into(), "move `force_https = true` to the port-80 entry with `handlers = [\"http\"]`");
            }
        }
    }
    for (name, check) in &c.checks {
        if let Some(p) = check.port.filter(|p| !in_range(*p)) {
            cx.at(
                &rules::PORT_OUT_OF_RANGE,
                &format!("checks.{name}.port"),
                format!("check port {p} is outside 1–65535"),
                "use the port your app listens on",
            );
        }
    }
    for (i, m) in c.metrics.iter().enumerate() {
        if let Some(p) = m.port.filter(|p| !in_range(*p)) {
            cx.at(
                &rules::PORT_OUT_OF_RANGE,
                &format!("metrics[{i}].port"),
                format!("metrics port {p} is outside 1–65535"),
                "use the port your metrics endpoint listens on",
            );
        }
    }
}

/// A service's path, autostop, autostart and concurrency.
type Scaling<'a> = (
    String,
    Option<AutoStop>,
    Option<bool>,
    Option<&'a Concurrency>,
);

fn scaling(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let mut list: Vec<Scaling<'_>> = Vec::new();
    if let Some(h) = &c.http_service {
        list.push((
            "http_service".into(),
            h.auto_stop_machines,
            h.auto_start_machines,
            h.concurrency.as_ref(),
        ));
    }
    for (i, s) in c.services.iter().enumerate() {
        list.push((
            format!("services[{i}]"),
            s.auto_stop_machines,
            s.auto_start_machines,
            s.concurrency.as_ref(),
        ));
    }
    for (path, stop, start, concurrency) in list {
        if matches!(stop, Some(AutoStop::Stop | AutoStop::Suspend)) && start == Some(false) {
            cx.at(&rules::AUTOSTART_AUTOSTOP_MISMATCH, &format!("{path}.auto_start_machines"), "idle machines are stopped automatically but never started again, so the app goes down after its first quiet period".into(), "set `auto_start_machines = true`, or `auto_stop_machines = \"off\"`");
        }
        let Some(cc) = concurrency else { continue };
        let cpath = format!("{path}.concurrency");
        for (key, value) in [("soft_limit", cc.soft_limit), ("hard_limit", cc.hard_limit)] {
            if let Some(v) = value.filter(|v| *v <= 0) {
                cx.at(
                    &rules::CONCURRENCY_LIMITS,
                    &format!("{cpath}.{key}"),
                    format!(
                        "{key} {v} is not positive: the proxy would consider every machine busy"
                    ),
                    "use a positive limit, e.g. 25",
                );
            }
        }
        if let (Some(soft), Some(hard)) = (cc.soft_limit, cc.hard_limit)
            && soft > hard
        {
            cx.at(
                &rules::CONCURRENCY_LIMITS,
                &format!("{cpath}.soft_limit"),
                format!("soft_limit {soft} is above hard_limit {hard}, so it never takes effect"),
                format!(
                    "use a soft limit below the hard limit, e.g. soft_limit = {}",
                    hard * 4 / 5
                ),
            );
        }
    }
}

fn enum_value(cx: &mut Ctx<'_>, path: &str, value: &str, allowed: &[&str], what: &str) {
    if allowed.contains(&value) {
        return;
    }
    let lower = value.to_ascii_lowercase();
    let guess = allowed.iter().find(|a| **a == lower);
    let range = cx.spans.value(path);
    let list = allowed
        .iter()
        .map(|a| format!("\"{a}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let d = cx.at(&rules::UNKNOWN_ENUM_VALUE, path, format!("{value:?} is not a known {what}; flyctl passes it through and the platform rejects or ignores it"), format!("use one of {list}"));
    if let Some(g) = guess {
        // A handler inside an array: replace just that string.
        d.fix = Some(crate::diagnostic::Fix::replace(
            format!("write \"{g}\""),
            range,
            format!("\"{g}\""),
        ));
    }
}

fn enums(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let mut concurrency: Vec<(String, &Concurrency)> = Vec::new();
    let mut http_checks: Vec<(String, &HttpCheck)> = Vec::new();
    let mut machine: Vec<(String, &MachineCheck)> = Vec::new();
    if let Some(h) = &c.http_service {
        concurrency.extend(
            h.concurrency
                .iter()
                .map(|x| ("http_service.concurrency".to_owned(), x)),
        );
        http_checks.extend(
            h.checks
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("http_service.checks[{i}]"), x)),
        );
        machine.extend(
            h.machine_checks
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("http_service.machine_checks[{i}]"), x)),
        );
    }
    for (i, s) in c.services.iter().enumerate() {
        let path = format!("services[{i}]");
        if let Some(p) = &s.protocol {
            enum_value(
                cx,
                &format!("{path}.protocol"),
                p,
                &["tcp", "udp"],
                "service protocol",
            );
        }
        concurrency.extend(
            s.concurrency
                .iter()
                .map(|x| (format!("{path}.concurrency"), x)),
        );
        http_checks.extend(
            s.http_checks
                .iter()
                .enumerate()
                .map(|(j, x)| (format!("{path}.http_checks[{j}]"), x)),
        );
        machine.extend(
            s.machine_checks
                .iter()
                .enumerate()
                .map(|(j, x)| (format!("{path}.machine_checks[{j}]"), x)),
        );
        for (j, p) in s.ports.iter().enumerate() {
            for (k, h) in p.handlers.iter().enumerate() {
                enum_value(
                    cx,
                    &format!("{path}.ports[{j}].handlers[{k}]"),
                    h,
                    &["http", "tls", "pg_tls", "proxy_proto", "edge_http"],
                    "port handler",
                );
            }
            if let Some(v) = p
                .proxy_proto_options
                .as_ref()
                .and_then(|o| o.version.as_deref())
            {
                enum_value(
                    cx,
                    &format!("{path}.ports[{j}].proxy_proto_options.version"),
                    v,
                    &["v1", "v2"],
                    "PROXY protocol version",
                );
            }
        }
    }
    machine.extend(
        c.machine_checks
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("machine_checks[{i}]"), x)),
    );
    for (path, cc) in concurrency {
        if let Some(t) = &cc.kind {
            enum_value(
                cx,
                &format!("{path}.type"),
                t,
                &["connections", "requests"],
                "concurrency type",
            );
        }
    }
    for (path, h) in http_checks {
        if let Some(p) = &h.protocol {
            enum_value(
                cx,
                &format!("{path}.protocol"),
                p,
                &["http", "https"],
                "check protocol",
            );
        }
    }
    for (name, check) in &c.checks {
        if let Some(p) = &check.protocol {
            enum_value(
                cx,
                &format!("checks.{name}.protocol"),
                p,
                &["http", "https"],
                "check protocol",
            );
        }
    }
    for (path, m) in machine {
        if let Some(s) = &m.kill_signal {
            super::kill_signal(cx, &format!("{path}.kill_signal"), s);
        }
    }
}

fn check_paths(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let mut paths: Vec<(String, Option<&str>)> = Vec::new();
    if let Some(h) = &c.http_service {
        paths.extend(
            h.checks
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("http_service.checks[{i}]"), x.path.as_deref())),
        );
    }
    for (i, s) in c.services.iter().enumerate() {
        paths.extend(
            s.http_checks
                .iter()
                .enumerate()
                .map(|(j, x)| (format!("services[{i}].http_checks[{j}]"), x.path.as_deref())),
        );
    }
    paths.extend(
        c.checks
            .iter()
            .filter(|(_, x)| x.kind.as_deref() == Some("http"))
            .map(|(n, x)| (format!("checks.{n}"), x.path.as_deref())),
    );
    for (path, p) in paths {
        match p {
            None => {
                cx.at(
                    &rules::CHECK_PATH,
                    &path,
                    "this HTTP check has no `path`, so it is not clear which endpoint it probes"
                        .into(),
                    "add `path = \"/health\"` (your app's health endpoint)",
                );
            }
            Some(p) if !p.starts_with('/') => {
                let range = cx.spans.value(&format!("{path}.path"));
                cx.at(
                    &rules::CHECK_PATH,
                    &format!("{path}.path"),
                    format!("check path {p:?} does not start with `/`"),
                    format!("write \"/{p}\""),
                )
                .fix = Some(crate::diagnostic::Fix::replace(
                    "prefix the path with /",
                    range,
                    format!("\"/{p}\""),
                ));
            }
            Some(_) => {}
        }
    }
}

fn duplicate_ports(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let mut seen: Vec<(String, i64, String)> = Vec::new();
    if c.http_service.is_some() {
        seen.push(("tcp".into(), 80, "http_service".into()));
        seen.push(("tcp".into(), 443, "http_service".into()));
    }
    for (i, s) in c.services.iter().enumerate() {
        let proto = s.protocol.clone().unwrap_or_else(|| "tcp".into());
        for (j, p) in s.ports.iter().enumerate() {
            let Some(port) = p.port else { continue };
            let path = format!("services[{i}].ports[{j}]");
            let owner = format!("services[{i}]");
            if let Some((_, _, first)) = seen
                .iter()
                .find(|(pr, po, o)| *pr == proto && *po == port && *o != owner)
            {
                let msg = format!(
                    "public {proto} port {port} is already exposed by `{first}`; only one service can receive its traffic"
                );
                cx.at(
                    &rules::DUPLICATE_PUBLIC_PORT,
                    &format!("{path}.port"),
                    msg,
                    "expose this service on another port, or merge the services",
                );
            } else {
                seen.push((proto.clone(), port, owner));
            }
        }
    }
}
