//! A container's `resources` (CPU and memory requests and limits) → `[[vm]]`.

use super::Obj;
use crate::migrate::draft::Draft;
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::units::{self, Resources};
use crate::migrate::yaml::Node;

pub(super) fn resources(src: &mut Src<'_>, o: &Obj, c: &Node, d: &mut Draft) {
    let Some(r) = c.get("resources") else { return };
    let key = o.key("spec.template.spec.containers[0].resources");
    let mut q = |section: &str, field: &str| -> Option<f64> {
        let n = r.get(section)?.get(field)?;
        let text = n.str()?;
        let v = units::k8s_quantity(text);
        if v.is_none() {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                n.span.clone(),
                &format!("{key}.{section}.{field}"),
                format!("`{text}` is not a Kubernetes quantity; it is ignored"),
                "",
            );
        }
        v
    };
    let res = Resources {
        cpus: q("limits", "cpu").or_else(|| q("requests", "cpu")),
        guaranteed_cpus: q("requests", "cpu"),
        memory_bytes: q("limits", "memory").or_else(|| q("requests", "memory")),
    };
    if res.is_empty() {
        return;
    }
    let (vm, changes) = units::machine_for(&res);
    d.config.vm.push(vm);
    for ch in changes {
        src.report(&rules::VALUE_ADJUSTED, r.span.clone(), &key, ch, "");
    }
}
