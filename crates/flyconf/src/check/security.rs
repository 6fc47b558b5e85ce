//! `FS`: security lint.

use super::Ctx;
use crate::diagnostic::Fix;
use crate::diagnostic::registry as rules;
use crate::model::{HttpCheck, TlsOptions};
use crate::secrets;

pub(super) fn run(cx: &mut Ctx<'_>) {
    hardcoded_secrets(cx);
    force_https(cx);
    tls(cx);
}

fn hardcoded_secrets(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let app = c.app.as_deref().unwrap_or("<app>");
    for (name, value) in &c.env {
        secret(
            cx,
            &format!("env.{name}"),
            name,
            value,
            &format!("`[env] {name}`"),
            &format!(
                "delete it from fly.toml, rotate the credential (it is in your git history), and store it as a secret: `fly secrets set {name}=… --app {app}`"
            ),
        );
    }
    if let Some(b) = &c.build {
        for (name, value) in &b.args {
            secret(
                cx,
                &format!("build.args.{name}"),
                name,
                value,
                &format!("`[build.args] {name}`"),
                &format!(
                    "build args are baked into the image history; pass it as a build secret instead: `fly deploy --build-secret {name}=…` and `RUN --mount=type=secret,id={name}` in the Dockerfile"
                ),
            );
        }
        if let Some(url) = &b.dockerfile {
            secret(
                cx,
                "build.dockerfile",
                "dockerfile_url",
                url,
                "`[build] dockerfile`",
                "do not embed credentials in the Dockerfile URL; vendor the Dockerfile into the repository",
            );
        }
    }
    for (i, f) in c.files.iter().enumerate() {
        if let Some(raw) = &f.raw_value {
            let name = f.guest_path.as_deref().unwrap_or("raw_value");
            secret(
                cx,
                &format!("files[{i}].raw_value"),
                name,
                raw,
                "`[[files]] raw_value`",
                &format!(
                    "store the content as a secret and reference it: `fly secrets set NAME=… --app {app}` and `secret_name = \"NAME\"`"
                ),
            );
        }
    }
    let mut headers: Vec<(String, &HttpCheck)> = Vec::new();
    if let Some(h) = &c.http_service {
        headers.extend(
            h.checks
                .iter()
                .enumerate()
                .map(|(i, ch)| (format!("http_service.checks[{i}]"), ch)),
        );
    }
    for (i, s) in c.services.iter().enumerate() {
        headers.extend(
            s.http_checks
                .iter()
                .enumerate()
                .map(|(j, ch)| (format!("services[{i}].http_checks[{j}]"), ch)),
        );
    }
    for (path, check) in headers {
        for (name, value) in &check.headers {
            secret(
                cx,
                &format!("{path}.headers.{name}"),
                name,
                value,
                &format!("the `{name}` check header"),
                "health checks run inside Fly's network; use an unauthenticated health endpoint instead of a credential",
            );
        }
    }
    for (name, check) in &c.checks {
        for (h, value) in &check.headers {
            secret(
                cx,
                &format!("checks.{name}.headers.{h}"),
                h,
                value,
                &format!("the `{h}` check header"),
                "use an unauthenticated health endpoint instead of a credential",
            );
        }
    }
}

fn secret(cx: &mut Ctx<'_>, path: &str, name: &str, value: &str, what: &str, suggestion: &str) {
    let Some(found) = secrets::scan(name, value) else {
        return;
    };
    let msg = format!(
        "{what} holds a hardcoded credential ({}: {}); anyone who can read the repository or the app's config can use it",
        found.kind, found.redacted
    );
    cx.at(&rules::HARDCODED_SECRET, path, msg, suggestion);
}

fn force_https(cx: &mut Ctx<'_>) {
    let c = cx.config;
    if let Some(h) = &c.http_service {
        match h.force_https {
            Some(true) => {}
            Some(false) => {
                let range = cx.spans.value("http_service.force_https");
                cx.at(&rules::FORCE_HTTPS_DISABLED, "http_service.force_https", "`force_https = false`: the app also answers over plain HTTP, so cookies and credentials can travel unencrypted".into(), "set `force_https = true` to redirect HTTP to HTTPS")
                    .fix = Some(Fix::replace("set force_https = true", range, "true"));
            }
            None => {
                let fix = cx.insert_into_table(
                    "http_service",
                    "force_https = true",
                    "add force_https = true",
                );
                cx.at(&rules::FORCE_HTTPS_DISABLED, "http_service", "[http_service] does not set `force_https`, so it defaults to false and the app also answers over plain HTTP".into(), "add `force_https = true` to redirect HTTP to HTTPS")
                    .fix = fix;
            }
        }
    }
    for (i, s) in c.services.iter().enumerate() {
        for (j, p) in s.ports.iter().enumerate() {
            let is_plain_http = p.port == Some(80)
                && p.handlers.iter().any(|h| h == "http")
                && !p.handlers.iter().any(|h| h == "tls");
            if is_plain_http && p.force_https != Some(true) {
                let path = format!("services[{i}].ports[{j}]");
                let fix = match p.force_https {
                    Some(false) => Some(Fix::replace(
                        "set force_https = true",
                        cx.spans.value(&format!("{path}.force_https")),
                        "true",
                    )),
                    _ => {
                        cx.insert_into_table(&path, "force_https = true", "add force_https = true")
                    }
                };
                cx.at(
                    &rules::FORCE_HTTPS_DISABLED,
                    &path,
                    "port 80 serves plain HTTP without redirecting to HTTPS".into(),
                    "add `force_https = true` to this port",
                )
                .fix = fix;
            }
        }
    }
}

fn tls(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let mut options: Vec<(String, &TlsOptions)> = Vec::new();
    if let Some(t) = c.http_service.as_ref().and_then(|h| h.tls_options.as_ref()) {
        options.push(("http_service.tls_options".into(), t));
    }
    for (i, s) in c.services.iter().enumerate() {
        for (j, p) in s.ports.iter().enumerate() {
            if let Some(t) = &p.tls_options {
                options.push((format!("services[{i}].ports[{j}].tls_options"), t));
            }
        }
    }
    for (path, t) in options {
        let weak: Vec<&str> = t
            .versions
            .iter()
            .map(String::as_str)
            .filter(|v| {
                matches!(
                    v.to_ascii_lowercase().as_str(),
                    "tlsv1" | "tlsv1.0" | "tlsv1.1" | "tlsv1_0" | "tlsv1_1" | "sslv3"
                )
            })
            .collect();
        if weak.is_empty() {
            continue;
        }
        let mut keep: Vec<&str> = t
            .versions
            .iter()
            .map(String::as_str)
            .filter(|v| !weak.contains(v))
            .collect();
        if keep.is_empty() {
            keep = vec!["TLSv1.2", "TLSv1.3"];
        }
        let replacement = format!(
            "[{}]",
            keep.iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let vpath = format!("{path}.versions");
        let range = cx.spans.value(&vpath);
        cx.at(&rules::WEAK_TLS_VERSION, &vpath, format!("TLS versions below 1.2 are enabled ({}); they are deprecated (RFC 8996) and have known weaknesses", weak.join(", ")), format!("use `versions = {replacement}`"))
            .fix = Some(Fix::replace("drop TLS versions below 1.2", range, replacement.clone()));
    }
    let mut skip: Vec<String> = Vec::new();
    if let Some(h) = &c.http_service {
        skip.extend(
            h.checks
                .iter()
                .enumerate()
                .filter(|(_, x)| x.tls_skip_verify == Some(true))
                .map(|(i, _)| format!("http_service.checks[{i}]")),
        );
    }
    for (i, s) in c.services.iter().enumerate() {
        skip.extend(
            s.http_checks
                .iter()
                .enumerate()
                .filter(|(_, x)| x.tls_skip_verify == Some(true))
                .map(|(j, _)| format!("services[{i}].http_checks[{j}]")),
        );
    }
    skip.extend(
        c.checks
            .iter()
            .filter(|(_, x)| x.tls_skip_verify == Some(true))
            .map(|(n, _)| format!("checks.{n}")),
    );
    for path in skip {
        cx.at(&rules::TLS_SKIP_VERIFY, &format!("{path}.tls_skip_verify"), "this health check does not verify the TLS certificate, so an expired or wrong certificate goes unnoticed".into(), "probe plain HTTP on the internal port, or set `tls_server_name` and remove `tls_skip_verify`");
    }
}
