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

/// The upstream all-tools object read straight from a [`Report`]: it
/// serialises to exactly the JSON of [`Report::to_compat`]'s
/// [`CompatReport`] without building one (no owned strings, maps or
/// clones), for callers that only print or hand on the JSON.
#[derive(Debug, Clone, Copy)]
pub struct CompatView<'r, 'a> {
    report: &'r Report<'a>,
    filter: Option<&'r ToolFilter>,
    detection_time_ms: Option<u64>,
}

impl<'a> Report<'a> {
    /// The borrowed form of [`Report::to_compat`] (same arguments, same JSON).
    #[must_use]
    pub fn compat_view<'r>(
        &'r self,
        filter: Option<&'r ToolFilter>,
        detection_time_ms: Option<u64>,
    ) -> CompatView<'r, 'a> {
        CompatView {
            report: self,
            filter,
            detection_time_ms,
        }
    }
}

impl<'a> CompatView<'_, 'a> {
    fn tools(&self) -> impl Iterator<Item = ToolView<'a>> + '_ {
        self.report.tools().filter(|t| t.kept_by(self.filter))
    }
}

impl Serialize for CompatView<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let total = self.tools().count();
        let detected = self.tools().filter(ToolView::detected).count();
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut st = s.serialize_struct(
            "CompatReport",
            4 + usize::from(self.detection_time_ms.is_some()),
        )?;
        st.serialize_field("detected", &(detected > 0))?;
        st.serialize_field("tools", &ToolSeq(self, true))?;
        st.serialize_field("all_results", &ToolSeq(self, false))?;
        st.serialize_field(
            "detection_summary",
            &super::DetectionSummary {
                total_analyzed: count(total),
                detected_count: count(detected),
                minimum_confidence: self.report.minimum_confidence(),
            },
        )?;
        if let Some(detection_time_ms) = self.detection_time_ms {
            st.serialize_field("performance", &CompatPerformance { detection_time_ms })?;
        }
        st.end()
    }
}

/// The kept tools (only the detected ones when `.1`), as upstream's
/// `ToolResult`s.
struct ToolSeq<'v, 'r, 'a>(&'v CompatView<'r, 'a>, bool);

impl Serialize for ToolSeq<'_, '_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let only_detected = self.1;
        s.collect_seq(
            self.0
                .tools()
                .filter(|t| !only_detected || t.detected())
                .map(CompatToolView),
        )
    }
}

/// One `ToolResult`, borrowed.
struct CompatToolView<'a>(ToolView<'a>);

impl Serialize for CompatToolView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let t = &self.0;
        let mut st = s.serialize_struct("CompatTool", 7)?;
        st.serialize_field("tool", t.id())?;
        st.serialize_field("name", t.name())?;
        st.serialize_field("description", t.description())?;
        st.serialize_field("confidence", &t.confidence())?;
        st.serialize_field("signals", &SignalsView(*t))?;
        st.serialize_field("signal_count", &t.signal_count())?;
        st.serialize_field("high_confidence", &t.high_confidence())?;
        st.end()
    }
}

/// Signal key → fired, in pattern-file order.
struct SignalsView<'a>(ToolView<'a>);

impl Serialize for SignalsView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.signals())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::{DetectOptions, DetectorBuilder, MemoryProject, Mode, builtin};

    /// The borrowed view prints byte for byte what the owned report does.
    #[test]
    fn the_view_serialises_as_the_owned_report() {
        let detector = DetectorBuilder::new()
            .mode(Mode::Fortium)
            .patterns(builtin::tooling().unwrap())
            .build()
            .unwrap();
        let projects: [&[(&str, &str)]; 4] = [
            &[],
            &[
                ("fly.toml", "app = \"x\"\n"),
                ("Dockerfile", "FROM node:20\n"),
            ],
            &[
                ("Chart.yaml", "apiVersion: v2\nname: web\n"),
                ("templates/deploy.yaml", "kind: Deployment\n"),
                ("k8s/svc.yaml", "apiVersion: v1\nkind: Service\n"),
            ],
            &[
                ("main.tf", "provider \"fly\" {}\n"),
                ("fly.toml", "app = \"y\"\n"),
            ],
        ];
        let filter = detector.filter(&["helm", "flyio"], false).unwrap();
        let mut scratch = detector.scratch();
        let mut detected = 0;
        for files in projects {
            let project = MemoryProject::from_files(files.iter().copied()).unwrap();
            for min in [None, Some(0.1), Some(1.0)] {
                let options = DetectOptions {
                    min_confidence: min,
                };
                let report = detector.detect(&project, &mut scratch, &options).unwrap();
                for (f, ms) in [(None, None), (Some(&filter), Some(3))] {
                    let owned = serde_json::to_string(&report.to_compat(f, ms)).unwrap();
                    let view = serde_json::to_string(&report.compat_view(f, ms)).unwrap();
                    assert_eq!(view, owned);
                    detected += usize::from(report.to_compat(f, ms).detected);
                }
            }
        }
        assert!(detected > 4, "the projects must detect something");
    }
}
