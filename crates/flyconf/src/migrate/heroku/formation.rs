//! app.json `formation`: instance counts and dyno sizes → `[[vm]]`.

use super::procfile::group_name;
use crate::migrate::draft::Draft;
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::units::{self, Resources};
use crate::migrate::yaml::Node;
use crate::model::Vm;
use indexmap::IndexMap;

/// Heroku dyno sizes as (CPUs, guaranteed CPUs, memory MB).
fn dyno(size: &str) -> Option<(f64, f64, f64)> {
    let s = size.to_ascii_lowercase();
    let s = s
        .strip_prefix("private-")
        .or_else(|| s.strip_prefix("shield-"))
        .map_or_else(|| s.clone(), |r| format!("performance-{r}"));
    Some(match s.as_str() {
        "free" | "hobby" | "eco" | "basic" | "standard-1x" | "1x" => (1.0, 0.0, 512.0),
        "standard-2x" | "2x" => (2.0, 0.0, 1024.0),
        "performance-m" | "performance" => (2.0, 2.0, 2560.0),
        "performance-l" | "px" => (8.0, 8.0, 14336.0),
        "performance-l-ram" => (4.0, 4.0, 30720.0),
        "performance-xl" => (8.0, 8.0, 63488.0),
        "performance-2xl" => (16.0, 16.0, 129024.0),
        _ => return None,
    })
}

/// `formation`: instance counts and dyno sizes.
pub(super) fn formation(d: &mut Draft, src: &mut Src<'_>, f: &Node) {
    let mut counts = Vec::new();
    let mut sizes: IndexMap<String, Vm> = IndexMap::new();
    let web_group = d.http_group.clone().unwrap_or_else(|| "app".to_owned());
    for (k, v) in f.entries() {
        let ptype = k.text().unwrap_or_default();
        let group = if ptype == "web" {
            web_group.clone()
        } else {
            group_name(ptype)
        };
        if let Some(q) = v.get("quantity").and_then(Node::int) {
            counts.push(format!("{group}={q}"));
            if ptype == "web" && q >= 1 {
                d.min_running = Some(1);
            }
        }
        if let Some(size_node) = v.get("size") {
            let size = size_node.str().unwrap_or_default();
            match dyno(size) {
                Some((cpus, guaranteed, mb)) => {
                    let (mut vm, _) = units::machine_for(&Resources {
                        cpus: Some(cpus),
                        guaranteed_cpus: Some(guaranteed),
                        memory_bytes: Some(mb * 1024.0 * 1024.0),
                    });
                    if d.config.processes.contains_key(&group) {
                        vm.processes = vec![group.clone()];
                    }
                    sizes.insert(group, vm);
                }
                None => {
                    src.report(
                        &rules::UNSUPPORTED_VALUE,
                        size_node.span.clone(),
                        &format!("formation.{ptype}.size"),
                        format!("unknown dyno size `{size}`; the default machine size is used"),
                        "use a Heroku dyno size (basic, standard-1x, standard-2x, performance-m, performance-l), or set `[[vm]]` by hand",
                    );
                }
            }
        }
    }
    if !counts.is_empty() {
        d.note(format!(
            "Heroku formation → machine counts: `fly scale count {} --app {}`",
            counts.join(" "),
            d.name
        ));
    }
    let same = sizes.values().all(|vm| {
        sizes
            .values()
            .next()
            .is_some_and(|first| first.size == vm.size && first.memory == vm.memory)
    });
    let every_group_sized = d.config.processes.keys().all(|g| sizes.contains_key(g));
    if same && every_group_sized {
        if let Some(mut vm) = sizes.into_values().next() {
            vm.processes.clear();
            d.config.vm.push(vm);
        }
    } else {
        let mut vms: Vec<Vm> = sizes
            .into_values()
            .filter(|vm| !vm.processes.is_empty())
            .collect();
        let sized: Vec<String> = vms.iter().flat_map(|v| v.processes.clone()).collect();
        let rest: Vec<String> = d
            .config
            .processes
            .keys()
            .filter(|g| !sized.contains(g))
            .cloned()
            .collect();
        if !rest.is_empty() && !vms.is_empty() {
            let (mut vm, _) = units::machine_for(&Resources::default());
            vm.processes = rest;
            vms.push(vm);
        }
        d.config.vm.extend(vms);
    }
}
