//! A container's liveness, readiness and startup probes → HTTP, TCP or
//! top-level checks.

use super::Obj;
use crate::migrate::compose::clamp_check;
use crate::migrate::draft::Draft;
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use crate::model::{Duration, HttpCheck, TcpCheck, TopLevelCheck};

pub(super) fn probes(
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
