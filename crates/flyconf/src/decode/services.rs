//! `[http_service]`, `[[services]]`, their options and all kinds of checks.

use super::keys;
use super::{Decoder, Table, Value};
use crate::diagnostic::registry as rules;
use crate::model::values::BareUnit;
use crate::model::{
    Concurrency, HeaderValue, HttpCheck, HttpOptions, HttpResponseOptions, HttpService,
    MachineCheck, Port, ProxyProtoOptions, ReplayCache, Service, TcpCheck, TlsOptions,
    TopLevelCheck,
};
use indexmap::IndexMap;
use toml::de::DeValue;

impl Decoder<'_> {
    pub(crate) fn http_service(&mut self, t: &Table<'_>) -> HttpService {
        let mut s = HttpService::default();
        self.each(t, keys::HTTP_SERVICE, |d, key, v| match key {
            "internal_port" => s.internal_port = d.int(v),
            "force_https" => s.force_https = d.boolean(v),
            "auto_stop_machines" => s.auto_stop_machines = d.autostop(v),
            "auto_start_machines" => s.auto_start_machines = d.boolean(v),
            "min_machines_running" => s.min_machines_running = d.int(v),
            "processes" => s.processes = d.strings(v),
            "concurrency" => s.concurrency = d.concurrency(v, false),
            "tls_options" => s.tls_options = d.table(v).map(|t| d.tls_options(t)),
            "http_options" => s.http_options = d.table(v).map(|t| d.http_options(t)),
            "checks" => {
                s.checks = d.list(v, false, "http_service.checks", 0, |d, t| {
                    d.http_check(t, BareUnit::Nanoseconds)
                })
            }
            "machine_checks" => {
                s.machine_checks = d.list(
                    v,
                    false,
                    "http_service.machine_checks",
                    0,
                    Decoder::machine_check,
                )
            }
            _ => {}
        });
        s
    }

    pub(crate) fn services(&mut self, v: &Value<'_>) -> Vec<Service> {
        let tables = self.tables(v, true, "services");
        let mut out = Vec::with_capacity(tables.len());
        for (span, t) in tables {
            if t.is_empty() {
                self.legacy(
                    span,
                    "an empty `[[services]]` entry is dropped by flyctl".into(),
                    "remove the empty section".into(),
                    None,
                );
                continue;
            }
            let i = out.len();
            let service = self.at_index(i, |d| {
                d.record(span.clone(), span.clone());
                d.service(t)
            });
            out.push(service);
        }
        out
    }

    fn service(&mut self, t: &Table<'_>) -> Service {
        let mut s = Service::default();
        self.each(t, keys::SERVICE, |d, key, v| match key {
            "protocol" => s.protocol = d.string(v),
            "internal_port" => s.internal_port = d.int_or_numeric_string(v),
            "auto_stop_machines" => s.auto_stop_machines = d.autostop(v),
            "auto_start_machines" => s.auto_start_machines = d.boolean(v),
            "min_machines_running" => s.min_machines_running = d.int(v),
            "processes" => s.processes = d.strings(v),
            "concurrency" => s.concurrency = d.concurrency(v, true),
            "ports" => s.ports = d.list(v, false, "services.ports", 0, Decoder::port),
            "tcp_checks" => {
                s.tcp_checks = d.list(v, false, "services.tcp_checks", 0, Decoder::tcp_check)
            }
            "http_checks" => {
                s.http_checks = d.list(v, false, "services.http_checks", 0, |d, t| {
                    d.http_check(t, BareUnit::Milliseconds)
                })
            }
            "machine_checks" => {
                s.machine_checks = d.list(
                    v,
                    false,
                    "services.machine_checks",
                    0,
                    Decoder::machine_check,
                )
            }
            _ => {}
        });
        s
    }

    /// `concurrency`: a table, or (in `[[services]]`, legacy) `"soft,hard"`.
    fn concurrency(&mut self, v: &Value<'_>, legacy_ok: bool) -> Option<Concurrency> {
        match v.get_ref() {
            DeValue::Table(t) => {
                let mut c = Concurrency::default();
                self.each(t, keys::CONCURRENCY, |d, key, v| match key {
                    "type" => c.kind = d.string(v),
                    "hard_limit" => c.hard_limit = d.int(v),
                    _ => c.soft_limit = d.int(v),
                });
                Some(c)
            }
            DeValue::String(s) if legacy_ok => {
                let parts: Vec<_> = s.split(',').map(str::trim).collect();
                match parts.as_slice() {
                    [soft, hard] => match (soft.parse::<i64>(), hard.parse::<i64>()) {
                        (Ok(soft), Ok(hard)) => {
                            self.legacy(v.span(), format!("`concurrency = \"{s}\"` is a legacy form; flyctl reads it as type \"requests\", soft_limit {soft}, hard_limit {hard}"), format!("write `concurrency = {{ type = \"requests\", soft_limit = {soft}, hard_limit = {hard} }}`"), None);
                            Some(Concurrency {
                                kind: Some("requests".into()),
                                hard_limit: Some(hard),
                                soft_limit: Some(soft),
                            })
                        }
                        _ => {
                            let path = self.path().to_owned();
                            self.report(&rules::WRONG_TYPE, format!("`{path}`: Can not convert '{s}' to soft and hard limits; flyctl fails to load the file"), v.span(), |x| x.with_suggestion("write a [services.concurrency] table with type, soft_limit and hard_limit"));
                            None
                        }
                    },
                    _ => {
                        let path = self.path().to_owned();
                        self.report(&rules::WRONG_TYPE, format!("`{path}`: Unknown value '{s}' for concurrency limits; flyctl fails to load the file"), v.span(), |x| x.with_suggestion("write a [services.concurrency] table with type, soft_limit and hard_limit"));
                        None
                    }
                }
            }
            _ => {
                self.wrong_type(v, "a table with type, soft_limit and hard_limit");
                None
            }
        }
    }

    fn tls_options(&mut self, t: &Table<'_>) -> TlsOptions {
        let mut o = TlsOptions::default();
        self.each(t, keys::TLS_OPTIONS, |d, key, v| match key {
            "alpn" => o.alpn = d.strings(v),
            "versions" => o.versions = d.strings(v),
            _ => o.default_self_signed = d.boolean(v),
        });
        o
    }

    fn http_options(&mut self, t: &Table<'_>) -> HttpOptions {
        let mut o = HttpOptions::default();
        self.each(t, keys::HTTP_OPTIONS, |d, key, v| match key {
            "compress" => o.compress = d.boolean(v),
            "h2_backend" => o.h2_backend = d.boolean(v),
            "idle_timeout" => o.idle_timeout = d.uint32(v),
            "headers_read_timeout" => o.headers_read_timeout = d.uint32(v),
            "pristine" => o.pristine = d.boolean(v),
            "response" => {
                if let Some(t) = d.table(v) {
                    let mut r = HttpResponseOptions::default();
                    d.each(t, keys::RESPONSE, |d, _, v| {
                        r.headers = d.response_headers(v)
                    });
                    o.response = Some(r);
                }
            }
            "replay_cache" => {
                o.replay_cache = d.list(v, false, "replay_cache", 0, Decoder::replay_cache)
            }
            _ => {}
        });
        o
    }

    fn response_headers(&mut self, v: &Value<'_>) -> IndexMap<String, HeaderValue> {
        let mut out = IndexMap::new();
        let Some(t) = self.table(v) else { return out };
        for (k, v) in t.iter() {
            let value = self.at(k.get_ref(), |d| {
                d.record(k.span(), v.span());
                match v.get_ref() {
                    DeValue::Boolean(b) => Some(HeaderValue::Bool(*b)),
                    DeValue::String(s) => Some(HeaderValue::One(s.to_string())),
                    DeValue::Array(_) => Some(HeaderValue::Many(d.strings(v))),
                    _ => {
                        d.wrong_type(v, "a string, a list of strings or false");
                        None
                    }
                }
            });
            if let Some(value) = value {
                out.insert(k.get_ref().to_string(), value);
            }
        }
        out
    }

    fn replay_cache(&mut self, t: &Table<'_>) -> ReplayCache {
        let mut r = ReplayCache::default();
        self.each(t, keys::REPLAY_CACHE, |d, key, v| match key {
            "path_prefix" => r.path_prefix = d.string(v),
            "ttl_seconds" => r.ttl_seconds = d.int(v),
            "type" => r.kind = d.string(v),
            "name" => r.name = d.string(v),
            _ => r.allow_bypass = d.boolean(v),
        });
        r
    }

    fn port(&mut self, t: &Table<'_>) -> Port {
        let mut p = Port::default();
        self.each(t, keys::PORT, |d, key, v| match key {
            "port" => p.port = d.int_or_numeric_string(v),
            "start_port" => p.start_port = d.int(v),
            "end_port" => p.end_port = d.int(v),
            "handlers" => p.handlers = d.strings(v),
            "force_https" => p.force_https = d.boolean(v),
            "tls_options" => p.tls_options = d.table(v).map(|t| d.tls_options(t)),
            "http_options" => p.http_options = d.table(v).map(|t| d.http_options(t)),
            _ => {
                if let Some(t) = d.table(v) {
                    let mut o = ProxyProtoOptions::default();
                    d.each(t, keys::PROXY_PROTO, |d, _, v| o.version = d.string(v));
                    p.proxy_proto_options = Some(o);
                }
            }
        });
        p
    }

    /// A check duration, where flyctl ignores `grace_period = ""`.
    fn check_duration(&mut self, v: &Value<'_>, unit: BareUnit) -> Option<crate::model::Duration> {
        if matches!(v.get_ref(), DeValue::String(s) if s.is_empty()) {
            let path = self.path().to_owned();
            let fix = self.removal_fix(self.spans.whole(&path));
            self.legacy(
                v.span(),
                format!("`{path} = \"\"` is ignored by flyctl"),
                "delete the line, or give a duration such as \"5s\"".into(),
                fix,
            );
            return None;
        }
        self.duration(v, unit)
    }

    fn tcp_check(&mut self, t: &Table<'_>) -> TcpCheck {
        let mut c = TcpCheck::default();
        self.each(t, keys::TCP_CHECK, |d, key, v| {
            let value = d.check_duration(v, BareUnit::Milliseconds);
            match key {
                "interval" => c.interval = value,
                "timeout" => c.timeout = value,
                _ => c.grace_period = value,
            }
        });
        c
    }

    pub(crate) fn http_check(&mut self, t: &Table<'_>, unit: BareUnit) -> HttpCheck {
        let mut c = HttpCheck::default();
        self.each(t, keys::HTTP_CHECK, |d, key, v| match key {
            "interval" => c.interval = d.check_duration(v, unit),
            "timeout" => c.timeout = d.check_duration(v, unit),
            "grace_period" => c.grace_period = d.check_duration(v, unit),
            "method" => c.method = d.string(v),
            "path" => c.path = d.string(v),
            "protocol" => c.protocol = d.string(v),
            "tls_skip_verify" => c.tls_skip_verify = d.boolean(v),
            "tls_server_name" => c.tls_server_name = d.string(v),
            _ => c.headers = d.headers(v),
        });
        c
    }

    /// Check headers: a table, or the legacy list of `{name, value}` tables.
    fn headers(&mut self, v: &Value<'_>) -> IndexMap<String, String> {
        let DeValue::Array(items) = v.get_ref() else {
            return self.string_map(v);
        };
        if items.is_empty() {
            self.legacy(
                v.span(),
                "`headers = []` is a legacy form that flyctl drops".into(),
                "remove it, or write `headers = { Name = \"value\" }`".into(),
                None,
            );
            return IndexMap::new();
        }
        self.legacy(
            v.span(),
            "check headers as a list of {name, value} tables is a legacy form".into(),
            "write `headers = { Name = \"value\" }`".into(),
            None,
        );
        let mut out = IndexMap::new();
        for (_, t) in self.tables(v, false, "headers") {
            let (mut name, mut value) = (None, None);
            self.each(t, keys::HEADER_ITEM, |d, key, v| match key {
                "name" => name = d.string(v),
                _ => value = d.string(v),
            });
            if let Some(name) = name {
                out.insert(name, value.unwrap_or_default());
            }
        }
        out
    }

    /// `[checks]`: a table of named checks, or the legacy `[[checks]]` list with `name`.
    pub(crate) fn top_checks(&mut self, v: &Value<'_>, out: &mut IndexMap<String, TopLevelCheck>) {
        match v.get_ref() {
            DeValue::Table(t) => {
                for (k, v) in t.iter() {
                    if self.is_recovered(v) {
                        continue;
                    }
                    let check = self.at(k.get_ref(), |d| {
                        d.record(k.span(), v.span());
                        d.table(v).map(|t| d.top_check(t, keys::TOP_CHECK))
                    });
                    if let Some(check) = check {
                        out.insert(k.get_ref().to_string(), check);
                    }
                }
            }
            DeValue::Array(_) => {
                self.legacy(
                    v.span(),
                    "`[[checks]]` with `name` is a legacy form of `[checks.<name>]`".into(),
                    "write each check as `[checks.<name>]`".into(),
                    None,
                );
                static LEGACY: std::sync::LazyLock<Vec<&'static str>> =
                    std::sync::LazyLock::new(|| {
                        keys::TOP_CHECK.iter().copied().chain(["name"]).collect()
                    });
                for (span, t) in self.tables(v, false, "checks") {
                    let name = match t.get("name").map(|n| n.get_ref()) {
                        Some(DeValue::String(s)) => s.to_string(),
                        _ => {
                            self.report(&rules::WRONG_TYPE, "a `[[checks]]` entry has no `name` string: flyctl fails to load the file (\"check item name not a string\")".into(), span, |x| x.with_suggestion("add `name = \"…\"`, or write it as `[checks.<name>]`"));
                            continue;
                        }
                    };
                    let check = self.at(&name, |d| {
                        d.record(span.clone(), span.clone());
                        d.top_check(t, &LEGACY[..])
                    });
                    out.insert(name, check);
                }
            }
            _ => self.wrong_type(v, "a table of named checks"),
        }
    }

    fn top_check(&mut self, t: &Table<'_>, known: &'static [&'static str]) -> TopLevelCheck {
        let mut c = TopLevelCheck::default();
        self.each(t, known, |d, key, v| match key {
            "port" => c.port = d.int(v),
            "type" => c.kind = d.string(v),
            "interval" => c.interval = d.check_duration(v, BareUnit::Milliseconds),
            "timeout" => c.timeout = d.check_duration(v, BareUnit::Milliseconds),
            "grace_period" => c.grace_period = d.check_duration(v, BareUnit::Milliseconds),
            "method" => c.method = d.string(v),
            "path" => c.path = d.string(v),
            "protocol" => c.protocol = d.string(v),
            "tls_skip_verify" => c.tls_skip_verify = d.boolean(v),
            "tls_server_name" => c.tls_server_name = d.string(v),
            "headers" => c.headers = d.headers(v),
            "processes" => c.processes = d.strings(v),
            _ => {}
        });
        c
    }

    pub(crate) fn machine_check(&mut self, t: &Table<'_>) -> MachineCheck {
        let mut c = MachineCheck::default();
        self.each(t, keys::MACHINE_CHECK, |d, key, v| match key {
            "command" => c.command = d.strings(v),
            "image" => c.image = d.string(v),
            "entrypoint" => c.entrypoint = d.strings(v),
            "kill_signal" => c.kill_signal = d.string(v),
            _ => c.kill_timeout = d.duration(v, BareUnit::Nanoseconds),
        });
        c
    }
}
