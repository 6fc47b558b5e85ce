//! A service's `environment` → `[env]` or secrets (with service hosts
//! rewritten), and compose `secrets` → `[[files]]`.

use super::{Project, kp};
use crate::Severity;
use crate::migrate::draft::{
    Draft, Target, describe_rewrite, reserved_env, rewrite_hosts, secret_name, secret_reason,
};
use crate::migrate::rules;
use crate::migrate::shell::interpolate;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use crate::model::File;
use std::ops::Range;

/// `name → value` pairs of a compose map or `KEY=value` list (value `None`: passed through).
pub(super) fn pairs(node: &Node) -> Vec<(String, Option<String>, Range<usize>)> {
    if node.is_seq() {
        node.items()
            .iter()
            .filter_map(|i| {
                let s = i.str()?;
                Some(match s.split_once('=') {
                    Some((k, v)) => (k.trim().to_owned(), Some(v.to_owned()), i.span.clone()),
                    None => (s.trim().to_owned(), None, i.span.clone()),
                })
            })
            .collect()
    } else {
        node.entries()
            .iter()
            .map(|(k, v)| {
                let value = if v.is_map() || v.is_seq() {
                    None
                } else {
                    v.str().map(str::to_owned)
                };
                (
                    k.text().unwrap_or_default().to_owned(),
                    value,
                    v.span.clone(),
                )
            })
            .collect()
    }
}

pub(super) fn environment(
    src: &mut Src<'_>,
    project: &Project,
    svc: &str,
    d: &mut Draft,
    env: &Node,
) {
    let lookup = |h: &str| {
        project.hosts.get(h).map(|app| Target {
            app: app.clone(),
            ports: Vec::new(),
        })
    };
    for (name, value, span) in pairs(env) {
        if name.is_empty() {
            continue;
        }
        let key = kp(svc, &format!("environment.{name}"));
        if reserved_env(&name) {
            src.report(
                &rules::UNSUPPORTED_SETTING,
                span,
                &key,
                format!("`{name}` is set by Fly.io itself; it is left out"),
                "",
            )
            .severity = Severity::Info;
            continue;
        }
        let Some(value) = value else {
            d.secret(&name);
            src.report(
                &rules::UNRESOLVED_VARIABLE,
                span,
                &key,
                format!("`{name}` takes its value from the shell running compose; it is listed as a secret to set"),
                format!("`fly secrets set {name}=… --app {}` (or move it to `[env]` if it is not sensitive)", d.name),
            );
            continue;
        };
        let interp = interpolate(&value);
        if !interp.unresolved.is_empty() {
            d.secret(&name);
            src.report(
                &rules::UNRESOLVED_VARIABLE,
                span,
                &key,
                format!("`{name}` depends on `{}` from the shell running compose; it is listed as a secret to set", interp.unresolved.join("`, `")),
                format!("`fly secrets set {name}=… --app {}` (or move it to `[env]` if it is not sensitive)", d.name),
            );
            continue;
        }
        if !interp.defaulted.is_empty() {
            src.report(
                &rules::UNRESOLVED_VARIABLE,
                span.clone(),
                &key,
                format!(
                    "`{name}` uses the default of `{}`",
                    interp.defaulted.join("`, `")
                ),
                "",
            )
            .severity = Severity::Info;
        }
        let value = interp.value;
        let rewritten = rewrite_hosts(&value, &lookup);
        if let Some(r) = &rewritten {
            d.reach(&r.apps);
            for app in &r.apps {
                if let Some(kind) = project.stateful.get(app) {
                    d.note(format!(
                        "`{name}` uses {} (`{app}`): {}",
                        kind.label(),
                        kind.recommendation(app)
                    ));
                }
            }
        }
        let reason = secret_reason(&name, &value).or_else(|| {
            rewritten
                .as_ref()
                .and_then(|r| secret_reason(&name, &r.value))
        });
        if let Some(reason) = reason {
            d.secret(&name);
            let hosts = rewritten
                .as_ref()
                .map(|r| {
                    format!(
                        " When you set it, replace the host: {}.",
                        describe_rewrite(r, &lookup)
                    )
                })
                .unwrap_or_default();
            src.report(
                &rules::SECRET_NOT_MIGRATED,
                span,
                &key,
                format!("`{name}` is not written to `[env]` because {reason}; it is listed as a secret to set.{hosts}"),
                format!("`fly secrets set {name}=… --app {}`", d.name),
            );
            continue;
        }
        let value = match rewritten {
            Some(r) => {
                src.report(
                    &rules::SERVICE_REFERENCE,
                    span,
                    &key,
                    format!(
                        "`{name}` names another service: {}",
                        describe_rewrite(&r, &lookup)
                    ),
                    "",
                );
                r.value
            }
            None => value,
        };
        d.config.env.insert(name, value);
    }
}

pub(super) fn secrets(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, node: &Node) {
    for (i, item) in node.items().iter().enumerate() {
        let (source, target) = if item.is_map() {
            (
                item.get("source").and_then(Node::str).unwrap_or_default(),
                item.get("target").and_then(Node::str),
            )
        } else {
            (item.str().unwrap_or_default(), None)
        };
        if source.is_empty() {
            continue;
        }
        let guest = match target {
            Some(t) if t.starts_with('/') => t.to_owned(),
            Some(t) => format!("/run/secrets/{t}"),
            None => format!("/run/secrets/{source}"),
        };
        let name = secret_name(source);
        d.secret(&name);
        d.config.files.push(File {
            guest_path: Some(guest.clone()),
            secret_name: Some(name.clone()),
            ..File::default()
        });
        let from = match project.secrets.get(source) {
            Some(from) => from.clone(),
            None => {
                src.report(
                    &rules::UNSUPPORTED_VALUE,
                    item.span.clone(),
                    &kp(svc, &format!("secrets[{i}]")),
                    format!("secret `{source}` is not declared under the top-level `secrets`"),
                    "declare it (`docker compose` rejects undeclared secrets); it is still converted",
                );
                "an undeclared secret".to_owned()
            }
        };
        d.note(format!(
            "compose secret `{source}` (from {from}) → `[[files]]` at {guest} from secret `{name}`; `[[files]]` secrets hold base64: `fly secrets set {name}=\"$(base64 < FILE | tr -d '\\n')\" --app {}`",
            d.name
        ));
    }
}
