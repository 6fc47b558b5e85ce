//! docker-compose / compose files → one app per service.

use super::Run;
use super::draft::{
    self, Draft, PortSpec, Target, describe_rewrite, plan_ports, reserved_env, rewrite_hosts,
    secret_name, secret_reason, volume_name,
};
use super::rules;
use super::shell::interpolate;
use super::source::Src;
use super::units::{self, Resources};
use super::yaml::{self, Node};
use crate::Severity;
use crate::model::{
    Build, Duration, Experimental, File, HttpCheck, Mount, Restart, TopLevelCheck, VolumeSize,
};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Signals the platform can send to stop a machine.
pub(crate) const SIGNALS: [&str; 7] = [
    "SIGINT", "SIGTERM", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGHUP",
];

/// Well-known stateful software, recognised by image name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stateful {
    Postgres,
    MySql,
    Redis,
    Mongo,
    RabbitMq,
    Elastic,
    Minio,
}

impl Stateful {
    /// From an image reference such as `docker.io/library/postgres:16-alpine`.
    pub(crate) fn of_image(image: &str) -> Option<Stateful> {
        let no_digest = image.split('@').next().unwrap_or(image);
        let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
        let repo = last.split(':').next().unwrap_or(last).to_ascii_lowercase();
        Some(match repo.as_str() {
            "postgres" | "postgresql" | "postgis" | "timescaledb" | "timescaledb-ha"
            | "pgvector" => Stateful::Postgres,
            "mysql" | "mariadb" | "percona" | "percona-server" => Stateful::MySql,
            "redis" | "redis-stack" | "redis-stack-server" | "valkey" | "keydb" | "dragonfly" => {
                Stateful::Redis
            }
            "mongo" | "mongodb" | "mongodb-community-server" => Stateful::Mongo,
            "rabbitmq" => Stateful::RabbitMq,
            "elasticsearch" | "opensearch" => Stateful::Elastic,
            "minio" => Stateful::Minio,
            _ => return None,
        })
    }

    /// What to use on Fly.io instead, for a service that would be app `app`.
    pub(crate) fn recommendation(self, app: &str) -> String {
        match self {
            Stateful::Postgres => format!(
                "use Fly Postgres: `fly postgres create --name {app}`, then `fly postgres attach {app} --app <each app that uses it>` (sets DATABASE_URL; the database answers on `{app}.internal:5432`); or Fly Managed Postgres (`fly mpg create`)"
            ),
            Stateful::Redis => format!(
                "use Upstash Redis: `fly redis create`, then set REDIS_URL to its URL with `fly secrets set`; or run it as app `{app}` with a volume (`{app}.internal:6379`)"
            ),
            Stateful::MySql => format!(
                "run it as its own app `{app}` with a volume (https://fly.io/docs/app-guides/mysql-on-fly/), or use a hosted MySQL"
            ),
            Stateful::Mongo => format!(
                "run it as its own app `{app}` with a volume, or use a hosted MongoDB (Atlas)"
            ),
            Stateful::RabbitMq => format!(
                "run it as its own app `{app}` with a volume, or use a hosted broker (CloudAMQP)"
            ),
            Stateful::Elastic => format!(
                "run it as its own app `{app}` with a volume on a machine with at least 2GB, or use a hosted search service"
            ),
            Stateful::Minio => "use Tigris object storage: `fly storage create --app <app>` sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3 and BUCKET_NAME".to_owned(),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Stateful::Postgres => "Postgres",
            Stateful::MySql => "MySQL",
            Stateful::Redis => "Redis",
            Stateful::Mongo => "MongoDB",
            Stateful::RabbitMq => "RabbitMQ",
            Stateful::Elastic => "Elasticsearch",
            Stateful::Minio => "MinIO",
        }
    }
}

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

/// A volume entry of a service.
enum VolumeRef {
    Named(String, String),
    Bind(String, String),
    Anonymous(String),
    Tmpfs(String),
    Unresolved(Vec<String>),
    Other(String),
}

fn volume_ref(item: &Node) -> Option<VolumeRef> {
    if item.is_map() {
        let kind = item.get("type").and_then(Node::str).unwrap_or("volume");
        let source = item.get("source").and_then(Node::str).map(str::to_owned);
        let target = item
            .get("target")
            .and_then(Node::str)
            .unwrap_or_default()
            .to_owned();
        return Some(match (kind, source) {
            ("volume", Some(s)) => VolumeRef::Named(s, target),
            ("volume", None) => VolumeRef::Anonymous(target),
            ("bind", Some(s)) => VolumeRef::Bind(s, target),
            ("tmpfs", _) => VolumeRef::Tmpfs(target),
            (other, _) => VolumeRef::Other(other.to_owned()),
        });
    }
    let raw = item.str()?;
    let i = interpolate(raw);
    if !i.unresolved.is_empty() {
        return Some(VolumeRef::Unresolved(i.unresolved));
    }
    let s = i.value;
    let mut parts = s.splitn(3, ':');
    let first = parts.next().unwrap_or_default().to_owned();
    let Some(second) = parts.next() else {
        return Some(VolumeRef::Anonymous(first));
    };
    let windows_drive = first.len() == 1 && second.starts_with('\\');
    let bind = windows_drive
        || first.starts_with('.')
        || first.starts_with('/')
        || first.starts_with('~')
        || first.contains('/');
    Some(if bind {
        VolumeRef::Bind(first, second.to_owned())
    } else {
        VolumeRef::Named(first, second.to_owned())
    })
}

/// Key path helper.
fn kp(svc: &str, rest: &str) -> String {
    format!("services.{svc}.{rest}")
}

/// Converts one service.
fn service(
    src: &mut Src<'_>,
    project: &Project,
    svc: &str,
    app: String,
    node: &Node,
    kind: Option<Stateful>,
) -> Draft {
    let (dir, path) = project
        .paths
        .get(svc)
        .cloned()
        .unwrap_or_else(|| (String::new(), "fly.toml".to_owned()));
    let mut d = Draft {
        name: app,
        source: src.path.to_owned(),
        path,
        ..Draft::default()
    };
    d.note(format!("converted from compose service `{svc}`"));
    // Docker stops containers with SIGTERM and kills them 10s later.
    d.config.kill_signal = Some("SIGTERM".to_owned());
    d.config.kill_timeout = Some(Duration::from_secs(10));
    if let Some(kind) = kind {
        d.note(format!(
            "this service runs {}; on Fly.io you may prefer: {}",
            kind.label(),
            kind.recommendation(&d.name)
        ));
    }
    let mut handled: HashSet<&str> = HashSet::new();
    let mut take = |k: &'static str| {
        handled.insert(k);
        node.get(k)
    };

    build(src, svc, &mut d, take("build"), take("image"), &dir);
    if let Some(env) = take("environment") {
        environment(src, project, svc, &mut d, env);
    }
    if let Some(f) = take("env_file") {
        let files: Vec<String> = if f.is_seq() {
            f.items()
                .iter()
                .filter_map(|i| i.str().or_else(|| i.get("path").and_then(Node::str)))
                .map(str::to_owned)
                .collect()
        } else {
            f.str().map(str::to_owned).into_iter().collect()
        };
        let list = files.join("`, `");
        src.report(
            &rules::UNRESOLVED_VARIABLE,
            f.span.clone(),
            &kp(svc, "env_file"),
            format!("variables in `{list}` are not read (such files usually hold secrets)"),
            format!(
                "import them as secrets: `fly secrets import --app {} < {}`, or copy plain settings into `[env]`",
                d.name,
                files.first().map_or(".env", String::as_str)
            ),
        );
    }
    let ports_node = take("ports");
    if kind.is_some() {
        if ports_node.is_some() {
            d.note(format!(
                "the service's ports stay private (reachable at `{}.internal:<port>`): a database should not be public",
                d.name
            ));
        }
    } else if let Some(p) = ports_node {
        ports(src, project, svc, &mut d, p);
    }
    if let Some(e) = take("expose") {
        let list: Vec<&str> = e.items().iter().filter_map(Node::str).collect();
        if !list.is_empty() {
            d.note(format!(
                "private port(s) {}: reachable from other apps at `{}.internal:<port>`",
                list.join(", "),
                d.name
            ));
        }
    }
    if let Some(c) = take("command") {
        command(src, svc, &mut d, c);
    }
    if let Some(e) = take("entrypoint") {
        entrypoint(src, svc, &mut d, e);
    }
    if let Some(v) = take("volumes") {
        volumes(src, project, svc, &mut d, v);
    }
    if let Some(dep) = take("depends_on") {
        depends_on(src, project, svc, &mut d, dep);
    }
    if let Some(h) = take("healthcheck") {
        healthcheck(src, svc, &mut d, h);
    }
    if let Some(r) = take("restart") {
        restart(src, &kp(svc, "restart"), &mut d, r);
    }
    let deploy_node = take("deploy");
    let scale = take("scale");
    let mut res = Resources::default();
    let mut res_span: Option<Range<usize>> = None;
    if let Some(dep) = deploy_node {
        deploy(src, svc, &mut d, dep, &mut res, &mut res_span);
    }
    if let Some(n) = scale.and_then(Node::int) {
        replicas(&mut d, n);
    }
    for (k, is_mem) in [
        ("mem_limit", true),
        ("mem_reservation", true),
        ("cpus", false),
    ] {
        if let Some(v) = take(k) {
            res_span.get_or_insert(v.span.clone());
            let text = v.str().unwrap_or_default();
            if is_mem {
                match units::docker_bytes(text) {
                    Some(b) if k == "mem_limit" || res.memory_bytes.is_none() => {
                        res.memory_bytes = Some(b)
                    }
                    Some(_) => {}
                    None => bad_value(src, v, &kp(svc, k), &format!("memory size `{text}`")),
                }
            } else {
                match v.float() {
                    Some(c) => res.cpus = Some(c),
                    None => bad_value(src, v, &kp(svc, k), &format!("CPU count `{text}`")),
                }
            }
        }
    }
    if !res.is_empty() {
        let (vm, changes) = units::machine_for(&res);
        d.config.vm.push(vm);
        for c in changes {
            src.report(
                &rules::VALUE_ADJUSTED,
                res_span.clone().unwrap_or_default(),
                &kp(svc, "deploy.resources"),
                c,
                "",
            );
        }
    }
    if let Some(s) = take("stop_signal") {
        let sig = s.str().unwrap_or_default().to_ascii_uppercase();
        let sig = if sig.starts_with("SIG") {
            sig
        } else {
            format!("SIG{sig}")
        };
        if SIGNALS.contains(&sig.as_str()) {
            d.config.kill_signal = Some(sig);
        } else {
            bad_value(
                src,
                s,
                &kp(svc, "stop_signal"),
                "stop signal (Fly.io sends SIGINT, SIGTERM, SIGQUIT, SIGUSR1, SIGUSR2, SIGKILL or SIGHUP)",
            );
        }
    }
    if let Some(g) = take("stop_grace_period") {
        match g.str().map(Duration::parse) {
            Some(Ok(t)) => {
                d.config.kill_timeout = Some(kill_timeout(
                    src,
                    g.span.clone(),
                    &kp(svc, "stop_grace_period"),
                    t,
                ))
            }
            _ => bad_value(src, g, &kp(svc, "stop_grace_period"), "duration"),
        }
    }
    if let Some(s) = take("secrets") {
        secrets(src, project, svc, &mut d, s);
    }
    if d.config.processes.contains_key("app") {
        d.http_group = Some("app".to_owned());
    }

    for (k, _) in node.entries() {
        let key = k.text().unwrap_or_default();
        if handled.contains(key) || key.starts_with("x-") {
            continue;
        }
        let (suggestion, severity) = match key {
            "labels" | "container_name" | "hostname" | "networks" | "profiles" | "logging"
            | "tty" | "stdin_open" | "pull_policy" | "platform" | "init" | "links"
            | "domainname" | "image" | "build" => continue,
            "user" => ("set `USER` in the Dockerfile", Severity::Warning),
            "working_dir" => ("set `WORKDIR` in the Dockerfile", Severity::Warning),
            "privileged" | "cap_add" | "cap_drop" | "devices" | "security_opt" | "userns_mode" => (
                "Fly.io machines are Firecracker microVMs: the app is root in its own VM, so capabilities, devices and security options do not apply",
                Severity::Warning,
            ),
            "network_mode" | "extra_hosts" | "dns" | "dns_search" | "dns_opt" | "mac_address" => (
                "apps reach each other on the private network as `APP.internal`",
                Severity::Warning,
            ),
            "ulimits" | "sysctls" | "shm_size" | "tmpfs" | "ipc" | "pid" | "cgroup_parent"
            | "oom_score_adj" | "oom_kill_disable" | "cpu_shares" | "cpu_quota" | "cpu_period"
            | "cpuset" | "memswap_limit" | "mem_swappiness" | "read_only" | "storage_opt" => (
                "set it at startup in the entrypoint if the app needs it; the root filesystem is ephemeral",
                Severity::Info,
            ),
            "extends" => (
                "inline the extended service's keys and migrate again",
                Severity::Warning,
            ),
            "configs" => (
                "ship the files in the image, or with `[[files]]` (`local_path`)",
                Severity::Warning,
            ),
            _ => ("", Severity::Warning),
        };
        src.report(
            &rules::UNSUPPORTED_SETTING,
            k.span.clone(),
            &kp(svc, key),
            format!("`{key}` of service `{svc}` is not converted"),
            suggestion,
        )
        .severity = severity;
    }
    d
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

/// `kill_timeout` capped at the platform's 300s.
pub(crate) fn kill_timeout(
    src: &mut Src<'_>,
    span: Range<usize>,
    key: &str,
    t: Duration,
) -> Duration {
    let max = Duration::from_secs(300);
    if t > max {
        src.report(
            &rules::VALUE_ADJUSTED,
            span,
            key,
            format!(
                "a stop grace period of {t} is capped at Fly.io's maximum kill_timeout of 300s"
            ),
            "",
        );
        return max;
    }
    t.max(Duration::ZERO)
}

fn replicas(d: &mut Draft, n: i64) {
    d.min_running = Some(if n >= 1 { 1 } else { 0 });
    d.note(format!(
        "{n} replica(s) → `fly scale count {n} --app {}`; at least one machine keeps running (`min_machines_running = {}`)",
        d.name,
        if n >= 1 { 1 } else { 0 }
    ));
}

fn build(
    src: &mut Src<'_>,
    svc: &str,
    d: &mut Draft,
    build: Option<&Node>,
    image: Option<&Node>,
    dir: &str,
) {
    if let Some(b) = build {
        let (ctx, dockerfile, target) = if b.is_map() {
            (
                b.get("context").and_then(Node::str).unwrap_or("."),
                b.get("dockerfile")
                    .and_then(Node::str)
                    .unwrap_or("Dockerfile"),
                b.get("target").and_then(Node::str),
            )
        } else {
            (b.str().unwrap_or("."), "Dockerfile", None)
        };
        let ctx = interpolate(ctx).value;
        let remote = ctx.contains("://") || ctx.starts_with("git@");
        if remote || ctx.starts_with('/') || ctx.contains("..") {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                b.span.clone(),
                &kp(svc, "build.context"),
                format!("build context `{ctx}` is outside the project{}", if remote { " (a Git URL)" } else { "" }),
                "clone or move it into the project, or build the image elsewhere and set `[build] image`",
            );
            if image.is_none() {
                return;
            }
        } else {
            let mut dockerfile = Some(interpolate(dockerfile).value);
            // flyconf scans a Dockerfile URL for credentials.
            if dockerfile
                .as_deref()
                .is_some_and(|f| crate::secrets::scan("dockerfile_url", f).is_some())
            {
                src.report(
                    &rules::SECRET_NOT_MIGRATED,
                    b.span.clone(),
                    &kp(svc, "build.dockerfile"),
                    "the Dockerfile location holds a credential; it is left out",
                    "vendor the Dockerfile into the project",
                );
                dockerfile = None;
            }
            let mut out = Build {
                dockerfile,
                build_target: target.map(str::to_owned),
                ..Build::default()
            };
            if let Some(args) = b.get("args") {
                for (name, value, span) in pairs(args) {
                    let Some(value) = value else { continue };
                    let i = interpolate(&value);
                    if !i.unresolved.is_empty() {
                        src.report(
                            &rules::UNRESOLVED_VARIABLE,
                            span,
                            &kp(svc, &format!("build.args.{name}")),
                            format!("build arg `{name}` depends on `{}` from the shell running compose; it is left out", i.unresolved.join("`, `")),
                            "set it in `[build.args]` by hand",
                        );
                    } else if let Some(reason) = secret_reason(&name, &i.value) {
                        src.report(
                            &rules::SECRET_NOT_MIGRATED,
                            span,
                            &kp(svc, &format!("build.args.{name}")),
                            format!("build arg `{name}` is left out because {reason}"),
                            format!("pass it as a build secret: `fly deploy --build-secret {name}=…` and `RUN --mount=type=secret,id={name}` in the Dockerfile"),
                        );
                    } else {
                        out.args.insert(name, i.value);
                    }
                }
            }
            for (k, _) in b.entries() {
                let key = k.text().unwrap_or_default();
                if !matches!(key, "context" | "dockerfile" | "target" | "args") {
                    src.report(
                        &rules::UNSUPPORTED_SETTING,
                        k.span.clone(),
                        &kp(svc, &format!("build.{key}")),
                        format!("`build.{key}` is not converted"),
                        if key == "dockerfile_inline" {
                            "write the Dockerfile to a file"
                        } else {
                            ""
                        },
                    )
                    .severity = if key == "dockerfile_inline" {
                        Severity::Warning
                    } else {
                        Severity::Info
                    };
                }
            }
            d.config.build = Some(out);
            if !dir.is_empty() {
                d.note(format!("the build context is `{dir}/`, so this fly.toml belongs there (dockerfile paths are relative to it)"));
            }
            return;
        }
    }
    match image {
        Some(i) => {
            let raw = i.str().unwrap_or_default();
            let interp = interpolate(raw);
            if !interp.unresolved.is_empty() {
                src.report(
                    &rules::UNRESOLVED_VARIABLE,
                    i.span.clone(),
                    &kp(svc, "image"),
                    format!(
                        "the image name depends on `{}` from the shell running compose",
                        interp.unresolved.join("`, `")
                    ),
                    "set `[build] image` by hand",
                );
                return;
            }
            d.config.build = Some(Build {
                image: Some(interp.value),
                ..Build::default()
            });
        }
        None if build.is_none() => {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                0..0,
                &format!("services.{svc}"),
                format!("service `{svc}` has neither `image` nor `build`"),
                "add `[build] image` or `[build] dockerfile` by hand",
            );
        }
        None => {}
    }
}

/// `name → value` pairs of a compose map or `KEY=value` list (value `None`: passed through).
fn pairs(node: &Node) -> Vec<(String, Option<String>, Range<usize>)> {
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

fn environment(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, env: &Node) {
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

/// Parses one `ports` entry.
fn port_entry(item: &Node, origin: (Range<usize>, String)) -> Result<PortSpec, (String, bool)> {
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

fn ports(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, node: &Node) {
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

fn command(src: &mut Src<'_>, svc: &str, d: &mut Draft, c: &Node) {
    let key = kp(svc, "command");
    let words: Vec<String> = if c.is_seq() {
        c.items()
            .iter()
            .map(|w| interpolate(w.text().unwrap_or_default()))
            .map(|i| {
                if !i.unresolved.is_empty() {
                    String::from('\0')
                } else {
                    i.value
                }
            })
            .collect()
    } else if let Some(s) = c.str() {
        let i = interpolate(s);
        if !i.unresolved.is_empty() {
            src.report(
                &rules::UNRESOLVED_VARIABLE,
                c.span.clone(),
                &key,
                format!("the command depends on `{}` from the shell running compose; it is not converted", i.unresolved.join("`, `")),
                "write `[processes] app` by hand",
            );
            return;
        }
        match shlex::split(&i.value) {
            Some(w) if !w.is_empty() => {
                // flyctl splits `[processes]` the same way compose splits the string.
                d.config
                    .processes
                    .insert("app".to_owned(), i.value.trim().to_owned());
                return;
            }
            Some(w) => w,
            None => {
                src.report(
                    &rules::INVALID_COMMAND,
                    c.span.clone(),
                    &key,
                    "the command has unbalanced quotes; it is not converted",
                    "fix the quoting",
                );
                return;
            }
        }
    } else {
        return;
    };
    if words.is_empty() {
        return;
    }
    if words.iter().any(|w| w.contains('\0')) {
        src.report(
            &rules::UNRESOLVED_VARIABLE,
            c.span.clone(),
            &key,
            "the command depends on variables from the shell running compose; it is not converted",
            "write `[processes] app` by hand",
        );
        return;
    }
    match shlex::try_join(words.iter().map(String::as_str)) {
        Ok(joined) => {
            d.config.processes.insert("app".to_owned(), joined);
        }
        Err(_) => {
            d.config
                .experimental
                .get_or_insert_with(Experimental::default)
                .cmd = words;
        }
    }
}

fn entrypoint(src: &mut Src<'_>, svc: &str, d: &mut Draft, e: &Node) {
    let words: Option<Vec<String>> = if e.is_seq() {
        Some(
            e.items()
                .iter()
                .filter_map(|w| w.text().map(|t| interpolate(t).value))
                .collect(),
        )
    } else {
        e.str().and_then(|s| shlex::split(&interpolate(s).value))
    };
    match words {
        Some(w) if !w.is_empty() && w.iter().all(|x| !x.contains('\0')) => {
            d.config
                .experimental
                .get_or_insert_with(Experimental::default)
                .entrypoint = w;
        }
        Some(_) => {}
        None => {
            src.report(
                &rules::INVALID_COMMAND,
                e.span.clone(),
                &kp(svc, "entrypoint"),
                "the entrypoint has unbalanced quotes; it is not converted",
                "fix the quoting",
            );
        }
    }
}

fn volumes(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, node: &Node) {
    let mut mounted: Option<String> = None;
    for (i, item) in node.items().iter().enumerate() {
        let key = kp(svc, &format!("volumes[{i}]"));
        let Some(r) = volume_ref(item) else { continue };
        match r {
            VolumeRef::Named(name, target) => {
                if !target.starts_with('/') || target == "/" {
                    bad_value(
                        src,
                        item,
                        &key,
                        "mount destination (it must be an absolute path other than /)",
                    );
                    continue;
                }
                if let Some(first) = &mounted {
                    src.report(
                        &rules::MULTIPLE_VOLUMES,
                        item.span.clone(),
                        &key,
                        format!("volume `{name}` is not mounted: a Fly.io machine mounts one volume, and `{first}` is already mounted"),
                        "use subdirectories of one volume, or split the service",
                    );
                    continue;
                }
                let fly_name = volume_name(&name);
                d.config.mounts.push(Mount {
                    source: Some(fly_name.clone()),
                    destination: Some(target.clone()),
                    initial_size: Some(VolumeSize(1)),
                    ..Mount::default()
                });
                d.note(format!(
                    "volume `{name}` → `[[mounts]]` `{fly_name}` at {target}: fly deploy creates a 1GB volume per machine (grow it with `fly volumes extend`); copy existing data with `fly ssh sftp`"
                ));
                if project.volume_users.get(&name).copied().unwrap_or(0) > 1 {
                    src.report(
                        &rules::VOLUME_NOT_SHARED,
                        item.span.clone(),
                        &key,
                        format!("volume `{name}` is used by several services, but a Fly.io volume belongs to one machine of one app: each app gets its own, empty copy"),
                        "share files through object storage (`fly storage create`) or through one app's API",
                    );
                }
                mounted = Some(name);
            }
            VolumeRef::Bind(host, target) => {
                src.report(
                    &rules::HOST_MOUNT,
                    item.span.clone(),
                    &key,
                    format!("bind mount `{host}` → `{target}` is not converted: machines have no host directory"),
                    "copy the files into the image (`COPY`), or ship single files with `[[files]]` `local_path`",
                );
            }
            VolumeRef::Anonymous(target) | VolumeRef::Tmpfs(target) => {
                src.report(
                    &rules::HOST_MOUNT,
                    item.span.clone(),
                    &key,
                    format!("the scratch volume at `{target}` is not converted: the machine's root filesystem is already ephemeral"),
                    "",
                )
                .severity = Severity::Info;
            }
            VolumeRef::Unresolved(vars) => {
                src.report(
                    &rules::UNRESOLVED_VARIABLE,
                    item.span.clone(),
                    &key,
                    format!("the volume depends on `{}` from the shell running compose; it is not converted", vars.join("`, `")),
                    "add `[[mounts]]` by hand",
                );
            }
            VolumeRef::Other(kind) => {
                src.report(
                    &rules::HOST_MOUNT,
                    item.span.clone(),
                    &key,
                    format!("a `{kind}` volume is not converted"),
                    "",
                );
            }
        }
    }
}

fn depends_on(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, dep: &Node) {
    let deps: Vec<&str> = if dep.is_seq() {
        dep.items().iter().filter_map(Node::str).collect()
    } else {
        dep.entries().iter().filter_map(|(k, _)| k.text()).collect()
    };
    if deps.is_empty() {
        return;
    }
    for n in &deps {
        let app = project.hosts.get(&n.to_ascii_lowercase());
        if let Some((app, kind)) = app.and_then(|a| project.stateful.get(a).map(|k| (a, k))) {
            d.note(format!(
                "depends on `{n}` ({}): {}",
                kind.label(),
                kind.recommendation(app)
            ));
        }
    }
    src.report(
        &rules::START_ORDER,
        dep.span.clone(),
        &kp(svc, "depends_on"),
        format!("`{svc}` depends on `{}`: on Fly.io each is a separate app and start order is not enforced", deps.join("`, `")),
        "make the app retry connections at startup; deploy dependencies first",
    );
}

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

fn healthcheck(src: &mut Src<'_>, svc: &str, d: &mut Draft, h: &Node) {
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
fn local_url(text: &str) -> Option<(Option<i64>, String)> {
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

fn restart_policy(text: &str) -> Option<(String, Option<i64>)> {
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

fn restart(src: &mut Src<'_>, key: &str, d: &mut Draft, r: &Node) {
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

fn deploy(
    src: &mut Src<'_>,
    svc: &str,
    d: &mut Draft,
    dep: &Node,
    res: &mut Resources,
    res_span: &mut Option<Range<usize>>,
) {
    for (k, v) in dep.entries() {
        let key = k.text().unwrap_or_default();
        let path = kp(svc, &format!("deploy.{key}"));
        match key {
            "replicas" => match v.int() {
                Some(n) => replicas(d, n),
                None => bad_value(src, v, &path, "replica count"),
            },
            "resources" => {
                *res_span = Some(v.span.clone());
                let lim = v.get("limits");
                let rsv = v.get("reservations");
                let cpus = |n: Option<&Node>| n.and_then(|n| n.get("cpus")).and_then(Node::float);
                let mem = |n: Option<&Node>| {
                    n.and_then(|n| n.get("memory"))
                        .and_then(Node::str)
                        .and_then(units::docker_bytes)
                };
                res.cpus = cpus(lim).or(cpus(rsv));
                res.guaranteed_cpus = cpus(rsv);
                res.memory_bytes = mem(lim).or(mem(rsv));
            }
            "restart_policy" => {
                if d.config.restart.is_empty() {
                    let cond = v.get("condition").and_then(Node::str).unwrap_or("any");
                    if let Some((policy, _)) = restart_policy(cond) {
                        let retries = v
                            .get("max_attempts")
                            .and_then(Node::int)
                            .filter(|_| policy == "on-failure");
                        d.config.restart.push(Restart {
                            policy: Some(policy),
                            retries,
                            processes: Vec::new(),
                        });
                    }
                }
            }
            _ => {
                src.report(
                    &rules::UNSUPPORTED_SETTING,
                    k.span.clone(),
                    &path,
                    format!("`deploy.{key}` is not converted"),
                    if key == "placement" {
                        "choose regions with `primary_region` and `fly scale count --region`"
                    } else {
                        ""
                    },
                )
                .severity = Severity::Info;
            }
        }
    }
}

fn secrets(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, node: &Node) {
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

#[cfg(test)]
mod tests {
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
