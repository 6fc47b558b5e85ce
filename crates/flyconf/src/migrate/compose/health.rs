//! A service's `healthcheck` → HTTP checks, and `restart` policies →
//! `[[restart]]`.

use super::{bad_value, kp};
use crate::migrate::draft::Draft;
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use crate::model::{Duration, HttpCheck, Restart, TopLevelCheck};
use std::ops::Range;

/// Clamps a check duration to `[min, max]` seconds, reporting a change.
pub(crate) fn clamp_check(
    src: &mut Src<'_>,
    span: Range<usize>,
    key: &str,
    what: &str,
    t: Duration,
    min: i64,
    max: i64,
) -> Duration {
    let lo = Duration::from_secs(min);
    let hi = Duration::from_secs(max);
    let c = t.clamp(lo, hi);
    if c != t {
        src.report(
            &rules::VALUE_ADJUSTED,
            span,
            key,
            format!("the check {what} {t} is clamped to {c} (Fly.io accepts {lo} to {hi})"),
            "",
        );
    }
    c
}

pub(super) fn healthcheck(src: &mut Src<'_>, svc: &str, d: &mut Draft, h: &Node) {
    let key = kp(svc, "healthcheck");
    if h.get("disable").and_then(Node::bool) == Some(true) {
        return;
    }
    let test = h.get("test");
    let text = match test {
        Some(t) if t.is_seq() => t
            .items()
            .iter()
            .filter_map(Node::text)
            .collect::<Vec<_>>()
            .join(" "),
        Some(t) => t.str().unwrap_or_default().to_owned(),
        None => String::new(),
    };
    if text.trim() == "NONE" || text.is_empty() {
        return;
    }
    let Some((port, path)) = local_url(&text) else {
        src.report(
            &rules::UNSUPPORTED_HEALTH_CHECK,
            test.map_or_else(|| h.span.clone(), |t| t.span.clone()),
            &format!("{key}.test"),
            "the health check runs a command, which Fly.io checks cannot do; a TCP check on the service port is used instead",
            "expose an HTTP health endpoint and add `[[http_service.checks]]` with its path",
        );
        return;
    };
    let mut dur = |k: &str, default: i64, min: i64| -> Duration {
        match h.get(k) {
            Some(v) => match v.str().map(Duration::parse) {
                Some(Ok(t)) => {
                    clamp_check(src, v.span.clone(), &format!("{key}.{k}"), k, t, min, 60)
                }
                _ => {
                    bad_value(src, v, &format!("{key}.{k}"), "duration");
                    Duration::from_secs(default)
                }
            },
            None => Duration::from_secs(default),
        }
    };
    let interval = dur("interval", 30, 2);
    let timeout = dur("timeout", 30, 1);
    let grace = dur("start_period", 10, 1);
    let http_port = d.config.http_service.as_ref().and_then(|s| s.internal_port);
    let port = port.or(http_port);
    if port.is_some() && port == http_port {
        if let Some(hs) = d.config.http_service.as_mut() {
            hs.checks.push(HttpCheck {
                interval: Some(interval),
                timeout: Some(timeout),
                grace_period: Some(grace),
                method: Some("GET".to_owned()),
                path: Some(path),
                protocol: Some("http".to_owned()),
                ..HttpCheck::default()
            });
        }
    } else if let Some(p) = port {
        d.config.checks.insert(
            "healthcheck".to_owned(),
            TopLevelCheck {
                port: Some(p),
                kind: Some("http".to_owned()),
                interval: Some(interval),
                timeout: Some(timeout),
                grace_period: Some(grace),
                method: Some("GET".to_owned()),
                path: Some(path),
                ..TopLevelCheck::default()
            },
        );
    }
}

/// `http://localhost:3000/health` in a health-check command → (port, path).
pub(super) fn local_url(text: &str) -> Option<(Option<i64>, String)> {
    let at = text.find("http://")?;
    let rest = &text[at + 7..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '|' | ';' | '&' | ')'))
        .unwrap_or(rest.len());
    let url = &rest[..end];
    let (authority, path) = match url.find('/') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !authority.ends_with(']') => (h, p.parse::<i64>().ok()),
        _ => (authority, None),
    };
    if !matches!(
        host,
        "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]" | "[::]"
    ) {
        return None;
    }
    let port = port.or(if authority.contains(':') {
        None
    } else {
        Some(80)
    });
    let path = path.split(['?', '#']).next().unwrap_or("/");
    Some((
        port.filter(|p| (1..=65535).contains(p)),
        if path.is_empty() {
            "/".into()
        } else {
            path.to_owned()
        },
    ))
}

pub(super) fn restart_policy(text: &str) -> Option<(String, Option<i64>)> {
    let (name, retries) = match text.split_once(':') {
        Some((n, r)) => (n, r.trim().parse::<i64>().ok()),
        None => (text, None),
    };
    let policy = match name.trim() {
        "no" | "none" => "never",
        "always" | "unless-stopped" | "any" => "always",
        "on-failure" => "on-failure",
        _ => return None,
    };
    Some((
        policy.to_owned(),
        retries.filter(|_| policy == "on-failure"),
    ))
}

pub(super) fn restart(src: &mut Src<'_>, key: &str, d: &mut Draft, r: &Node) {
    let text = r.str().unwrap_or_default();
    match restart_policy(text) {
        Some((policy, retries)) => d.config.restart.push(Restart {
            policy: Some(policy),
            retries,
            processes: Vec::new(),
        }),
        None => bad_value(
            src,
            r,
            key,
            "restart policy (no, always, unless-stopped, on-failure[:N])",
        ),
    }
}
