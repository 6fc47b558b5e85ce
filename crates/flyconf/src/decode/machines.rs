//! Machine-level sections: `[[vm]]`, `[[mounts]]`, `[[files]]`, `[[restart]]`,
//! `[[statics]]`, `[[metrics]]`.

use super::keys;
use super::{Decoder, Table, Value};
use crate::diagnostic::registry as rules;
use crate::model::values::VmSize;
use crate::model::{File, Metrics, Mount, Restart, Static, Vm};
use toml::de::DeValue;

impl Decoder<'_> {
    pub(crate) fn vm(&mut self, t: &Table<'_>) -> Vm {
        let mut vm = Vm::default();
        self.each(t, keys::VM, |d, key, v| match key {
            "size" => {
                if let Some(name) = d.string(v) {
                    match VmSize::parse(&name) {
                        Ok(s) => vm.size = Some(s),
                        Err(e) => {
                            let suggestion = match &e {
                                crate::model::values::VmSizeError::Unknown { choices, .. } => format!("use one of: {choices}"),
                                _ => "use a preset such as shared-cpu-1x, shared-cpu-2x or performance-1x (see `fly platform vm-sizes`)".into(),
                            };
                            d.report(&rules::VM_SIZE, format!("{e}: the deploy fails when flyctl converts the config to machines (`fly config validate` does not catch this)"), v.span(), |x| x.with_suggestion(suggestion));
                        }
                    }
                }
            }
            "memory" => vm.memory = d.memory(v),
            "cpu_kind" => vm.cpu_kind = d.string(v),
            "cpus" => vm.cpus = d.int(v),
            "memory_mb" => vm.memory_mb = d.int(v),
            "max_memory_mb" => vm.max_memory_mb = d.int(v),
            "gpus" => vm.gpus = d.int(v),
            "gpu_kind" => vm.gpu_kind = d.string(v),
            "host_dedication_id" => vm.host_dedication_id = d.string(v),
            "persist_rootfs" => vm.persist_rootfs = d.persist_rootfs(v),
            "kernel_args" => vm.kernel_args = d.strings(v),
            "processes" => vm.processes = d.strings(v),
            _ => {}
        });
        vm
    }

    pub(crate) fn persist_rootfs(&mut self, v: &Value<'_>) -> Option<String> {
        let value = match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            other => match super::scalars::int_of(other) {
                Some(n @ 0..=3) => n.to_string(),
                _ => {
                    self.wrong_type(v, "one of \"never\", \"restart\", \"always\"");
                    return None;
                }
            },
        };
        if ["never", "restart", "always", "", "none", "0", "1", "2", "3"].contains(&value.as_str())
        {
            return Some(value);
        }
        let path = self.path().to_owned();
        self.report(
            &rules::INVALID_VALUE,
            format!("`{path}`: invalid persist_rootfs string value {value:?}"),
            v.span(),
            |x| x.with_suggestion("use \"never\", \"restart\" or \"always\""),
        );
        None
    }

    pub(crate) fn mount(&mut self, t: &Table<'_>) -> Mount {
        let mut m = Mount::default();
        self.each(t, keys::MOUNT, |d, key, v| match key {
            "source" => m.source = d.string(v),
            "destination" => m.destination = d.string(v),
            "initial_size" => m.initial_size = d.volume(v),
            "snapshot_retention" => m.snapshot_retention = d.int(v),
            "scheduled_snapshots" => m.scheduled_snapshots = d.boolean(v),
            "auto_extend_size_threshold" => m.auto_extend_size_threshold = d.int(v),
            "auto_extend_size_increment" => m.auto_extend_size_increment = d.volume(v),
            "auto_extend_size_limit" => m.auto_extend_size_limit = d.volume(v),
            "processes" => m.processes = d.strings(v),
            _ => {}
        });
        m
    }

    pub(crate) fn file(&mut self, t: &Table<'_>) -> File {
        let mut f = File::default();
        self.each(t, keys::FILE, |d, key, v| match key {
            "guest_path" => f.guest_path = d.string(v),
            "local_path" => f.local_path = d.string(v),
            "secret_name" => f.secret_name = d.string(v),
            "raw_value" => f.raw_value = d.string(v),
            "processes" => f.processes = d.strings(v),
            _ => {}
        });
        f
    }

    pub(crate) fn restart(&mut self, t: &Table<'_>) -> Restart {
        let mut r = Restart::default();
        self.each(t, keys::RESTART, |d, key, v| match key {
            "policy" => r.policy = d.string(v),
            "retries" => r.retries = d.int(v),
            "processes" => r.processes = d.strings(v),
            _ => {}
        });
        r
    }

    pub(crate) fn static_files(&mut self, t: &Table<'_>) -> Static {
        let mut s = Static::default();
        self.each(t, keys::STATIC, |d, key, v| match key {
            "guest_path" => s.guest_path = d.string(v),
            "url_prefix" => s.url_prefix = d.string(v),
            "tigris_bucket" => s.tigris_bucket = d.string(v),
            "index_document" => s.index_document = d.string(v),
            _ => {}
        });
        s
    }

    pub(crate) fn metrics(&mut self, t: &Table<'_>) -> Metrics {
        let mut m = Metrics::default();
        self.each(t, keys::METRICS, |d, key, v| match key {
            "port" => m.port = d.int(v),
            "path" => m.path = d.string(v),
            "https" => m.https = d.boolean(v),
            "processes" => m.processes = d.strings(v),
            _ => {}
        });
        m
    }
}
