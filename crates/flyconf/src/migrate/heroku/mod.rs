//! Heroku: `Procfile` and `app.json` → one app.
//!
//! This module holds the driver (`convert`: processes, the web port, release
//! commands); the submodules read the Procfile and the parts of app.json.

mod addons;
mod app_json;
mod formation;
mod procfile;

use super::Run;
use super::draft::Draft;
use super::rules;
use super::shell::{self, CommandError, PortHint};
use super::source::Src;
use super::yaml::{self, Node};
use crate::model::{Deploy, HttpService};
use app_json::{app_json, build};
use procfile::{group_name, parse_procfile};

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
