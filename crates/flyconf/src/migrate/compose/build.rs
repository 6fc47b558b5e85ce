//! A service's `build` (context, Dockerfile, target, args) or `image` →
//! `[build]`.

use super::env::pairs;
use super::kp;
use crate::Severity;
use crate::migrate::draft::{Draft, secret_reason};
use crate::migrate::rules;
use crate::migrate::shell::interpolate;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use crate::model::Build;

pub(super) fn build(
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
