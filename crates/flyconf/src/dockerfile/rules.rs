//! Stage-level rules: base images, stage references, the final user, CMD and
//! ENTRYPOINT, ADD, WORKDIR and MAINTAINER.

use super::model::{KeyValue, RunAs, Stage, StageNames};
use super::parse::{Dockerfile, Form, Instruction};
use super::shell::basename;
use super::{Ctx, Keyword, excerpt};
use crate::diagnostic::Fix;
use crate::diagnostic::registry::{DF402, DF403, DF404, DF408, DF409, DF410, DF411, DF412, DF413};

pub(super) fn check(cx: &mut Ctx<'_>, df: &Dockerfile, stages: &[Stage]) {
    let globals = df.global_args();
    let names = StageNames::new(stages);
    root_user(cx, df, stages);
    for stage in stages {
        base_image(cx, df, (stages, &names), stage, &globals);
        duplicate_name(cx, df, (stages, &names), stage);
        let mut last_workdir: Option<String> = None;
        for index in stage.instructions.clone() {
            let inst = &df.instructions[index];
            match inst.keyword {
                Keyword::Cmd | Keyword::Entrypoint => shell_form(cx, df, stage, inst),
                Keyword::Copy | Keyword::Add | Keyword::Run => {
                    stage_refs(cx, df, (stages, &names), stage, inst)
                }
                Keyword::Workdir => workdir(cx, inst, &mut last_workdir),
                Keyword::Maintainer => maintainer(cx, inst),
                _ => {}
            }
            if inst.keyword == Keyword::Add {
                add(cx, inst);
            }
        }
        multiple(cx, df, stage, Keyword::Cmd);
        multiple(cx, df, stage, Keyword::Entrypoint);
    }
}

/// Base images known to default to an unprivileged user.
fn runs_unprivileged(image: &str) -> bool {
    let (name, tag) = split_image(image);
    // Chainguard images run as nonroot except their `-dev` variants.
    tag.is_some_and(|t| t.contains("nonroot"))
        || name.ends_with("nginx-unprivileged")
        || (name.starts_with("cgr.dev/chainguard/") && !tag.is_some_and(|t| t.contains("dev")))
}

/// `registry/name:tag@digest` → (`registry/name`, tag).
fn split_image(image: &str) -> (&str, Option<&str>) {
    let no_digest = image.split('@').next().unwrap_or(image);
    let slash = no_digest.rfind('/').map_or(0, |i| i + 1);
    match no_digest[slash..].rfind(':') {
        Some(colon) => (
            &no_digest[..slash + colon],
            Some(&no_digest[slash + colon + 1..]),
        ),
        None => (no_digest, None),
    }
}

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user);
    name == "root" || name == "0"
}

fn user_example(image: &str) -> String {
    let (name, _) = split_image(image);
    let base = basename(name);
    if image.contains("distroless") {
        "switch to the image's built-in unprivileged user with `USER nonroot:nonroot`".into()
    } else if image.eq_ignore_ascii_case("scratch") {
        "add `USER 65534:65534` (nobody) before CMD; a scratch image has no user database".into()
    } else if base == "node" {
        "the node images ship an unprivileged `node` user: add `USER node` before CMD".into()
    } else if image.contains("alpine") {
        "create an unprivileged user and switch to it before CMD, e.g. `RUN addgroup -S app && adduser -S -G app app` then `USER app`".into()
    } else {
        "create an unprivileged user and switch to it before CMD, e.g. `RUN useradd --create-home app` then `USER app`".into()
    }
}

fn root_user(cx: &mut Ctx<'_>, df: &Dockerfile, stages: &[Stage]) {
    let Some(last) = stages.last() else { return };
    let from = &df.instructions[last.from()];
    match df.run_as(stages, last.index) {
        Some(RunAs::User { instruction, user }) if is_root(&user) => {
            let inst = &df.instructions[instruction];
            let range = inst.args_range.clone();
            cx.emit(
                &DF402,
                Some(inst),
                range,
                format!(
                    "the final stage runs as root: the last USER instruction (line {}) switches to `{user}`, so a compromised app has full control of the container",
                    inst.line
                ),
                format!(
                    "do root-only work earlier and end with an unprivileged user; {}",
                    user_example(&last.image)
                ),
                None,
            );
        }
        Some(RunAs::BaseImage { image }) if !runs_unprivileged(&image) => {
            let range = cx.first_line(from);
            cx.emit(
                &DF402,
                Some(from),
                range,
                format!(
                    "the final stage runs as root: there is no USER instruction after `FROM {}`, so the app runs as root",
                    excerpt(&from.args, 80)
                ),
                user_example(&image),
                None,
            );
        }
        _ => {}
    }
}

fn base_image(
    cx: &mut Ctx<'_>,
    df: &Dockerfile,
    (stages, names): (&[Stage], &StageNames),
    stage: &Stage,
    globals: &[KeyValue],
) {
    let inst = &df.instructions[stage.from()];
    if stage.image.is_empty() {
        return;
    }
    let Some(image) = df.resolved_image(stage, globals) else {
        return;
    };
    if names.before(&image, stage.index).is_some() || image.eq_ignore_ascii_case("scratch") {
        return;
    }
    if let Some(later) = names.after(&image, stage.index) {
        cx.emit(
            &DF410,
            Some(inst),
            stage.image_range.clone(),
            format!(
                "`FROM {image}` names the stage defined later on line {}; a stage can only build on stages above it, so Docker pulls an image called `{image}` instead",
                df.instructions[stages[later].from()].line
            ),
            format!("move the `{image}` stage above this one"),
            None,
        );
        return;
    }
    let via = if image == stage.image {
        String::new()
    } else {
        format!(" (`{image}` after build-argument defaults)")
    };
    if image.contains('@') {
        return;
    }
    let message = match split_image(&image).1 {
        None => format!(
            "the base image `{}`{via} has no tag, so it means `:latest` and each build can pull a different image",
            stage.image
        ),
        Some("latest") => format!(
            "the base image `{}`{via} uses `:latest`, which moves with every upstream release, so builds are not reproducible",
            stage.image
        ),
        Some(_) => return,
    };
    cx.emit(
        &DF403,
        Some(inst),
        stage.image_range.clone(),
        message,
        "pin a version tag such as `node:20.18-slim` or `python:3.12-slim-bookworm`, or a digest (`@sha256:…`) for fully reproducible builds",
        None,
    );
}

fn duplicate_name(
    cx: &mut Ctx<'_>,
    df: &Dockerfile,
    (stages, names): (&[Stage], &StageNames),
    stage: &Stage,
) {
    let (Some(name), Some(range)) = (&stage.name, &stage.name_range) else {
        return;
    };
    let Some(first) = names.first(name).filter(|&f| f < stage.index) else {
        return;
    };
    cx.emit(
        &DF411,
        Some(&df.instructions[stage.from()]),
        range.clone(),
        format!(
            "the stage name `{name}` is already used by the stage on line {}; BuildKit rejects duplicate stage names (they are compared without case)",
            df.instructions[stages[first].from()].line
        ),
        "give each stage a unique name and update the `COPY --from=` references that should point at this one",
        None,
    );
}

/// Stage references in `COPY --from=…` and `RUN --mount=…,from=…`.
fn stage_refs(
    cx: &mut Ctx<'_>,
    df: &Dockerfile,
    known: (&[Stage], &StageNames),
    stage: &Stage,
    inst: &Instruction,
) {
    for flag in &inst.flags {
        let target = match flag.name.to_ascii_lowercase().as_str() {
            "from" if inst.keyword != Keyword::Run => flag.value.clone(),
            "mount" => flag.value.as_deref().and_then(|v| {
                v.split(',')
                    .find_map(|kv| kv.strip_prefix("from=").map(str::to_string))
            }),
            _ => None,
        };
        let Some(target) = target else { continue };
        if let Some((message, suggestion)) = stage_ref_problem(df, known, stage, &target) {
            cx.emit(
                &DF410,
                Some(inst),
                flag.range.clone(),
                message,
                suggestion,
                None,
            );
        }
    }
}

/// Docker Hub images that are routinely copied from directly.
const COMMON_IMAGES: &[&str] = &[
    "alpine", "busybox", "caddy", "debian", "docker", "golang", "nginx", "node", "python", "ruby",
    "rust", "ubuntu",
];

fn stage_ref_problem(
    df: &Dockerfile,
    (stages, names): (&[Stage], &StageNames),
    stage: &Stage,
    target: &str,
) -> Option<(String, String)> {
    if target.is_empty() || target.contains(['/', ':', '.', '$', '@']) {
        return None;
    }
    if let Ok(n) = target.parse::<usize>() {
        return (n >= stage.index).then(|| {
            let what = if n == stage.index { "this stage itself" } else { "a later stage or none at all" };
            (
                format!(
                    "`--from={n}` refers to {what}: stage numbers count from 0 and only earlier stages can be copied from (this is stage {})",
                    stage.index
                ),
                "refer to an earlier stage, preferably by its `AS` name".to_string(),
            )
        });
    }
    if names.before(target, stage.index).is_some() {
        return None;
    }
    if names.is(target, stage.index) {
        return Some((
            format!(
                "`--from={target}` refers to the stage it appears in; a stage cannot copy from itself"
            ),
            "copy from an earlier stage, or use a plain COPY for files from the build context"
                .into(),
        ));
    }
    if let Some(later) = names.after(target, stage.index) {
        return Some((
            format!(
                "`--from={target}` refers to the stage defined later on line {}; only stages above this one can be used",
                df.instructions[stages[later].from()].line
            ),
            format!("move the `{target}` stage above this one"),
        ));
    }
    if COMMON_IMAGES.contains(&target) {
        return None;
    }
    let earlier = names.listed_before(stage.index, 6);
    let known = if earlier.is_empty() {
        "no named stages precede it".to_string()
    } else {
        format!("earlier stages: {}", earlier.join(", "))
    };
    Some((
        format!(
            "`--from={target}` names no stage ({known}), so Docker will try to pull an image called `{target}` and the build fails"
        ),
        "fix the stage name, or add `AS <name>` to the FROM line of the stage you mean".into(),
    ))
}

/// Characters that need a shell to mean what they say.
const SHELL_META: &[char] = &[
    '&', '|', ';', '<', '>', '(', ')', '$', '`', '\\', '*', '?', '[', ']', '{', '}', '~', '#', '!',
    '\n',
];

const SHELL_BUILTINS: &[&str] = &[
    "cd", "export", "source", ".", "set", "ulimit", "umask", "exit", "if", "for", "while", "until",
    "case", "eval", "trap", "unset",
];

fn shell_form(cx: &mut Ctx<'_>, df: &Dockerfile, stage: &Stage, inst: &Instruction) {
    if inst.form != Form::Shell || inst.args.is_empty() {
        return;
    }
    let words = shlex::split(&inst.args);
    let uses_exec = inst.args.starts_with("exec ")
        || inst.args.contains("&& exec ")
        || inst.args.contains("; exec ");
    if uses_exec {
        return;
    }
    let name = inst.keyword.as_str();
    let other = if inst.keyword == Keyword::Cmd {
        Keyword::Entrypoint
    } else {
        Keyword::Cmd
    };
    let has_other = stage
        .instructions
        .clone()
        .any(|i| df.instructions[i].keyword == other);
    let simple = !inst.args.contains(SHELL_META);
    let fix = match words {
        Some(words) if simple && !has_other && !words.is_empty() => {
            let first = words[0].as_str();
            (!SHELL_BUILTINS.contains(&first) && !first.contains('=')).then(|| {
                let quoted: Vec<String> = words
                    .iter()
                    .map(|w| serde_json::to_string(w).unwrap_or_default())
                    .collect();
                Fix::replace(
                    format!("rewrite {name} in exec form"),
                    inst.args_range.clone(),
                    format!("[{}]", quoted.join(", ")),
                )
            })
        }
        _ => None,
    };
    let suggestion = if fix.is_some() {
        "use exec form so the process is PID 1 and receives signals: the fix rewrites it as a JSON array".to_string()
    } else {
        format!(
            "use exec form (`{name} [\"bin/server\", \"--port\", \"8080\"]`); if you need the shell, keep it but start the final command with `exec`, e.g. `{name} [\"sh\", \"-c\", \"bin/migrate && exec bin/server\"]`"
        )
    };
    cx.emit(
        &DF404,
        Some(inst),
        inst.args_range.clone(),
        format!(
            "{name} is in shell form, so Docker runs it through `/bin/sh -c`; {} the signal Fly sends to stop a Machine (fly.toml `kill_signal`, SIGINT by default) never reaches your app, which is killed after `kill_timeout` without a graceful shutdown",
            if simple {
                let program = excerpt(inst.args.split_whitespace().next().unwrap_or(""), 30);
                format!("unless the shell happens to replace itself with `{program}` (not guaranteed), the shell is PID 1, so")
            } else {
                "with shell syntax in it the shell stays PID 1, so".to_string()
            }
        ),
        suggestion,
        fix,
    );
}

fn multiple(cx: &mut Ctx<'_>, df: &Dockerfile, stage: &Stage, keyword: Keyword) {
    let all: Vec<&Instruction> = df.instructions[stage.instructions.clone()]
        .iter()
        .filter(|i| i.keyword == keyword)
        .collect();
    let Some((last, earlier)) = all.split_last() else {
        return;
    };
    let name = keyword.as_str();
    for inst in earlier {
        let range = inst.keyword_range.clone();
        cx.emit(
            &DF409,
            Some(inst),
            range,
            format!(
                "this {name} has no effect: the {name} on line {} in the same stage replaces it (only the last one counts)",
                last.line
            ),
            format!("delete this {name}, or combine what it should do into the last one"),
            None,
        );
    }
}

const ARCHIVES: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz", ".tbz2", ".tar.zst", ".tzst",
];

fn add(cx: &mut Ctx<'_>, inst: &Instruction) {
    if ["checksum", "keep-git-dir", "unpack"]
        .iter()
        .any(|f| inst.flag(f).is_some())
    {
        return;
    }
    let sources: Vec<String> = match &inst.form {
        Form::Exec(items) => items
            .split_last()
            .map(|(_, s)| s.to_vec())
            .unwrap_or_default(),
        _ => inst
            .words()
            .split_last()
            .map(|(_, s)| s.iter().map(|w| w.value.clone()).collect())
            .unwrap_or_default(),
    };
    let remote_or_archive = |s: &String| {
        let lower = s.to_ascii_lowercase();
        lower.contains("://")
            || lower.starts_with("git@")
            || lower.contains('$')
            || ARCHIVES.iter().any(|a| lower.ends_with(a))
    };
    if sources.is_empty() || sources.iter().any(remote_or_archive) {
        return;
    }
    let copy = if inst.name.bytes().all(|b| b.is_ascii_lowercase()) {
        "copy"
    } else {
        "COPY"
    };
    cx.emit(
        &DF408,
        Some(inst),
        inst.keyword_range.clone(),
        format!(
            "ADD copies local files here (`{}`); ADD also fetches URLs and unpacks archives, so COPY states the intent and cannot surprise you",
            excerpt(&sources.join(" "), 50)
        ),
        "use COPY for files from the build context; keep ADD for remote URLs and tar archives you want extracted",
        Some(Fix::replace("replace ADD with COPY", inst.keyword_range.clone(), copy)),
    );
}

fn workdir(cx: &mut Ctx<'_>, inst: &Instruction, last: &mut Option<String>) {
    let Some(path) = inst.words().into_iter().next().map(|w| w.value) else {
        return;
    };
    let bytes = path.as_bytes();
    let windows = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let absolute = path.starts_with(['/', '$', '\\']) || windows;
    let previous = last.take();
    if absolute {
        *last = (!path.contains('$')).then_some(path);
        return;
    }
    let resolved = previous
        .as_deref()
        .filter(|_| !path.contains('$') && !path.split('/').any(|p| p == ".."));
    let resolved = resolved.map(|base| {
        let rel = path.trim_start_matches("./").trim_end_matches('/');
        format!("{}/{rel}", base.trim_end_matches('/'))
    });
    let fix = resolved.as_ref().map(|abs| {
        Fix::replace(
            "use the absolute path",
            inst.args_range.clone(),
            abs.clone(),
        )
    });
    *last = resolved.clone();
    let suggestion = match &resolved {
        Some(abs) => format!(
            "write the absolute path `{abs}` (what this resolves to after the WORKDIR above)"
        ),
        None => format!(
            "use an absolute path such as `/{}`",
            path.trim_start_matches("./")
        ),
    };
    cx.emit(
        &DF412,
        Some(inst),
        inst.args_range.clone(),
        format!(
            "WORKDIR `{}` is relative, so it depends on the WORKDIR inherited from above or from the base image and can change when the base image does",
            excerpt(&path, 60)
        ),
        suggestion,
        fix,
    );
}

fn maintainer(cx: &mut Ctx<'_>, inst: &Instruction) {
    let escaped: String = inst
        .args
        .chars()
        .flat_map(|c| match c {
            '"' | '\\' | '$' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    let replacement = format!("LABEL maintainer=\"{escaped}\"");
    let range = inst.keyword_range.start..inst.args_range.end;
    cx.emit(
        &DF413,
        Some(inst),
        inst.keyword_range.clone(),
        "MAINTAINER is deprecated; image metadata belongs in labels, which tools and registries read",
        format!("replace it with `{}`", excerpt(&replacement, 80)),
        Some(Fix::replace("replace MAINTAINER with a maintainer label", range, replacement)),
    );
}
