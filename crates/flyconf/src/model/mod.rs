//! The typed fly.toml model: every section and key flyctl reads, after its
//! legacy forms are normalised into the current shape.
//!
//! The model serialises (serde) to the same shape as fly.toml, so
//! `serde_json` gives flyctl's `fly.json` form and [`Config::to_toml`] the
//! canonical TOML.

mod machines;
mod services;
pub mod values;

pub use machines::{File, Metrics, Mount, Restart, Static, Vm};
pub use services::{
    Concurrency, HeaderValue, HttpCheck, HttpOptions, HttpResponseOptions, HttpService,
    MachineCheck, Port, ProxyProtoOptions, ReplayCache, Service, TcpCheck, TlsOptions,
    TopLevelCheck,
};
pub use values::{AutoStop, Duration, MemorySize, VmSize, VolumeSize};

use indexmap::IndexMap;
use serde::Serialize;

/// A whole fly.toml.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Config {
    /// `app`: the app name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    /// `primary_region`: region code for new machines and `PRIMARY_REGION`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_region: Option<String>,
    /// `kill_signal`: signal sent to stop the app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kill_signal: Option<String>,
    /// `kill_timeout`: time between the kill signal and SIGKILL (a bare number is seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kill_timeout: Option<Duration>,
    /// `swap_size_mb`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub swap_size_mb: Option<i64>,
    /// `console_command`: command run by `fly console`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub console_command: Option<String>,
    /// `host_dedication_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_dedication_id: Option<String>,
    /// `machine_config`: inline JSON or a path to a `.json` machine config.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine_config: Option<String>,
    /// `container`: which container receives the built image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    /// `[env]`: non-secret environment variables.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub env: IndexMap<String, String>,
    /// `[processes]`: process group name → command (`""` = the image's CMD).
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub processes: IndexMap<String, String>,
    /// `[experimental]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub experimental: Option<Experimental>,
    /// `[build]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build: Option<Build>,
    /// `[deploy]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deploy: Option<Deploy>,
    /// `[http_service]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_service: Option<HttpService>,
    /// `[[services]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// `[checks.<name>]`: top-level machine checks.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub checks: IndexMap<String, TopLevelCheck>,
    /// `[[mounts]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mounts: Vec<Mount>,
    /// `[[vm]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vm: Vec<Vm>,
    /// `[[files]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<File>,
    /// `[[machine_checks]]`: test machines run before a deploy continues.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub machine_checks: Vec<MachineCheck>,
    /// `[[restart]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub restart: Vec<Restart>,
    /// `[[statics]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statics: Vec<Static>,
    /// `[[metrics]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Metrics>,
}

/// `[experimental]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Experimental {
    /// `cmd`: overrides the image CMD.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cmd: Vec<String>,
    /// `entrypoint`: overrides the image ENTRYPOINT.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entrypoint: Vec<String>,
    /// `exec`: overrides both.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exec: Vec<String>,
    /// `auto_rollback`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_rollback: Option<bool>,
    /// `enable_consul`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_consul: Option<bool>,
    /// `enable_etcd`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_etcd: Option<bool>,
    /// `lazy_load_images`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lazy_load_images: Option<bool>,
    /// `machine_config`: takes precedence over the top-level one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine_config: Option<String>,
    /// `[experimental.attached.secrets.export]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached: Option<Attached>,
}

/// `[experimental.attached]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Attached {
    /// `[experimental.attached.secrets]`.
    pub secrets: AttachedSecrets,
}

/// `[experimental.attached.secrets]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AttachedSecrets {
    /// `export`: secret name → exported name.
    pub export: IndexMap<String, String>,
}

/// `[build]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Build {
    /// `builder`: buildpacks builder image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub builder: Option<String>,
    /// `buildpacks`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub buildpacks: Vec<String>,
    /// `image`: deploy a prebuilt image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// `builtin`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub builtin: Option<String>,
    /// `dockerfile`: path or http(s) URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dockerfile: Option<String>,
    /// `ignorefile`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignorefile: Option<String>,
    /// `build-target`: the Dockerfile stage to build.
    #[serde(rename = "build-target", skip_serializing_if = "Option::is_none")]
    pub build_target: Option<String>,
    /// `compression`: `gzip` or `zstd`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    /// `compression_level`: 0–9.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression_level: Option<i64>,
    /// `[build.args]`: build arguments (not available at runtime).
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub args: IndexMap<String, String>,
    /// `[build.settings]`: builder settings, passed through.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub settings: IndexMap<String, toml::Value>,
    /// `[build.compose]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compose: Option<Compose>,
}

/// `[build.compose]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Compose {
    /// `file`: the compose file; empty = auto-detect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// `[deploy]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Deploy {
    /// `strategy`: `rolling` (default), `canary`, `immediate` or `bluegreen`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
    /// `max_unavailable`: a fraction in (0,1) or an absolute count ≥ 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<f64>,
    /// `wait_timeout` (a bare number is nanoseconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_timeout: Option<Duration>,
    /// `release_command`: run once per deploy in a temporary machine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_command: Option<String>,
    /// `release_command_timeout` (a bare number is nanoseconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_command_timeout: Option<Duration>,
    /// `seed_command`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed_command: Option<String>,
    /// `[deploy.release_command_vm]`: size of the release machine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_command_vm: Option<Vm>,
}

impl Config {
    /// Canonical TOML for this model; parsing it gives back an equal model.
    pub fn to_toml(&self) -> String {
        // Through the JSON form into one `toml::Table`, so the model's
        // `Serialize` impls are compiled for serde_json only (toml's
        // serializer for every model struct was 40 KB of the WASM module).
        // Key order survives: both maps keep insertion order. Serialising
        // plain data with string keys cannot fail; fall back to an empty
        // document rather than panic if it ever did.
        serde_json::to_string(self)
            .ok()
            .and_then(|json| serde_json::from_str::<toml::Table>(&json).ok())
            .and_then(|table| toml::to_string(&table).ok())
            .unwrap_or_default()
    }

    /// Process group names: the keys of `[processes]`, or `["app"]` when there are none.
    pub fn process_groups(&self) -> Vec<&str> {
        if self.processes.is_empty() {
            vec!["app"]
        } else {
            self.processes.keys().map(String::as_str).collect()
        }
    }

    /// The group that sections without `processes` apply to in a multi-process
    /// app: `app` if defined, else the first name alphabetically (flyctl's `flattenGroupsMatch`).
    pub fn default_group(&self) -> &str {
        if self.processes.is_empty() || self.processes.contains_key("app") {
            return "app";
        }
        self.processes
            .keys()
            .map(String::as_str)
            .min()
            .unwrap_or("app")
    }
}
