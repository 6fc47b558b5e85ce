//! The price table: data read from `pricing.toml`, with its sources and date,
//! completed for every fly-go preset by the documented derivation rule.

use std::sync::LazyLock;

use crate::model::values::{CpuKind, PRESETS, Preset};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The embedded price data (one line to repoint when the file moves).
const PRICING_TOML: &str = include_str!("../../../../skills/flyio/pricing.toml");

/// Where the embedded table says it came from, if it ever fails to load.
const FALLBACK_SOURCE: &str =
    "flyconf built-in fallback (the embedded pricing.toml failed to load)";

/// Prices for Fly.io Machines, memory, volumes and IPs, with provenance.
///
/// Every recurring figure is in [`currency`](Self::currency) per month of
/// [`period_hours`](Self::period_hours) running hours. Figures are approximate:
/// Fly.io scales Machine prices by region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceTable {
    /// Currency code (`USD`).
    pub currency: String,
    /// Date the figures were collected (`YYYY-MM-DD`).
    pub as_of: String,
    /// URLs and documents the figures come from.
    pub source: Vec<String>,
    /// Caveats: regional markup, approximation, what is not included.
    pub note: String,
    /// Hours of running time the monthly figures stand for (730).
    pub period_hours: f64,
    /// Per-unit rates for memory, storage and IPs.
    pub rates: Rates,
    /// How prices for presets without a published figure are derived.
    pub derivation: Derivation,
    /// Monthly price of every fly-go preset at its own memory size, in
    /// fly-go order; `derived` marks the ones computed by [`Derivation`].
    pub presets: IndexMap<String, PresetPrice>,
    /// Published figures for presets with extra memory, kept to check the
    /// derivation rule against.
    pub published: Vec<PublishedPrice>,
}

/// Per-unit rates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    /// Memory above a preset's own, per GB (1024 MiB) per month.
    pub memory_per_gb_month: f64,
    /// Volume storage, per provisioned GB per month.
    pub volume_per_gb_month: f64,
    /// Volume snapshots, per GB per month.
    pub snapshot_per_gb_month: f64,
    /// Snapshot GB per month that are free.
    pub snapshot_free_gb: f64,
    /// A dedicated IPv4 address, per month.
    pub ipv4_dedicated_month: f64,
    /// Root filesystem of stopped or suspended Machines, per GB per month.
    pub stopped_rootfs_per_gb_month: f64,
}

/// The rule for presets (and custom guests) without a published figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// The rule, in words.
    pub rule: String,
    /// Monthly price per shared vCPU (with 256MB).
    pub shared_per_cpu_month: f64,
    /// Monthly price per performance vCPU (with 2048MB).
    pub performance_per_cpu_month: f64,
}

impl Derivation {
    /// Monthly price per vCPU of `kind`.
    pub fn per_cpu(&self, kind: CpuKind) -> f64 {
        match kind {
            CpuKind::Shared => self.shared_per_cpu_month,
            CpuKind::Performance => self.performance_per_cpu_month,
        }
    }
}

/// One preset's price at its own memory size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PresetPrice {
    /// CPU kind of the preset.
    pub cpu_kind: CpuKind,
    /// vCPUs of the preset.
    pub cpus: u32,
    /// Memory included, in MiB.
    pub memory_mb: u64,
    /// Monthly price.
    pub monthly: f64,
    /// Whether the price comes from the derivation rule rather than a published figure.
    pub derived: bool,
    /// Where a published figure comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A published price for a preset with more memory than its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedPrice {
    /// Preset name.
    pub preset: String,
    /// Total memory, in MiB.
    pub memory_mb: u64,
    /// Monthly price.
    pub monthly: f64,
    /// Where the figure comes from.
    pub source: String,
}

/// Why a price file was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PriceError {
    /// Not TOML, or not the expected shape.
    #[error("invalid price table: {0}")]
    Syntax(String),
    /// A preset name fly-go does not know.
    #[error("unknown preset `{0}` in the price table")]
    UnknownPreset(String),
    /// A negative, infinite or NaN figure, or a zero period.
    #[error("invalid figure for `{0}`: prices must be finite and >= 0")]
    Figure(String),
}

/// The file's shape.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    currency: String,
    as_of: String,
    period_hours: f64,
    source: Vec<String>,
    note: String,
    rates: Rates,
    derivation: Derivation,
    #[serde(default)]
    presets: IndexMap<String, RawPreset>,
    #[serde(default)]
    published: Vec<PublishedPrice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    monthly: f64,
    source: Option<String>,
}

impl PriceTable {
    /// Parses a price file (the format of the embedded `pricing.toml`) and
    /// derives every preset without a published figure.
    ///
    /// # Errors
    /// [`PriceError`] for bad TOML, unknown keys or presets, or a negative,
    /// infinite or NaN figure.
    pub fn from_toml(text: &str) -> Result<PriceTable, PriceError> {
        let raw: RawTable = crate::decode::data::from_toml(text).map_err(PriceError::Syntax)?;
        let figures = [
            ("rates.memory_per_gb_month", raw.rates.memory_per_gb_month),
            ("rates.volume_per_gb_month", raw.rates.volume_per_gb_month),
            (
                "rates.snapshot_per_gb_month",
                raw.rates.snapshot_per_gb_month,
            ),
            ("rates.snapshot_free_gb", raw.rates.snapshot_free_gb),
            ("rates.ipv4_dedicated_month", raw.rates.ipv4_dedicated_month),
            (
                "rates.stopped_rootfs_per_gb_month",
                raw.rates.stopped_rootfs_per_gb_month,
            ),
            (
                "derivation.shared_per_cpu_month",
                raw.derivation.shared_per_cpu_month,
            ),
            (
                "derivation.performance_per_cpu_month",
                raw.derivation.performance_per_cpu_month,
            ),
        ];
        for (name, value) in figures {
            check_figure(name, value)?;
        }
        if !(raw.period_hours.is_finite() && raw.period_hours > 0.0) {
            return Err(PriceError::Figure("period_hours".into()));
        }
        for (name, p) in &raw.presets {
            if !PRESETS.iter().any(|known| known.name == name) {
                return Err(PriceError::UnknownPreset(name.clone()));
            }
            check_figure(&format!("presets.{name}.monthly"), p.monthly)?;
        }
        for (i, p) in raw.published.iter().enumerate() {
            if !PRESETS.iter().any(|known| known.name == p.preset) {
                return Err(PriceError::UnknownPreset(p.preset.clone()));
            }
            check_figure(&format!("published[{i}].monthly"), p.monthly)?;
        }
        let presets = PRESETS
            .iter()
            .map(|preset| {
                let price = match raw.presets.get(preset.name) {
                    Some(p) => PresetPrice {
                        cpu_kind: preset.cpu_kind,
                        cpus: preset.cpus,
                        memory_mb: preset.memory_mb,
                        monthly: p.monthly,
                        derived: false,
                        source: p.source.clone(),
                    },
                    None => derive(preset, &raw.derivation),
                };
                (preset.name.to_owned(), price)
            })
            .collect();
        Ok(PriceTable {
            currency: raw.currency,
            as_of: raw.as_of,
            source: raw.source,
            note: raw.note,
            period_hours: raw.period_hours,
            rates: raw.rates,
            derivation: raw.derivation,
            presets,
            published: raw.published,
        })
    }

    /// The price of the preset with this CPU kind and count (GPU presets
    /// excluded), if there is one.
    pub fn preset_for(&self, kind: CpuKind, cpus: u32) -> Option<(&str, &PresetPrice)> {
        PRESETS
            .iter()
            .filter(|p| p.gpu_kind.is_none() && p.cpu_kind == kind && p.cpus == cpus)
            .find_map(|p| self.presets.get_key_value(p.name))
            .map(|(name, price)| (name.as_str(), price))
    }

    /// A table with the figures of the embedded file, for the (tested-away)
    /// case where the embedded file fails to parse.
    fn fallback() -> PriceTable {
        let derivation = Derivation {
            rule: "cpus x per-CPU price of the kind; memory above the preset at rates.memory_per_gb_month".into(),
            shared_per_cpu_month: 1.94,
            performance_per_cpu_month: 31.00,
        };
        let presets = PRESETS
            .iter()
            .map(|p| (p.name.to_owned(), derive(p, &derivation)))
            .collect();
        PriceTable {
            currency: "USD".into(),
            as_of: "2026-08-07".into(),
            source: vec![FALLBACK_SOURCE.into()],
            note: "Approximate; prices vary by region.".into(),
            period_hours: 730.0,
            rates: Rates {
                memory_per_gb_month: 5.00,
                volume_per_gb_month: 0.15,
                snapshot_per_gb_month: 0.08,
                snapshot_free_gb: 10.0,
                ipv4_dedicated_month: 2.00,
                stopped_rootfs_per_gb_month: 0.15,
            },
            derivation,
            presets,
            published: Vec::new(),
        }
    }
}

fn check_figure(name: &str, value: f64) -> Result<(), PriceError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(PriceError::Figure(name.to_owned()))
    }
}

fn derive(preset: &Preset, derivation: &Derivation) -> PresetPrice {
    PresetPrice {
        cpu_kind: preset.cpu_kind,
        cpus: preset.cpus,
        memory_mb: preset.memory_mb,
        monthly: round_cents(f64::from(preset.cpus) * derivation.per_cpu(preset.cpu_kind)),
        derived: true,
        source: None,
    }
}

/// Rounds to whole cents.
pub(crate) fn round_cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

static BUILTIN: LazyLock<PriceTable> = LazyLock::new(|| {
    PriceTable::from_toml(PRICING_TOML).unwrap_or_else(|_| PriceTable::fallback())
});

/// The embedded price table (`pricing.toml`), parsed once.
pub fn builtin_prices() -> &'static PriceTable {
    &BUILTIN
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn embedded_table_parses_and_covers_every_preset() {
        let t = PriceTable::from_toml(PRICING_TOML).unwrap();
        assert_eq!(t, *builtin_prices());
        assert_eq!(t.presets.len(), PRESETS.len());
        assert_eq!(t.currency, "USD");
        assert!(!t.source.is_empty() && !t.as_of.is_empty());
        assert!(t.note.contains("region"));
        let p = &t.presets["shared-cpu-1x"];
        assert_eq!((p.monthly, p.derived), (1.94, false));
        let p = &t.presets["shared-cpu-2x"];
        assert_eq!((p.monthly, p.derived), (3.88, true));
        let p = &t.presets["performance-16x"];
        assert_eq!((p.monthly, p.derived), (496.0, true));
    }

    #[test]
    fn rule_reproduces_every_published_figure() {
        let t = builtin_prices();
        // Published presets agree with the per-CPU rule exactly.
        for (name, p) in t.presets.iter().filter(|(_, p)| !p.derived) {
            let rule = f64::from(p.cpus) * t.derivation.per_cpu(p.cpu_kind);
            assert!(
                (rule - p.monthly).abs() < 0.005,
                "{name}: {rule} vs {}",
                p.monthly
            );
        }
        // Published extra-memory figures agree with preset + $/GB within 2 cents.
        assert!(!t.published.is_empty());
        for p in &t.published {
            let base = &t.presets[&p.preset];
            let extra_gb = (p.memory_mb - base.memory_mb) as f64 / 1024.0;
            let rule = base.monthly + extra_gb * t.rates.memory_per_gb_month;
            assert!(
                (rule - p.monthly).abs() <= 0.021,
                "{} {}MB: rule {rule} vs published {}",
                p.preset,
                p.memory_mb,
                p.monthly
            );
        }
    }

    #[test]
    fn bad_tables_are_errors() {
        let good = PRICING_TOML;
        let bad_preset = format!("{good}\n[presets.shared-cpu-3x]\nmonthly = 1.0\n");
        assert_eq!(
            PriceTable::from_toml(&bad_preset),
            Err(PriceError::UnknownPreset("shared-cpu-3x".into()))
        );
        let negative = good.replace("volume_per_gb_month = 0.15", "volume_per_gb_month = -1.0");
        assert_eq!(
            PriceTable::from_toml(&negative),
            Err(PriceError::Figure("rates.volume_per_gb_month".into()))
        );
        let unknown = good.replace("[rates]", "[rates]\nbogus = 1");
        assert!(matches!(
            PriceTable::from_toml(&unknown),
            Err(PriceError::Syntax(_))
        ));
        assert!(matches!(
            PriceTable::from_toml("not toml ["),
            Err(PriceError::Syntax(_))
        ));
    }

    #[test]
    fn fallback_matches_the_embedded_figures() {
        let f = PriceTable::fallback();
        let t = builtin_prices();
        assert_eq!(f.rates, t.rates);
        for (name, p) in &t.presets {
            assert_eq!(f.presets[name].monthly, p.monthly, "{name}");
        }
    }
}
