//! DF405 and DF406: credentials in ENV and ARG.

use super::model::key_values;
use super::parse::Dockerfile;
use super::{Ctx, Keyword, SecretHooks};
use crate::diagnostic::registry::{DF405, DF406};

pub(super) fn check(cx: &mut Ctx<'_>, df: &Dockerfile, hooks: &SecretHooks) {
    for inst in &df.instructions {
        let is_arg = match inst.keyword {
            Keyword::Arg => true,
            Keyword::Env => false,
            _ => continue,
        };
        let name = inst.keyword.as_str();
        for kv in key_values(inst) {
            let key = kv.key.as_str();
            if let (Some(value), Some(range)) = (kv.value.as_deref(), kv.value_range.clone()) {
                let finding = if (hooks.is_placeholder)(value) {
                    None
                } else {
                    (hooks.scan)(key, value)
                };
                if let Some(finding) = finding {
                    let stored = if is_arg {
                        "build metadata and the history of every layer that uses it (`docker history`)"
                    } else {
                        "image config, visible with `docker inspect` and in every container's environment"
                    };
                    cx.emit(
                        &DF405,
                        Some(inst),
                        range,
                        format!(
                            "{name} `{key}` sets {} as a literal ({}): it is stored in the {stored}, so anyone who can pull the image can read it",
                            finding.kind,
                            (hooks.redact)(value)
                        ),
                        format!(
                            "remove the value from the Dockerfile and rotate the credential; at runtime use `fly secrets set {key}=…`, at build time `RUN --mount=type=secret,id={key} …` with `fly deploy --build-secret {key}=…`"
                        ),
                        None,
                    );
                    continue;
                }
            }
            if !(hooks.is_secret_name)(key) {
                continue;
            }
            if !is_arg {
                // An empty ENV or an obvious dummy (`SECRET_KEY_BASE=dummy`) stores nothing secret.
                let value = kv.value.as_deref().unwrap_or("");
                if value.is_empty() || (!value.contains('$') && (hooks.is_placeholder)(value)) {
                    continue;
                }
            }
            let (message, suggestion) = if is_arg {
                (
                    format!(
                        "ARG `{key}` looks like it carries a secret: build-argument values are recorded in the image's build history and provenance, where anyone who can pull the image can read them"
                    ),
                    format!(
                        "pass it as a BuildKit secret instead: `RUN --mount=type=secret,id={key} …` (the value appears at /run/secrets/{key} for that RUN only), with `fly deploy --build-secret {key}=…`"
                    ),
                )
            } else {
                (
                    format!(
                        "ENV `{key}` bakes a secret-named variable into the image: its value is stored in the image config and visible with `docker inspect`"
                    ),
                    format!(
                        "delete this ENV and run `fly secrets set {key}=…`, which gives the Machine the variable at runtime without storing it in the image; for build steps use `RUN --mount=type=secret,id={key} …`"
                    ),
                )
            };
            cx.emit(
                &DF406,
                Some(inst),
                kv.key_range.clone(),
                message,
                suggestion,
                None,
            );
        }
    }
}
