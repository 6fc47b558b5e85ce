//! Monthly cost estimate of a fly.toml: Machines, extra memory, volumes and a
//! dedicated IPv4, itemised per process group × region, priced from a
//! [`PriceTable`] (the embedded one is [`builtin_prices`]).
//!
//! What is counted, and how (every choice is also written into
//! [`CostEstimate::assumptions`]):
//!
//! - **Groups**: [`Config::process_groups`](crate::Config::process_groups)
//!   (`app` when there is no `[processes]`).
//! - **Machines per group and region**: [`CostInputs::machines`] if given, else
//!   the largest `min_machines_running` (> 0) of the services that route to the
//!   group, else 1. A service or mount without `processes` belongs to the
//!   default group, as in flyctl.
//! - **Regions**: [`CostInputs::regions`] if given, else `primary_region`.
//! - **Size**: the `[[vm]]` naming the group, else one without `processes`,
//!   resolved as flyctl's `computeToGuest` does: `size` (default
//!   `shared-cpu-1x`, `performance-8x` with a GPU), then `memory`, then
//!   `memory_mb`, `cpus` and `cpu_kind`. No `[[vm]]` means shared-cpu-1x
//!   with 256MB. The Machine is priced as the preset with that CPU kind and
//!   count, plus memory above the preset's at the per-GB rate.
//! - **Volumes**: the group's first `[[mounts]]` (`initial_size`, default
//!   1GB) on each of its Machines.
//! - **Dedicated IPv4**: when the services need one (flyctl's
//!   `DetermineIPType`: UDP, TCP ports other than 80/443, or non-standard
//!   handlers on 80/443), unless [`CostInputs::include_ipv4`] says otherwise.
//!   Shared IPv4 and IPv6 are free.
//! - Machines are assumed to run [`CostInputs::hours_per_month`] hours
//!   (730 = all month); volumes and IPs are billed while provisioned.

mod estimator;
mod prices;

pub use prices::{
    Derivation, PresetPrice, PriceError, PriceTable, PublishedPrice, Rates, builtin_prices,
};

use crate::Config;
use crate::model::values::{AutoStop, CpuKind, RegionStatus, VmSize, check_guest, region_status};
use crate::model::{Mount, Service, Vm};
use estimator::Estimator;
use prices::round_cents;
use serde::{Deserialize, Serialize};

/// A full month of running time, in hours.
pub const FULL_MONTH_HOURS: f64 = 730.0;

/// The longest month, in hours; [`CostInputs::hours_per_month`] is capped here.
const MAX_MONTH_HOURS: f64 = 744.0;

/// What the estimate cannot read from fly.toml. Deserialises from the
/// snake_case field names or their JavaScript (camelCase) spellings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CostInputs {
    /// Machines per process group per region, overriding `min_machines_running`.
    pub machines: Option<u32>,
    /// Regions to run every group in, overriding `primary_region`.
    pub regions: Option<Vec<String>>,
    /// Hours each Machine runs per month (default 730: all month). Values
    /// outside 0–744 (or not finite) are replaced, with an assumption saying so.
    #[serde(alias = "hoursPerMonth")]
    pub hours_per_month: f64,
    /// Force (`true`) or leave out (`false`) a dedicated IPv4; `None` adds one
    /// only when the services need it.
    #[serde(alias = "includeIpv4")]
    pub include_ipv4: Option<bool>,
}

impl Default for CostInputs {
    fn default() -> Self {
        CostInputs {
            machines: None,
            regions: None,
            hours_per_month: FULL_MONTH_HOURS,
            include_ipv4: None,
        }
    }
}

/// The estimate: what `flyconf cost --format json` and the bindings print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostEstimate {
    /// Currency of every figure (`USD`).
    pub currency: String,
    /// Sum of the items, rounded to cents.
    pub monthly_total: f64,
    /// One line per priced thing, per process group × region.
    pub items: Vec<LineItem>,
    /// Every assumption the figures rest on, in words.
    pub assumptions: Vec<String>,
    /// Where the prices come from.
    pub prices: PriceInfo,
}

/// What a line item prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// Machines at their preset's price.
    Machine,
    /// Memory above the preset's own.
    Memory,
    /// Volume storage.
    Volume,
    /// A dedicated IPv4 address.
    Ipv4,
}

/// One line of the estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineItem {
    /// What it prices.
    pub kind: ItemKind,
    /// In words, e.g. `shared-cpu-1x (1 shared vCPU, 256MB) in iad`.
    pub description: String,
    /// The process group (`null` for app-wide items such as the IPv4).
    pub group: Option<String>,
    /// The region (`null` for app-wide items, or when no region is known).
    pub region: Option<String>,
    /// How many units.
    pub quantity: f64,
    /// The unit: `machine`, `GB` or `address`.
    pub unit: String,
    /// Price per unit per month (for Machines and memory: for the hours run).
    pub unit_price: f64,
    /// `quantity × unit_price`, rounded to cents.
    pub monthly: f64,
    /// Whether the unit price comes from the derivation rule rather than a
    /// published figure.
    pub derived: bool,
}

/// Provenance of the prices used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceInfo {
    /// URLs and documents the figures come from.
    pub source: Vec<String>,
    /// When they were collected.
    pub as_of: String,
    /// Caveats (regional markup, approximation).
    pub note: String,
}

/// Estimates the monthly cost of running `config`.
pub fn estimate(config: &Config, prices: &PriceTable, inputs: &CostInputs) -> CostEstimate {
    let mut est = Estimator {
        config,
        prices,
        items: Vec::new(),
        notes: Vec::new(),
    };
    est.run(inputs);
    let total = round_cents(est.items.iter().map(|i| i.monthly).sum());
    CostEstimate {
        currency: prices.currency.clone(),
        monthly_total: if total == 0.0 { 0.0 } else { total },
        items: est.items,
        assumptions: est.notes,
        prices: PriceInfo {
            source: prices.source.clone(),
            as_of: prices.as_of.clone(),
            note: prices.note.clone(),
        },
    }
}

/// Whether a section with this `processes` list applies to `group`: listed
/// groups, or the default group when the list is empty (flyctl's flatten).
fn applies(processes: &[String], group: &str, default_group: &str) -> bool {
    if processes.is_empty() {
        group == default_group
    } else {
        processes.iter().any(|p| p == group)
    }
}

/// Why the services need a dedicated IPv4 (flyctl's `DetermineIPType`), if they do.
pub fn dedicated_ipv4_reason(config: &Config) -> Option<String> {
    for s in &config.services {
        let proto = s.protocol.as_deref().unwrap_or("tcp");
        if proto.eq_ignore_ascii_case("udp") {
            let port = s
                .ports
                .iter()
                .find_map(|p| p.port)
                .or(s.internal_port)
                .map_or_else(String::new, |p| format!(" on port {p}"));
            return Some(format!("a UDP service{port}"));
        }
        for p in &s.ports {
            let port = match (p.port, p.start_port, p.end_port) {
                (Some(port), _, _) => port,
                (None, start, end) => {
                    let (start, end) = (start.unwrap_or(0), end.unwrap_or(65535));
                    if start != end {
                        return Some(format!("TCP port range {start}-{end}"));
                    }
                    start
                }
            };
            let handlers: Vec<&str> = p.handlers.iter().map(String::as_str).collect();
            match port {
                80 if handlers == ["http"] => {}
                443 if handlers == ["http", "tls"] || handlers == ["tls", "http"] => {}
                80 | 443 => {
                    return Some(format!(
                        "port {port} with handlers [{}] rather than the standard HTTP(S) ones",
                        handlers.join(", ")
                    ));
                }
                other => return Some(format!("TCP port {other}")),
            }
        }
    }
    None
}

/// Unit prices keep sub-cent precision (4 decimals).
fn unit_price(x: f64) -> f64 {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r.is_finite() && r > 0.0 { r } else { 0.0 }
}

fn money(x: f64) -> String {
    format!("${x:.2}")
}

/// A number without a useless `.0`.
fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests;
