//! Reliability lint of `[[vm]]`, `[[mounts]]`, statics and process references.

use super::super::Ctx;
use crate::diagnostic::registry as rules;

pub(super) fn run(cx: &mut Ctx<'_>) {
    vm_sizing(cx);
    process_references(cx);
    mounts(cx);
    statics(cx);
}

fn vm_sizing(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let runs_something =
        c.http_service.is_some() || !c.services.is_empty() || !c.processes.is_empty();
    if c.vm.is_empty() && runs_something {
        let path = if cx.spans.contains("app") { "app" } else { "" };
        let range = if path.is_empty() {
            0..0
        } else {
            cx.spans.whole("app")
        };
        cx.at_range(&rules::NO_VM_SIZE, path, range, "no `[[vm]]` section: machine size is not under version control, and each deploy keeps whatever size machines happen to have".into(), "add `[[vm]]` with `size = \"shared-cpu-1x\"` and `memory = \"1gb\"` (adjust to your app)");
    }
    for (i, vm) in c.vm.iter().enumerate() {
        let path = format!("vm[{i}]");
        let written = |k: &str| cx.spans.contains(&format!("{path}.{k}"));
        if !written("size") && !written("memory") && !written("memory_mb") {
            cx.at(&rules::NO_VM_SIZE, &path, "this [[vm]] sets neither `size`, `memory` nor `memory_mb`, so machines get 256MB of memory".into(), "add `memory = \"1gb\"` (or a `size` preset)");
        }
        if let (Some(m), Some(mb)) = (vm.memory, vm.memory_mb) {
            let msg = if i64::try_from(m.mib()).ok() == Some(mb) {
                format!(
                    "both `memory` ({m}) and `memory_mb` ({mb}) are set; they agree, but only one is needed"
                )
            } else {
                format!(
                    "both `memory` ({m}) and `memory_mb` ({mb}) are set and disagree: flyctl uses memory_mb = {mb}"
                )
            };
            cx.at(
                &rules::MEMORY_AND_MEMORY_MB,
                &format!("{path}.memory_mb"),
                msg,
                "keep only one of them",
            );
        }
        let gpu = vm.gpu_kind.is_some()
            || vm.gpus.is_some_and(|g| g > 0)
            || vm.size.is_some_and(|s| s.preset().gpu_kind.is_some());
        if gpu {
            cx.at(
                &rules::GPU_DEPRECATED,
                &path,
                "GPU machines are no longer offered by Fly.io; deploys cannot create them".into(),
                "use a performance preset, and a GPU provider elsewhere",
            );
        }
    }
}

fn process_references(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let groups = c.process_groups();
    let multi = c.processes.len() > 1;
    let mut refs: Vec<(String, &[String], bool)> = Vec::new();
    refs.extend(
        c.mounts
            .iter()
            .enumerate()
            .map(|(i, m)| (format!("mounts[{i}]"), m.processes.as_slice(), true)),
    );
    refs.extend(
        c.vm.iter()
            .enumerate()
            .map(|(i, m)| (format!("vm[{i}]"), m.processes.as_slice(), false)),
    );
    refs.extend(
        c.checks
            .iter()
            .map(|(n, m)| (format!("checks.{n}"), m.processes.as_slice(), true)),
    );
    refs.extend(
        c.files
            .iter()
            .enumerate()
            .map(|(i, m)| (format!("files[{i}]"), m.processes.as_slice(), true)),
    );
    refs.extend(
        c.metrics
            .iter()
            .enumerate()
            .map(|(i, m)| (format!("metrics[{i}]"), m.processes.as_slice(), true)),
    );
    refs.extend(
        c.restart
            .iter()
            .enumerate()
            .map(|(i, m)| (format!("restart[{i}]"), m.processes.as_slice(), true)),
    );
    for (path, processes, default_only) in refs {
        if !path.starts_with("restart") {
            for (j, p) in processes.iter().enumerate() {
                if !groups.contains(&p.as_str()) {
                    let list = super::super::groups_list(c);
                    cx.at(&rules::UNKNOWN_PROCESS_REFERENCE, &format!("{path}.processes[{j}]"), format!("no process group is named '{p}'; flyctl ignores the name silently, so this section applies to no machine"), format!("use one of {list}"));
                }
            }
        }
        if multi && default_only && processes.is_empty() {
            let group = c.default_group();
            cx.at(&rules::DEFAULT_GROUP_ONLY, &path, format!("this section has no `processes`, so in this multi-process app it applies only to the default group '{group}'"), format!("add `processes = [\"{group}\"]` (or the groups it is meant for) to make that explicit"));
        }
    }
}

fn mounts(cx: &mut Ctx<'_>) {
    for (i, m) in cx.config.mounts.iter().enumerate() {
        let path = format!("mounts[{i}]");
        if m.source.as_deref().is_none_or(str::is_empty) {
            cx.at(
                &rules::MOUNT_ROOT_DESTINATION,
                &path,
                "this mount has no `source` volume name".into(),
                "add `source = \"data\"` (the volume name)",
            );
        }
        match m.destination.as_deref() {
            None | Some("") => {
                cx.at(
                    &rules::MOUNT_ROOT_DESTINATION,
                    &path,
                    "this mount has no `destination`".into(),
                    "add `destination = \"/data\"`",
                );
            }
            Some("/") => {
                cx.at(
                    &rules::MOUNT_ROOT_DESTINATION,
                    &format!("{path}.destination"),
                    "a volume cannot be mounted at `/`".into(),
                    "mount it on a directory, e.g. \"/data\"",
                );
            }
            Some(d) if !d.starts_with('/') => {
                cx.at(
                    &rules::MOUNT_ROOT_DESTINATION,
                    &format!("{path}.destination"),
                    format!("mount destination {d:?} is not an absolute path"),
                    format!("write \"/{d}\""),
                );
            }
            Some(_) => {}
        }
    }
}

fn statics(cx: &mut Ctx<'_>) {
    let statics = &cx.config.statics;
    if statics.len() > 10 {
        cx.at(
            &rules::STATICS_LIMITS,
            "statics[10]",
            format!(
                "{} [[statics]] entries; the platform serves at most 10",
                statics.len()
            ),
            "merge entries that share a directory",
        );
    }
    for (i, a) in statics.iter().enumerate() {
        let Some(pa) = a.url_prefix.as_deref() else {
            continue;
        };
        for b in statics.iter().take(i) {
            let Some(pb) = b.url_prefix.as_deref() else {
                continue;
            };
            let (short, long) = if pa.len() <= pb.len() {
                (pa, pb)
            } else {
                (pb, pa)
            };
            if long.starts_with(short)
                && (short.ends_with('/')
                    || long.len() == short.len()
                    || long[short.len()..].starts_with('/'))
            {
                cx.at(
                    &rules::STATICS_LIMITS,
                    &format!("statics[{i}].url_prefix"),
                    format!(
                        "url_prefix {pa:?} overlaps {pb:?}; which files are served is ambiguous"
                    ),
                    "use distinct prefixes, or merge the entries",
                );
                break;
            }
        }
    }
}
