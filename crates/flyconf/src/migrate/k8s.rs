//! Kubernetes manifests → one app per Deployment or StatefulSet.

use super::Run;
use super::compose::{Stateful, clamp_check, kill_timeout};
use super::draft::{
    self, Draft, PortSpec, Target, describe_rewrite, plan_ports, reserved_env, rewrite_hosts,
    secret_name, secret_reason, volume_name,
};
use super::rules;
use super::shell::has_k8s_reference;
use super::source::Src;
use super::units::{self, Resources};
use super::yaml::{self, Node};
use crate::Severity;
use crate::model::{
    Build, Duration, Experimental, File, HttpCheck, Metrics, Mount, TcpCheck, TopLevelCheck,
    VolumeSize,
};
use std::collections::HashMap;
use std::ops::Range;

/// One manifest object.
struct Obj {
    file: usize,
    node: Node,
    kind: String,
    name: String,
    namespace: String,
}

impl Obj {
    fn key(&self, rest: &str) -> String {
        if rest.is_empty() {
            format!("{}/{}", self.kind, self.name)
        } else {
            format!("{}/{}.{rest}", self.kind, self.name)
        }
    }

    fn ns_name(&self) -> (String, String) {
        (self.namespace.clone(), self.name.clone())
    }
}

/// Kinds that run workloads the migration does not convert.
const OTHER_WORKLOADS: &[&str] = &[
    "Pod",
    "ReplicaSet",
    "ReplicationController",
    "DaemonSet",
    "Job",
    "CronJob",
    "DeploymentConfig",
];

/// Everything the manifests define, indexed.
struct Cluster {
    objs: Vec<Obj>,
    workloads: Vec<usize>,
    services: Vec<usize>,
    ingresses: Vec<usize>,
    config_maps: HashMap<(String, String), usize>,
    secrets: HashMap<(String, String), Vec<String>>,
    claims: HashMap<(String, String), Option<f64>>,
    /// (namespace, workload name) → (min, max replicas).
    autoscalers: HashMap<(String, String), (i64, i64)>,
}

/// Where a Helm/Go template action appears in `text`, if anywhere.
fn template_action(text: &str) -> Option<usize> {
    const ACTIONS: &[&str] = &[
        "{{ .",
        "{{.",
        "{{- ",
        "{{-",
        "{{ include",
        "{{ template",
        "{{ if",
        "{{ else",
        "{{ range",
        "{{ with",
        "{{ end",
        "{{ toYaml",
        "{{ tpl",
        "{{ default",
        "{{ quote",
    ];
    ACTIONS.iter().filter_map(|a| text.find(a)).min()
}

fn parse_all(srcs: &mut [&mut Src<'_>]) -> Vec<Obj> {
    let mut objs = Vec::new();
    for (file, src) in srcs.iter_mut().enumerate() {
        if let Some(at) = template_action(src.text) {
            let end = src.text[at..].find("}}").map_or(at, |e| at + e + 2);
            src.report(
                &rules::UNPARSEABLE_SOURCE,
                at..end,
                "",
                format!("{} is a Helm/Go template, not a manifest; it is skipped", src.path),
                "render it first (`helm template . > rendered.yaml`, or `kustomize build`) and migrate the result",
            );
            continue;
        }
        let parsed = match yaml::parse(src.text) {
            Ok(p) => p,
            Err(e) => {
                let helm = src.text.contains("{{");
                src.report(
                    &rules::UNPARSEABLE_SOURCE,
                    e.offset..e.offset,
                    "",
                    format!("{} is not valid YAML: {}", src.path, e.message),
                    if helm {
                        "this looks like a Helm template: render it first (`helm template . > rendered.yaml`) and migrate the result"
                    } else {
                        "fix the syntax (`kubectl apply --dry-run=client -f FILE` shows the same error); the file is skipped"
                    },
                );
                continue;
            }
        };
        for dup in &parsed.duplicate_keys {
            let key = src.text.get(dup.clone()).unwrap_or_default().to_owned();
            src.report(
                &rules::UNPARSEABLE_SOURCE,
                dup.clone(),
                &key,
                format!("key `{key}` appears twice in one mapping; the later value is used"),
                "remove one of them",
            );
        }
        let mut stack: Vec<Node> = parsed.docs;
        stack.reverse();
        while let Some(node) = stack.pop() {
            let kind = node
                .get("kind")
                .and_then(Node::str)
                .unwrap_or_default()
                .to_owned();
            if kind == "List" || kind.ends_with("List") && node.get("items").is_some() {
                let mut items: Vec<Node> = node
                    .get("items")
                    .map(|i| i.items().to_vec())
                    .unwrap_or_default();
                items.reverse();
                stack.extend(items);
                continue;
            }
            if kind.is_empty() {
                continue;
            }
            let meta = node.get("metadata");
            let name = meta
                .and_then(|m| m.get("name"))
                .and_then(Node::str)
                .unwrap_or_default()
                .to_owned();
            let namespace = meta
                .and_then(|m| m.get("namespace"))
                .and_then(Node::str)
                .unwrap_or("default")
                .to_owned();
            objs.push(Obj {
                file,
                node,
                kind,
                name,
                namespace,
            });
        }
    }
    objs
}

/// Converts Kubernetes manifests.
pub(crate) fn convert(run: &mut Run<'_>, srcs: &mut [&mut Src<'_>]) {
    let objs = parse_all(srcs);
    let mut c = Cluster {
        objs: Vec::new(),
        workloads: Vec::new(),
        services: Vec::new(),
        ingresses: Vec::new(),
        config_maps: HashMap::new(),
        secrets: HashMap::new(),
        claims: HashMap::new(),
        autoscalers: HashMap::new(),
    };
    for (i, o) in objs.iter().enumerate() {
        let Some(src) = srcs.get_mut(o.file) else {
            continue;
        };
        match o.kind.as_str() {
            "Deployment" | "StatefulSet" => c.workloads.push(i),
            "Service" => c.services.push(i),
            "Ingress" => c.ingresses.push(i),
            "ConfigMap" => {
                c.config_maps.insert(o.ns_name(), i);
            }
            "Secret" => {
                let mut keys: Vec<String> = Vec::new();
                for field in ["data", "stringData"] {
                    for (k, _) in o.node.get(field).map(Node::entries).unwrap_or_default() {
                        if let Some(k) = k.text()
                            && !keys.iter().any(|x| x == k)
                        {
                            keys.push(k.to_owned());
                        }
                    }
                }
                c.secrets.insert(o.ns_name(), keys);
            }
            "PersistentVolumeClaim" => {
                let size = storage_request(o.node.get("spec"));
                c.claims.insert(o.ns_name(), size);
            }
            "HorizontalPodAutoscaler" => {
                let spec = o.node.get("spec");
                let target = spec
                    .and_then(|s| s.get("scaleTargetRef"))
                    .and_then(|t| t.get("name"))
                    .and_then(Node::str)
                    .unwrap_or_default()
                    .to_owned();
                let min = spec
                    .and_then(|s| s.get("minReplicas"))
                    .and_then(Node::int)
                    .unwrap_or(1);
                let max = spec
                    .and_then(|s| s.get("maxReplicas"))
                    .and_then(Node::int)
                    .unwrap_or(min);
                c.autoscalers
                    .insert((o.namespace.clone(), target), (min, max));
            }
            kind => {
                let workload = OTHER_WORKLOADS.contains(&kind);
                let suggestion = match kind {
                    "CronJob" => {
                        "run it as a scheduled machine (`fly machine run IMAGE --schedule daily --command '…'`) or a cron process group (supercronic)"
                    }
                    "Job" => {
                        "run it once with `fly machine run IMAGE --rm --command '…'`, or as `[deploy] release_command` if it runs on every deploy"
                    }
                    "DaemonSet" => {
                        "one machine per host is not a Fly.io concept; run the agent inside the app's image if it is still needed"
                    }
                    "Pod" | "ReplicaSet" | "ReplicationController" | "DeploymentConfig" => {
                        "wrap it in a Deployment and migrate again"
                    }
                    "Namespace"
                    | "ServiceAccount"
                    | "Role"
                    | "RoleBinding"
                    | "ClusterRole"
                    | "ClusterRoleBinding"
                    | "NetworkPolicy"
                    | "PodDisruptionBudget"
                    | "ResourceQuota"
                    | "LimitRange" => "not needed on Fly.io",
                    _ => "",
                };
                let d = src.report(
                    &rules::UNSUPPORTED_KIND,
                    o.node.span.clone(),
                    &o.key(""),
                    format!("{kind} `{}` is not converted", o.name),
                    suggestion,
                );
                if !workload {
                    draft::info(d);
                }
            }
        }
    }
    c.objs = objs;

    // Names, and which Services select which workload.
    let mut apps: HashMap<usize, String> = HashMap::new();
    for &w in &c.workloads {
        let o = &c.objs[w];
        let app = run
            .namer
            .claim(run.options.app_prefix.as_deref(), Some(&o.name));
        apps.insert(w, app);
    }
    let mut svc_of: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut svc_app: HashMap<(String, String), String> = HashMap::new();
    let mut hosts: HashMap<String, Target> = HashMap::new();
    for &s in &c.services {
        let svc = &c.objs[s];
        let selector: Vec<(&str, &str)> = svc
            .node
            .get("spec")
            .and_then(|sp| sp.get("selector"))
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .filter_map(|(k, v)| Some((k.text()?, v.str()?)))
            .collect();
        let target = c.workloads.iter().copied().find(|&w| {
            let o = &c.objs[w];
            let labels = o
                .node
                .get("spec")
                .and_then(|sp| sp.get("template"))
                .and_then(|t| t.get("metadata"))
                .and_then(|m| m.get("labels"));
            o.namespace == svc.namespace
                && !selector.is_empty()
                && selector
                    .iter()
                    .all(|(k, v)| labels.and_then(|l| l.get(k)).and_then(Node::str) == Some(*v))
        });
        match target {
            Some(w) => {
                svc_of.entry(w).or_default().push(s);
                if let Some(app) = apps.get(&w) {
                    svc_app.insert(svc.ns_name(), app.clone());
                    let target = Target {
                        app: app.clone(),
                        ports: service_ports(svc, &c.objs[w]),
                    };
                    let n = svc.name.to_ascii_lowercase();
                    let ns = svc.namespace.to_ascii_lowercase();
                    for h in [
                        n.clone(),
                        format!("{n}.{ns}"),
                        format!("{n}.{ns}.svc"),
                        format!("{n}.{ns}.svc.cluster.local"),
                    ] {
                        hosts.insert(h, target.clone());
                    }
                }
            }
            None => {
                if let Some(src) = srcs.get_mut(svc.file) {
                    let d = src.report(
                        &rules::UNSUPPORTED_KIND,
                        svc.node.span.clone(),
                        &svc.key(""),
                        format!("Service `{}` selects no Deployment or StatefulSet among the manifests; it is not converted", svc.name),
                        "migrate the workload it belongs to together with it",
                    );
                    draft::info(d);
                }
            }
        }
    }

    // Ingress hosts → `fly certs add`.
    let mut app_hosts: HashMap<String, Vec<String>> = HashMap::new();
    for &i in &c.ingresses {
        ingress(&c.objs[i], srcs, &svc_app, &mut app_hosts);
    }

    let exposing = c
        .workloads
        .iter()
        .filter(|w| {
            svc_of.contains_key(w)
                || first_container(&c.objs[**w])
                    .is_some_and(|k| k.get("ports").is_some_and(|p| !p.items().is_empty()))
        })
        .count();
    let many = c.workloads.len() > 1;
    for &w in &c.workloads {
        let o = &c.objs[w];
        let Some(app) = apps.get(&w).cloned() else {
            continue;
        };
        let Some(src) = srcs.get_mut(o.file) else {
            continue;
        };
        let services: Vec<&Obj> = svc_of
            .get(&w)
            .map(|v| v.iter().map(|&s| &c.objs[s]).collect())
            .unwrap_or_default();
        let public_hosts = app_hosts.remove(&app).unwrap_or_default();
        let ctx = WorkloadCtx {
            cluster: &c,
            services,
            hosts: &hosts,
            public_hosts,
            sole: exposing == 1,
            path: if many {
                format!("fly.{app}.toml")
            } else {
                "fly.toml".to_owned()
            },
        };
        if let Some(d) = workload(src, o, app, &ctx) {
            run.drafts.push(d);
        }
    }
}

/// A Service's (port, target port) pairs, named target ports resolved
/// against the workload's first container.
fn service_ports(svc: &Obj, workload: &Obj) -> Vec<(i64, i64)> {
    let container = first_container(workload);
    let named = |name: &str| -> Option<i64> {
        container?
            .get("ports")?
            .items()
            .iter()
            .find(|p| p.get("name").and_then(Node::str) == Some(name))?
            .get("containerPort")?
            .int()
    };
    svc.node
        .get("spec")
        .and_then(|s| s.get("ports"))
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| {
            let port = p.get("port").and_then(Node::int)?;
            let target = match p.get("targetPort") {
                None => port,
                Some(t) => t.int().or_else(|| t.str().and_then(named))?,
            };
            Some((port, target))
        })
        .collect()
}

fn storage_request(spec: Option<&Node>) -> Option<f64> {
    spec?
        .get("resources")?
        .get("requests")?
        .get("storage")?
        .str()
        .and_then(units::k8s_quantity)
}

fn ingress(
    ing: &Obj,
    srcs: &mut [&mut Src<'_>],
    svc_app: &HashMap<(String, String), String>,
    app_hosts: &mut HashMap<String, Vec<String>>,
) {
    let Some(src) = srcs.get_mut(ing.file) else {
        return;
    };
    let backend_name = |b: Option<&Node>| -> Option<String> {
        let b = b?;
        b.get("service")
            .and_then(|s| s.get("name"))
            .or_else(|| b.get("serviceName"))
            .and_then(Node::str)
            .map(str::to_owned)
    };
    let spec = ing.node.get("spec");
    let default =
        backend_name(spec.and_then(|s| s.get("defaultBackend").or_else(|| s.get("backend"))));
    for (ri, rule) in spec
        .and_then(|s| s.get("rules"))
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let key = ing.key(&format!("spec.rules[{ri}]"));
        let mut backends: Vec<(String, String)> = Vec::new();
        for p in rule
            .get("http")
            .and_then(|h| h.get("paths"))
            .map(Node::items)
            .unwrap_or_default()
        {
            if let Some(b) = backend_name(p.get("backend")) {
                let path = p.get("path").and_then(Node::str).unwrap_or("/").to_owned();
                backends.push((path, b));
            }
        }
        if backends.is_empty()
            && let Some(d) = &default
        {
            backends.push(("/".to_owned(), d.clone()));
        }
        let Some(host) = rule.get("host").and_then(Node::str) else {
            src.report(
                &rules::INGRESS_NOT_CONVERTED,
                rule.span.clone(),
                &key,
                "an Ingress rule without a host is not converted: every Fly.io app already answers on APP.fly.dev",
                "",
            )
            .severity = Severity::Info;
            continue;
        };
        let mut distinct: Vec<&String> = backends.iter().map(|(_, b)| b).collect();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 {
            let routes: Vec<String> = backends.iter().map(|(p, b)| format!("{p} → {b}")).collect();
            src.report(
                &rules::INGRESS_NOT_CONVERTED,
                rule.span.clone(),
                &key,
                format!("`{host}` routes paths to several services ({}); fly.toml cannot route paths between apps", routes.join(", ")),
                "give each app its own hostname, or put a reverse-proxy app in front",
            );
        }
        let main = backends
            .iter()
            .find(|(p, _)| p == "/" || p == "/*")
            .or_else(|| backends.first())
            .map(|(_, b)| b.clone());
        let Some(main) = main else { continue };
        match svc_app.get(&(ing.namespace.clone(), main.clone())) {
            Some(app) => {
                let list = app_hosts.entry(app.clone()).or_default();
                if !list.iter().any(|h| h == host) {
                    list.push(host.to_owned());
                }
            }
            None => {
                src.report(
                    &rules::INGRESS_NOT_CONVERTED,
                    rule.span.clone(),
                    &key,
                    format!("`{host}` goes to Service `{main}`, which is not a converted app"),
                    "",
                );
            }
        }
    }
}

fn first_container(o: &Obj) -> Option<&Node> {
    o.node
        .get("spec")?
        .get("template")?
        .get("spec")?
        .get("containers")?
        .items()
        .first()
}

struct WorkloadCtx<'c> {
    cluster: &'c Cluster,
    services: Vec<&'c Obj>,
    hosts: &'c HashMap<String, Target>,
    public_hosts: Vec<String>,
    sole: bool,
    path: String,
}

fn workload(src: &mut Src<'_>, o: &Obj, app: String, ctx: &WorkloadCtx<'_>) -> Option<Draft> {
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

fn env(src: &mut Src<'_>, o: &Obj, c: &Node, d: &mut Draft, ctx: &WorkloadCtx<'_>) {
    let lookup = |h: &str| ctx.hosts.get(h).cloned();
    let ns = &o.namespace;
    let mut literal: HashMap<String, String> = HashMap::new();
    let mut from_secrets: Vec<String> = Vec::new();
    for (i, e) in c
        .get("env")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let Some(name) = e.get("name").and_then(Node::str) else {
            continue;
        };
        let key = o.key(&format!("spec.template.spec.containers[0].env[{i}]"));
        if reserved_env(name) {
            src.report(
                &rules::UNSUPPORTED_SETTING,
                e.span.clone(),
                &key,
                format!("`{name}` is set by Fly.io itself; it is left out"),
                "",
            )
            .severity = Severity::Info;
            continue;
        }
        if let Some(from) = e.get("valueFrom") {
            if let Some(r) = from.get("secretKeyRef") {
                let sname = r.get("name").and_then(Node::str).unwrap_or("?");
                let skey = r.get("key").and_then(Node::str).unwrap_or("?");
                d.secret(name);
                let entry = format!("`{name}` (Secret `{sname}`, key `{skey}`)");
                if !from_secrets.contains(&entry) {
                    from_secrets.push(entry);
                }
            } else if let Some(r) = from.get("configMapKeyRef") {
                let cm = r.get("name").and_then(Node::str).unwrap_or_default();
                let k = r.get("key").and_then(Node::str).unwrap_or_default();
                let value = ctx
                    .cluster
                    .config_maps
                    .get(&(ns.clone(), cm.to_owned()))
                    .and_then(|&i| ctx.cluster.objs[i].node.get("data"))
                    .and_then(|data| data.get(k))
                    .and_then(Node::text)
                    .map(str::to_owned);
                match value {
                    Some(v) => {
                        put_env(src, d, &lookup, name, v, e.span.clone(), &key, &mut literal);
                    }
                    None => {
                        src.report(
                            &rules::UNRESOLVED_VARIABLE,
                            from.span.clone(),
                            &key,
                            format!("`{name}` comes from ConfigMap `{cm}` key `{k}`, which is not among the manifests"),
                            "add the value to `[env]` by hand",
                        );
                    }
                }
            } else if let Some(path) = from
                .get("fieldRef")
                .and_then(|f| f.get("fieldPath"))
                .and_then(Node::str)
            {
                match path {
                    "metadata.namespace" => {
                        d.config.env.insert(name.to_owned(), ns.clone());
                        literal.insert(name.to_owned(), ns.clone());
                    }
                    _ => {
                        let instead = match path {
                            "status.podIP" => "`FLY_PRIVATE_IP`",
                            "metadata.name" => "`FLY_MACHINE_ID`",
                            "spec.nodeName" => "`FLY_REGION` or `FLY_MACHINE_ID`",
                            _ => "the `FLY_*` runtime variables",
                        };
                        src.report(
                            &rules::UNRESOLVED_VARIABLE,
                            from.span.clone(),
                            &key,
                            format!("`{name}` reads the pod field `{path}`, which has no Fly.io counterpart in fly.toml"),
                            format!("read {instead} in the app instead"),
                        );
                    }
                }
            } else {
                src.report(
                    &rules::UNRESOLVED_VARIABLE,
                    from.span.clone(),
                    &key,
                    format!("`{name}` uses a `valueFrom` source that is not converted"),
                    "",
                );
            }
            continue;
        }
        let raw = e
            .get("value")
            .and_then(Node::text)
            .unwrap_or_default()
            .to_owned();
        let value = expand_refs(&raw, &literal);
        if has_k8s_reference(&value) {
            src.report(
                &rules::UNRESOLVED_VARIABLE,
                e.span.clone(),
                &key,
                format!("`{name}` uses `$(VAR)` references to variables that are not literal values; they are kept as written"),
                "write the value out in `[env]`",
            );
        }
        put_env(
            src,
            d,
            &lookup,
            name,
            value,
            e.get("value")
                .map_or_else(|| e.span.clone(), |v| v.span.clone()),
            &key,
            &mut literal,
        );
    }
    for (i, ef) in c
        .get("envFrom")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let key = o.key(&format!("spec.template.spec.containers[0].envFrom[{i}]"));
        let prefix = ef.get("prefix").and_then(Node::str).unwrap_or_default();
        if let Some(r) = ef.get("configMapRef") {
            let cm = r.get("name").and_then(Node::str).unwrap_or_default();
            match ctx.cluster.config_maps.get(&(ns.clone(), cm.to_owned())) {
                Some(&ci) => {
                    let data: Vec<(String, String)> = ctx.cluster.objs[ci]
                        .node
                        .get("data")
                        .map(Node::entries)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|(k, v)| {
                            Some((format!("{prefix}{}", k.text()?), v.text()?.to_owned()))
                        })
                        .collect();
                    for (k, v) in data {
                        if reserved_env(&k) {
                            continue;
                        }
                        put_env(src, d, &lookup, &k, v, ef.span.clone(), &key, &mut literal);
                    }
                }
                None => {
                    src.report(&rules::UNRESOLVED_VARIABLE, ef.span.clone(), &key, format!("ConfigMap `{cm}` is not among the manifests; its variables are not converted"), "add them to `[env]` by hand");
                }
            }
        } else if let Some(r) = ef.get("secretRef") {
            let sname = r.get("name").and_then(Node::str).unwrap_or_default();
            match ctx.cluster.secrets.get(&(ns.clone(), sname.to_owned())) {
                Some(keys) => {
                    for k in keys {
                        let n = format!("{prefix}{k}");
                        d.secret(&n);
                        let entry = format!("`{n}` (Secret `{sname}`, key `{k}`)");
                        if !from_secrets.contains(&entry) {
                            from_secrets.push(entry);
                        }
                    }
                }
                None => {
                    src.report(
                        &rules::UNRESOLVED_VARIABLE,
                        ef.span.clone(),
                        &key,
                        format!("every key of Secret `{sname}` becomes a variable, but the Secret is not among the manifests, so their names are unknown"),
                        format!("copy them: `kubectl get secret {sname} -o json | jq -r '.data | to_entries[] | \"\\(.key)=\\(.value | @base64d)\"' | fly secrets import --app {}`", d.name),
                    );
                }
            }
        }
    }
    if !from_secrets.is_empty() {
        d.note(format!(
            "from Kubernetes Secrets: {}; copy each with `kubectl get secret NAME -o jsonpath='{{.data.KEY}}' | base64 -d`",
            from_secrets.join(", ")
        ));
    }
}

/// Expands `$(VAR)` from earlier literal variables, as the kubelet does.
fn expand_refs(value: &str, known: &HashMap<String, String>) -> String {
    if !value.contains("$(") {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("$$") {
            out.push('$');
            rest = after;
            continue;
        }
        if let Some(body) = tail.strip_prefix("$(")
            && let Some(close) = body.find(')')
            && let Some(v) = known.get(&body[..close])
        {
            out.push_str(v);
            rest = &body[close + 1..];
            continue;
        }
        out.push('$');
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

#[allow(clippy::too_many_arguments)]
fn put_env(
    src: &mut Src<'_>,
    d: &mut Draft,
    lookup: &dyn Fn(&str) -> Option<Target>,
    name: &str,
    value: String,
    span: Range<usize>,
    key: &str,
    literal: &mut HashMap<String, String>,
) {
    literal.insert(name.to_owned(), value.clone());
    let rewritten = rewrite_hosts(&value, lookup);
    if let Some(r) = &rewritten {
        d.reach(&r.apps);
    }
    let reason = secret_reason(name, &value).or_else(|| {
        rewritten
            .as_ref()
            .and_then(|r| secret_reason(name, &r.value))
    });
    if let Some(reason) = reason {
        d.secret(name);
        let hosts = rewritten
            .as_ref()
            .map(|r| {
                format!(
                    " When you set it, replace the host: {}.",
                    describe_rewrite(r, lookup)
                )
            })
            .unwrap_or_default();
        src.report(
            &rules::SECRET_NOT_MIGRATED,
            span,
            key,
            format!("`{name}` is not written to `[env]` because {reason}; it is listed as a secret to set.{hosts}"),
            format!("move it to a Kubernetes Secret too, and set it on Fly.io: `fly secrets set {name}=… --app {}`", d.name),
        );
        return;
    }
    let value = match rewritten {
        Some(r) => {
            src.report(
                &rules::SERVICE_REFERENCE,
                span,
                key,
                format!(
                    "`{name}` names another Service: {}",
                    describe_rewrite(&r, lookup)
                ),
                "",
            );
            r.value
        }
        None => value,
    };
    d.config.env.insert(name.to_owned(), value);
}

fn resources(src: &mut Src<'_>, o: &Obj, c: &Node, d: &mut Draft) {
    let Some(r) = c.get("resources") else { return };
    let key = o.key("spec.template.spec.containers[0].resources");
    let mut q = |section: &str, field: &str| -> Option<f64> {
        let n = r.get(section)?.get(field)?;
        let text = n.str()?;
        let v = units::k8s_quantity(text);
        if v.is_none() {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                n.span.clone(),
                &format!("{key}.{section}.{field}"),
                format!("`{text}` is not a Kubernetes quantity; it is ignored"),
                "",
            );
        }
        v
    };
    let res = Resources {
        cpus: q("limits", "cpu").or_else(|| q("requests", "cpu")),
        guaranteed_cpus: q("requests", "cpu"),
        memory_bytes: q("limits", "memory").or_else(|| q("requests", "memory")),
    };
    if res.is_empty() {
        return;
    }
    let (vm, changes) = units::machine_for(&res);
    d.config.vm.push(vm);
    for ch in changes {
        src.report(&rules::VALUE_ADJUSTED, r.span.clone(), &key, ch, "");
    }
}

fn probes(
    src: &mut Src<'_>,
    o: &Obj,
    c: &Node,
    d: &mut Draft,
    ports: &[(Option<String>, i64, bool)],
) {
    let secs = |n: Option<&Node>, field: &str, default: i64| -> i64 {
        n.and_then(|p| p.get(field))
            .and_then(Node::int)
            .unwrap_or(default)
            .max(0)
    };
    let startup = c.get("startupProbe");
    let startup_window = startup.map_or(0, |s| {
        secs(Some(s), "initialDelaySeconds", 0).saturating_add(
            secs(Some(s), "periodSeconds", 10).saturating_mul(secs(Some(s), "failureThreshold", 3)),
        )
    });
    let resolve = |port: &Node| -> Option<i64> {
        port.int().or_else(|| {
            let name = port.str()?;
            ports
                .iter()
                .find(|(n, _, _)| n.as_deref() == Some(name))
                .map(|(_, p, _)| *p)
        })
    };
    let mut liveness_note = false;
    for (field, check_name) in [
        ("readinessProbe", "readiness"),
        ("livenessProbe", "liveness"),
    ] {
        let Some(p) = c.get(field) else { continue };
        let key = o.key(&format!("spec.template.spec.containers[0].{field}"));
        let interval = clamp_check(
            src,
            p.span.clone(),
            &key,
            "interval",
            Duration::from_secs(secs(Some(p), "periodSeconds", 10)),
            2,
            60,
        );
        let timeout = clamp_check(
            src,
            p.span.clone(),
            &key,
            "timeout",
            Duration::from_secs(secs(Some(p), "timeoutSeconds", 1)),
            1,
            60,
        );
        let delay = secs(Some(p), "initialDelaySeconds", 0).max(startup_window);
        let grace = if delay == 0 {
            Duration::from_secs(10)
        } else {
            clamp_check(
                src,
                p.span.clone(),
                &key,
                "grace period",
                Duration::from_secs(delay),
                1,
                60,
            )
        };
        if let Some(h) = p.get("httpGet") {
            let Some(port) = h
                .get("port")
                .and_then(resolve)
                .filter(|p| (1..=65535).contains(p))
            else {
                src.report(
                    &rules::UNSUPPORTED_HEALTH_CHECK,
                    h.span.clone(),
                    &key,
                    "the probe's port is not a container port; it is not converted",
                    "",
                );
                continue;
            };
            let path = h.get("path").and_then(Node::str).unwrap_or("/");
            let path = if path.starts_with('/') {
                path.to_owned()
            } else {
                format!("/{path}")
            };
            let https = h
                .get("scheme")
                .and_then(Node::str)
                .is_some_and(|s| s.eq_ignore_ascii_case("HTTPS"));
            let mut headers = indexmap::IndexMap::new();
            for hd in h.get("httpHeaders").map(Node::items).unwrap_or_default() {
                let (Some(n), Some(v)) = (
                    hd.get("name").and_then(Node::str),
                    hd.get("value").and_then(Node::text),
                ) else {
                    continue;
                };
                if crate::secrets::scan(n, v).is_some() {
                    src.report(
                        &rules::SECRET_NOT_MIGRATED,
                        hd.span.clone(),
                        &key,
                        format!("probe header `{n}` holds a credential; it is left out"),
                        "use an unauthenticated health endpoint",
                    );
                    continue;
                }
                headers.insert(n.to_owned(), v.to_owned());
            }
            let check = HttpCheck {
                interval: Some(interval),
                timeout: Some(timeout),
                grace_period: Some(grace),
                method: Some("GET".to_owned()),
                path: Some(path.clone()),
                protocol: Some(if https { "https" } else { "http" }.to_owned()),
                tls_skip_verify: https.then_some(true),
                headers: headers.clone(),
                ..HttpCheck::default()
            };
            if let Some(hs) = d
                .config
                .http_service
                .as_mut()
                .filter(|hs| hs.internal_port == Some(port))
            {
                if !hs
                    .checks
                    .iter()
                    .any(|x| x.path.as_deref() == Some(path.as_str()))
                {
                    hs.checks.push(check);
                }
            } else if let Some(s) = d
                .config
                .services
                .iter_mut()
                .find(|s| s.internal_port == Some(port) && s.protocol.as_deref() == Some("tcp"))
            {
                if !s
                    .http_checks
                    .iter()
                    .any(|x| x.path.as_deref() == Some(path.as_str()))
                {
                    s.http_checks.push(check);
                }
            } else if !d
                .config
                .checks
                .values()
                .any(|x| x.port == Some(port) && x.path.as_deref() == Some(path.as_str()))
            {
                d.config.checks.insert(
                    check_name.to_owned(),
                    TopLevelCheck {
                        port: Some(port),
                        kind: Some("http".to_owned()),
                        interval: Some(interval),
                        timeout: Some(timeout),
                        grace_period: Some(grace),
                        method: Some("GET".to_owned()),
                        path: Some(path),
                        protocol: Some(if https { "https" } else { "http" }.to_owned()),
                        tls_skip_verify: https.then_some(true),
                        headers,
                        ..TopLevelCheck::default()
                    },
                );
            }
        } else if let Some(t) = p.get("tcpSocket") {
            let Some(port) = t
                .get("port")
                .and_then(resolve)
                .filter(|p| (1..=65535).contains(p))
            else {
                src.report(
                    &rules::UNSUPPORTED_HEALTH_CHECK,
                    t.span.clone(),
                    &key,
                    "the probe's port is not a container port; it is not converted",
                    "",
                );
                continue;
            };
            let tcp = TcpCheck {
                interval: Some(interval),
                timeout: Some(timeout),
                grace_period: Some(grace),
            };
            if let Some(s) = d
                .config
                .services
                .iter_mut()
                .find(|s| s.internal_port == Some(port) && s.protocol.as_deref() == Some("tcp"))
            {
                if s.tcp_checks.is_empty() {
                    s.tcp_checks.push(tcp);
                }
            } else if !d
                .config
                .checks
                .values()
                .any(|x| x.port == Some(port) && x.kind.as_deref() == Some("tcp"))
            {
                d.config.checks.insert(
                    check_name.to_owned(),
                    TopLevelCheck {
                        port: Some(port),
                        kind: Some("tcp".to_owned()),
                        interval: Some(interval),
                        timeout: Some(timeout),
                        grace_period: Some(grace),
                        ..TopLevelCheck::default()
                    },
                );
            }
        } else {
            src.report(
                &rules::UNSUPPORTED_HEALTH_CHECK,
                p.span.clone(),
                &key,
                format!("the {check_name} probe runs a command or gRPC call, which Fly.io checks cannot do"),
                "expose an HTTP health endpoint and add `[[http_service.checks]]` with its path",
            );
            continue;
        }
        if field == "livenessProbe" {
            liveness_note = true;
        }
    }
    if liveness_note {
        d.note("the liveness probe became a health check: Fly.io stops routing to a machine that fails it, but does not restart the machine");
    }
}

fn volumes(
    src: &mut Src<'_>,
    o: &Obj,
    pod: Option<&Node>,
    c: &Node,
    d: &mut Draft,
    ctx: &WorkloadCtx<'_>,
) {
    let ns = &o.namespace;
    let pod_volumes = pod
        .and_then(|p| p.get("volumes"))
        .map(Node::items)
        .unwrap_or_default();
    let templates = o
        .node
        .get("spec")
        .and_then(|s| s.get("volumeClaimTemplates"))
        .map(Node::items)
        .unwrap_or_default();
    let mut mounted: Option<String> = None;
    for (i, m) in c
        .get("volumeMounts")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let key = o.key(&format!(
            "spec.template.spec.containers[0].volumeMounts[{i}]"
        ));
        let Some(vname) = m.get("name").and_then(Node::str) else {
            continue;
        };
        let Some(target) = m.get("mountPath").and_then(Node::str) else {
            continue;
        };
        let template = templates.iter().find(|t| {
            t.get("metadata")
                .and_then(|x| x.get("name"))
                .and_then(Node::str)
                == Some(vname)
        });
        let vol = pod_volumes
            .iter()
            .find(|v| v.get("name").and_then(Node::str) == Some(vname));
        let claim: Option<(String, Option<f64>, bool)> = if let Some(t) = template {
            Some((vname.to_owned(), storage_request(t.get("spec")), true))
        } else {
            vol.and_then(|v| v.get("persistentVolumeClaim"))
                .and_then(|p| p.get("claimName"))
                .and_then(Node::str)
                .map(|cn| {
                    (
                        cn.to_owned(),
                        ctx.cluster
                            .claims
                            .get(&(ns.clone(), cn.to_owned()))
                            .copied()
                            .flatten(),
                        false,
                    )
                })
        };
        if let Some((claim_name, size, from_template)) = claim {
            if !target.starts_with('/') || target == "/" {
                src.report(&rules::UNSUPPORTED_VALUE, m.span.clone(), &key, format!("mount path `{target}` must be an absolute path other than /; the volume is not converted"), "");
                continue;
            }
            if let Some(first) = &mounted {
                src.report(
                    &rules::MULTIPLE_VOLUMES,
                    m.span.clone(),
                    &key,
                    format!("volume `{claim_name}` is not mounted: a Fly.io machine mounts one volume, and `{first}` is already mounted"),
                    "use subdirectories of one volume, or split the workload",
                );
                continue;
            }
            let (gb, adjusted) = size.map_or((VolumeSize(1), false), units::volume_gb);
            if adjusted {
                src.report(
                    &rules::VALUE_ADJUSTED,
                    m.span.clone(),
                    &key,
                    format!("the volume size is set to {gb} (Fly.io volumes are 1–500GB)"),
                    "",
                );
            }
            let fly_name = volume_name(&claim_name);
            d.config.mounts.push(Mount {
                source: Some(fly_name.clone()),
                destination: Some(target.to_owned()),
                initial_size: Some(gb),
                ..Mount::default()
            });
            src.report(
                &rules::VOLUME_NOT_SHARED,
                m.span.clone(),
                &key,
                if from_template {
                    format!("volume claim template `{claim_name}` → `[[mounts]]` `{fly_name}`: each machine gets its own {gb} volume; data is not replicated between machines, and there are no stable per-replica identities")
                } else {
                    format!("PersistentVolumeClaim `{claim_name}` → `[[mounts]]` `{fly_name}`: each machine gets its own {gb} volume, so replicas do not share data")
                },
                "keep one machine per volume, or replicate in the application; copy existing data with `fly ssh sftp`",
            );
            mounted = Some(claim_name);
            continue;
        }
        let Some(vol) = vol else {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                m.span.clone(),
                &key,
                format!("volume `{vname}` is not defined in the pod"),
                "",
            );
            continue;
        };
        if let Some(cm) = vol.get("configMap") {
            config_map_files(src, d, ctx, ns, cm, target, &key, m.span.clone());
        } else if let Some(sec) = vol.get("secret") {
            secret_files(src, d, ctx, ns, sec, target, &key, m.span.clone());
        } else if vol.get("emptyDir").is_some() {
            src.report(&rules::HOST_MOUNT, m.span.clone(), &key, format!("emptyDir `{vname}` at `{target}` is not converted: the machine's root filesystem is already ephemeral"), "").severity = Severity::Info;
        } else {
            let kind = vol
                .entries()
                .iter()
                .filter_map(|(k, _)| k.text())
                .find(|k| *k != "name")
                .unwrap_or("unknown");
            src.report(
                &rules::HOST_MOUNT,
                m.span.clone(),
                &key,
                format!("`{kind}` volume `{vname}` at `{target}` is not converted"),
                "copy the files into the image, or ship them with `[[files]]`",
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn config_map_files(
    src: &mut Src<'_>,
    d: &mut Draft,
    ctx: &WorkloadCtx<'_>,
    ns: &str,
    cm: &Node,
    target: &str,
    key: &str,
    span: Range<usize>,
) {
    let name = cm.get("name").and_then(Node::str).unwrap_or_default();
    let Some(&ci) = ctx
        .cluster
        .config_maps
        .get(&(ns.to_owned(), name.to_owned()))
    else {
        src.report(
            &rules::UNRESOLVED_VARIABLE,
            span,
            key,
            format!("ConfigMap `{name}` is not among the manifests; its files are not converted"),
            "ship the files with `[[files]]` by hand",
        );
        return;
    };
    let data = ctx.cluster.objs[ci].node.get("data");
    let items: Vec<(String, String)> = match cm.get("items") {
        Some(items) => items
            .items()
            .iter()
            .filter_map(|i| {
                Some((
                    i.get("key").and_then(Node::str)?.to_owned(),
                    i.get("path").and_then(Node::str)?.to_owned(),
                ))
            })
            .collect(),
        None => data
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .filter_map(|(k, _)| k.text().map(|k| (k.to_owned(), k.to_owned())))
            .collect(),
    };
    for (k, rel) in items {
        let Some(content) = data.and_then(|dt| dt.get(&k)).and_then(Node::text) else {
            continue;
        };
        let guest = format!("{}/{}", target.trim_end_matches('/'), rel);
        // flyconf scans `raw_value` under the guest path's name.
        if crate::secrets::scan(&k, content).is_some()
            || crate::secrets::scan(&guest, content).is_some()
        {
            let sname = secret_name(&format!("{name}_{k}"));
            d.secret(&sname);
            d.config.files.push(File {
                guest_path: Some(guest.clone()),
                secret_name: Some(sname.clone()),
                ..File::default()
            });
            src.report(
                &rules::SECRET_NOT_MIGRATED,
                span.clone(),
                key,
                format!("ConfigMap `{name}` key `{k}` holds a credential; `{guest}` comes from secret `{sname}` instead"),
                format!("`fly secrets set {sname}=\"$(base64 < FILE | tr -d '\\n')\" --app {}` ([[files]] secrets hold base64)", d.name),
            );
            continue;
        }
        d.config.files.push(File {
            guest_path: Some(guest),
            raw_value: Some(content.to_owned()),
            ..File::default()
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn secret_files(
    src: &mut Src<'_>,
    d: &mut Draft,
    ctx: &WorkloadCtx<'_>,
    ns: &str,
    sec: &Node,
    target: &str,
    key: &str,
    span: Range<usize>,
) {
    let name = sec
        .get("secretName")
        .and_then(Node::str)
        .unwrap_or_default();
    let items: Vec<(String, String)> = match sec.get("items") {
        Some(items) => items
            .items()
            .iter()
            .filter_map(|i| {
                Some((
                    i.get("key").and_then(Node::str)?.to_owned(),
                    i.get("path").and_then(Node::str)?.to_owned(),
                ))
            })
            .collect(),
        None => match ctx.cluster.secrets.get(&(ns.to_owned(), name.to_owned())) {
            Some(keys) => keys.iter().map(|k| (k.clone(), k.clone())).collect(),
            None => {
                src.report(&rules::UNRESOLVED_VARIABLE, span, key, format!("Secret `{name}` is not among the manifests, so the files it provides are unknown"), "add `[[files]]` with `secret_name` by hand");
                return;
            }
        },
    };
    for (k, rel) in items {
        let sname = secret_name(&format!("{name}_{k}"));
        let guest = format!("{}/{}", target.trim_end_matches('/'), rel);
        d.secret(&sname);
        d.config.files.push(File {
            guest_path: Some(guest.clone()),
            secret_name: Some(sname.clone()),
            ..File::default()
        });
        d.note(format!(
            "Secret `{name}` key `{k}` → file {guest} from secret `{sname}`, which holds base64: `kubectl get secret {name} -o jsonpath='{{.data.{k}}}' | fly secrets set {sname}=- --app {}`",
            d.name
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependent_variables_expand_from_earlier_literals() {
        let mut known = HashMap::new();
        known.insert("HOST".to_owned(), "api".to_owned());
        assert_eq!(
            expand_refs("http://$(HOST):80/$(X)$$(HOST)", &known),
            "http://api:80/$(X)$(HOST)"
        );
    }
}
