//! A container's `env` and `envFrom` → `[env]` or secrets, with `$(VAR)`
//! references expanded and Service hosts rewritten.

use super::{Obj, WorkloadCtx};
use crate::Severity;
use crate::migrate::draft::{
    Draft, Target, describe_rewrite, reserved_env, rewrite_hosts, secret_reason,
};
use crate::migrate::rules;
use crate::migrate::shell::has_k8s_reference;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use std::collections::HashMap;
use std::ops::Range;

pub(super) fn env(src: &mut Src<'_>, o: &Obj, c: &Node, d: &mut Draft, ctx: &WorkloadCtx<'_>) {
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
pub(super) fn expand_refs(value: &str, known: &HashMap<String, String>) -> String {
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
