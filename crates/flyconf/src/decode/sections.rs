//! Top level and the machine-level sections.

use super::keys;
use super::scalars::go_string;
use super::{Decoder, Table, Value};
use crate::diagnostic::Fix;
use crate::diagnostic::registry as rules;
use crate::model::values::{AutoStop, BareUnit};
use crate::model::{
    Attached, AttachedSecrets, Build, Compose, Config, Deploy, Experimental, Metrics,
};
use std::ops::Range;
use toml::de::DeValue;

/// The model name of a key written in a legacy spelling.
fn model_key(key: &'static str) -> &'static str {
    match key {
        "compute" | "computes" => "vm",
        "mount" => "mounts",
        "metric" => "metrics",
        "build_target" => "build-target",
        other => other,
    }
}

impl<'a> Decoder<'a> {
    /// Calls `f` for each known key of `table`, with the path and spans set.
    pub(crate) fn each<'t, 'i>(
        &mut self,
        table: &'t Table<'i>,
        known: &'static [&'static str],
        mut f: impl FnMut(&mut Self, &'static str, &'t Value<'i>),
    ) {
        for field in self.fields(table, known) {
            self.at(model_key(field.key), |d| {
                d.record(field.written.span(), field.value.span());
                f(d, field.key, field.value)
            });
        }
    }

    /// A table value; anything else is a type error.
    pub(crate) fn table<'t, 'i>(&mut self, value: &'t Value<'i>) -> Option<&'t Table<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(value, "a table");
                None
            }
        }
    }

    /// The tables of an array-of-tables section. A single table is accepted as
    /// a legacy form when `single_ok` (flyctl wraps it in an array).
    pub(crate) fn tables<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        single_ok: bool,
        modern: &str,
    ) -> Vec<(Range<usize>, &'t Table<'i>)> {
        let written = self.written_key.take();
        match value.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::Table(t) => out.push((item.span(), t)),
                        _ => {
                            let i = out.len();
                            self.at_index(i, |d| d.wrong_type(item, "a table"));
                        }
                    }
                }
                out
            }
            DeValue::Table(t) if single_ok => {
                let path = written.unwrap_or_else(|| self.path().to_owned());
                self.legacy(value.span(), format!("a single `[{path}]` table is a legacy form; flyctl reads it as one `[[{modern}]]` entry"), format!("write it as `[[{modern}]]`"), None);
                vec![(value.span(), t)]
            }
            _ => {
                self.wrong_type(value, "an array of tables");
                Vec::new()
            }
        }
    }

    /// Decodes each table of an array-of-tables with `f`, under `[i]` paths.
    /// `offset` continues the numbering when a legacy spelling adds to the same list.
    pub(crate) fn list<'t, 'i, T>(
        &mut self,
        value: &'t Value<'i>,
        single_ok: bool,
        modern: &str,
        offset: usize,
        mut f: impl FnMut(&mut Self, &'t Table<'i>) -> T,
    ) -> Vec<T> {
        let tables = self.tables(value, single_ok, modern);
        let mut out = Vec::with_capacity(tables.len());
        for (i, (span, t)) in tables.into_iter().enumerate() {
            out.push(self.at_index(offset + i, |d| {
                d.record(span.clone(), span);
                f(d, t)
            }));
        }
        out
    }

    pub(crate) fn root(&mut self, table: &Table<'_>) -> Config {
        let mut c = Config::default();
        let mut legacy_kill_timeout = None;
        let mut legacy_metrics = Metrics::default();
        static ALL: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
            keys::TOP.iter().chain(keys::TOP_LEGACY).copied().collect()
        });
        self.each(table, &ALL, |d, key, v| match key {
            "app" => c.app = d.string(v),
            "primary_region" => c.primary_region = d.string(v),
            "kill_signal" => c.kill_signal = d.string(v),
            "kill_timeout" => c.kill_timeout = d.duration(v, BareUnit::Seconds),
            "swap_size_mb" => c.swap_size_mb = d.int(v),
            "console_command" => c.console_command = d.string(v),
            "host_dedication_id" => c.host_dedication_id = d.string(v),
            "machine_config" => c.machine_config = d.string(v),
            "container" => c.container = d.string(v),
            "experimental" => {
                if let Some(t) = d.table(v) {
                    c.experimental =
                        Some(d.experimental(t, &mut legacy_kill_timeout, &mut legacy_metrics));
                }
            }
            "build" => {
                if let Some(t) = d.table(v) {
                    c.build = Some(d.build(t));
                }
            }
            "deploy" => {
                if let Some(t) = d.table(v) {
                    c.deploy = Some(d.deploy(t));
                }
            }
            "env" => d.env(v, &mut c.env),
            "processes" => d.processes(v, &mut c.processes),
            "http_service" => {
                if let Some(t) = d.table(v) {
                    c.http_service = Some(d.http_service(t));
                }
            }
            "services" => {
                let services = d.services(v);
                c.services.extend(services);
            }
            "checks" => d.top_checks(v, &mut c.checks),
            "machine_checks" => {
                let checks = d.list(v, false, "machine_checks", 0, Decoder::machine_check);
                c.machine_checks.extend(checks);
            }
            "mounts" | "mount" => {
                if key == "mount" && matches!(v.get_ref(), DeValue::Array(_)) {
                    d.legacy(
                        v.span(),
                        "`[[mount]]` is a legacy spelling of `[[mounts]]`".into(),
                        "write `[[mounts]]`".into(),
                        None,
                    );
                }
                d.written_key = Some(key.to_owned());
                let n = c.mounts.len();
                let mounts = d.list(v, true, "mounts", n, Decoder::mount);
                c.mounts.extend(mounts);
            }
            "vm" | "compute" | "computes" => {
                if key != "vm" && matches!(v.get_ref(), DeValue::Array(_)) {
                    d.legacy(
                        v.span(),
                        format!("`[[{key}]]` is a legacy spelling of `[[vm]]`"),
                        "write `[[vm]]`".into(),
                        None,
                    );
                }
                d.written_key = Some(key.to_owned());
                let n = c.vm.len();
                let vms = d.list(v, true, "vm", n, Decoder::vm);
                c.vm.extend(vms);
            }
            "files" => {
                let files = d.list(v, false, "files", 0, Decoder::file);
                c.files.extend(files);
            }
            "restart" => {
                let restart = d.list(v, false, "restart", 0, Decoder::restart);
                c.restart.extend(restart);
            }
            "statics" => {
                let statics = d.list(v, false, "statics", 0, Decoder::static_files);
                c.statics.extend(statics);
            }
            "metrics" | "metric" => {
                if key == "metric" && matches!(v.get_ref(), DeValue::Array(_)) {
                    d.legacy(
                        v.span(),
                        "`[[metric]]` is a legacy spelling of `[[metrics]]`".into(),
                        "write `[[metrics]]`".into(),
                        None,
                    );
                }
                d.written_key = Some(key.to_owned());
                let n = c.metrics.len();
                let metrics = d.list(v, true, "metrics", n, Decoder::metrics);
                c.metrics.extend(metrics);
            }
            _ => {}
        });
        if c.kill_timeout.is_none() {
            c.kill_timeout = legacy_kill_timeout;
        }
        if (legacy_metrics.port.is_some() || legacy_metrics.path.is_some()) && c.metrics.is_empty()
        {
            c.metrics.push(legacy_metrics);
        }
        c
    }

    fn experimental(
        &mut self,
        t: &Table<'_>,
        kill_timeout: &mut Option<crate::model::Duration>,
        metrics: &mut Metrics,
    ) -> Experimental {
        let mut e = Experimental::default();
        self.each(t, keys::EXPERIMENTAL, |d, key, v| match key {
            "cmd" => e.cmd = d.string_or_list(v),
            "entrypoint" => e.entrypoint = d.string_or_list(v),
            "exec" => e.exec = d.string_or_list(v),
            "auto_rollback" => e.auto_rollback = d.boolean(v),
            "enable_consul" => e.enable_consul = d.boolean(v),
            "enable_etcd" => e.enable_etcd = d.boolean(v),
            "lazy_load_images" => e.lazy_load_images = d.boolean(v),
            "machine_config" => e.machine_config = d.string(v),
            "attached" => {
                let export = d.table(v).and_then(|t| t.get("secrets")).and_then(|s| match s.get_ref() {
                    DeValue::Table(s) => s.get("export"),
                    _ => None,
                });
                let export = match export {
                    Some(x) => d.at("secrets.export", |d| d.string_map(x)),
                    None => Default::default(),
                };
                e.attached = Some(Attached { secrets: AttachedSecrets { export } });
            }
            "kill_timeout" => {
                d.legacy(v.span(), "`[experimental] kill_timeout` is a legacy location; flyctl moves it to the top-level `kill_timeout`".into(), "move it to the top level as `kill_timeout`".into(), None);
                *kill_timeout = d.duration(v, BareUnit::Seconds);
            }
            "metrics_port" => {
                d.legacy(v.span(), "`[experimental] metrics_port` is a legacy form of `[[metrics]] port`".into(), "write a `[[metrics]]` section with `port`".into(), None);
                metrics.port = d.int(v);
            }
            "metrics_path" => {
                d.legacy(v.span(), "`[experimental] metrics_path` is a legacy form of `[[metrics]] path`".into(), "write a `[[metrics]]` section with `path`".into(), None);
                metrics.path = d.string(v);
            }
            _ => {}
        });
        e
    }

    /// `cmd`/`entrypoint`/`exec`: a list, or (legacy) one string that becomes a one-element list.
    fn string_or_list(&mut self, v: &Value<'_>) -> Vec<String> {
        if let DeValue::String(s) = v.get_ref() {
            let path = self.path().to_owned();
            let fix = Fix::replace(
                "wrap the string in a list",
                v.span(),
                format!("[{}]", &self.lines.text()[v.span()]),
            );
            self.legacy(v.span(), format!("`{path}` as a single string is a legacy form; flyctl reads it as a one-element list (it is not split on spaces)"), "write it as a list of arguments, e.g. [\"bin/server\", \"--port\", \"8080\"]".into(), Some(fix));
            return vec![s.to_string()];
        }
        self.strings(v)
    }

    fn build(&mut self, t: &Table<'_>) -> Build {
        let mut b = Build::default();
        self.each(t, keys::BUILD, |d, key, v| match key {
            "builder" => b.builder = d.string(v),
            "buildpacks" => b.buildpacks = d.strings(v),
            "image" => b.image = d.string(v),
            "builtin" => b.builtin = d.string(v),
            "dockerfile" => b.dockerfile = d.string(v),
            "ignorefile" => b.ignorefile = d.string(v),
            "build-target" | "build_target" => {
                if key == "build_target" {
                    let span = d.spans.key("build.build-target");
                    d.legacy(
                        span.clone(),
                        "`build_target` is the legacy spelling of `build-target`".into(),
                        "write `build-target`".into(),
                        Some(Fix::replace(
                            "rename to `build-target`",
                            span,
                            "build-target",
                        )),
                    );
                }
                b.build_target = d.string(v);
            }
            "compression" => b.compression = d.string(v),
            "compression_level" => b.compression_level = d.int(v),
            "args" => d.env_like(v, &mut b.args),
            "settings" => {
                if let Some(t) = d.table(v) {
                    for (k, v) in t.iter() {
                        if let Some(value) = to_toml_value(v.get_ref()) {
                            b.settings.insert(k.get_ref().to_string(), value);
                        }
                    }
                }
            }
            "compose" => {
                if let Some(t) = d.table(v) {
                    let mut c = Compose::default();
                    d.each(t, keys::COMPOSE, |d, _, v| c.file = d.string(v));
                    b.compose = Some(c);
                }
            }
            _ => {}
        });
        b
    }

    fn deploy(&mut self, t: &Table<'_>) -> Deploy {
        let mut dep = Deploy::default();
        self.each(t, keys::DEPLOY, |d, key, v| match key {
            "strategy" => dep.strategy = d.string(v),
            "max_unavailable" => dep.max_unavailable = d.float(v),
            "wait_timeout" => dep.wait_timeout = d.duration(v, BareUnit::Nanoseconds),
            "release_command" => dep.release_command = d.string(v),
            "release_command_timeout" => {
                dep.release_command_timeout = d.duration(v, BareUnit::Nanoseconds)
            }
            "seed_command" => dep.seed_command = d.string(v),
            "release_command_vm" => {
                if let Some(t) = d.table(v) {
                    dep.release_command_vm = Some(d.vm(t));
                }
            }
            _ => {}
        });
        dep
    }

    /// `[env]` (a table, or the legacy `[[env]]` list of tables).
    fn env(&mut self, v: &Value<'_>, env: &mut indexmap::IndexMap<String, String>) {
        if let DeValue::Array(items) = v.get_ref() {
            self.legacy(v.span(), "`[[env]]` as a list of tables is a legacy form; flyctl merges the entries into one `[env]` table".into(), "write a single `[env]` table".into(), None);
            for item in items.iter() {
                self.env_like(item, env);
            }
            return;
        }
        self.env_like(v, env);
    }

    /// A table of string values where flyctl stringifies other scalars with `%v`.
    fn env_like(&mut self, v: &Value<'_>, out: &mut indexmap::IndexMap<String, String>) {
        let Some(t) = self.table(v) else { return };
        for (k, v) in t.iter() {
            if self.is_recovered(v) {
                continue;
            }
            let name = k.get_ref();
            self.at(name, |d| {
                d.record(k.span(), v.span());
                match go_string(v.get_ref()) {
                    Some(s) => {
                        if !matches!(v.get_ref(), DeValue::String(_)) {
                            let fix = Fix::replace("quote the value", v.span(), format!("{s:?}"));
                            d.legacy(v.span(), format!("`{name}` is not a string; flyctl stringifies it to \"{s}\""), format!("write `{name} = \"{s}\"`"), Some(fix));
                        }
                        out.insert(name.to_string(), s);
                    }
                    None => {
                        let path = d.path().to_owned();
                        d.report(&rules::WRONG_TYPE, format!("`{path}` must be a string, found {}: flyctl cannot turn it into an environment variable", super::type_name(v.get_ref())), v.span(), |x| x.with_suggestion(format!("write `{name} = \"…\"` (a dotted key such as `a.b = …` makes a table)")));
                    }
                }
            });
        }
    }

    /// `[processes]` (a table, or the legacy `[[processes]]` list with name/command).
    fn processes(&mut self, v: &Value<'_>, out: &mut indexmap::IndexMap<String, String>) {
        match v.get_ref() {
            DeValue::Table(t) => {
                for (k, v) in t.iter() {
                    if self.is_recovered(v) {
                        continue;
                    }
                    self.at(k.get_ref(), |d| {
                        d.record(k.span(), v.span());
                        if let Some(cmd) = d.string(v) {
                            out.insert(k.get_ref().to_string(), cmd);
                        }
                    });
                }
            }
            DeValue::Array(items) if items.is_empty() => {
                let fix = self.removal_fix(self.spans.whole("processes"));
                self.legacy(
                    v.span(),
                    "`processes = []` is a legacy form that flyctl removes".into(),
                    "delete the line".into(),
                    fix,
                );
            }
            DeValue::Array(_) => {
                self.legacy(
                    v.span(),
                    "`[[processes]]` with name/command is a legacy form of the `[processes]` table"
                        .into(),
                    "write `[processes]` with `name = \"command\"` lines".into(),
                    None,
                );
                let items = self.tables(v, false, "processes");
                for (span, t) in items {
                    let mut name = None;
                    let mut command = None;
                    self.each(t, keys::PROCESS_ITEM, |d, key, v| match key {
                        "name" => name = d.string(v),
                        _ => command = d.string(v),
                    });
                    if let Some(name) = name {
                        self.at(&name, |d| d.record(span.clone(), span.clone()));
                        out.insert(name, command.unwrap_or_default());
                    }
                }
            }
            _ => self.wrong_type(v, "a table of process name = command"),
        }
    }

    /// A fix deleting the whole line(s) of `range`, when nothing else is on them.
    pub(crate) fn removal_fix(&self, range: Range<usize>) -> Option<Fix> {
        let text = self.lines.text();
        let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[range.end..]
            .find('\n')
            .map_or(text.len(), |i| range.end + i + 1);
        let before = &text[start..range.start];
        let after = text[range.end..end].trim();
        (before.trim().is_empty()
            && (after.is_empty() || after.starts_with('#'))
            && range.end > range.start)
            .then(|| Fix::replace("delete the line", start..end, ""))
    }

    /// `auto_stop_machines`: a boolean or `off`/`stop`/`suspend`.
    pub(crate) fn autostop(&mut self, v: &Value<'_>) -> Option<AutoStop> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(AutoStop::from_bool(*b)),
            DeValue::String(s) => match AutoStop::parse(s) {
                Ok(a) => Some(a),
                Err(e) => {
                    let path = self.path().to_owned();
                    let guess = match s.to_ascii_lowercase().as_str() {
                        "on" | "true" | "yes" | "stopped" => Some("stop"),
                        "false" | "no" | "none" | "disabled" => Some("off"),
                        "suspended" => Some("suspend"),
                        _ => None,
                    };
                    self.report(
                        &rules::INVALID_VALUE,
                        format!("`{path}`: {e}; flyctl fails to load the file"),
                        v.span(),
                        |x| {
                            let x = x.with_suggestion(
                                "use \"off\", \"stop\" or \"suspend\" (or false/true)",
                            );
                            match guess {
                                Some(g) => x.with_fix(Fix::replace(
                                    format!("write \"{g}\""),
                                    v.span(),
                                    format!("\"{g}\""),
                                )),
                                None => x,
                            }
                        },
                    );
                    None
                }
            },
            _ => {
                let path = self.path().to_owned();
                self.report(
                    &rules::WRONG_TYPE,
                    format!("`{path}`: autostop value is not a valid bool or string"),
                    v.span(),
                    |x| x.with_suggestion("use \"off\", \"stop\" or \"suspend\" (or false/true)"),
                );
                None
            }
        }
    }
}

/// A tree value as a plain `toml::Value` (for `[build.settings]`).
fn to_toml_value(v: &DeValue<'_>) -> Option<toml::Value> {
    Some(match v {
        DeValue::String(s) => toml::Value::String(s.to_string()),
        DeValue::Integer(_) => toml::Value::Integer(super::scalars::int_of(v)?),
        DeValue::Float(f) => toml::Value::Float(f.as_str().replace('_', "").parse().ok()?),
        DeValue::Boolean(b) => toml::Value::Boolean(*b),
        DeValue::Datetime(d) => toml::Value::Datetime(*d),
        DeValue::Array(a) => toml::Value::Array(
            a.iter()
                .filter_map(|x| to_toml_value(x.get_ref()))
                .collect(),
        ),
        DeValue::Table(t) => toml::Value::Table(
            t.iter()
                .filter_map(|(k, x)| Some((k.get_ref().to_string(), to_toml_value(x.get_ref())?)))
                .collect(),
        ),
    })
}
