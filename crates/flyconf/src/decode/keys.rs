//! The keys flyctl reads in each section (its struct tags), and "did you mean".

pub(crate) const TOP: &[&str] = &[
    "app",
    "primary_region",
    "kill_signal",
    "kill_timeout",
    "swap_size_mb",
    "console_command",
    "host_dedication_id",
    "machine_config",
    "container",
    "experimental",
    "build",
    "deploy",
    "env",
    "processes",
    "mounts",
    "http_service",
    "services",
    "checks",
    "files",
    "machine_checks",
    "restart",
    "vm",
    "statics",
    "metrics",
];
/// Legacy top-level spellings flyctl's patches accept.
pub(crate) const TOP_LEGACY: &[&str] = &["compute", "computes", "mount", "metric"];
pub(crate) const EXPERIMENTAL: &[&str] = &[
    "cmd",
    "entrypoint",
    "exec",
    "auto_rollback",
    "enable_consul",
    "enable_etcd",
    "lazy_load_images",
    "machine_config",
    "attached",
    "kill_timeout",
    "metrics_port",
    "metrics_path",
];
pub(crate) const BUILD: &[&str] = &[
    "builder",
    "args",
    "buildpacks",
    "image",
    "settings",
    "builtin",
    "dockerfile",
    "ignorefile",
    "build-target",
    "build_target",
    "compose",
    "compression",
    "compression_level",
];
pub(crate) const DEPLOY: &[&str] = &[
    "strategy",
    "max_unavailable",
    "wait_timeout",
    "release_command",
    "release_command_timeout",
    "release_command_vm",
    "seed_command",
];
pub(crate) const HTTP_SERVICE: &[&str] = &[
    "internal_port",
    "force_https",
    "auto_stop_machines",
    "auto_start_machines",
    "min_machines_running",
    "processes",
    "concurrency",
    "tls_options",
    "http_options",
    "checks",
    "machine_checks",
];
pub(crate) const SERVICE: &[&str] = &[
    "protocol",
    "internal_port",
    "auto_stop_machines",
    "auto_start_machines",
    "min_machines_running",
    "processes",
    "concurrency",
    "ports",
    "tcp_checks",
    "http_checks",
    "machine_checks",
];
pub(crate) const CONCURRENCY: &[&str] = &["type", "hard_limit", "soft_limit"];
pub(crate) const TLS_OPTIONS: &[&str] = &["alpn", "versions", "default_self_signed"];
pub(crate) const HTTP_OPTIONS: &[&str] = &[
    "compress",
    "h2_backend",
    "idle_timeout",
    "headers_read_timeout",
    "response",
    "pristine",
    "replay_cache",
];
pub(crate) const RESPONSE: &[&str] = &["headers"];
pub(crate) const REPLAY_CACHE: &[&str] =
    &["path_prefix", "ttl_seconds", "type", "name", "allow_bypass"];
pub(crate) const PORT: &[&str] = &[
    "port",
    "start_port",
    "end_port",
    "handlers",
    "force_https",
    "tls_options",
    "http_options",
    "proxy_proto_options",
];
pub(crate) const PROXY_PROTO: &[&str] = &["version"];
pub(crate) const TCP_CHECK: &[&str] = &["interval", "timeout", "grace_period"];
pub(crate) const HTTP_CHECK: &[&str] = &[
    "interval",
    "timeout",
    "grace_period",
    "method",
    "path",
    "protocol",
    "tls_skip_verify",
    "tls_server_name",
    "headers",
];
pub(crate) const TOP_CHECK: &[&str] = &[
    "port",
    "type",
    "interval",
    "timeout",
    "grace_period",
    "method",
    "path",
    "protocol",
    "tls_skip_verify",
    "tls_server_name",
    "headers",
    "processes",
];
pub(crate) const MACHINE_CHECK: &[&str] = &[
    "command",
    "image",
    "entrypoint",
    "kill_signal",
    "kill_timeout",
];
pub(crate) const VM: &[&str] = &[
    "size",
    "memory",
    "cpu_kind",
    "cpus",
    "memory_mb",
    "max_memory_mb",
    "gpus",
    "gpu_kind",
    "host_dedication_id",
    "persist_rootfs",
    "kernel_args",
    "processes",
];
pub(crate) const MOUNT: &[&str] = &[
    "source",
    "destination",
    "initial_size",
    "snapshot_retention",
    "scheduled_snapshots",
    "auto_extend_size_threshold",
    "auto_extend_size_increment",
    "auto_extend_size_limit",
    "processes",
];
pub(crate) const FILE: &[&str] = &[
    "guest_path",
    "local_path",
    "secret_name",
    "raw_value",
    "processes",
];
pub(crate) const RESTART: &[&str] = &["policy", "retries", "processes"];
pub(crate) const STATIC: &[&str] = &[
    "guest_path",
    "url_prefix",
    "tigris_bucket",
    "index_document",
];
pub(crate) const METRICS: &[&str] = &["port", "path", "https", "processes"];
pub(crate) const PROCESS_ITEM: &[&str] = &["name", "command"];
pub(crate) const HEADER_ITEM: &[&str] = &["name", "value"];
pub(crate) const COMPOSE: &[&str] = &["file"];

/// Keys from the Nomad ("v1") era that flyctl no longer reads, with a note.
pub(crate) fn retired(key: &str) -> Option<&'static str> {
    Some(match key {
        "restart_limit" => "a Nomad-era check setting",
        "script_checks" => "Nomad-era script checks",
        "private_network" => "private networking is always on",
        "allowed_public_ports" => "a Nomad-era setting",
        "platform_version" => "Apps v1 was removed in 2024",
        "auto_rollback" => "it belongs under [experimental]",
        _ => return None,
    })
}

/// The closest known key to `key` (edit distance ≤ 2, or ≤ a third of its
/// length), treating `-` and `_` alike.
pub(crate) fn closest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let key = key.replace('-', "_");
    if let Some(exact) = known
        .iter()
        .find(|k| k.replace('-', "_").eq_ignore_ascii_case(&key))
    {
        return Some(exact);
    }
    detect_core::closest(&key, known.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_keys_only() {
        assert_eq!(closest("intenal_port", HTTP_SERVICE), Some("internal_port"));
        assert_eq!(closest("force-https", HTTP_SERVICE), Some("force_https"));
        assert_eq!(closest("primary-region", TOP), Some("primary_region"));
        assert_eq!(closest("zzz", TOP), None);
    }
}
