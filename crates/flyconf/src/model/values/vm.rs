//! Machine size presets and the CPU/memory rules (fly-go `machine_types.go`).

use serde::{Serialize, Serializer};
use std::fmt;

/// The CPU kind of a machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CpuKind {
    /// Shared vCPUs.
    Shared,
    /// Dedicated ("performance") vCPUs.
    Performance,
}

impl CpuKind {
    /// `shared` or `performance`.
    pub fn as_str(self) -> &'static str {
        match self {
            CpuKind::Shared => "shared",
            CpuKind::Performance => "performance",
        }
    }

    /// Parses `shared` / `performance`.
    pub fn parse(s: &str) -> Option<CpuKind> {
        match s {
            "shared" => Some(CpuKind::Shared),
            "performance" => Some(CpuKind::Performance),
            _ => None,
        }
    }

    /// Valid CPU counts for this kind.
    pub fn valid_cpus(self) -> &'static [u32] {
        match self {
            CpuKind::Shared => &[1, 2, 4, 6, 8],
            CpuKind::Performance => &[1, 2, 4, 6, 8, 10, 12, 14, 16, 32, 64, 128],
        }
    }

    /// Minimum and maximum memory per CPU, in MiB.
    pub fn memory_per_cpu(self) -> (u64, u64) {
        match self {
            CpuKind::Shared => (256, 2048),
            CpuKind::Performance => (2048, 8192),
        }
    }

    /// Memory must be a multiple of this many MiB.
    pub fn memory_increment(self) -> u64 {
        match self {
            CpuKind::Shared => 256,
            CpuKind::Performance => 1024,
        }
    }
}

/// A machine size preset (`[[vm]] size`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Preset {
    /// Preset name, such as `shared-cpu-1x`.
    pub name: &'static str,
    /// CPU kind.
    pub cpu_kind: CpuKind,
    /// Number of vCPUs.
    pub cpus: u32,
    /// Memory in MiB.
    pub memory_mb: u64,
    /// GPU kind, for the (deprecated) GPU presets.
    pub gpu_kind: Option<&'static str>,
}

const fn preset(
    name: &'static str,
    cpu_kind: CpuKind,
    cpus: u32,
    memory_mb: u64,
    gpu_kind: Option<&'static str>,
) -> Preset {
    Preset {
        name,
        cpu_kind,
        cpus,
        memory_mb,
        gpu_kind,
    }
}

/// Every preset fly-go knows, in its order.
pub static PRESETS: &[Preset] = &[
    preset("shared-cpu-1x", CpuKind::Shared, 1, 256, None),
    preset("shared-cpu-2x", CpuKind::Shared, 2, 512, None),
    preset("shared-cpu-4x", CpuKind::Shared, 4, 1024, None),
    preset("shared-cpu-6x", CpuKind::Shared, 6, 1536, None),
    preset("shared-cpu-8x", CpuKind::Shared, 8, 2048, None),
    preset("performance-1x", CpuKind::Performance, 1, 2048, None),
    preset("performance-2x", CpuKind::Performance, 2, 4096, None),
    preset("performance-4x", CpuKind::Performance, 4, 8192, None),
    preset("performance-6x", CpuKind::Performance, 6, 12288, None),
    preset("performance-8x", CpuKind::Performance, 8, 16384, None),
    preset("performance-10x", CpuKind::Performance, 10, 20480, None),
    preset("performance-12x", CpuKind::Performance, 12, 24576, None),
    preset("performance-14x", CpuKind::Performance, 14, 28672, None),
    preset("performance-16x", CpuKind::Performance, 16, 32768, None),
    preset(
        "a100-40gb",
        CpuKind::Performance,
        8,
        32768,
        Some("a100-pcie-40gb"),
    ),
    preset(
        "a100-80gb",
        CpuKind::Performance,
        8,
        32768,
        Some("a100-sxm4-80gb"),
    ),
    preset("l40s", CpuKind::Performance, 8, 32768, Some("l40s")),
    preset("a10", CpuKind::Performance, 8, 32768, Some("a10")),
];

/// A valid `[[vm]] size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VmSize(&'static Preset);

/// Why a size name was rejected; `Display` gives flyctl's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VmSizeError {
    /// Neither `shared…` nor `performance…` (nor a GPU preset).
    #[error(
        "invalid machine preset requested, '{0}', expected to start with 'shared' or 'performance'"
    )]
    Family(String),
    /// Right family, unknown size.
    #[error("'{name}' is an invalid machine size, choose one of: [{choices}]")]
    Unknown {
        /// The name given.
        name: String,
        /// The valid names of that family, sorted, space-separated.
        choices: String,
    },
}

impl VmSize {
    /// The default size when none is given.
    pub fn default_size() -> VmSize {
        VmSize(&PRESETS[0])
    }

    /// Looks a preset up by name (exact, as flyctl does).
    pub fn parse(name: &str) -> Result<VmSize, VmSizeError> {
        if let Some(p) = PRESETS.iter().find(|p| p.name == name) {
            return Ok(VmSize(p));
        }
        let family = if name.starts_with("shared") {
            CpuKind::Shared
        } else if name.starts_with("performance") {
            CpuKind::Performance
        } else {
            return Err(VmSizeError::Family(name.to_owned()));
        };
        let mut choices: Vec<&str> = PRESETS
            .iter()
            .filter(|p| p.cpu_kind == family && p.gpu_kind.is_none())
            .map(|p| p.name)
            .collect();
        choices.sort_unstable();
        Err(VmSizeError::Unknown {
            name: name.to_owned(),
            choices: choices.join(" "),
        })
    }

    /// The preset.
    pub fn preset(self) -> &'static Preset {
        self.0
    }

    /// The preset's name.
    pub fn name(self) -> &'static str {
        self.0.name
    }
}

impl fmt::Display for VmSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl Serialize for VmSize {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.name)
    }
}

/// A CPU/memory combination the platform rejects; `Display` follows flyctl's wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestProblem {
    /// What is wrong.
    pub message: String,
    /// What would work.
    pub suggestion: String,
}

/// Checks a resolved guest (kind, cpus, memory) against fly-go's limits.
pub fn check_guest(kind: CpuKind, cpus: u32, memory_mb: u64) -> Option<GuestProblem> {
    if !kind.valid_cpus().contains(&cpus) {
        return Some(GuestProblem {
            message: format!(
                "for the CPU kind {}, {cpus} CPUs is not valid",
                kind.as_str()
            ),
            suggestion: format!("valid numbers are {:?}", kind.valid_cpus()),
        });
    }
    if memory_mb == 0 {
        return Some(GuestProblem {
            message: "memory cannot be zero".into(),
            suggestion: "set memory to at least 256mb (shared) or 2048mb (performance)".into(),
        });
    }
    let increment = kind.memory_increment();
    if !memory_mb.is_multiple_of(increment) {
        let up = memory_mb.div_ceil(increment) * increment;
        return Some(GuestProblem {
            message: format!("{memory_mb}MiB of memory is not valid"),
            suggestion: format!(
                "memory size must be in a {increment} MiB increment ({up}MiB would work)"
            ),
        });
    }
    let (min, max) = kind.memory_per_cpu();
    let cpus64 = u64::from(cpus);
    if memory_mb < min * cpus64 {
        return Some(GuestProblem {
            message: format!(
                "for {} VMs with {cpus} CPUs, {memory_mb}MiB of memory is too low",
                kind.as_str()
            ),
            suggestion: format!("try setting memory to a value >= {}MiB", min * cpus64),
        });
    }
    if memory_mb > max * cpus64 {
        return Some(GuestProblem {
            message: format!(
                "for {} VMs with {cpus} CPUs, {memory_mb}MiB of memory is too high",
                kind.as_str()
            ),
            suggestion: format!(
                "try setting memory to a value <= {}MiB, or add CPUs",
                max * cpus64
            ),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_resolve_and_errors_match_flyctl() {
        let s = VmSize::parse("performance-2x").map(|s| (s.preset().cpus, s.preset().memory_mb));
        assert_eq!(s, Ok((2, 4096)));
        assert_eq!(
            VmSize::parse("large").map_err(|e| e.to_string()),
            Err("invalid machine preset requested, 'large', expected to start with 'shared' or 'performance'".into())
        );
        assert_eq!(
            VmSize::parse("shared-cpu-3x").map_err(|e| e.to_string()),
            Err("'shared-cpu-3x' is an invalid machine size, choose one of: [shared-cpu-1x shared-cpu-2x shared-cpu-4x shared-cpu-6x shared-cpu-8x]".into())
        );
    }

    #[test]
    fn every_preset_is_a_valid_guest() {
        for p in PRESETS {
            assert_eq!(
                check_guest(p.cpu_kind, p.cpus, p.memory_mb),
                None,
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn guest_limits() {
        assert!(check_guest(CpuKind::Shared, 3, 512).is_some());
        assert!(
            check_guest(CpuKind::Shared, 1, 300)
                .is_some_and(|p| p.suggestion.contains("512MiB would work"))
        );
        assert!(
            check_guest(CpuKind::Shared, 1, 4096).is_some_and(|p| p.message.contains("too high"))
        );
        assert!(
            check_guest(CpuKind::Performance, 2, 2048)
                .is_some_and(|p| p.message.contains("too low"))
        );
        assert_eq!(check_guest(CpuKind::Shared, 1, 2048), None);
    }
}
