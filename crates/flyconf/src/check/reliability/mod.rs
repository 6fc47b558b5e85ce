//! `FR`: reliability lint — what flyctl accepts but is probably not what you meant.

mod machines;
mod services;

use super::Ctx;
use crate::diagnostic::Fix;
use crate::diagnostic::registry as rules;
use crate::model::values::{RegionStatus, region_status};

pub(super) fn run(cx: &mut Ctx<'_>) {
    top_level(cx);
    env(cx);
    services::run(cx);
    machines::run(cx);
}

const SIGNALS: [&str; 7] = [
    "SIGINT", "SIGTERM", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGHUP",
];

pub(super) fn kill_signal(cx: &mut Ctx<'_>, path: &str, signal: &str) {
    if SIGNALS.contains(&signal) {
        return;
    }
    let upper = signal.to_ascii_uppercase();
    let guess = if SIGNALS.contains(&upper.as_str()) {
        Some(upper)
    } else {
        let with = format!("SIG{upper}");
        SIGNALS.contains(&with.as_str()).then_some(with)
    };
    let range = cx.spans.value(path);
    let d = cx.at(
        &rules::KILL_SIGNAL,
        path,
        format!("`{signal}` is not a signal the platform can send to stop machines"),
        format!("use one of {}", SIGNALS.join(", ")),
    );
    if let Some(g) = guess {
        d.fix = Some(Fix::replace(
            format!("write \"{g}\""),
            range,
            format!("\"{g}\""),
        ));
    }
}

fn top_level(cx: &mut Ctx<'_>) {
    let c = cx.config;
    match &c.app {
        None => {
            cx.at_range(
                &rules::MISSING_APP_NAME,
                "",
                0..0,
                "fly.toml has no `app` name, so every fly command needs `-a NAME`".into(),
                "add `app = \"my-app\"` at the top of the file",
            );
        }
        Some(app) => {
            if is_placeholder_name(app) {
                cx.at(&rules::INVALID_APP_NAME, "app", format!("app name {app:?} is a template placeholder, not an app name"), "replace it with the app's name (lowercase letters, numbers and dashes) before deploying, or pass `--app NAME` to every fly command");
            } else if app
                .bytes()
                .any(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
            {
                cx.at(&rules::INVALID_APP_NAME, "app", format!("app name {app:?} must consist of only lowercase letters, numbers, and dashes"), format!("use a name such as {:?}", sanitize(app)));
            }
        }
    }
    if let Some(region) = &c.primary_region {
        match region_status(region) {
            RegionStatus::Current(_) => {}
            RegionStatus::Deprecated { replacement } => {
                let range = cx.spans.value("primary_region");
                cx.at(
                    &rules::DEPRECATED_REGION,
                    "primary_region",
                    format!(
                        "region `{region}` has been retired; new machines cannot be created there"
                    ),
                    format!("use `{replacement}`, the region `fly launch` substitutes"),
                )
                .fix = Some(Fix::replace(
                    format!("replace {region} with {replacement}"),
                    range,
                    format!("\"{replacement}\""),
                ));
            }
            RegionStatus::Unknown => {
                let list: Vec<&str> = crate::model::values::REGIONS
                    .iter()
                    .map(|r| r.code)
                    .collect();
                cx.at(
                    &rules::UNKNOWN_REGION,
                    "primary_region",
                    format!("`{region}` is not a Fly.io region code"),
                    format!("use one of: {}", list.join(", ")),
                );
            }
        }
    }
    if let Some(signal) = &c.kill_signal {
        kill_signal(cx, "kill_signal", signal);
    }
    if let Some(t) = c.kill_timeout
        && t > crate::model::Duration::from_secs(300)
    {
        cx.at(
            &rules::KILL_TIMEOUT,
            "kill_timeout",
            format!("kill_timeout is {t}; the platform allows at most 5 minutes"),
            "use at most \"300s\"",
        );
    }
    for name in c.processes.keys() {
        if [
            "fly_app_release_command",
            "fly_app_console",
            "fly_app_test_machine_command",
        ]
        .contains(&name.as_str())
        {
            cx.at_key(
                &rules::RESERVED_PROCESS_NAME,
                &format!("processes.{name}"),
                format!("`{name}` is a process group name flyctl reserves for its own machines"),
                "rename the group",
            );
        }
    }
}

/// Empty, `$VAR`, `${VAR}`, `{{ VAR }}`, `{VAR}`, `<name>`, or an upper-case `YOUR_…`/`…_NAME` word.
fn is_placeholder_name(app: &str) -> bool {
    let t = app.trim();
    t.is_empty()
        || t.starts_with('$')
        || (t.starts_with('{') && t.ends_with('}'))
        || (t.starts_with('<') && t.ends_with('>'))
        || (t.len() > 3
            && t.bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit())
            && (t.starts_with("YOUR") || t.contains("APP") || t.contains("NAME")))
}

fn sanitize(app: &str) -> String {
    let name = crate::generate::app_name_from(app);
    if name.is_empty() {
        "my-app".into()
    } else {
        name
    }
}

fn env(cx: &mut Ctx<'_>) {
    let c = cx.config;
    for name in c.env.keys() {
        let path = format!("env.{name}");
        if name.starts_with("FLY_") {
            cx.at_key(&rules::RESERVED_ENV_NAME, &path, format!("`{name}`: names starting with FLY_ are reserved for variables the platform sets"), "rename it, e.g. without the FLY_ prefix");
        } else if name == "PRIMARY_REGION" {
            cx.at_key(
                &rules::RESERVED_ENV_NAME,
                &path,
                "`PRIMARY_REGION` is always overwritten from the `primary_region` key".into(),
                "set `primary_region = \"…\"` at the top level instead",
            );
        }
    }
    let Some(port) = c.env.get("PORT") else {
        return;
    };
    let Ok(port) = port.trim().parse::<i64>() else {
        return;
    };
    let internal: Vec<i64> = c
        .http_service
        .iter()
        .filter_map(|h| h.internal_port)
        .chain(c.services.iter().filter_map(|s| s.internal_port))
        .collect();
    if !internal.is_empty() && !internal.contains(&port) {
        let list = internal
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        cx.at(&rules::PORT_ENV_MISMATCH, "env.PORT", format!("PORT is {port} but the service's internal_port is {list}: an app listening on $PORT will not receive traffic"), format!("make them equal, e.g. `PORT = \"{}\"`", internal[0]));
    }
}
