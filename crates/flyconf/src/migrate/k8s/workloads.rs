//! One Deployment or StatefulSet → one app: image and command, ports,
//! replicas and autoscaling, unsupported pod settings, and `[[metrics]]`.

use super::env::env;
use super::probes::probes;
use super::resources::resources;
use super::volumes::volumes;
use super::{Obj, WorkloadCtx};
use crate::Severity;
use crate::migrate::compose::{Stateful, kill_timeout};
use crate::migrate::draft::{Draft, PortSpec, plan_ports};
use crate::migrate::rules;
use crate::migrate::shell::has_k8s_reference;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use crate::model::{Build, Duration, Experimental, Metrics};
use std::ops::Range;

pub(super) fn workload(
    src: &mut Src<'_>,
    o: &Obj,
    app: String,
    ctx: &WorkloadCtx<'_>,
) -> Option<Draft> {
    let spec = o.node.get("spec");
    let pod = spec
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("spec"));
    let containers = pod
        .and_then(|p| p.get("containers"))
        .map(Node::items)
        .unwrap_or_default();
    let Some(c) = containers.first() else {
        src.report(
            &rules::UNSUPPORTED_VALUE,
            o.node.span.clone(),
            &o.key("spec.template.spec.containers"),
            format!(
                "{} `{}` has no containers; it is not converted",
                o.kind, o.name
            ),
            "",
        );
        return None;
    };
    let ck = |rest: &str| o.key(&format!("spec.template.spec.containers[0].{rest}"));
    let mut d = Draft {
        name: app,
        source: src.path.to_owned(),
        path: ctx.path.clone(),
        ..Draft::default()
    };
    d.note(format!(
        "converted from {} `{}` (namespace `{}`)",
        o.kind, o.name, o.namespace
    ));
    d.config.kill_signal = Some("SIGTERM".to_owned());
    d.config.kill_timeout = Some(Duration::from_secs(30));

    // Image and command.
    match c.get("image").and_then(Node::str) {
        Some(image) => {
            d.config.build = Some(Build {
                image: Some(image.to_owned()),
                ..Build::default()
            });
            if let Some(kind) = Stateful::of_image(image) {
                d.note(format!(
                    "this workload runs {image}; on Fly.io you may prefer: {}",
                    kind.recommendation(&d.name)
                ));
            }
        }
        None => {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                c.span.clone(),
                &ck("image"),
                "the container has no image",
                "set `[build] image` by hand",
            );
        }
    }
    for (field, is_cmd) in [("command", false), ("args", true)] {
        if let Some(n) = c.get(field) {
            let words: Vec<String> = n
                .items()
                .iter()
                .filter_map(|w| w.text().map(str::to_owned))
                .collect();
            if words.iter().any(|w| has_k8s_reference(w)) {
                src.report(
                    &rules::UNRESOLVED_VARIABLE,
                    n.span.clone(),
                    &ck(field),
                    format!("`{field}` uses `$(VAR)` references, which Kubernetes expands and Fly.io does not"),
                    "wrap the command in `/bin/sh -c` with `$VAR`, or write the values literally",
                );
            }
            if words.is_empty() || words.iter().any(|w| w.contains('\0')) {
                continue;
            }
            let exp = d
                .config
                .experimental
                .get_or_insert_with(Experimental::default);
            if is_cmd {
                exp.cmd = words;
            } else {
                exp.entrypoint = words;
            }
        }
    }

    // Ports.
    let container_ports: Vec<(Option<String>, i64, bool)> = c
        .get("ports")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| {
            let port = p.get("containerPort").and_then(Node::int)?;
            let udp = p
                .get("protocol")
                .and_then(Node::str)
                .is_some_and(|x| x.eq_ignore_ascii_case("udp"));
            Some((
                p.get("name").and_then(Node::str).map(str::to_owned),
                port,
                udp,
            ))
        })
        .collect();
    let resolve = |port: &Node| -> Option<i64> {
        port.int().or_else(|| {
            let name = port.str()?;
            container_ports
                .iter()
                .find(|(n, _, _)| n.as_deref() == Some(name))
                .map(|(_, p, _)| *p)
        })
    };
    let mut specs: Vec<PortSpec> = Vec::new();
    let mut bad: Vec<(Range<usize>, String, String)> = Vec::new();
    let mut cluster_ip_only = !ctx.services.is_empty() && ctx.public_hosts.is_empty();
    for svc in &ctx.services {
        let sspec = svc.node.get("spec");
        let stype = sspec
            .and_then(|s| s.get("type"))
            .and_then(Node::str)
            .unwrap_or("ClusterIP");
        if stype == "LoadBalancer" || stype == "NodePort" {
            cluster_ip_only = false;
        }
        for (pi, p) in sspec
            .and_then(|s| s.get("ports"))
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let key = svc.key(&format!("spec.ports[{pi}]"));
            let public = p.get("port").and_then(Node::int);
            let target = p.get("targetPort").map_or(public, resolve);
            let proto = p
                .get("protocol")
                .and_then(Node::str)
                .unwrap_or("TCP")
                .to_ascii_uppercase();
            let Some(target) = target.filter(|t| (1..=65535).contains(t)) else {
                bad.push((
                    p.span.clone(),
                    key,
                    "its target port is not a container port".to_owned(),
                ));
                continue;
            };
            if proto != "TCP" && proto != "UDP" {
                bad.push((
                    p.span.clone(),
                    key,
                    format!("protocol {proto} is not supported"),
                ));
                continue;
            }
            let named_http = |s: Option<&str>| {
                s.is_some_and(|s| s.to_ascii_lowercase().contains("http") || s == "web")
            };
            specs.push(PortSpec {
                internal: target,
                public: public.filter(|p| (1..=65535).contains(p)),
                udp: proto == "UDP",
                http_hint: named_http(p.get("name").and_then(Node::str))
                    || named_http(p.get("appProtocol").and_then(Node::str))
                    || (public == Some(80) || public == Some(443)) && !matches!(target, 443 | 8443),
                origin: (p.span.clone(), key),
            });
        }
    }
    if ctx.services.is_empty() {
        for (i, (name, port, udp)) in container_ports.iter().enumerate() {
            let key = ck(&format!("ports[{i}]"));
            let span = c
                .get("ports")
                .and_then(|p| p.items().get(i))
                .map_or_else(|| c.span.clone(), |n| n.span.clone());
            if !(1..=65535).contains(port) {
                bad.push((
                    span,
                    key,
                    format!("{port} is not a port between 1 and 65535"),
                ));
                continue;
            }
            specs.push(PortSpec {
                internal: *port,
                public: None,
                udp: *udp,
                http_hint: name
                    .as_deref()
                    .is_some_and(|n| n.to_ascii_lowercase().contains("http") || n == "web"),
                origin: (span, key),
            });
        }
    }
    for (span, key, why) in bad {
        src.report(
            &rules::UNSUPPORTED_PORT,
            span,
            &key,
            format!("the port is not exposed: {why}"),
            "",
        );
    }
    for s in plan_ports(&mut d, &specs, ctx.sole) {
        if let Some(spec) = specs.get(s.index) {
            src.report(
                &rules::UNSUPPORTED_PORT,
                spec.origin.0.clone(),
                &spec.origin.1,
                format!("port {} is not exposed: {}", spec.internal, s.reason),
                "",
            );
        }
    }
    if cluster_ip_only && (d.config.http_service.is_some() || !d.config.services.is_empty()) {
        let names: Vec<&str> = ctx.services.iter().map(|s| s.name.as_str()).collect();
        d.note(format!(
            "Service `{}` is ClusterIP (inside the cluster only): to keep the app private, allocate only a private Flycast address (`fly ips allocate-v6 --private --app {}`) and no public IPs; other apps reach it at `{}.internal:<port>`",
            names.join("`, `"),
            d.name,
            d.name
        ));
    }
    for host in &ctx.public_hosts {
        d.note(format!(
            "Ingress host `{host}` → `fly certs add {host} --app {}`, then point its DNS at the app (CNAME to `{}.fly.dev`)",
            d.name, d.name
        ));
    }

    metrics(o, &container_ports, &mut d);
    env(src, o, c, &mut d, ctx);
    resources(src, o, c, &mut d);
    probes(src, o, c, &mut d, &container_ports);
    volumes(src, o, pod, c, &mut d, ctx);

    // Replicas and autoscaling.
    let replicas = spec
        .and_then(|s| s.get("replicas"))
        .and_then(Node::int)
        .unwrap_or(1);
    if let Some((min, max)) = ctx
        .cluster
        .autoscalers
        .get(&(o.namespace.clone(), o.name.clone()))
    {
        d.min_running = Some((*min).max(0));
        d.note(format!(
            "HorizontalPodAutoscaler {min}–{max} replicas → `fly scale count {max} --app {}` with `min_machines_running = {min}`: the proxy starts and stops machines with traffic",
            d.name
        ));
    } else {
        d.min_running = Some(if replicas >= 1 { 1 } else { 0 });
        if replicas > 1 {
            d.note(format!(
                "{replicas} replicas → `fly scale count {replicas} --app {}` (idle machines beyond `min_machines_running` are stopped and restarted on demand)",
                d.name
            ));
        }
    }
    if let Some(g) = pod.and_then(|p| p.get("terminationGracePeriodSeconds"))
        && let Some(s) = g.int()
    {
        let t = kill_timeout(
            src,
            g.span.clone(),
            &o.key("spec.template.spec.terminationGracePeriodSeconds"),
            Duration::from_secs(s),
        );
        d.config.kill_timeout = Some(t);
    }

    // Containers beyond the first, and pod settings without an equivalent.
    for (i, extra) in containers.iter().enumerate().skip(1) {
        let name = extra.get("name").and_then(Node::str).unwrap_or("?");
        src.report(
            &rules::EXTRA_CONTAINER,
            extra.span.clone(),
            &o.key(&format!("spec.template.spec.containers[{i}]")),
            format!("sidecar container `{name}` is not converted; only the first container becomes the app"),
            "move it into its own app, or use a multi-container machine (`machine_config`)",
        );
    }
    if let Some(inits) = pod.and_then(|p| p.get("initContainers")) {
        src.report(
            &rules::EXTRA_CONTAINER,
            inits.span.clone(),
            &o.key("spec.template.spec.initContainers"),
            "init containers are not converted",
            "run one-off setup as `[deploy] release_command`, or at the start of the app's entrypoint",
        );
    }
    if let Some(p) = pod {
        for (k, _) in p.entries() {
            let key = k.text().unwrap_or_default();
            let (why, severity) = match key {
                "nodeSelector"
                | "affinity"
                | "tolerations"
                | "topologySpreadConstraints"
                | "priorityClassName"
                | "schedulerName" => (
                    "placement is chosen by region on Fly.io: `primary_region` and `fly scale count --region`",
                    Severity::Info,
                ),
                "hostNetwork" | "hostPID" | "hostIPC" => {
                    ("a machine has no host to share", Severity::Warning)
                }
                "securityContext" => ("set the user in the Dockerfile (`USER`)", Severity::Info),
                "serviceAccountName" | "serviceAccount" | "automountServiceAccountToken" => {
                    ("there is no cluster API to talk to", Severity::Info)
                }
                "imagePullSecrets" => (
                    "push the image to Fly.io's registry (`docker push registry.fly.io/APP:TAG`) or make it public",
                    Severity::Warning,
                ),
                "hostAliases" | "dnsConfig" | "dnsPolicy" => {
                    ("apps reach each other as `APP.internal`", Severity::Info)
                }
                _ => continue,
            };
            src.report(
                &rules::UNSUPPORTED_SETTING,
                k.span.clone(),
                &o.key(&format!("spec.template.spec.{key}")),
                format!("`{key}` is not converted"),
                why,
            )
            .severity = severity;
        }
    }
    for (k, _) in c.entries() {
        let key = k.text().unwrap_or_default();
        let why = match key {
            "lifecycle" => "preStop/postStart hooks do not run; handle SIGTERM in the app instead",
            "securityContext" => "set the user in the Dockerfile (`USER`)",
            "workingDir" => "set `WORKDIR` in the Dockerfile",
            _ => continue,
        };
        src.report(
            &rules::UNSUPPORTED_SETTING,
            k.span.clone(),
            &ck(key),
            format!("`{key}` is not converted"),
            why,
        );
    }
    Some(d)
}

/// Prometheus annotations, or a container port named `metrics`, → `[[metrics]]`.
fn metrics(o: &Obj, ports: &[(Option<String>, i64, bool)], d: &mut Draft) {
    let annotations = o
        .node
        .get("spec")
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("annotations"));
    let ann = |k: &str| annotations.and_then(|a| a.get(k));
    let scrape = ann("prometheus.io/scrape").and_then(Node::str) == Some("true");
    let named = ports
        .iter()
        .find(|(n, _, udp)| !udp && matches!(n.as_deref(), Some("metrics" | "prometheus" | "prom")))
        .map(|(_, p, _)| *p);
    let port = if scrape {
        ann("prometheus.io/port").and_then(Node::int).or(named)
    } else {
        named
    };
    let Some(port) = port.filter(|p| (1..=65535).contains(p)) else {
        return;
    };
    let path = ann("prometheus.io/path")
        .and_then(Node::str)
        .filter(|p| p.starts_with('/'))
        .unwrap_or("/metrics")
        .to_owned();
    d.note(format!(
        "Prometheus metrics on port {port} → `[[metrics]]`: Fly.io scrapes {path} into its managed Prometheus"
    ));
    d.config.metrics.push(Metrics {
        port: Some(port),
        path: Some(path),
        ..Metrics::default()
    });
}
