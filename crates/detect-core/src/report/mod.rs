//! What a scan found: a borrowed, allocation-free [`Report`] over the
//! scratch space, and the owned, serializable [`DetectionReport`] that
//! every front-end prints (the CLI's `--format json`, the bindings).

mod compat;
mod view;

pub use compat::{CompatReport, CompatSingle, CompatTool, CompatView};
pub use view::{EvidenceView, Report, ToolFilter, ToolView};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::scan::ScanStats;

/// The JSON answer of `flyconf detect`: a superset of the upstream
/// detector's all-tools object, plus evidence, locations and frameworks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetectionReport {
    /// Whether any deployment tool reached its threshold.
    pub detected: bool,
    /// Detected tools, best first.
    pub tools: Vec<ToolResult>,
    /// Every analysed tool, best first (ties keep pattern-file order).
    pub all_results: Vec<ToolResult>,
    /// Counts and the threshold used.
    pub detection_summary: DetectionSummary,
    /// Timing and what the scan touched.
    pub performance: Performance,
    /// Detected app frameworks, best first; empty when none.
    pub frameworks: Vec<FrameworkResult>,
}

/// One tool's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolResult {
    /// Tool id, e.g. `flyio`.
    pub tool: String,
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Confidence in `0..=1` (the upstream formula, unrounded).
    pub confidence: f64,
    /// Each signal and whether it fired, in pattern-file order.
    pub signals: IndexMap<String, bool>,
    /// How many signals fired.
    pub signal_count: u32,
    /// Whether a fired signal has weight ≥ 0.7 (upstream field).
    pub high_confidence: bool,
    /// Where the signals fired (up to 16 per signal, in walk order).
    pub evidence: Vec<Evidence>,
    /// Directories the tool was found in (`.` is the root).
    pub locations: Vec<String>,
}

/// The JSON answer of `flyconf detect --tool ID`: one tool's (or
/// framework's) result, a superset of the upstream single-tool object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SingleToolReport {
    /// Whether it reached the threshold.
    pub detected: bool,
    /// The id.
    pub tool: String,
    /// `tools` or `frameworks`.
    pub kind: crate::SetKind,
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Confidence in `0..=1`.
    pub confidence: f64,
    /// Each signal and whether it fired, in pattern-file order.
    pub signals: IndexMap<String, bool>,
    /// How many signals fired.
    pub signal_count: u32,
    /// Whether a fired signal has weight ≥ 0.7.
    pub high_confidence: bool,
    /// Where the signals fired.
    pub evidence: Vec<Evidence>,
    /// Directories it was found in.
    pub locations: Vec<String>,
    /// The more specific detected framework that outranks this one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub superseded_by: Option<String>,
    /// The threshold used.
    pub minimum_confidence: f64,
    /// Timing and scan statistics.
    pub performance: Performance,
}

/// One detected framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkResult {
    /// Framework id, e.g. `django`.
    pub framework: String,
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Confidence in `0..=1`.
    pub confidence: f64,
    /// Each signal and whether it fired, in pattern-file order.
    pub signals: IndexMap<String, bool>,
    /// How many signals fired.
    pub signal_count: u32,
    /// Where the signals fired.
    pub evidence: Vec<Evidence>,
    /// Directories the framework was found in (`.` is the root).
    pub locations: Vec<String>,
    /// The more specific framework that outranks this one, if any (e.g.
    /// `express` is superseded by `nestjs`, which is built on it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub superseded_by: Option<String>,
}

/// One place a signal fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The signal key.
    pub signal: String,
    /// Path relative to the project root.
    pub path: String,
    /// 1-based line of the match; `null` when the path alone fired.
    pub line: Option<u32>,
    /// The matching line, trimmed, at most ~120 characters, with secret
    /// values replaced by `<redacted>`; `null` when the path alone fired.
    pub excerpt: Option<String>,
}

/// The upstream `detection_summary` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetectionSummary {
    /// How many tools were analysed (after `--tools` filtering).
    pub total_analyzed: u32,
    /// How many reached the threshold.
    pub detected_count: u32,
    /// The threshold used.
    pub minimum_confidence: f64,
}

/// Timing and scan statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Performance {
    /// Wall time of the scan in milliseconds (0 where no clock is available).
    pub detection_time_ms: f64,
    /// Entries (files and directories) visited.
    pub entries_scanned: u32,
    /// Files whose content was read.
    pub files_read: u32,
    /// Bytes read from those files.
    pub bytes_read: u64,
    /// Entries skipped as unreadable or binary.
    pub skipped: u32,
    /// Whether the walk stopped at its entry cap (results may be partial).
    pub truncated: bool,
}

impl Performance {
    /// Builds the object from a scan's statistics and its wall time.
    #[must_use]
    pub fn new(stats: &ScanStats, detection_time_ms: f64) -> Self {
        Performance {
            detection_time_ms,
            entries_scanned: stats.entries,
            files_read: stats.files_read,
            bytes_read: stats.bytes_read,
            skipped: stats.unreadable + stats.binary_skipped,
            truncated: stats.truncated,
        }
    }
}
