//! The upstream detector's exact output shapes (`--compat fortium`): same
//! keys, same key order, same numbers. Nothing here is in the default
//! output that upstream does not print.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::view::{Report, ToolFilter, ToolView};

/// `detectTooling()` / `node detect-tooling.js <dir>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompatReport {
    /// Whether any tool reached the threshold.
    pub detected: bool,
    /// Detected tools, best first.
    pub tools: Vec<CompatTool>,
    /// Every analysed tool, best first, ties in pattern-file order.
    pub all_results: Vec<CompatTool>,
    /// Counts and the threshold used.
    pub detection_summary: super::DetectionSummary,
    /// The CLI adds this; the module API does not.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub performance: Option<CompatPerformance>,
}

/// Upstream's `ToolResult`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompatTool {
    /// Tool id.
    pub tool: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Confidence, unrounded.
    pub confidence: f64,
    /// Signal key → fired, in file order.
    pub signals: IndexMap<String, bool>,
    /// Fired signals.
    pub signal_count: u32,
    /// A fired signal has weight ≥ 0.7.
    pub high_confidence: bool,
}

/// `detectTool()` / `node detect-tooling.js <dir> --tool <name>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompatSingle {
    /// Whether the tool reached the threshold.
    pub detected: bool,
    /// Tool id.
    pub tool: String,
    /// Display name.
    pub name: String,
    /// Confidence, unrounded.
    pub confidence: f64,
    /// Signal key → fired, in file order.
    pub signals: IndexMap<String, bool>,
    /// Fired signals.
    pub signal_count: u32,
    /// The CLI adds this; the module API does not.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub performance: Option<CompatPerformance>,
}

/// Upstream's `performance` object: whole milliseconds, as `Date.now()`
/// differences are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompatPerformance {
    /// Elapsed whole milliseconds.
    pub detection_time_ms: u64,
}

impl ToolView<'_> {
    fn to_compat(self) -> CompatTool {
        CompatTool {
            tool: self.id().to_owned(),
            name: self.name().to_owned(),
            description: self.description().to_owned(),
            confidence: self.confidence(),
            signals: self.signal_map(),
            signal_count: self.signal_count(),
            high_confidence: self.high_confidence(),
        }
    }
}

impl Report<'_> {
    /// The upstream all-tools object. `detection_time_ms` is `None` for the
    /// module API, which prints no `performance` key.
    #[must_use]
    pub fn to_compat(
        &self,
        filter: Option<&ToolFilter>,
        detection_time_ms: Option<u64>,
    ) -> CompatReport {
        let (all_results, tools, detection_summary) = self.split_tools(filter, |t| t.to_compat());
        CompatReport {
            detected: !tools.is_empty(),
            detection_summary,
            tools,
            all_results,
            performance: detection_time_ms
                .map(|detection_time_ms| CompatPerformance { detection_time_ms }),
        }
    }

    /// The upstream single-tool object, or `None` when `tool` (lower-cased,
    /// as upstream does) names no loaded tool; upstream then throws.
    #[must_use]
    pub fn to_compat_single(
        &self,
        tool: &str,
        detection_time_ms: Option<u64>,
    ) -> Option<CompatSingle> {
        let t = self.get(&tool.to_lowercase())?;
        Some(CompatSingle {
            detected: t.detected(),
            tool: t.id().to_owned(),
            name: t.name().to_owned(),
            confidence: t.confidence(),
            signals: t.signal_map(),
            signal_count: t.signal_count(),
            performance: detection_time_ms
                .map(|detection_time_ms| CompatPerformance { detection_time_ms }),
        })
    }
}
