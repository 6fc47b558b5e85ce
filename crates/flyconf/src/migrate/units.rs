//! Quantities in Kubernetes and Docker notation, and their mapping onto Fly.io
//! machine sizes and volume sizes.

use crate::model::values::{CpuKind, MemorySize, VolumeSize, check_guest};
use crate::model::{Vm, VmSize};

const MIB: f64 = 1024.0 * 1024.0;

/// A Kubernetes quantity (`500m`, `2`, `1.5`, `128Mi`, `1G`, `1e9`) in base units.
pub(crate) fn k8s_quantity(s: &str) -> Option<f64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let (num, suffix) = match suffix.strip_prefix(['e', 'E']) {
        // `1e3`: an exponent, not the `E` (exa) suffix.
        Some(exp)
            if !exp.is_empty()
                && exp
                    .trim_start_matches(['+', '-'])
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
        {
            (s, "")
        }
        _ => (num, suffix),
    };
    let n: f64 = num.parse().ok()?;
    let mult = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => MIB,
        "Gi" => MIB * 1024.0,
        "Ti" => MIB * MIB,
        "Pi" => MIB * MIB * 1024.0,
        "Ei" => MIB * MIB * MIB,
        _ => return None,
    };
    let v = n * mult;
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// A Docker/compose byte size (`512m`, `1g`, `1gb`, `2048k`, `1073741824`):
/// binary units, as Docker reads them.
pub(crate) fn docker_bytes(s: &str) -> Option<f64> {
    let lower = s.trim().to_ascii_lowercase();
    let split = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let (num, suffix) = lower.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match suffix.trim() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => MIB,
        "g" | "gb" | "gib" => MIB * 1024.0,
        "t" | "tb" | "tib" => MIB * MIB,
        _ => return None,
    };
    let v = n * mult;
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// What the source asks of a machine.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Resources {
    /// CPU cores the app may use (a limit, or the request when there is no limit).
    pub(crate) cpus: Option<f64>,
    /// CPU cores the app is guaranteed (a Kubernetes request); two or more means
    /// sustained CPU use, which shared CPUs are not made for.
    pub(crate) guaranteed_cpus: Option<f64>,
    /// Memory in bytes.
    pub(crate) memory_bytes: Option<f64>,
}

impl Resources {
    /// Whether anything was asked.
    pub(crate) fn is_empty(&self) -> bool {
        self.cpus.is_none() && self.guaranteed_cpus.is_none() && self.memory_bytes.is_none()
    }
}

/// A `[[vm]]` with explicit size and memory for `res`, and what had to be
/// changed to make it a valid Fly.io machine (empty when it fits exactly).
///
/// CPUs: up to 8 cores → `shared-cpu-Nx` (N the smallest valid count ≥ the
/// cores); more than 8, or at least 2 guaranteed cores → `performance-Nx`.
/// Memory: rounded up to the kind's increment (256MB shared, 1024MB
/// performance) and to its per-CPU minimum; more memory than the CPU count
/// allows raises the CPU count (shared, then performance); capped at
/// `performance-16x` with 128GB. No memory given: 1GB (shared) or the preset's.
pub(crate) fn machine_for(res: &Resources) -> (Vm, Vec<String>) {
    let mut changes = Vec::new();
    let cores = res.cpus.unwrap_or(0.0).max(0.0);
    let want_cpus = cores.ceil().max(1.0);
    let memory_mb = res.memory_bytes.map(|b| (b / MIB).max(0.0));
    let dedicated = cores > 8.0 || res.guaranteed_cpus.is_some_and(|g| g >= 2.0);

    let mut pick: Option<(CpuKind, u32, u64)> = None;
    if !dedicated {
        pick = fit(CpuKind::Shared, want_cpus, memory_mb);
    }
    if pick.is_none() {
        pick = fit(CpuKind::Performance, want_cpus, memory_mb);
    }
    let (kind, cpus, memory) = pick.unwrap_or((CpuKind::Performance, 16, 16 * 8192));
    let name = format!(
        "{}-{cpus}x",
        if kind == CpuKind::Shared {
            "shared-cpu"
        } else {
            "performance"
        }
    );
    let size = VmSize::parse(&name).unwrap_or_else(|_| VmSize::default_size());

    let cpu_changed = res.cpus.is_some() && f64::from(cpus) != want_cpus;
    let memory_changed = memory_mb.is_some_and(|mb| (memory as f64 - mb).abs() >= 1.0);
    if cpu_changed || memory_changed {
        let mut asked = Vec::new();
        if let Some(c) = res.cpus {
            asked.push(format!("{} CPU", trim_float(c)));
        }
        if let Some(mb) = memory_mb {
            asked.push(format!("{}MB of memory", trim_float(mb.round())));
        }
        changes.push(format!(
            "{} → {name} with {} (the nearest valid Fly.io machine: {} machines take {}–{}MB per vCPU in {}MB steps)",
            asked.join(" and "),
            MemorySize(memory),
            kind.as_str(),
            kind.memory_per_cpu().0,
            kind.memory_per_cpu().1,
            kind.memory_increment(),
        ));
    }
    let vm = Vm {
        size: Some(size),
        memory: Some(MemorySize(memory)),
        ..Vm::default()
    };
    (vm, changes)
}

/// The smallest machine of `kind` with at least `want_cpus` CPUs that holds `memory_mb`.
fn fit(kind: CpuKind, want_cpus: f64, memory_mb: Option<f64>) -> Option<(CpuKind, u32, u64)> {
    let presets: &[u32] = match kind {
        CpuKind::Shared => &[1, 2, 4, 6, 8],
        CpuKind::Performance => &[1, 2, 4, 6, 8, 10, 12, 14, 16],
    };
    let (min_per, max_per) = kind.memory_per_cpu();
    let step = kind.memory_increment();
    for &n in presets.iter().filter(|&&n| f64::from(n) >= want_cpus) {
        let n64 = u64::from(n);
        let memory = match memory_mb {
            // Values this large are capped below; `as` saturates.
            Some(mb) => (mb.ceil() as u64).div_ceil(step).saturating_mul(step),
            None if kind == CpuKind::Shared => 1024.max(min_per * n64),
            None => min_per * n64,
        }
        .max(min_per * n64);
        if memory <= max_per * n64 && check_guest(kind, n, memory).is_none() {
            return Some((kind, n, memory));
        }
    }
    None
}

/// A volume size in whole GB (rounded up, at least 1, at most 500) from bytes,
/// and whether it had to be changed to fit.
pub(crate) fn volume_gb(bytes: f64) -> (VolumeSize, bool) {
    let gb = (bytes / 1e9).ceil();
    let clamped = gb.clamp(1.0, 500.0);
    (VolumeSize(clamped as u64), clamped != gb)
}

/// `1.5` → "1.5", `2.0` → "2".
pub(crate) fn trim_float(f: f64) -> String {
    let s = format!("{f:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sized(cpus: Option<f64>, guaranteed: Option<f64>, mem: Option<&str>) -> (String, u64) {
        let res = Resources {
            cpus,
            guaranteed_cpus: guaranteed,
            memory_bytes: mem.and_then(k8s_quantity),
        };
        let (vm, _) = machine_for(&res);
        (
            vm.size.map(|s| s.name().to_owned()).unwrap_or_default(),
            vm.memory.map(|m| m.mib()).unwrap_or_default(),
        )
    }

    #[test]
    fn quantities() {
        assert_eq!(k8s_quantity("500m"), Some(0.5));
        assert_eq!(k8s_quantity("2"), Some(2.0));
        assert_eq!(k8s_quantity("128Mi"), Some(128.0 * MIB));
        assert_eq!(k8s_quantity("1G"), Some(1e9));
        assert_eq!(k8s_quantity("1e3"), Some(1000.0));
        assert_eq!(k8s_quantity("1E"), Some(1e18));
        assert_eq!(k8s_quantity("lots"), None);
        assert_eq!(k8s_quantity("-1"), None);
        assert_eq!(docker_bytes("512m"), Some(512.0 * MIB));
        assert_eq!(docker_bytes("1GB"), Some(1024.0 * MIB));
        assert_eq!(docker_bytes("x"), None);
    }

    #[test]
    fn machines_are_valid_and_round_up() {
        assert_eq!(sized(None, None, None), ("shared-cpu-1x".into(), 1024));
        assert_eq!(
            sized(Some(0.5), Some(0.25), Some("300Mi")),
            ("shared-cpu-1x".into(), 512)
        );
        assert_eq!(
            sized(Some(2.0), Some(1.0), Some("1Gi")),
            ("shared-cpu-2x".into(), 1024)
        );
        assert_eq!(
            sized(Some(1.0), None, Some("3Gi")),
            ("shared-cpu-2x".into(), 3072)
        );
        assert_eq!(
            sized(Some(2.0), Some(2.0), Some("3Gi")),
            ("performance-2x".into(), 4096)
        );
        assert_eq!(
            sized(Some(12.0), None, None),
            ("performance-12x".into(), 24576)
        );
        assert_eq!(
            sized(Some(64.0), None, Some("1Ti")),
            ("performance-16x".into(), 131072)
        );
        for cpus in [0.1, 1.0, 3.0, 7.0, 9.0, 20.0] {
            for mem in ["64Mi", "1Gi", "5Gi", "20Gi", "200Gi"] {
                let res = Resources {
                    cpus: Some(cpus),
                    guaranteed_cpus: None,
                    memory_bytes: k8s_quantity(mem),
                };
                let (vm, _) = machine_for(&res);
                let p = vm.size.expect("size").preset();
                let m = vm.memory.expect("memory").mib();
                assert_eq!(check_guest(p.cpu_kind, p.cpus, m), None, "{cpus} {mem}");
            }
        }
    }

    #[test]
    fn volumes_round_up() {
        assert_eq!(volume_gb(10.0 * 1024.0 * MIB), (VolumeSize(11), false));
        assert_eq!(volume_gb(0.0), (VolumeSize(1), true));
        assert_eq!(volume_gb(1e13), (VolumeSize(500), true));
    }
}
