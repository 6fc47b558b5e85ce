//! The borrowed result of a scan. Reading it does not allocate; turning it
//! into a [`DetectionReport`] does.

use indexmap::IndexMap;

use super::{
    DetectionReport, DetectionSummary, Evidence, FrameworkResult, Performance, SingleToolReport,
    ToolResult,
};
use crate::compile::{Detector, ToolInfo};
use crate::patterns::SetKind;
use crate::scan::{DetectOptions, EngineScratch, EvidenceRec, ScanStats};
use crate::{Error, error::closest};

/// A signal fires with "high confidence" when its weight is at least this
/// (upstream's `high_confidence` field).
const HIGH_CONFIDENCE_WEIGHT: f64 = 0.7;

/// The result of one scan, borrowed from the scratch space it was written
/// to. It lives until the scratch space is used again.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    det: &'a Detector,
    s: &'a EngineScratch,
    options: DetectOptions,
}

/// One tool's (or framework's) result.
#[derive(Debug, Clone, Copy)]
pub struct ToolView<'a> {
    det: &'a Detector,
    s: &'a EngineScratch,
    idx: usize,
}

/// One piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceView<'a> {
    /// The signal key.
    pub signal: &'a str,
    /// Path relative to the project root.
    pub path: &'a str,
    /// 1-based line of the match; `None` when the path alone fired.
    pub line: Option<u32>,
    /// The redacted, trimmed matching line; `None` when the path alone fired.
    pub excerpt: Option<&'a str>,
}

/// Which tools a report includes (`--tools a,b`). Within each kind (tools,
/// frameworks) a filter that names none of that kind's ids keeps them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolFilter {
    keep: Vec<bool>,
}

impl ToolFilter {
    pub(crate) fn keeps(&self, idx: usize) -> bool {
        self.keep.get(idx).copied().unwrap_or(true)
    }
}

impl Detector {
    /// Resolves tool or framework ids into a filter.
    ///
    /// # Errors
    /// With `strict`, [`Error::UnknownTool`] for an id no pattern file
    /// defines (with the closest known id); without it, unknown ids are
    /// dropped, as the upstream CLI does.
    pub fn filter<S: AsRef<str>>(&self, ids: &[S], strict: bool) -> Result<ToolFilter, Error> {
        let mut named = vec![false; self.tools.len()];
        for id in ids {
            let id = id.as_ref().trim();
            match self.tools.iter().position(|t| t.id == id) {
                Some(i) => named[i] = true,
                None if strict => return Err(self.unknown_tool(id)),
                None => {}
            }
        }
        let kind_named = |k: SetKind| {
            self.tools
                .iter()
                .zip(&named)
                .any(|(t, n)| *n && t.kind == k)
        };
        let (tools_named, frameworks_named) =
            (kind_named(SetKind::Tools), kind_named(SetKind::Frameworks));
        let keep = self
            .tools
            .iter()
            .zip(named)
            .map(|(t, n)| {
                n || !(if t.kind == SetKind::Tools {
                    tools_named
                } else {
                    frameworks_named
                })
            })
            .collect();
        Ok(ToolFilter { keep })
    }

    /// The error for an id that is not defined.
    pub(crate) fn unknown_tool(&self, id: &str) -> Error {
        let known: Vec<String> = self.tools.iter().map(|t| t.id.clone()).collect();
        Error::UnknownTool {
            name: id.to_owned(),
            closest: closest(id, known.iter().map(String::as_str)).map(str::to_owned),
            known,
        }
    }

    /// Whether `id` names a loaded tool or framework.
    #[must_use]
    pub fn has_tool(&self, id: &str) -> bool {
        self.tools.iter().any(|t| t.id == id)
    }
}

impl<'a> Report<'a> {
    pub(crate) fn new(det: &'a Detector, s: &'a EngineScratch, options: DetectOptions) -> Self {
        Report { det, s, options }
    }

    /// What the scan touched.
    #[must_use]
    pub fn stats(&self) -> ScanStats {
        self.s.stats
    }

    /// The threshold that decided detection (the override, or the first
    /// tool pattern file's `minimum_confidence`).
    #[must_use]
    pub fn minimum_confidence(&self) -> f64 {
        self.options.min_confidence.unwrap_or_else(|| {
            self.det
                .sets
                .iter()
                .find(|s| s.kind == SetKind::Tools)
                .map_or(0.7, |s| s.minimum_confidence)
        })
    }

    /// Every tool of `kind`, best first.
    pub fn results(&self, kind: SetKind) -> impl Iterator<Item = ToolView<'a>> + 'a {
        let (det, s) = (self.det, self.s);
        s.order
            .iter()
            .map(|&i| i as usize)
            .filter(move |&i| det.tools[i].kind == kind)
            .map(move |idx| ToolView { det, s, idx })
    }

    /// Deployment tools, best first (all analysed, detected or not).
    pub fn tools(&self) -> impl Iterator<Item = ToolView<'a>> + 'a {
        self.results(SetKind::Tools)
    }

    /// Detected frameworks, best first (a framework outranked by a more
    /// specific one comes after it).
    pub fn frameworks(&self) -> impl Iterator<Item = ToolView<'a>> + 'a {
        self.results(SetKind::Frameworks).filter(ToolView::detected)
    }

    /// The result for one id, of either kind.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<ToolView<'a>> {
        self.det
            .tools
            .iter()
            .position(|t| t.id == id)
            .map(|idx| ToolView {
                det: self.det,
                s: self.s,
                idx,
            })
    }

    /// The owned report every front-end prints.
    #[must_use]
    pub fn to_detection(
        &self,
        filter: Option<&ToolFilter>,
        detection_time_ms: f64,
    ) -> DetectionReport {
        let (all_results, tools, detection_summary) = self.split_tools(filter, |t| t.to_result());
        let frameworks = self
            .frameworks()
            .filter(|t| t.kept_by(filter))
            .map(|t| t.to_framework())
            .collect();
        DetectionReport {
            detected: !tools.is_empty(),
            detection_summary,
            tools,
            all_results,
            performance: Performance::new(&self.s.stats, detection_time_ms),
            frameworks,
        }
    }
}

impl Report<'_> {
    /// The tools `filter` keeps, each converted once by `convert`: all of
    /// them, the detected ones, and the upstream summary of both.
    pub(crate) fn split_tools<T: Clone>(
        &self,
        filter: Option<&ToolFilter>,
        convert: impl Fn(&ToolView<'_>) -> T,
    ) -> (Vec<T>, Vec<T>, DetectionSummary) {
        let mut all = Vec::new();
        let mut detected = Vec::new();
        for t in self.tools().filter(|t| t.kept_by(filter)) {
            let converted = convert(&t);
            if t.detected() {
                detected.push(converted.clone());
            }
            all.push(converted);
        }
        let summary = DetectionSummary {
            total_analyzed: u32::try_from(all.len()).unwrap_or(u32::MAX),
            detected_count: u32::try_from(detected.len()).unwrap_or(u32::MAX),
            minimum_confidence: self.minimum_confidence(),
        };
        (all, detected, summary)
    }

    /// The owned single-tool report for `id`, or `None` if no pattern file
    /// defines it.
    #[must_use]
    pub fn to_single(&self, id: &str, detection_time_ms: f64) -> Option<SingleToolReport> {
        let t = self.get(id)?;
        Some(SingleToolReport {
            detected: t.detected(),
            tool: t.id().to_owned(),
            kind: t.kind(),
            name: t.name().to_owned(),
            description: t.description().to_owned(),
            confidence: t.confidence(),
            signals: t.signal_map(),
            signal_count: t.signal_count(),
            high_confidence: t.high_confidence(),
            evidence: t.evidence_list(),
            locations: t.locations(),
            superseded_by: t.superseded_by().map(str::to_owned),
            minimum_confidence: self.minimum_confidence(),
            performance: Performance::new(&self.s.stats, detection_time_ms),
        })
    }
}

impl<'a> ToolView<'a> {
    fn info(&self) -> &'a ToolInfo {
        &self.det.tools[self.idx]
    }

    /// Whether `filter` (none: every tool) keeps this tool.
    pub(crate) fn kept_by(&self, filter: Option<&ToolFilter>) -> bool {
        filter.is_none_or(|f| f.keeps(self.idx))
    }

    /// The id, e.g. `flyio`.
    #[must_use]
    pub fn id(&self) -> &'a str {
        &self.info().id
    }

    /// Display name.
    #[must_use]
    pub fn name(&self) -> &'a str {
        &self.info().name
    }

    /// One-line description.
    #[must_use]
    pub fn description(&self) -> &'a str {
        &self.info().description
    }

    /// Tool or framework.
    #[must_use]
    pub fn kind(&self) -> SetKind {
        self.info().kind
    }

    /// Confidence in `0..=1`.
    #[must_use]
    pub fn confidence(&self) -> f64 {
        self.s.scores[self.idx]
    }

    /// Whether the confidence reached the threshold.
    #[must_use]
    pub fn detected(&self) -> bool {
        self.s.detected[self.idx]
    }

    /// How many signals fired.
    #[must_use]
    pub fn signal_count(&self) -> u32 {
        self.s.counts[self.idx]
    }

    /// The more specific detected framework that outranks this one.
    #[must_use]
    pub fn superseded_by(&self) -> Option<&'a str> {
        self.s.superseded_by[self.idx].map(|t| self.det.tools[t as usize].id.as_str())
    }

    /// Each signal's key and whether it fired, in pattern-file order.
    pub fn signals(&self) -> impl Iterator<Item = (&'a str, bool)> + 'a {
        let (det, s) = (self.det, self.s);
        self.info()
            .signals
            .clone()
            .map(move |i| (det.signals[i as usize].key.as_str(), s.fired[i as usize]))
    }

    /// Whether a fired signal has weight ≥ 0.7.
    #[must_use]
    pub fn high_confidence(&self) -> bool {
        self.info().signals.clone().any(|i| {
            self.s.fired[i as usize]
                && self.det.signals[i as usize].weight >= HIGH_CONFIDENCE_WEIGHT
        })
    }

    /// Where the tool's signals fired, in walk order.
    pub fn evidence(&self) -> impl Iterator<Item = EvidenceView<'a>> + 'a {
        let (det, s, range) = (self.det, self.s, self.info().signals.clone());
        s.evidence
            .recs
            .iter()
            .filter(move |r| range.contains(&r.signal))
            .map(move |r| view(det, s, r))
    }

    /// Directories the tool was found in: where its highest-weight signal
    /// fired, or, if it did not, where any signal fired.
    #[must_use]
    pub fn locations(&self) -> Vec<String> {
        let primary = self.info().primary;
        let from_primary = self.s.fired[primary as usize];
        let mut out: Vec<String> = Vec::new();
        for e in self.evidence() {
            if from_primary && e.signal != self.det.signals[primary as usize].key {
                continue;
            }
            let dir = e.path.rfind('/').map_or(".", |i| &e.path[..i]);
            if !out.iter().any(|d| d == dir) {
                out.push(dir.to_owned());
            }
        }
        out
    }

    pub(crate) fn signal_map(&self) -> IndexMap<String, bool> {
        self.signals().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    fn evidence_list(&self) -> Vec<Evidence> {
        self.evidence()
            .map(|e| Evidence {
                signal: e.signal.to_owned(),
                path: e.path.to_owned(),
                line: e.line,
                excerpt: e.excerpt.map(str::to_owned),
            })
            .collect()
    }

    /// The owned tool result.
    #[must_use]
    pub fn to_result(&self) -> ToolResult {
        ToolResult {
            tool: self.id().to_owned(),
            name: self.name().to_owned(),
            description: self.description().to_owned(),
            confidence: self.confidence(),
            signals: self.signal_map(),
            signal_count: self.signal_count(),
            high_confidence: self.high_confidence(),
            evidence: self.evidence_list(),
            locations: self.locations(),
        }
    }

    /// The owned framework result.
    #[must_use]
    pub fn to_framework(&self) -> FrameworkResult {
        FrameworkResult {
            framework: self.id().to_owned(),
            name: self.name().to_owned(),
            description: self.description().to_owned(),
            confidence: self.confidence(),
            signals: self.signal_map(),
            signal_count: self.signal_count(),
            evidence: self.evidence_list(),
            locations: self.locations(),
            superseded_by: self.superseded_by().map(str::to_owned),
        }
    }
}

fn view<'a>(det: &'a Detector, s: &'a EngineScratch, r: &EvidenceRec) -> EvidenceView<'a> {
    EvidenceView {
        signal: &det.signals[r.signal as usize].key,
        path: s.evidence.str(r.path),
        line: (r.line > 0).then_some(r.line),
        excerpt: (r.line > 0).then(|| s.evidence.str(r.excerpt)),
    }
}
