//! What the converters build — an app being migrated — and what every app
//! gets in the end: a name, a region and sensible defaults.

use super::MigratedApp;
use super::rules;
use crate::model::{
    AutoStop, Duration, HttpService, MemorySize, Port, Service, TcpCheck, TopLevelCheck, Vm, VmSize,
};
use crate::{Config, Diagnostic, Severity};
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

/// An app being migrated.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// The app name (already unique).
    pub(crate) name: String,
    /// The source file it comes from.
    pub(crate) source: String,
    /// Where its fly.toml should be written, relative to the project.
    pub(crate) path: String,
    /// The configuration so far (`app` and `primary_region` are set by [`finish`]).
    pub(crate) config: Config,
    /// Secret names to set.
    pub(crate) secrets: Vec<String>,
    /// Notes for the user.
    pub(crate) notes: Vec<String>,
    /// The process group that serves HTTP (default `app`).
    pub(crate) http_group: Option<String>,
    /// `min_machines_running` for its services, when the source declares replicas.
    pub(crate) min_running: Option<i64>,
    /// Apps this one reaches at `APP.internal` (they must keep a machine running).
    pub(crate) reaches: Vec<String>,
}

impl Draft {
    /// Adds a secret name (once).
    pub(crate) fn secret(&mut self, name: &str) {
        if !name.is_empty() && !self.secrets.iter().any(|s| s == name) {
            self.secrets.push(name.to_owned());
        }
    }

    /// Records that this app reaches `apps` over the private network.
    pub(crate) fn reach(&mut self, apps: &[String]) {
        for a in apps {
            if *a != self.name && !self.reaches.contains(a) {
                self.reaches.push(a.clone());
            }
        }
    }

    /// Adds a note (once).
    pub(crate) fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

/// Hands out unique, valid app names.
#[derive(Debug, Default)]
pub(crate) struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    /// A unique name `prefix-base` (either part may be missing), sanitised to
    /// lowercase letters, digits and dashes, at most 63 characters.
    pub(crate) fn claim(&mut self, prefix: Option<&str>, base: Option<&str>) -> String {
        let prefix = prefix.map(sanitize_name).filter(|p| !p.is_empty());
        let base = base.map(sanitize_name).filter(|b| !b.is_empty());
        let name = match (prefix, base) {
            (Some(p), Some(b)) if b == p || b.starts_with(&format!("{p}-")) => b,
            (Some(p), Some(b)) => format!("{p}-{b}"),
            (Some(p), None) => p,
            (None, Some(b)) => b,
            (None, None) => "app".to_owned(),
        };
        let name = truncate_name(&name, 63);
        let mut candidate = name.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            let suffix = format!("-{n}");
            candidate = format!("{}{suffix}", truncate_name(&name, 63 - suffix.len()));
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// Lowercase letters, digits and single dashes; no leading or trailing dash.
pub(crate) fn sanitize_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn truncate_name(s: &str, max: usize) -> String {
    let cut: String = s.chars().take(max).collect();
    cut.trim_end_matches('-').to_owned()
}

/// A Fly.io volume name: lowercase letters, digits and underscores, at most 30 characters.
pub(crate) fn volume_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out: String = out.trim_end_matches('_').chars().take(30).collect();
    let out = out.trim_end_matches('_').to_owned();
    if out.is_empty() {
        "data".to_owned()
    } else {
        out
    }
}

/// An environment-variable-style secret name: `db-password` → `DB_PASSWORD`.
pub(crate) fn secret_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_owned();
    match out.chars().next() {
        None => "SECRET".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("_{out}"),
        Some(_) => out,
    }
}

/// Why an environment value must not go into `[env]`, if it must not.
pub(crate) fn secret_reason(name: &str, value: &str) -> Option<String> {
    if let Some(found) = crate::secrets::scan(name, value) {
        return Some(format!("its value looks like {}", found.kind));
    }
    if crate::secrets::is_secret_name(name) {
        return Some("its name marks it as a secret".to_owned());
    }
    None
}

/// Names Fly.io reserves in `[env]`.
pub(crate) fn reserved_env(name: &str) -> bool {
    name.starts_with("FLY_") || name == "PRIMARY_REGION"
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

/// Default health-check timing.
fn secs(s: i64) -> Duration {
    Duration::from_secs(s)
}

/// Adds what every generated app gets, builds its fly.toml, and checks it.
///
/// Defaults: `[[vm]]` shared-cpu-1x with 1GB when the source gave no size;
/// services with `force_https`, `auto_stop_machines = "stop"`,
/// `auto_start_machines = true` and `min_machines_running` 0 (1 when the
/// source declares replicas); `processes` on every service when there are
/// process groups; a TCP check on the HTTP port when the source had no
/// convertible health check; TCP checks on TCP services.
pub(crate) fn finish(mut d: Draft, region: &str, diags: &mut Vec<Diagnostic>) -> MigratedApp {
    let c = &mut d.config;
    c.app = Some(d.name.clone());
    c.primary_region = Some(region.to_owned());
    let group = d
        .http_group
        .clone()
        .filter(|g| c.processes.contains_key(g))
        .or_else(|| c.processes.keys().next().cloned())
        .unwrap_or_else(|| "app".to_owned());
    let groups: Vec<String> = if c.processes.is_empty() {
        Vec::new()
    } else {
        vec![group.clone()]
    };
    let min = d.min_running.unwrap_or(0).max(0);
    if let Some(h) = &mut c.http_service {
        h.force_https = Some(true);
        h.auto_stop_machines = Some(AutoStop::Stop);
        h.auto_start_machines = Some(true);
        h.min_machines_running = Some(min);
        h.processes.clone_from(&groups);
        if h.checks.is_empty()
            && c.checks.is_empty()
            && let Some(port) = h.internal_port
        {
            c.checks.insert(
                "alive".to_owned(),
                TopLevelCheck {
                    port: Some(port),
                    kind: Some("tcp".to_owned()),
                    interval: Some(secs(15)),
                    timeout: Some(secs(2)),
                    grace_period: Some(secs(10)),
                    processes: groups.clone(),
                    ..TopLevelCheck::default()
                },
            );
            d.notes.push(format!(
                "no HTTP health check in the source: a TCP check on port {port} was added; replace it with `[[http_service.checks]]` on your health endpoint (`path = \"/health\"`)"
            ));
        }
    }
    for s in &mut c.services {
        s.auto_stop_machines = Some(AutoStop::Stop);
        s.auto_start_machines = Some(true);
        s.min_machines_running = Some(min);
        s.processes.clone_from(&groups);
        if s.protocol.as_deref() == Some("tcp")
            && s.tcp_checks.is_empty()
            && s.http_checks.is_empty()
        {
            s.tcp_checks.push(TcpCheck {
                interval: Some(secs(15)),
                timeout: Some(secs(2)),
                grace_period: Some(secs(10)),
            });
        }
    }
    if c.processes.len() > 1 {
        for m in &mut c.mounts {
            if m.processes.is_empty() {
                m.processes.clone_from(&groups);
            }
        }
        for r in &mut c.restart {
            if r.processes.is_empty() {
                r.processes.clone_from(&groups);
            }
        }
        for f in &mut c.files {
            if f.processes.is_empty() {
                f.processes.clone_from(&groups);
            }
        }
        for check in c.checks.values_mut() {
            if check.processes.is_empty() {
                check.processes.clone_from(&groups);
            }
        }
    }
    if c.vm.is_empty() {
        c.vm.push(Vm {
            size: Some(VmSize::default_size()),
            memory: Some(MemorySize(1024)),
            ..Vm::default()
        });
    }
    let fly_toml = d.config.to_toml();
    for problem in crate::check_fly_toml(&fly_toml) {
        if problem.severity == Severity::Error {
            diags.push(
                Diagnostic::new(
                    &rules::GENERATED_CONFIG_INVALID,
                    format!(
                        "the fly.toml generated for app `{}` fails {}: {}",
                        d.name, problem.code, problem.message
                    ),
                    crate::Span::default(),
                )
                .with_key_path(format!(
                    "{}: {}",
                    d.source,
                    problem.key_path.unwrap_or_default()
                ))
                .with_suggestion(problem.suggestion.unwrap_or_default()),
            );
        }
    }
    if !d.secrets.is_empty() {
        let list: Vec<String> = d.secrets.iter().map(|s| format!("{s}=…")).collect();
        d.notes.push(format!(
            "set secrets before the first deploy: `fly secrets set {} --app {}`",
            list.join(" "),
            d.name
        ));
    }
    MigratedApp {
        name: d.name,
        source: d.source,
        path: d.path,
        config: d.config,
        fly_toml,
        secrets: d.secrets,
        notes: d.notes,
    }
}

/// Where a service name points on Fly.io.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// The app name (the host becomes `APP.internal`).
    pub(crate) app: String,
    /// Port the source addressed → port the machine listens on (Kubernetes
    /// Services map `port` to `targetPort`; `.internal` reaches the machine directly).
    pub(crate) ports: Vec<(i64, i64)>,
}

/// A value with its service hosts rewritten, and the services it named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rewritten {
    /// The new value.
    pub(crate) value: String,
    /// The hosts as written.
    pub(crate) named: Vec<String>,
    /// The apps they became.
    pub(crate) apps: Vec<String>,
}

/// Rewrites hosts in `value` that name a service (`hosts`: lowercase name →
/// [`Target`]) to `APP.internal`, translating ports the target remaps.
/// `None` when nothing was rewritten.
///
/// Recognised: URL authorities (`postgres://u:p@db:5432/x`, several
/// comma-separated hosts; `http`/`https` URLs without a port use 80/443), and
/// whole values that are a host, `host:port`, or a comma-separated list of them.
pub(crate) fn rewrite_hosts(
    value: &str,
    hosts: &dyn Fn(&str) -> Option<Target>,
) -> Option<Rewritten> {
    let mut named = Vec::new();
    let mut apps = Vec::new();
    let mut rewrite_authority = |authority: &str, scheme: &str| -> String {
        let (userinfo, hostlist) = match authority.rfind('@') {
            Some(at) => (&authority[..=at], &authority[at + 1..]),
            None => ("", authority),
        };
        let parts: Vec<String> = hostlist
            .split(',')
            .map(|hp| {
                let (host, port) = match hp.rfind(':') {
                    Some(i) if !hp.starts_with('[') => (&hp[..i], hp[i + 1..].parse::<i64>().ok()),
                    _ => (hp, None),
                };
                let Some(t) = hosts(&host.to_ascii_lowercase()) else {
                    return hp.to_owned();
                };
                named.push(host.to_owned());
                if !apps.contains(&t.app) {
                    apps.push(t.app.clone());
                }
                let default_port = match scheme {
                    "http" | "ws" => Some(80),
                    "https" | "wss" => Some(443),
                    _ => None,
                };
                let mapped = |p: i64| {
                    t.ports
                        .iter()
                        .find(|(from, _)| *from == p)
                        .map(|(_, to)| *to)
                };
                let port_text = match port {
                    Some(p) => format!(":{}", mapped(p).unwrap_or(p)),
                    None => match default_port.and_then(mapped) {
                        Some(to) if Some(to) != default_port => format!(":{to}"),
                        _ if hp.len() > host.len() => hp[host.len()..].to_owned(),
                        _ => String::new(),
                    },
                };
                format!("{}.internal{port_text}", t.app)
            })
            .collect();
        format!("{userinfo}{}", parts.join(","))
    };
    let out = if value.contains("://") {
        let mut out = String::with_capacity(value.len());
        let mut rest = value;
        while let Some(at) = rest.find("://") {
            let before = &rest[..at];
            let scheme_start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.'))
                .map_or(0, |i| i + 1);
            let scheme = before[scheme_start..].to_ascii_lowercase();
            out.push_str(&rest[..at + 3]);
            let after = &rest[at + 3..];
            let end = after
                .find(['/', '?', '#', ' ', '"', '\'', ';', '\n', '\t'])
                .unwrap_or(after.len());
            out.push_str(&rewrite_authority(&after[..end], &scheme));
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    } else {
        let trimmed = value.trim();
        let plausible = !trimmed.is_empty()
            && trimmed.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':' | b',')
            });
        if !plausible {
            return None;
        }
        rewrite_authority(trimmed, "")
    };
    if named.is_empty() {
        None
    } else {
        Some(Rewritten {
            value: out,
            named,
            apps,
        })
    }
}

/// Lists `host → APP.internal` for messages.
pub(crate) fn describe_rewrite(r: &Rewritten, hosts: &dyn Fn(&str) -> Option<Target>) -> String {
    let mut seen = Vec::new();
    for n in &r.named {
        if let Some(t) = hosts(&n.to_ascii_lowercase()) {
            let s = format!("`{n}` → `{}.internal`", t.app);
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
    }
    seen.join(", ")
}

/// A diagnostic severity override helper: info for settings that do no harm.
pub(crate) fn info(d: &mut Diagnostic) {
    d.severity = Severity::Info;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let mut n = Namer::default();
        assert_eq!(
            n.claim(Some("My Project"), Some("Web_1")),
            "my-project-web-1"
        );
        assert_eq!(
            n.claim(Some("my-project"), Some("web-1")),
            "my-project-web-1-2"
        );
        assert_eq!(n.claim(None, None), "app");
        assert_eq!(n.claim(Some("shop"), Some("shop-api")), "shop-api");
        assert_eq!(n.claim(None, Some(&"x".repeat(100))).len(), 63);
        assert_eq!(volume_name("Postgres-Data!"), "postgres_data");
        assert_eq!(volume_name("--"), "data");
        assert_eq!(secret_name("db-password"), "DB_PASSWORD");
        assert_eq!(secret_name("1x"), "_1X");
    }

    #[test]
    fn host_rewrites() {
        let hosts = |h: &str| match h {
            "db" => Some(Target {
                app: "p-db".into(),
                ports: Vec::new(),
            }),
            "api" | "api.shop.svc.cluster.local" => Some(Target {
                app: "p-api".into(),
                ports: vec![(80, 8080)],
            }),
            _ => None,
        };
        let r = |v: &str| rewrite_hosts(v, &hosts).map(|r| r.value);
        assert_eq!(
            r("postgres://u:p@db:5432/app"),
            Some("postgres://u:p@p-db.internal:5432/app".into())
        );
        assert_eq!(
            r("http://api/v1?x=http://db"),
            Some("http://p-api.internal:8080/v1?x=http://p-db.internal".into())
        );
        assert_eq!(
            r("http://api.shop.svc.cluster.local:80"),
            Some("http://p-api.internal:8080".into())
        );
        assert_eq!(r("db:5432"), Some("p-db.internal:5432".into()));
        assert_eq!(r("db"), Some("p-db.internal".into()));
        assert_eq!(
            r("api:9,db:1"),
            Some("p-api.internal:9,p-db.internal:1".into())
        );
        assert_eq!(r("dbx"), None);
        assert_eq!(r("use the db"), None);
        assert_eq!(r("https://example.com"), None);
        let rw = rewrite_hosts("mongodb://db:1,db:2", &hosts).expect("rewrites");
        assert_eq!(rw.apps, vec!["p-db".to_owned()]);
        assert_eq!(describe_rewrite(&rw, &hosts), "`db` → `p-db.internal`");
    }
}
