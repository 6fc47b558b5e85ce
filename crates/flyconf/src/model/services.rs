//! `[http_service]`, `[[services]]` and their ports, checks and options.

use super::values::{AutoStop, Duration};
use indexmap::IndexMap;
use serde::Serialize;

/// `[http_service]`: the common HTTP(S) service, expanded by flyctl into
/// port 80 (`http`) and port 443 (`http`, `tls`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HttpService {
    /// `internal_port`: the port the app listens on (missing means 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_port: Option<i64>,
    /// `force_https`: redirect HTTP to HTTPS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_https: Option<bool>,
    /// `auto_stop_machines`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_stop_machines: Option<AutoStop>,
    /// `auto_start_machines`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_start_machines: Option<bool>,
    /// `min_machines_running`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_machines_running: Option<i64>,
    /// `processes`: the groups that serve it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
    /// `[http_service.concurrency]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<Concurrency>,
    /// `[http_service.tls_options]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_options: Option<TlsOptions>,
    /// `[http_service.http_options]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_options: Option<HttpOptions>,
    /// `[[http_service.checks]]` (a bare number is nanoseconds).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<HttpCheck>,
    /// `[[http_service.machine_checks]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub machine_checks: Vec<MachineCheck>,
}

/// `[[services]]`: a TCP or UDP service.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Service {
    /// `protocol`: `tcp` or `udp`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// `internal_port`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_port: Option<i64>,
    /// `auto_stop_machines`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_stop_machines: Option<AutoStop>,
    /// `auto_start_machines`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_start_machines: Option<bool>,
    /// `min_machines_running`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_machines_running: Option<i64>,
    /// `processes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
    /// `[services.concurrency]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<Concurrency>,
    /// `[[services.ports]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<Port>,
    /// `[[services.tcp_checks]]` (a bare number is milliseconds).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tcp_checks: Vec<TcpCheck>,
    /// `[[services.http_checks]]` (a bare number is milliseconds).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub http_checks: Vec<HttpCheck>,
    /// `[[services.machine_checks]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub machine_checks: Vec<MachineCheck>,
}

/// `concurrency`: when the proxy considers a machine busy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Concurrency {
    /// `type`: `connections` or `requests`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `hard_limit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hard_limit: Option<i64>,
    /// `soft_limit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_limit: Option<i64>,
}

/// `tls_options`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TlsOptions {
    /// `alpn`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alpn: Vec<String>,
    /// `versions`: `TLSv1.2`, `TLSv1.3`, …
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    /// `default_self_signed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_self_signed: Option<bool>,
}

/// `http_options`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HttpOptions {
    /// `compress`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compress: Option<bool>,
    /// `h2_backend`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h2_backend: Option<bool>,
    /// `idle_timeout` in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<u32>,
    /// `headers_read_timeout` in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers_read_timeout: Option<u32>,
    /// `pristine`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pristine: Option<bool>,
    /// `[http_options.response]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<HttpResponseOptions>,
    /// `[[http_options.replay_cache]]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replay_cache: Vec<ReplayCache>,
}

/// `[http_options.response]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HttpResponseOptions {
    /// `headers`: header → value, list of values, or `false` to remove it.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, HeaderValue>,
}

/// A response header value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum HeaderValue {
    /// `false` removes the header.
    Bool(bool),
    /// One value.
    One(String),
    /// Several values.
    Many(Vec<String>),
}

/// `[[http_options.replay_cache]]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReplayCache {
    /// `path_prefix`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_prefix: Option<String>,
    /// `ttl_seconds`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl_seconds: Option<i64>,
    /// `type`: `cookie` or `header`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `allow_bypass`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_bypass: Option<bool>,
}

/// `[[services.ports]]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Port {
    /// `port`: the public port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    /// `start_port`: first port of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_port: Option<i64>,
    /// `end_port`: last port of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_port: Option<i64>,
    /// `handlers`: `http`, `tls`, `pg_tls`, `proxy_proto`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub handlers: Vec<String>,
    /// `force_https`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_https: Option<bool>,
    /// `tls_options`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_options: Option<TlsOptions>,
    /// `http_options`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_options: Option<HttpOptions>,
    /// `proxy_proto_options`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy_proto_options: Option<ProxyProtoOptions>,
}

/// `proxy_proto_options`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProxyProtoOptions {
    /// `version`: `v1` (default) or `v2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// `[[services.tcp_checks]]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TcpCheck {
    /// `interval`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Duration>,
    /// `timeout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
    /// `grace_period`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grace_period: Option<Duration>,
}

/// An HTTP health check (`[[services.http_checks]]`, `[[http_service.checks]]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HttpCheck {
    /// `interval`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Duration>,
    /// `timeout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
    /// `grace_period`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grace_period: Option<Duration>,
    /// `method`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// `path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `protocol`: `http` or `https`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// `tls_skip_verify`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_skip_verify: Option<bool>,
    /// `tls_server_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_server_name: Option<String>,
    /// `headers`.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
}

/// `[checks.<name>]`: a top-level machine check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TopLevelCheck {
    /// `port`: defaults to `http_service.internal_port`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    /// `type`: `http` or `tcp` (required).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `interval` (a bare number is milliseconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Duration>,
    /// `timeout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
    /// `grace_period`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grace_period: Option<Duration>,
    /// `method`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// `path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `protocol`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// `tls_skip_verify`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_skip_verify: Option<bool>,
    /// `tls_server_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_server_name: Option<String>,
    /// `processes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processes: Vec<String>,
    /// `headers`.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
}

/// A machine check: a test machine run during deploys.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MachineCheck {
    /// `command` (required at deploy).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    /// `image`: defaults to the image under test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// `entrypoint`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entrypoint: Vec<String>,
    /// `kill_signal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kill_signal: Option<String>,
    /// `kill_timeout` (a bare number is nanoseconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kill_timeout: Option<Duration>,
}
