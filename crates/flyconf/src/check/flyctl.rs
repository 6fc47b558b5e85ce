//! `FV`: the checks flyctl makes, with its conditions and wording.

use super::{Ctx, groups_list, shell_split};
use crate::diagnostic::registry as rules;
use crate::model::values::{CpuKind, Duration, VmSize, check_guest};
use crate::model::{HttpCheck, MachineCheck, Vm};

pub(super) fn run(cx: &mut Ctx<'_>) {
    build(cx);
    deploy(cx);
    top_checks(cx);
    services(cx);
    processes(cx);
    mounts(cx);
    restart(cx);
    vms(cx);
    machine_config(cx);
}

fn build(cx: &mut Ctx<'_>) {
    let Some(b) = &cx.config.build else { return };
    let mut found = Vec::new();
    if let Some(image) = &b.image {
        found.push(format!("the \"{image}\" docker image"));
    }
    if b.builder.is_some() || !b.buildpacks.is_empty() {
        found.push("a buildpack".to_owned());
    }
    match (&b.dockerfile, &b.build_target) {
        (Some(f), _) => found.push(format!("the \"{f}\" dockerfile")),
        (None, Some(_)) => found.push("a dockerfile".to_owned()),
        _ => {}
    }
    if let Some(builtin) = &b.builtin {
        found.push(format!("the \"{builtin}\" builtin image"));
    }
    if found.len() > 1 {
        let msg = format!(
            "more than one build configuration found: [{}]; flyctl picks one silently",
            found.join(", ")
        );
        cx.at(
            &rules::MULTIPLE_BUILD_STRATEGIES,
            "build",
            msg,
            "keep exactly one of `image`, `builder`/`buildpacks`, `dockerfile`, `builtin`",
        );
    }
    if let Some(c) = &b.compression
        && c != "gzip"
        && c != "zstd"
    {
        let msg = format!(
            "Invalid value '{c}' for compression. Valid options are 'gzip', 'zstd', or leave unset."
        );
        cx.at(
            &rules::BUILD_COMPRESSION,
            "build.compression",
            msg,
            "use \"zstd\" or \"gzip\"",
        );
    }
    if let Some(level) = b.compression_level
        && !(0..=9).contains(&level)
    {
        let msg = format!(
            "Invalid value '{level}' for compression level. Must be an integer between 0 and 9."
        );
        cx.at(
            &rules::BUILD_COMPRESSION,
            "build.compression_level",
            msg,
            "use a level from 0 to 9 (default 7)",
        );
    }
}

const STRATEGIES: [&str; 4] = ["canary", "rolling", "immediate", "bluegreen"];

fn deploy(cx: &mut Ctx<'_>) {
    let Some(d) = &cx.config.deploy else { return };
    if let Some(cmd) = &d.release_command
        && shell_split(cmd).is_none()
    {
        cx.at(
            &rules::RELEASE_COMMAND_SYNTAX,
            "deploy.release_command",
            format!("Can't shell split release command: '{cmd}'"),
            "balance the quotes, or move the logic into a script and run that",
        );
    }
    let strategy = d.strategy.as_deref();
    if let Some(s) = strategy
        && !STRATEGIES.contains(&s)
    {
        let norm = s.to_ascii_lowercase().replace(['-', '_', ' '], "");
        let guess = STRATEGIES.iter().find(|k| **k == norm);
        let msg = format!(
            "unsupported deployment strategy '{s}'; Apps v2 supports the following strategies: canary, rolling, immediate, bluegreen"
        );
        let d = cx.at(
            &rules::DEPLOY_STRATEGY,
            "deploy.strategy",
            msg,
            match guess {
                Some(g) => format!("did you mean \"{g}\"?"),
                None => "use \"rolling\" (the default), \"canary\", \"immediate\" or \"bluegreen\""
                    .to_owned(),
            },
        );
        if let Some(g) = guess {
            let range = d.span.range();
            d.fix = Some(crate::diagnostic::Fix::replace(
                format!("write \"{g}\""),
                range,
                format!("\"{g}\""),
            ));
        }
    }
    let has_mounts = !cx.config.mounts.is_empty();
    if strategy == Some("canary") && has_mounts {
        cx.at(&rules::CANARY_WITH_MOUNTS, "deploy.strategy", "the canary deployment strategy is not supported when using mounted volumes: flyctl refuses to deploy".into(), "use strategy \"rolling\" or \"immediate\" for an app with volumes");
    }
    if strategy == Some("bluegreen") {
        if has_mounts {
            cx.at(&rules::BLUEGREEN_WITH_MOUNTS, "deploy.strategy", "bluegreen deployments are not supported when using mounted volumes: the green machines would need the volumes the blue machines hold".into(), "use strategy \"rolling\" for an app with volumes");
        }
        let c = cx.config;
        let has_checks = !c.checks.is_empty()
            || c.http_service
                .as_ref()
                .is_some_and(|h| !h.checks.is_empty())
            || c.services
                .iter()
                .any(|s| !s.tcp_checks.is_empty() || !s.http_checks.is_empty());
        if !has_checks {
            cx.at(&rules::BLUEGREEN_WITHOUT_CHECKS, "deploy.strategy", "You need to define at least 1 check in order to use blue-green deployments; the deploy stops with \"app not in valid state for bluegreen deployments\"".into(), "add `[[http_service.checks]]` (or `[[services.tcp_checks]]`) so green machines can be verified before traffic moves");
        }
    }
    if let Some(m) = d.max_unavailable {
        if matches!(strategy, Some("immediate" | "bluegreen")) {
            let s = strategy.unwrap_or_default();
            cx.at(
                &rules::MAX_UNAVAILABLE_IGNORED,
                "deploy.max_unavailable",
                format!("max_unavailable is set for the non-rolling strategy '{s}' and is ignored"),
                "remove `max_unavailable`, or use strategy \"rolling\"",
            );
        } else if m <= 0.0 {
            cx.at(
                &rules::MAX_UNAVAILABLE_IGNORED,
                "deploy.max_unavailable",
                format!("max_unavailable = {m} lets no machine be replaced at a time"),
                "use a fraction such as 0.33, or a count ≥ 1",
            );
        }
    }
}

fn top_checks(cx: &mut Ctx<'_>) {
    let has_http_service = cx.config.http_service.is_some();
    for (name, check) in &cx.config.checks {
        let path = format!("checks.{name}");
        match check.kind.as_deref() {
            Some("http" | "tcp") => {}
            other => {
                let p = if other.is_some() {
                    format!("{path}.type")
                } else {
                    path.clone()
                };
                cx.at(&rules::CHECK_TYPE, &p, format!("Can't process top level check '{name}': Missing or invalid check type, must be 'http' or 'tcp'"), "add `type = \"http\"` (with a `path`) or `type = \"tcp\"`");
            }
        }
        if let Some(i) = check.interval
            && i < Duration::from_secs(2)
        {
            cx.at(
                &rules::CHECK_INTERVAL_TOO_SHORT,
                &format!("{path}.interval"),
                format!("Check '{name}' interval is too short: {i}, minimum is 2 seconds"),
                "use an interval of at least \"2s\", e.g. \"15s\"",
            );
        }
        if let Some(t) = check.timeout
            && t > Duration::from_secs(60)
        {
            cx.at(
                &rules::CHECK_TIMEOUT_TOO_LONG,
                &format!("{path}.timeout"),
                format!("Check '{name}' timeout is too long: {t}, maximum is 60 seconds"),
                "use a timeout of at most \"60s\", e.g. \"5s\"",
            );
        }
        if check.port.is_none() && !has_http_service {
            let group = check
                .processes
                .first()
                .map_or_else(|| cx.config.default_group().to_owned(), Clone::clone);
            cx.at(&rules::CHECK_WITHOUT_PORT, &path, format!("Check '{name}' for process group '{group}' has no port set and the group has no http_service to take it from; the deploy fails (fly config validate does not catch this)"), "add `port = <the port your app listens on>`");
        }
    }
}

fn services(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let groups = c.process_groups();
    let mut list: Vec<(String, &[String])> = Vec::new();
    if let Some(h) = &c.http_service {
        list.push(("http_service".into(), &h.processes));
    }
    for (i, s) in c.services.iter().enumerate() {
        list.push((format!("services[{i}]"), &s.processes));
    }
    for (path, processes) in list {
        if processes.is_empty() && !c.processes.is_empty() {
            let msg = format!(
                "Service has no processes set but app has {} processes defined; update fly.toml to set processes for each service",
                c.processes.len()
            );
            cx.at(
                &rules::SERVICE_PROCESSES_UNSET,
                &path,
                msg,
                format!("add `processes = [\"…\"]` naming one of {}", groups_list(c)),
            );
        }
        for (j, p) in processes.iter().enumerate() {
            if !groups.contains(&p.as_str()) {
                let msg = format!(
                    "Service specifies '{p}' as one of its processes, but no processes are defined with that name; update fly.toml [processes] to add '{p}' process or remove it from service's processes list"
                );
                cx.at(
                    &rules::SERVICE_UNKNOWN_PROCESS,
                    &format!("{path}.processes[{j}]"),
                    msg,
                    format!("use one of {}", groups_list(c)),
                );
            }
        }
    }
    for (i, s) in c.services.iter().enumerate() {
        if s.ports.is_empty() {
            cx.at(&rules::SERVICE_WITHOUT_PORTS, &format!("services[{i}]"), "Service must expose at least one port; without [[services.ports]] it receives no traffic".into(), "add `[[services.ports]]` with `port` and `handlers`, or remove the service");
        }
        for (j, t) in s.tcp_checks.iter().enumerate() {
            timing(
                cx,
                &format!("services[{i}].tcp_checks[{j}]"),
                "TCP",
                t.interval,
                t.timeout,
                t.grace_period,
            );
        }
        for (j, h) in s.http_checks.iter().enumerate() {
            http_timing(cx, &format!("services[{i}].http_checks[{j}]"), h);
        }
        machine_checks(
            cx,
            &format!("services[{i}].machine_checks"),
            &s.machine_checks,
        );
    }
    if let Some(h) = &c.http_service {
        for (j, check) in h.checks.iter().enumerate() {
            http_timing(cx, &format!("http_service.checks[{j}]"), check);
        }
        machine_checks(cx, "http_service.machine_checks", &h.machine_checks);
    }
    machine_checks(cx, "machine_checks", &c.machine_checks);
}

fn http_timing(cx: &mut Ctx<'_>, path: &str, h: &HttpCheck) {
    timing(cx, path, "HTTP", h.interval, h.timeout, h.grace_period);
}

fn timing(
    cx: &mut Ctx<'_>,
    path: &str,
    kind: &str,
    interval: Option<Duration>,
    timeout: Option<Duration>,
    grace: Option<Duration>,
) {
    let second = Duration::from_secs(1);
    let minute = Duration::from_secs(60);
    for (key, value, label) in [
        ("interval", interval, "an interval"),
        ("timeout", timeout, "a timeout"),
        ("grace_period", grace, "a grace period"),
    ] {
        let Some(v) = value else { continue };
        let low = if key == "grace_period" {
            v > Duration::ZERO && v < second
        } else {
            v < second
        };
        let msg = if low {
            if key == "grace_period" {
                format!(
                    "Service {kind} check has a grace period that is non-zero and less than 1 second ({v}); this will be raised to 1 second"
                )
            } else {
                format!(
                    "Service {kind} check has {label} less than 1 second ({v}); this will be raised to 1 second"
                )
            }
        } else if v > minute {
            format!(
                "Service {kind} check has {label} greater than 1 minute ({v}); this will be lowered to 1 minute"
            )
        } else {
            continue;
        };
        cx.at(
            &rules::SERVICE_CHECK_TIMING,
            &format!("{path}.{key}"),
            msg,
            "use a value between \"1s\" and \"1m\"",
        );
    }
}

fn machine_checks(cx: &mut Ctx<'_>, path: &str, checks: &[MachineCheck]) {
    for (i, m) in checks.iter().enumerate() {
        if m.command.is_empty() {
            cx.at(&rules::MACHINE_CHECK_COMMAND, &format!("{path}[{i}]"), "missing command for test machine: the deploy fails".into(), format!("add a `command` to this `[[{}]]` entry, e.g. command = [\"curl\", \"-f\", \"http://[$FLY_TEST_MACHINE_IP]:8080/health\"]", path.rsplit('.').next().unwrap_or(path)));
        }
    }
}

fn processes(cx: &mut Ctx<'_>) {
    for (name, cmd) in &cx.config.processes {
        if shell_split(cmd).is_none() {
            let msg = format!(
                "Could not parse command for '{name}' process group; check [processes] section: unbalanced quotes or a trailing escape in {cmd:?}"
            );
            cx.at(
                &rules::PROCESS_COMMAND_SYNTAX,
                &format!("processes.{name}"),
                msg,
                "balance the quotes in the command",
            );
        }
    }
    if let Some(cmd) = &cx.config.console_command
        && shell_split(cmd).is_none()
    {
        cx.at(
            &rules::CONSOLE_COMMAND_SYNTAX,
            "console_command",
            format!("Can't shell split console command: '{cmd}'"),
            "balance the quotes in the command",
        );
    }
}

fn mounts(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let mut per_group: Vec<(&str, usize)> = Vec::new();
    for (i, m) in c.mounts.iter().enumerate() {
        let path = format!("mounts[{i}]");
        let name = m.source.as_deref().unwrap_or("");
        if let Some(size) = m.initial_size
            && size.gb() < 1
        {
            let written = cx
                .text(cx.spans.value(&format!("{path}.initial_size")))
                .to_owned();
            cx.at(&rules::MOUNT_INITIAL_SIZE, &format!("{path}.initial_size"), format!("mount '{name}' has an initial_size {written} value which is smaller than 1GB"), "use at least \"1gb\" (volume sizes use decimal units and are truncated: \"1500mb\" is 1GB)");
        }
        if let Some(r) = m.snapshot_retention
            && !(1..=60).contains(&r)
        {
            cx.at(&rules::MOUNT_SNAPSHOT_RETENTION, &format!("{path}.snapshot_retention"), format!("mount '{name}' has a snapshot_retention value which is not between 1 and 60 days inclusive"), "use a value from 1 to 60 (default 5)");
        }
        let threshold = m.auto_extend_size_threshold.unwrap_or(0);
        let increment = m.auto_extend_size_increment.map_or(0, |s| s.gb());
        let limit = m.auto_extend_size_limit.map_or(0, |s| s.gb());
        if threshold != 0 || increment != 0 || limit != 0 {
            let ae = |k: &str| format!("{path}.auto_extend_size_{k}");
            if threshold != 0 && increment == 0 && limit == 0 {
                cx.at(&rules::MOUNT_AUTO_EXTEND, &ae("threshold"), format!("mount '{name}' auto_extend_size_threshold, auto_extend_size_increment and auto_extend_size_limit must be all defined or none"), "also set `auto_extend_size_increment` and `auto_extend_size_limit`");
            }
            if !(50..=99).contains(&threshold) {
                cx.at(
                    &rules::MOUNT_AUTO_EXTEND,
                    &ae("threshold"),
                    format!("mount '{name}' auto_extend_size_threshold must be between 50 and 99"),
                    "set `auto_extend_size_threshold` to a percentage from 50 to 99, e.g. 80",
                );
            }
            if !(1..=100).contains(&increment) {
                cx.at(
                    &rules::MOUNT_AUTO_EXTEND,
                    &ae("increment"),
                    format!(
                        "mount '{name}' auto_extend_size_increment must be between 1GB and 100GB"
                    ),
                    "set `auto_extend_size_increment`, e.g. \"1gb\"",
                );
            }
            if !(1..=500).contains(&limit) {
                cx.at(
                    &rules::MOUNT_AUTO_EXTEND,
                    &ae("limit"),
                    format!("mount '{name}' auto_extend_size_limit must be between 1GB and 500GB"),
                    "set `auto_extend_size_limit`, e.g. \"10gb\"",
                );
            }
        }
        let groups: Vec<&str> = if m.processes.is_empty() {
            vec![c.default_group()]
        } else {
            m.processes.iter().map(String::as_str).collect()
        };
        for g in groups {
            match per_group.iter_mut().find(|(name, _)| *name == g) {
                Some((_, n)) => {
                    *n += 1;
                    cx.at(&rules::MULTIPLE_MOUNTS_PER_GROUP, &path, format!("group '{g}' has more than one [[mounts]] section defined; a machine can attach only one volume"), "use one volume per process group (subdirectories of one mount), or set `processes` so each group has one mount");
                }
                None => per_group.push((g, 1)),
            }
        }
    }
}

fn restart(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let groups = c.process_groups();
    for (i, r) in c.restart.iter().enumerate() {
        let path = format!("restart[{i}]");
        for (j, p) in r.processes.iter().enumerate() {
            if !groups.contains(&p.as_str()) {
                let msg = format!(
                    "Restart policy specifies '{p}' as one of its processes, but no processes are defined with that name; update fly.toml [processes] to add '{p}' process or remove it from restart policy's processes list"
                );
                cx.at(
                    &rules::RESTART_UNKNOWN_PROCESS,
                    &format!("{path}.processes[{j}]"),
                    msg,
                    format!("use one of {}", groups_list(c)),
                );
            }
        }
        if let Some(p) = &r.policy
            && !["always", "never", "on-failure"].contains(&p.as_str())
        {
            cx.at(
                &rules::RESTART_POLICY,
                &format!("{path}.policy"),
                format!("invalid restart policy: {p}"),
                "use \"always\", \"never\" or \"on-failure\"",
            );
        }
    }
}

fn vms(cx: &mut Ctx<'_>) {
    let c = cx.config;
    for (i, vm) in c.vm.iter().enumerate() {
        guest(cx, &format!("vm[{i}]"), vm, c.host_dedication_id.is_some());
    }
    if let Some(vm) = c
        .deploy
        .as_ref()
        .and_then(|d| d.release_command_vm.as_ref())
    {
        guest(cx, "deploy.release_command_vm", vm, false);
    }
    for g in c.process_groups() {
        let matching: Vec<usize> =
            c.vm.iter()
                .enumerate()
                .filter(|(_, v)| v.processes.is_empty() || v.processes.iter().any(|p| p == g))
                .map(|(i, _)| i)
                .collect();
        if matching.len() > 2 {
            cx.at(&rules::MULTIPLE_VM_PER_GROUP, &format!("vm[{}]", matching[2]), format!("{} [[vm]] sections apply to group {g}; flyctl fails with \"2+ compute sections for group {g}\"", matching.len()), "merge them, or give each `[[vm]]` its own `processes` list");
        } else if matching.len() == 2 {
            cx.at(&rules::MULTIPLE_VM_PER_GROUP, &format!("vm[{}]", matching[1]), format!("two [[vm]] sections apply to group {g}; which size it gets is not obvious from the file"), "merge them, or give each `[[vm]]` its own `processes` list")
                .severity = crate::diagnostic::Severity::Warning;
        }
    }
}

/// Resolves a `[[vm]]` the way flyctl's `computeToGuest` does and checks the result.
fn guest(cx: &mut Ctx<'_>, path: &str, vm: &Vm, _dedicated: bool) {
    if vm.size.is_none()
        && vm.memory.is_none()
        && vm.cpus.is_none()
        && vm.cpu_kind.is_none()
        && vm.memory_mb.is_none()
    {
        return;
    }
    // GPU machines have their own limits (and are no longer offered: FR321).
    if vm.gpu_kind.is_some()
        || vm.gpus.is_some_and(|g| g > 0)
        || vm.size.is_some_and(|s| s.preset().gpu_kind.is_some())
    {
        return;
    }
    let base = vm.size.unwrap_or_else(|| {
        if vm.gpu_kind.is_some() {
            VmSize::parse("performance-8x").unwrap_or_else(|_| VmSize::default_size())
        } else {
            VmSize::default_size()
        }
    });
    let preset = base.preset();
    let mut kind = preset.cpu_kind;
    let mut cpus = preset.cpus;
    let mut memory = preset.memory_mb;
    if let Some(m) = vm.memory {
        memory = m.mib();
    }
    if let Some(m) = vm.memory_mb.filter(|m| *m != 0) {
        memory = u64::try_from(m).unwrap_or(0);
    }
    if let Some(n) = vm.cpus.filter(|n| *n != 0) {
        cpus = u32::try_from(n).unwrap_or(u32::MAX);
    }
    if let Some(k) = vm.cpu_kind.as_deref().filter(|k| !k.is_empty()) {
        match CpuKind::parse(k) {
            Some(parsed) => kind = parsed,
            None => {
                cx.at(
                    &rules::VM_CPU_MEMORY,
                    &format!("{path}.cpu_kind"),
                    format!("The CPU kind given: {k}, is not valid"),
                    "Valid values are shared and performance",
                );
                return;
            }
        }
    }
    if vm.memory.is_some_and(|m| m.mib() == 0) {
        cx.at(
            &rules::VM_CPU_MEMORY,
            &format!("{path}.memory"),
            "memory cannot be zero".into(),
            "set memory to at least 256mb",
        );
        return;
    }
    if let Some(problem) = check_guest(kind, cpus, memory) {
        let key = if vm.memory_mb.is_some() {
            "memory_mb"
        } else if vm.memory.is_some() {
            "memory"
        } else if vm.cpus.is_some() {
            "cpus"
        } else {
            "size"
        };
        let target = if cx.spans.contains(&format!("{path}.{key}")) {
            format!("{path}.{key}")
        } else {
            path.to_owned()
        };
        let msg = format!(
            "{}: the platform rejects this machine at deploy time (fly config validate does not check sizes)",
            problem.message
        );
        cx.at(&rules::VM_CPU_MEMORY, &target, msg, problem.suggestion);
    }
}

fn machine_config(cx: &mut Ctx<'_>) {
    let c = cx.config;
    let sources = [
        ("machine_config", c.machine_config.as_deref()),
        (
            "experimental.machine_config",
            c.experimental
                .as_ref()
                .and_then(|e| e.machine_config.as_deref()),
        ),
    ];
    for (path, value) in sources {
        let Some(v) = value else { continue };
        if !(v.trim_start().starts_with('{') || v.ends_with(".json")) {
            cx.at(
                &rules::MACHINE_CONFIG_SOURCE,
                path,
                format!("invalid machine config source: {v:?}"),
                "point it at a .json file, or inline a JSON object starting with {",
            );
        }
    }
}
