//! Port planning: exposed ports → `[http_service]` and `[[services]]`.

use super::Draft;
use crate::model::{HttpService, Port, Service};
use std::collections::HashSet;

/// Container ports that normally serve HTTP.
const HTTP_PORTS: &[i64] = &[
    80, 1337, 3000, 3001, 4000, 4200, 4321, 5000, 5001, 5173, 8000, 8008, 8080, 8081, 8088, 8888,
    8910, 9000,
];

/// Whether `port` normally serves plain HTTP.
pub(crate) fn is_http_port(port: i64) -> bool {
    HTTP_PORTS.contains(&port)
}

/// A port a source exposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PortSpec {
    /// The port the container listens on.
    pub(crate) internal: i64,
    /// The public port (the container port when not given).
    pub(crate) public: Option<i64>,
    /// UDP rather than TCP.
    pub(crate) udp: bool,
    /// The source says it is HTTP (a port name or app protocol).
    pub(crate) http_hint: bool,
    /// Where it came from, for diagnostics: (byte range, key path).
    pub(crate) origin: (std::ops::Range<usize>, String),
}

/// A port that was not exposed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SkippedPort {
    /// Index into the specs.
    pub(crate) index: usize,
    /// Why.
    pub(crate) reason: String,
}

/// Turns exposed ports into `[http_service]` and `[[services]]`.
///
/// The HTTP port is the first TCP port that is named HTTP, is a usual HTTP
/// port (80, 3000, 8080, …) or published on 80, or — when `sole` (the only
/// service exposing ports) — the first TCP port at all, except container port
/// 443 (TLS inside the container). Other ports become raw TCP/UDP
/// `[[services]]` on their public port; HTTP-named ones get TLS and HTTP handlers.
pub(crate) fn plan_ports(draft: &mut Draft, specs: &[PortSpec], sole: bool) -> Vec<SkippedPort> {
    let mut skipped = Vec::new();
    let tls_inside = |p: &PortSpec| p.internal == 443 || p.internal == 8443;
    let http_index = specs
        .iter()
        .position(|p| {
            !p.udp
                && !tls_inside(p)
                && (p.http_hint || is_http_port(p.internal) || p.public == Some(80))
        })
        .or_else(|| {
            if sole {
                specs.iter().position(|p| !p.udp && !tls_inside(p))
            } else {
                None
            }
        });
    let mut public_taken: HashSet<(i64, bool)> = HashSet::new();
    if let Some(i) = http_index
        && let Some(p) = specs.get(i)
    {
        draft.config.http_service = Some(HttpService {
            internal_port: Some(p.internal),
            ..HttpService::default()
        });
        public_taken.insert((80, false));
        public_taken.insert((443, false));
    }
    let http_internal = http_index.and_then(|i| specs.get(i)).map(|p| p.internal);
    for (i, p) in specs.iter().enumerate() {
        if Some(i) == http_index {
            continue;
        }
        if Some(p.internal) == http_internal && !p.udp {
            // The same container port published twice (`80:8080` and `8080:8080`).
            continue;
        }
        if tls_inside(p) && http_index.is_some() {
            skipped.push(SkippedPort {
                index: i,
                reason: format!(
                    "container port {} serves TLS itself; Fly.io terminates TLS at its edge and forwards plain HTTP to the HTTP port, so it is not exposed",
                    p.internal
                ),
            });
            continue;
        }
        let mut public = p.public.unwrap_or(p.internal);
        if public_taken.contains(&(public, p.udp)) {
            if !public_taken.contains(&(p.internal, p.udp)) {
                public = p.internal;
            } else {
                skipped.push(SkippedPort {
                    index: i,
                    reason: format!(
                        "public port {public} is already used by another service of this app"
                    ),
                });
                continue;
            }
        }
        public_taken.insert((public, p.udp));
        let handlers = if p.http_hint && !p.udp {
            vec!["tls".to_owned(), "http".to_owned()]
        } else {
            Vec::new()
        };
        draft.config.services.push(Service {
            protocol: Some(if p.udp { "udp" } else { "tcp" }.to_owned()),
            internal_port: Some(p.internal),
            ports: vec![Port {
                port: Some(public),
                handlers,
                ..Port::default()
            }],
            ..Service::default()
        });
        if p.udp {
            draft.note(format!(
                "UDP port {public}: the app must bind to `fly-global-services:{}` (not 0.0.0.0) and the app needs a dedicated IPv4 address: `fly ips allocate-v4 --app {}`",
                p.internal, draft.name
            ));
        } else {
            draft.note(format!(
                "TCP port {public} needs a dedicated IPv4 address for IPv4 clients: `fly ips allocate-v4 --app {}` (or use IPv6 only)",
                draft.name
            ));
        }
    }
    skipped
}
