//! Heroku: `Procfile` and `app.json` → one app.

use super::Run;
use super::draft::{Draft, reserved_env, secret_reason};
use super::rules;
use super::shell::{self, CommandError, PortHint};
use super::source::Src;
use super::units::{self, Resources};
use super::yaml::{self, Node};
use crate::model::{Build, Deploy, HttpService, Vm};
use indexmap::IndexMap;
use std::ops::Range;

/// One `name: command` line.
struct Process {
    name: String,
    command: String,
    name_range: Range<usize>,
    command_range: Range<usize>,
}

/// Reads a Procfile, reporting lines that are not `name: command`.
fn parse_procfile(src: &mut Src<'_>) -> Vec<Process> {
    let mut out: Vec<Process> = Vec::new();
    let text = src.text;
    let mut offset = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let parsed = line.split_once(':').and_then(|(name, cmd)| {
            let name_t = name.trim();
            let valid = !name_t.is_empty()
                && name_t
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            let cmd_t = cmd.trim();
            (valid && !cmd_t.is_empty()).then(|| {
                let cmd_start = start + name.len() + 1 + (cmd.len() - cmd.trim_start().len());
                (name_t, cmd_t, cmd_start)
            })
        });
        let Some((name, command, cmd_start)) = parsed else {
            let range = src.line_range(n + 1);
            src.report(
                &rules::UNPARSEABLE_SOURCE,
                range,
                &format!("line {}", n + 1),
                format!("Procfile line {} is not `name: command`; it is skipped", n + 1),
                "write one process per line as `web: <command>` (names use letters, digits, `_` and `-`)",
            );
            continue;
        };
        let name_range = start + lead..start + lead + name.len();
        if let Some(prev) = out.iter().position(|p| p.name == name) {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                name_range.clone(),
                name,
                format!("process type `{name}` is defined twice; the later line is used"),
                "keep one line per process type",
            );
            out.remove(prev);
        }
        out.push(Process {
            name: name.to_owned(),
            command: command.to_owned(),
            name_range,
            command_range: cmd_start..cmd_start + command.len(),
        });
    }
    out
}

/// A Fly.io process group name for a Procfile process type.
fn group_name(name: &str) -> String {
    let mut g: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if g.starts_with("fly_app_") {
        g = format!("{g}-proc");
    }
    g
}

/// Converts a Procfile and/or app.json into one app.
pub(crate) fn convert(
    run: &mut Run<'_>,
    mut procfile: Option<&mut Src<'_>>,
    mut appjson: Option<&mut Src<'_>>,
) {
    let processes = procfile.as_deref_mut().map(parse_procfile);
    let manifest = appjson
        .as_deref_mut()
        .and_then(|src| match yaml::parse_json(src.text) {
            Ok(node) if node.is_map() => Some(node),
            Ok(node) => {
                src.report(
                    &rules::UNPARSEABLE_SOURCE,
                    node.span.clone(),
                    "",
                    "app.json must be a JSON object; it is skipped",
                    "see https://devcenter.heroku.com/articles/app-json-schema",
                );
                None
            }
            Err(e) => {
                src.report(
                    &rules::UNPARSEABLE_SOURCE,
                    e.offset..e.offset,
                    "",
                    format!("app.json is not valid JSON: {}", e.message),
                    "fix the JSON syntax; app.json is skipped",
                );
                None
            }
        });
    if processes.is_none() && manifest.is_none() {
        return;
    }
    let base = manifest
        .as_ref()
        .and_then(|m| m.get("name"))
        .and_then(Node::str)
        .map(str::to_owned)
        .or_else(|| run.project.clone());
    let name = run
        .namer
        .claim(run.options.app_prefix.as_deref(), base.as_deref());
    let source = if procfile.is_some() {
        "Procfile"
    } else {
        "app.json"
    };
    let mut d = Draft {
        name,
        source: procfile.as_ref().map_or_else(
            || {
                appjson
                    .as_ref()
                    .map(|s| s.path.to_owned())
                    .unwrap_or_default()
            },
            |s| s.path.to_owned(),
        ),
        path: "fly.toml".to_owned(),
        ..Draft::default()
    };
    // Heroku stops dynos with SIGTERM and kills them 30s later.
    d.config.kill_signal = Some("SIGTERM".to_owned());
    d.config.kill_timeout = Some(crate::model::Duration::from_secs(30));
    d.note(format!(
        "converted from Heroku ({source}{})",
        if procfile.is_some() && manifest.is_some() {
            " and app.json"
        } else {
            ""
        }
    ));

    // The port: a literal in the web command, else app.json's PORT, else 8080.
    let web = processes
        .as_ref()
        .and_then(|ps| ps.iter().find(|p| p.name == "web"));
    let env_port = manifest
        .as_ref()
        .and_then(|m| m.get("env"))
        .and_then(|e| e.get("PORT"))
        .and_then(|p| if p.is_map() { p.get("value") } else { Some(p) })
        .and_then(Node::int)
        .filter(|p| (1..=65535).contains(p));
    let port = match web.map(|w| shell::port_hint(&w.command)) {
        Some(PortHint::Literal(p)) => p,
        _ => env_port.unwrap_or(8080),
    };

    if let (Some(ps), Some(src)) = (&processes, procfile) {
        let web_group = if ps
            .iter()
            .any(|p| p.name != "web" && group_name(&p.name) == "app")
        {
            "web"
        } else {
            "app"
        };
        for p in ps {
            let is_web = p.name == "web";
            let prepared = shell::prepare(&p.command, is_web.then_some(port));
            let prepared = match prepared {
                Ok(pr) => pr,
                Err(e) => {
                    let why = match e {
                        CommandError::Unsplittable => {
                            "has unbalanced quotes or a trailing backslash"
                        }
                        CommandError::Nul => "contains a NUL byte",
                    };
                    src.report(
                        &rules::INVALID_COMMAND,
                        p.command_range.clone(),
                        &p.name,
                        format!("the `{}` command {why}, so it cannot be split into arguments; it is not converted", p.name),
                        "fix the quoting in the Procfile",
                    );
                    continue;
                }
            };
            if prepared.port_substituted || prepared.wrapped {
                let mut what = Vec::new();
                if prepared.port_substituted {
                    what.push(format!("`$PORT` was replaced by {port}"));
                }
                if prepared.wrapped {
                    what.push("it uses shell syntax, so it runs under `/bin/sh -c`".to_owned());
                }
                src.report(
                    &rules::COMMAND_REWRITTEN,
                    p.command_range.clone(),
                    &p.name,
                    format!("the `{}` command was adapted: {}", p.name, what.join("; ")),
                    if prepared.wrapped {
                        "flyctl runs commands without a shell, so the image needs /bin/sh"
                    } else {
                        "nothing to do: `PORT` is also set in `[env]`"
                    },
                );
            }
            if p.name == "release" {
                d.config.deploy = Some(Deploy {
                    release_command: Some(prepared.command),
                    ..Deploy::default()
                });
                d.note("Heroku's release phase → `[deploy] release_command`: it runs once per deploy in a temporary machine, before the new version starts");
                continue;
            }
            let group = if is_web {
                web_group.to_owned()
            } else {
                group_name(&p.name)
            };
            if group != p.name && !is_web {
                src.report(
                    &rules::UNSUPPORTED_VALUE,
                    p.name_range.clone(),
                    &p.name,
                    format!("process type `{}` becomes process group `{group}`", p.name),
                    "Fly.io group names are lowercase and `fly_app_*` names are reserved",
                );
            }
            d.config.processes.insert(group, prepared.command);
        }
        if web.is_some() {
            d.http_group = Some(web_group.to_owned());
            if web_group == "app" {
                d.note("Heroku's `web` process → process group `app` (the group sections apply to by default)");
            }
        } else {
            d.note("the Procfile has no `web` process, so the app gets no public service");
        }
    }
    let serves_http = web.is_some() || processes.is_none();
    if serves_http {
        d.config.http_service = Some(HttpService {
            internal_port: Some(port),
            ..HttpService::default()
        });
        d.config.env.insert("PORT".to_owned(), port.to_string());
        if processes.is_none() {
            d.note(format!(
                "no Procfile: assuming the image's default command serves HTTP on $PORT ({port})"
            ));
        }
    }

    if let (Some(m), Some(src)) = (&manifest, appjson) {
        app_json(&mut d, m, src, run.has_dockerfile);
    } else {
        build(&mut d, None, None, run.has_dockerfile);
    }
    run.drafts.push(d);
}

/// Reads app.json's env, formation, addons, buildpacks and scripts.
fn app_json(d: &mut Draft, m: &Node, src: &mut Src<'_>, has_dockerfile: bool) {
    const KNOWN: &[&str] = &[
        "name",
        "description",
        "keywords",
        "website",
        "repository",
        "logo",
        "success_url",
        "env",
        "formation",
        "addons",
        "buildpacks",
        "stack",
        "scripts",
        "image",
        "environments",
    ];
    for (k, _) in m.entries() {
        let key = k.text().unwrap_or_default();
        if !KNOWN.contains(&key) {
            src.report(
                &rules::UNSUPPORTED_SETTING,
                k.span.clone(),
                key,
                format!("app.json key `{key}` is not converted"),
                "",
            )
            .severity = crate::Severity::Info;
        }
    }
    if let Some(env) = m.get("env") {
        for (k, v) in env.entries() {
            let name = k.text().unwrap_or_default();
            env_entry(d, src, name, k, v);
        }
    }
    if let Some(f) = m.get("formation") {
        formation(d, src, f);
    }
    for (i, a) in m
        .get("addons")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        addon(d, src, i, a);
    }
    if let Some(s) = m.get("scripts").and_then(|s| s.get("postdeploy")) {
        src.report(
            &rules::UNSUPPORTED_SETTING,
            s.span.clone(),
            "scripts.postdeploy",
            "`scripts.postdeploy` (run once after the first deploy of a review app) is not converted",
            "run it by hand after the first deploy: `fly ssh console -C '<command>'`",
        )
        .severity = crate::Severity::Info;
    }
    if let Some(e) = m.get("environments") {
        src.report(
            &rules::UNSUPPORTED_SETTING,
            e.span.clone(),
            "environments",
            "`environments` (review apps and CI) are not converted",
            "",
        )
        .severity = crate::Severity::Info;
    }
    build(d, m.get("buildpacks"), m.get("stack"), has_dockerfile);
    if let Some(bp) = m.get("buildpacks")
        && !has_dockerfile
    {
        for (i, b) in bp.items().iter().enumerate() {
            let url = b
                .get("url")
                .and_then(Node::str)
                .or_else(|| b.str())
                .unwrap_or_default();
            if !is_cnb_buildpack(url) {
                src.report(
                        &rules::UNSUPPORTED_SETTING,
                        b.span.clone(),
                        &format!("buildpacks[{i}]"),
                        format!("buildpack `{url}` is a classic buildpack, which Cloud Native Buildpacks builders cannot run; it is left out"),
                        "add a Dockerfile (`fly launch --no-deploy` can generate one), or find the buildpack's CNB version",
                    );
            }
        }
    }
}

/// `heroku/nodejs`-style ids work with `heroku/builder`; URLs are classic buildpacks.
fn is_cnb_buildpack(id: &str) -> bool {
    !id.is_empty() && !id.contains("://") && id.contains('/')
}

/// `[build]`: the project's Dockerfile, else Heroku's CNB builder.
fn build(d: &mut Draft, buildpacks: Option<&Node>, stack: Option<&Node>, has_dockerfile: bool) {
    if has_dockerfile {
        d.config.build = Some(Build {
            dockerfile: Some("Dockerfile".to_owned()),
            ..Build::default()
        });
        d.note("built from the project's Dockerfile (Heroku buildpacks are not used)");
        return;
    }
    let tag = match stack.and_then(Node::str) {
        Some("heroku-22") => "22",
        _ => "24",
    };
    let packs: Vec<String> = buildpacks
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|b| b.get("url").and_then(Node::str).or_else(|| b.str()))
        .filter(|u| is_cnb_buildpack(u))
        .map(str::to_owned)
        .collect();
    d.config.build = Some(Build {
        builder: Some(format!("heroku/builder:{tag}")),
        buildpacks: packs,
        ..Build::default()
    });
    d.note(format!(
        "built with Heroku's Cloud Native Buildpacks builder (heroku/builder:{tag}); to use a Dockerfile instead, add one and replace `[build]` with `dockerfile = \"Dockerfile\"`"
    ));
}

/// One `env` entry of app.json.
fn env_entry(d: &mut Draft, src: &mut Src<'_>, name: &str, key: &Node, v: &Node) {
    if name == "PORT" {
        return;
    }
    let (value, value_node, generator, required, description) = if v.is_map() {
        let value_node = v.get("value");
        (
            value_node.and_then(Node::str).map(str::to_owned),
            value_node,
            v.get("generator").and_then(Node::str),
            v.get("required").and_then(Node::bool).unwrap_or(true),
            v.get("description").and_then(Node::str),
        )
    } else {
        (v.str().map(str::to_owned), Some(v), None, true, None)
    };
    if reserved_env(name) {
        src.report(
            &rules::UNSUPPORTED_SETTING,
            key.span.clone(),
            &format!("env.{name}"),
            format!("`{name}` is set by Fly.io itself; it is left out"),
            "",
        )
        .severity = crate::Severity::Info;
        return;
    }
    if generator == Some("secret") {
        d.secret(name);
        d.note(format!(
            "`{name}` was generated by Heroku: generate a value with `openssl rand -hex 32` and set it as a secret"
        ));
        return;
    }
    match value {
        Some(val) => {
            if let Some(reason) = secret_reason(name, &val) {
                d.secret(name);
                src.report(
                    &rules::SECRET_NOT_MIGRATED,
                    value_node.map_or_else(|| key.span.clone(), |n| n.span.clone()),
                    &format!("env.{name}"),
                    format!("`{name}` is not written to `[env]` because {reason}; it is listed as a secret to set"),
                    format!("`fly secrets set {name}=… --app {}` (rotate it if the value is real: it is committed in app.json)", d.name),
                );
            } else {
                d.config.env.insert(name.to_owned(), val);
            }
        }
        None if required => d.secret(name),
        None => d.note(format!(
            "optional variable `{name}` is not set{}",
            description.map(|s| format!(" ({s})")).unwrap_or_default()
        )),
    }
}

/// Heroku dyno sizes as (CPUs, guaranteed CPUs, memory MB).
fn dyno(size: &str) -> Option<(f64, f64, f64)> {
    let s = size.to_ascii_lowercase();
    let s = s
        .strip_prefix("private-")
        .or_else(|| s.strip_prefix("shield-"))
        .map_or_else(|| s.clone(), |r| format!("performance-{r}"));
    Some(match s.as_str() {
        "free" | "hobby" | "eco" | "basic" | "standard-1x" | "1x" => (1.0, 0.0, 512.0),
        "standard-2x" | "2x" => (2.0, 0.0, 1024.0),
        "performance-m" | "performance" => (2.0, 2.0, 2560.0),
        "performance-l" | "px" => (8.0, 8.0, 14336.0),
        "performance-l-ram" => (4.0, 4.0, 30720.0),
        "performance-xl" => (8.0, 8.0, 63488.0),
        "performance-2xl" => (16.0, 16.0, 129024.0),
        _ => return None,
    })
}

/// `formation`: instance counts and dyno sizes.
fn formation(d: &mut Draft, src: &mut Src<'_>, f: &Node) {
    let mut counts = Vec::new();
    let mut sizes: IndexMap<String, Vm> = IndexMap::new();
    let web_group = d.http_group.clone().unwrap_or_else(|| "app".to_owned());
    for (k, v) in f.entries() {
        let ptype = k.text().unwrap_or_default();
        let group = if ptype == "web" {
            web_group.clone()
        } else {
            group_name(ptype)
        };
        if let Some(q) = v.get("quantity").and_then(Node::int) {
            counts.push(format!("{group}={q}"));
            if ptype == "web" && q >= 1 {
                d.min_running = Some(1);
            }
        }
        if let Some(size_node) = v.get("size") {
            let size = size_node.str().unwrap_or_default();
            match dyno(size) {
                Some((cpus, guaranteed, mb)) => {
                    let (mut vm, _) = units::machine_for(&Resources {
                        cpus: Some(cpus),
                        guaranteed_cpus: Some(guaranteed),
                        memory_bytes: Some(mb * 1024.0 * 1024.0),
                    });
                    if d.config.processes.contains_key(&group) {
                        vm.processes = vec![group.clone()];
                    }
                    sizes.insert(group, vm);
                }
                None => {
                    src.report(
                        &rules::UNSUPPORTED_VALUE,
                        size_node.span.clone(),
                        &format!("formation.{ptype}.size"),
                        format!("unknown dyno size `{size}`; the default machine size is used"),
                        "use a Heroku dyno size (basic, standard-1x, standard-2x, performance-m, performance-l), or set `[[vm]]` by hand",
                    );
                }
            }
        }
    }
    if !counts.is_empty() {
        d.note(format!(
            "Heroku formation → machine counts: `fly scale count {} --app {}`",
            counts.join(" "),
            d.name
        ));
    }
    let same = sizes.values().all(|vm| {
        sizes
            .values()
            .next()
            .is_some_and(|first| first.size == vm.size && first.memory == vm.memory)
    });
    let every_group_sized = d.config.processes.keys().all(|g| sizes.contains_key(g));
    if same && every_group_sized {
        if let Some(mut vm) = sizes.into_values().next() {
            vm.processes.clear();
            d.config.vm.push(vm);
        }
    } else {
        let mut vms: Vec<Vm> = sizes
            .into_values()
            .filter(|vm| !vm.processes.is_empty())
            .collect();
        let sized: Vec<String> = vms.iter().flat_map(|v| v.processes.clone()).collect();
        let rest: Vec<String> = d
            .config
            .processes
            .keys()
            .filter(|g| !sized.contains(g))
            .cloned()
            .collect();
        if !rest.is_empty() && !vms.is_empty() {
            let (mut vm, _) = units::machine_for(&Resources::default());
            vm.processes = rest;
            vms.push(vm);
        }
        d.config.vm.extend(vms);
    }
}

/// One add-on: a note with the Fly.io replacement, and the variables it provided.
fn addon(d: &mut Draft, src: &mut Src<'_>, i: usize, a: &Node) {
    let plan = a
        .get("plan")
        .and_then(Node::str)
        .or_else(|| a.str())
        .unwrap_or_default();
    let service = plan.split(':').next().unwrap_or(plan);
    let alias = a.get("as").and_then(Node::str);
    let var = |default: &str| {
        alias.map_or_else(
            || default.to_owned(),
            |a| format!("{}_URL", a.to_ascii_uppercase()),
        )
    };
    match service {
        "heroku-postgresql" => {
            let v = var("DATABASE_URL");
            d.secret(&v);
            d.note(format!(
                "heroku-postgresql → Fly Postgres: `fly postgres create --name {n}-db --region <region>` then `fly postgres attach {n}-db --app {n}{}` sets `{v}`; move the data with `pg_dump`/`pg_restore`",
                if v == "DATABASE_URL" { String::new() } else { format!(" --variable-name {v}") },
                n = d.name
            ));
        }
        "heroku-redis" => {
            let v = var("REDIS_URL");
            d.secret(&v);
            d.note(format!(
                "heroku-redis → Upstash Redis: `fly redis create`, then `fly secrets set {v}=<its redis:// URL> --app {}`",
                d.name
            ));
        }
        "scheduler" => d.note(
            "Heroku Scheduler → a scheduled machine (`fly machine run . --schedule hourly --command '<job>'`) or a cron process group (supercronic)",
        ),
        "bucketeer" | "cloudcube" => d.note(format!(
            "{service} (S3) → Tigris object storage: `fly storage create --app {}` sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3 and BUCKET_NAME",
            d.name
        )),
        "papertrail" | "logentries" | "sumologic" | "logdna" | "coralogix" | "timber-logging" => {
            d.note(format!(
                "{service} (logs) → ship logs with the Fly Log Shipper (https://github.com/superfly/fly-log-shipper)"
            ));
        }
        _ => {
            src.report(
                &rules::ADDON_NOT_CONVERTED,
                a.span.clone(),
                &format!("addons[{i}]"),
                format!("add-on `{service}` has no Fly.io replacement the migration knows"),
                format!(
                    "keep the provider account and copy its variables: `heroku config -s --app <heroku-app> | fly secrets import --app {}`",
                    d.name
                ),
            );
        }
    }
}
