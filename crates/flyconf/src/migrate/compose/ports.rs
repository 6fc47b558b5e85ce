//! A service's `ports` (short and long syntax) → public services.

use super::{Project, kp};
use crate::migrate::draft::{self, Draft, PortSpec, plan_ports};
use crate::migrate::rules;
use crate::migrate::shell::interpolate;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use std::ops::Range;

/// Parses one `ports` entry.
pub(super) fn port_entry(
    item: &Node,
    origin: (Range<usize>, String),
) -> Result<PortSpec, (String, bool)> {
    let parse_port = |s: &str| -> Result<i64, (String, bool)> {
        if s.contains('-') {
            return Err((format!("port range `{s}` is not converted"), false));
        }
        s.trim()
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=65535).contains(p))
            .ok_or_else(|| (format!("`{s}` is not a port between 1 and 65535"), false))
    };
    let mut spec = PortSpec {
        internal: 0,
        public: None,
        udp: false,
        http_hint: false,
        origin,
    };
    let host_private = |h: &str| matches!(h, "127.0.0.1" | "localhost" | "::1" | "[::1]");
    if item.is_map() {
        let target = item.get("target").and_then(Node::str).unwrap_or_default();
        spec.internal = parse_port(target)?;
        if let Some(p) = item
            .get("published")
            .and_then(Node::str)
            .filter(|p| !p.is_empty())
        {
            spec.public = Some(parse_port(&interpolate(p).value)?);
        }
        let proto = item.get("protocol").and_then(Node::str).unwrap_or("tcp");
        match proto.to_ascii_lowercase().as_str() {
            "tcp" => {}
            "udp" => spec.udp = true,
            other => {
                return Err((
                    format!("protocol `{other}` is not supported (only tcp and udp)"),
                    false,
                ));
            }
        }
        if item
            .get("host_ip")
            .and_then(Node::str)
            .is_some_and(host_private)
        {
            return Err((
                "it is bound to localhost only, so it stays private".to_owned(),
                true,
            ));
        }
        let hint = |s: Option<&str>| s.is_some_and(|s| s.to_ascii_lowercase().contains("http"));
        spec.http_hint = hint(item.get("app_protocol").and_then(Node::str))
            || hint(item.get("name").and_then(Node::str));
        return Ok(spec);
    }
    let raw = item.str().unwrap_or_default();
    let i = interpolate(raw);
    if !i.unresolved.is_empty() {
        return Err((
            format!(
                "it depends on `{}` from the shell running compose",
                i.unresolved.join("`, `")
            ),
            false,
        ));
    }
    let s = i.value;
    let (addr, proto) = match s.rsplit_once('/') {
        Some((a, p)) => (a.to_owned(), p.to_ascii_lowercase()),
        None => (s.clone(), "tcp".to_owned()),
    };
    match proto.as_str() {
        "tcp" => {}
        "udp" => spec.udp = true,
        other => {
            return Err((
                format!("protocol `{other}` is not supported (only tcp and udp)"),
                false,
            ));
        }
    }
    let (host, rest) = if let Some(r) = addr.strip_prefix('[') {
        match r.split_once("]:") {
            Some((h, rest)) => (Some(h.to_owned()), rest.to_owned()),
            None => return Err((format!("`{s}` is not a port mapping"), false)),
        }
    } else {
        let parts: Vec<&str> = addr.split(':').collect();
        match parts.len() {
            1 | 2 => (None, addr.clone()),
            3 => (
                Some(parts[0].to_owned()),
                format!("{}:{}", parts[1], parts[2]),
            ),
            _ => return Err((format!("`{s}` is not a port mapping"), false)),
        }
    };
    if host.as_deref().is_some_and(host_private) {
        return Err((
            "it is bound to localhost only, so it stays private".to_owned(),
            true,
        ));
    }
    match rest.split_once(':') {
        Some((published, target)) => {
            spec.internal = parse_port(target)?;
            if !published.is_empty() {
                spec.public = Some(parse_port(published)?);
            }
        }
        None => spec.internal = parse_port(&rest)?,
    }
    Ok(spec)
}

pub(super) fn ports(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, node: &Node) {
    let mut specs = Vec::new();
    for (i, item) in node.items().iter().enumerate() {
        let key = kp(svc, &format!("ports[{i}]"));
        match port_entry(item, (item.span.clone(), key.clone())) {
            Ok(spec) => specs.push(spec),
            Err((why, private)) => {
                let d2 = src.report(
                    &rules::UNSUPPORTED_PORT,
                    item.span.clone(),
                    &key,
                    format!(
                        "port `{}` is not exposed: {why}",
                        item.str().unwrap_or("(mapping)")
                    ),
                    if private {
                        format!("other apps reach it at `{}.internal:<port>`", d.name)
                    } else {
                        "add a `[[services]]` entry by hand if it must be public".to_owned()
                    },
                );
                if private {
                    draft::info(d2);
                }
            }
        }
    }
    let skipped = plan_ports(d, &specs, project.port_services == 1);
    for s in skipped {
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
}
