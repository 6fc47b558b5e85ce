//! docker-compose / compose files → one app per service.
//!
//! This module holds the file-level pass (`convert`: names, aliases, shared
//! volumes, output paths) and helpers shared by the per-service submodules.

mod build;
mod command;
mod env;
mod health;
mod ports;
mod services;
mod stateful;
mod volumes;

use super::Run;
use super::rules;
use super::shell::interpolate;
use super::source::Src;
use super::yaml::{self, Node};
use services::service;
use std::collections::HashMap;
use volumes::{VolumeRef, volume_ref};

pub(crate) use health::clamp_check;
pub(crate) use services::kill_timeout;
pub(crate) use stateful::Stateful;

/// Signals the platform can send to stop a machine.
pub(crate) const SIGNALS: [&str; 7] = [
    "SIGINT", "SIGTERM", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGHUP",
];

/// What every service's conversion needs to know about the whole file.
struct Project {
    /// Service (or alias), lowercase → app name.
    hosts: HashMap<String, String>,
    /// Services not converted: reserved app name → what runs there.
    stateful: HashMap<String, Stateful>,
    /// Named volume → number of converted services mounting it.
    volume_users: HashMap<String, usize>,
    /// Top-level `secrets` declarations.
    secrets: HashMap<String, String>,
    /// Where each service's fly.toml goes.
    paths: HashMap<String, (String, String)>,
    /// Whether this service is the only one exposing ports.
    port_services: usize,
}

/// Converts a compose file.
pub(crate) fn convert(run: &mut Run<'_>, src: &mut Src<'_>) {
    let parsed = match yaml::parse(src.text) {
        Ok(p) => p,
        Err(e) => {
            src.report(
                &rules::UNPARSEABLE_SOURCE,
                e.offset..e.offset,
                "",
                format!("{} is not valid YAML: {}", src.path, e.message),
                "fix the syntax (`docker compose config` shows the same error); the file is skipped",
            );
            return;
        }
    };
    for dup in &parsed.duplicate_keys {
        let key = src.text.get(dup.clone()).unwrap_or_default().to_owned();
        src.report(
            &rules::UNPARSEABLE_SOURCE,
            dup.clone(),
            &key,
            format!("key `{key}` appears twice in one mapping; the later value is used"),
            "remove one of them (`docker compose` rejects duplicate keys)",
        );
    }
    let Some(root) = parsed.docs.first() else {
        return;
    };
    if !root.is_map() {
        src.report(
            &rules::UNPARSEABLE_SOURCE,
            root.span.clone(),
            "",
            "a compose file must be a mapping with `services`; it is skipped",
            "",
        );
        return;
    }
    for (k, _) in root.entries() {
        let key = k.text().unwrap_or_default();
        match key {
            "services" | "name" | "volumes" | "networks" | "secrets" | "version" => {}
            "configs" | "include" => {
                src.report(
                    &rules::UNSUPPORTED_SETTING,
                    k.span.clone(),
                    key,
                    format!("top-level `{key}` is not converted"),
                    if key == "include" {
                        "migrate the included files too (list them explicitly)"
                    } else {
                        "ship configuration files in the image, or with `[[files]]`"
                    },
                );
            }
            k2 if k2.starts_with("x-") => {}
            _ => {
                src.report(
                    &rules::UNSUPPORTED_SETTING,
                    k.span.clone(),
                    key,
                    format!("unknown top-level key `{key}` is ignored"),
                    "",
                );
            }
        }
    }
    let Some(services) = root.get("services").filter(|s| s.is_map()) else {
        src.report(
            &rules::UNSUPPORTED_SETTING,
            root.span.start..root.span.start,
            "services",
            "the compose file has no `services` mapping: nothing to convert",
            "",
        );
        return;
    };
    let prefix = run
        .options
        .app_prefix
        .clone()
        .or_else(|| root.get("name").and_then(Node::str).map(str::to_owned))
        .or_else(|| run.project.clone());

    // Pass 1: names, aliases, what is stateful, what is converted.
    let all: Vec<(&Node, &Node)> = services.entries().iter().map(|(k, v)| (k, v)).collect();
    let kinds: Vec<Option<Stateful>> = all
        .iter()
        .map(|(_, v)| {
            if v.get("build").is_some() {
                None
            } else {
                v.get("image")
                    .and_then(Node::str)
                    .and_then(Stateful::of_image)
            }
        })
        .collect();
    let convert_all = kinds.iter().all(Option::is_some);
    let mut project = Project {
        hosts: HashMap::new(),
        stateful: HashMap::new(),
        volume_users: HashMap::new(),
        secrets: HashMap::new(),
        paths: HashMap::new(),
        port_services: 0,
    };
    let mut names = Vec::new();
    for ((k, v), kind) in all.iter().zip(&kinds) {
        let svc = k.text().unwrap_or_default();
        let app = run.namer.claim(prefix.as_deref(), Some(svc));
        project.hosts.insert(svc.to_ascii_lowercase(), app.clone());
        for alias_key in ["container_name", "hostname"] {
            if let Some(a) = v.get(alias_key).and_then(Node::str) {
                project.hosts.insert(a.to_ascii_lowercase(), app.clone());
            }
        }
        if let Some(nets) = v.get("networks") {
            for (_, net) in nets.entries() {
                for a in net.get("aliases").map(Node::items).unwrap_or_default() {
                    if let Some(a) = a.str() {
                        project.hosts.insert(a.to_ascii_lowercase(), app.clone());
                    }
                }
            }
        }
        let converted = kind.is_none() || convert_all;
        if let (Some(kind), false) = (kind, converted) {
            project.stateful.insert(app.clone(), *kind);
        }
        if converted {
            if v.get("ports").is_some_and(|p| !p.items().is_empty()) {
                project.port_services += 1;
            }
            for item in v.get("volumes").map(Node::items).unwrap_or_default() {
                if let Some(VolumeRef::Named(n, _)) = volume_ref(item) {
                    *project.volume_users.entry(n).or_default() += 1;
                }
            }
        }
        names.push((svc.to_owned(), app, converted));
    }
    for (k, v) in root.get("secrets").map(Node::entries).unwrap_or_default() {
        let how = if let Some(f) = v.get("file").and_then(Node::str) {
            format!("the file `{f}`")
        } else if let Some(e) = v.get("environment").and_then(Node::str) {
            format!("the environment variable `{e}`")
        } else {
            "an external secret".to_owned()
        };
        project
            .secrets
            .insert(k.text().unwrap_or_default().to_owned(), how);
    }
    // Where each fly.toml goes: the build context, one file per context unless shared.
    let mut per_dir: HashMap<String, usize> = HashMap::new();
    let dirs: Vec<String> = all
        .iter()
        .map(|(_, v)| context_dir(v.get("build")))
        .collect();
    for ((_, _, converted), dir) in names.iter().zip(&dirs) {
        if *converted {
            *per_dir.entry(dir.clone()).or_default() += 1;
        }
    }
    for ((svc, _, _), dir) in names.iter().zip(&dirs) {
        let file = if per_dir.get(dir).copied().unwrap_or(0) > 1 {
            format!("fly.{svc}.toml")
        } else {
            "fly.toml".to_owned()
        };
        let path = if dir.is_empty() {
            file
        } else {
            format!("{dir}/{file}")
        };
        project.paths.insert(svc.clone(), (dir.clone(), path));
    }

    // Pass 2: convert.
    for (((k, v), kind), (svc, app, converted)) in all.iter().zip(&kinds).zip(names) {
        if !converted {
            if let Some(kind) = kind {
                src.report(
                    &rules::STATEFUL_SERVICE,
                    k.span.clone(),
                    &format!("services.{svc}"),
                    format!(
                        "service `{svc}` runs {} and is not converted to an app",
                        kind.label()
                    ),
                    kind.recommendation(&app),
                );
            }
            continue;
        }
        let d = service(src, &project, &svc, app, v, *kind);
        run.drafts.push(d);
    }
}

/// The build context directory of a service, relative to the project ("" = root).
fn context_dir(build: Option<&Node>) -> String {
    let ctx = match build {
        Some(b) if b.is_map() => b.get("context").and_then(Node::str).unwrap_or("."),
        Some(b) => b.str().unwrap_or("."),
        None => ".",
    };
    let ctx = interpolate(ctx).value;
    if ctx.contains("://") || ctx.starts_with("git@") || ctx.starts_with('/') || ctx.contains("..")
    {
        return String::new();
    }
    normalize_dir(&ctx)
}

fn normalize_dir(p: &str) -> String {
    let parts: Vec<&str> = p
        .split(['/', '\\'])
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    parts.join("/")
}

/// Key path helper.
fn kp(svc: &str, rest: &str) -> String {
    format!("services.{svc}.{rest}")
}

fn bad_value(src: &mut Src<'_>, v: &Node, key: &str, what: &str) {
    let shown = v.str().unwrap_or("(not a scalar)");
    src.report(
        &rules::UNSUPPORTED_VALUE,
        v.span.clone(),
        key,
        format!("`{shown}` is not a valid {what}; it is not converted"),
        "",
    );
}

#[cfg(test)]
mod tests {
    use super::health::{local_url, restart_policy};
    use super::ports::port_entry;
    use super::*;

    fn spec(s: &str) -> Result<(i64, Option<i64>, bool), bool> {
        let node = Node::scalar(s, false, 0..0);
        port_entry(&node, (0..0, String::new()))
            .map(|p| (p.internal, p.public, p.udp))
            .map_err(|(_, private)| private)
    }

    #[test]
    fn port_syntax() {
        assert_eq!(spec("3000"), Ok((3000, None, false)));
        assert_eq!(spec("8080:80"), Ok((80, Some(8080), false)));
        assert_eq!(spec("0.0.0.0:5000:5000/tcp"), Ok((5000, Some(5000), false)));
        assert_eq!(spec("53:53/udp"), Ok((53, Some(53), true)));
        assert_eq!(spec("127.0.0.1:5432:5432"), Err(true));
        assert_eq!(spec("[::1]:5432:5432"), Err(true));
        assert_eq!(spec("3000-3005:3000-3005"), Err(false));
        assert_eq!(spec("70000"), Err(false));
        assert_eq!(spec("80/sctp"), Err(false));
        assert_eq!(
            spec("${WEB_PORT:-8000}:8000"),
            Ok((8000, Some(8000), false))
        );
    }

    #[test]
    fn images_and_urls() {
        assert_eq!(
            Stateful::of_image("docker.io/library/postgres:16-alpine"),
            Some(Stateful::Postgres)
        );
        assert_eq!(
            Stateful::of_image("bitnami/redis@sha256:abc"),
            Some(Stateful::Redis)
        );
        assert_eq!(Stateful::of_image("ghcr.io/acme/api:1"), None);
        assert_eq!(
            local_url("curl -f http://localhost:3000/health || exit 1"),
            Some((Some(3000), "/health".into()))
        );
        assert_eq!(
            local_url("wget -qO- http://127.0.0.1/"),
            Some((Some(80), "/".into()))
        );
        assert_eq!(local_url("curl http://example.com/x"), None);
        assert_eq!(
            restart_policy("on-failure:3"),
            Some(("on-failure".into(), Some(3)))
        );
        assert_eq!(
            restart_policy("unless-stopped"),
            Some(("always".into(), None))
        );
        assert_eq!(restart_policy("sometimes"), None);
    }
}
