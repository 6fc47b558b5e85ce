//! Kubernetes Services (port → target port) and Ingress rules (public
//! hostnames of converted apps).

use super::{Obj, first_container};
use crate::Severity;
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use std::collections::HashMap;

/// A Service's (port, target port) pairs, named target ports resolved
/// against the workload's first container.
pub(super) fn service_ports(svc: &Obj, workload: &Obj) -> Vec<(i64, i64)> {
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

pub(super) fn ingress(
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
