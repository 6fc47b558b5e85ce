//! Kubernetes manifests → one app per Deployment or StatefulSet.
//!
//! This module holds the indexed manifests (`Obj`, `Cluster`) and the
//! cluster-level pass (`convert`: names, Services, Ingresses, autoscalers);
//! the submodules convert one workload's parts.

mod env;
mod parse;
mod probes;
mod resources;
mod services;
mod volumes;
mod workloads;

use super::Run;
use super::draft::{self, Target};
use super::rules;
use super::source::Src;
use super::yaml::Node;
use parse::parse_all;
use services::{ingress, service_ports};
use std::collections::HashMap;
use volumes::storage_request;
use workloads::workload;

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

#[cfg(test)]
mod tests {
    use super::env::expand_refs;
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
