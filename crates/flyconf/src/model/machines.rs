//! Machine-level sections: `[[vm]]`, `[[mounts]]`, `[[files]]`, `[[restart]]`,
//! `[[statics]]`, `[[metrics]]`.

use super::values::{MemorySize, VmSize, VolumeSize};
use serde::Serialize;

/// `[[vm]]` (also `[deploy.release_command_vm]`): machine size for some or all groups.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Vm {
    /// `size`: a preset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<VmSize>,
    /// `memory`: overrides the preset's memory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<MemorySize>,
    /// `cpu_kind`: `shared` or `performance`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_kind: Option<String>,
    /// `cpus`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpus: Option<i64>,
    /// `memory_mb`: overrides `memory`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_mb: Option<i64>,
    /// `max_memory_mb`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_memory_mb: Option<i64>,
    /// `gpus`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gpus: Option<i64>,
    /// `gpu_kind`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gpu_kind: Option<String>,
    /// `host_dedication_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_dedication_id: Option<String>,
    /// `persist_rootfs`: `never`, `restart` or `always` (deprecated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persist_rootfs: Option<String>,
    /// `kernel_args`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kernel_args: Vec<String>,
    /// `processes`: the groups it applies to (all when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
}

/// `[[mounts]]`: a volume attached to machines.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Mount {
    /// `source`: the volume name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `destination`: the mount point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// `initial_size` (a bare number is GB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_size: Option<VolumeSize>,
    /// `snapshot_retention`: days, 1–60.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot_retention: Option<i64>,
    /// `scheduled_snapshots`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_snapshots: Option<bool>,
    /// `auto_extend_size_threshold`: percent, 50–99.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_extend_size_threshold: Option<i64>,
    /// `auto_extend_size_increment`: 1–100 GB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_extend_size_increment: Option<VolumeSize>,
    /// `auto_extend_size_limit`: 1–500 GB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_extend_size_limit: Option<VolumeSize>,
    /// `processes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
}

/// `[[files]]`: a file written into machines.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct File {
    /// `guest_path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guest_path: Option<String>,
    /// `local_path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_path: Option<String>,
    /// `secret_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_name: Option<String>,
    /// `raw_value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_value: Option<String>,
    /// `processes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
}

/// `[[restart]]`: restart policy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Restart {
    /// `policy`: `always`, `never` or `on-failure`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// `retries`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<i64>,
    /// `processes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
}

/// `[[statics]]`: files served by the proxy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Static {
    /// `guest_path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guest_path: Option<String>,
    /// `url_prefix`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_prefix: Option<String>,
    /// `tigris_bucket`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tigris_bucket: Option<String>,
    /// `index_document`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_document: Option<String>,
}

/// `[[metrics]]`: Prometheus scraping.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Metrics {
    /// `port`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    /// `path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `https`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub https: Option<bool>,
    /// `processes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
}
