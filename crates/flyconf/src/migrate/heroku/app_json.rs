//! app.json: its top-level keys, `env` entries, and `[build]` (the project's
//! Dockerfile or Heroku's Cloud Native Buildpacks builder).

use super::addons::addon;
use super::formation::formation;
use crate::migrate::draft::{Draft, reserved_env, secret_reason};
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use crate::model::Build;

/// Reads app.json's env, formation, addons, buildpacks and scripts.
pub(super) fn app_json(d: &mut Draft, m: &Node, src: &mut Src<'_>, has_dockerfile: bool) {
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
pub(super) fn build(
    d: &mut Draft,
    buildpacks: Option<&Node>,
    stack: Option<&Node>,
    has_dockerfile: bool,
) {
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
