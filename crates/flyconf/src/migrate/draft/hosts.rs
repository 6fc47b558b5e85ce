//! Service references in values: hosts that name another service → `APP.internal`.

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
