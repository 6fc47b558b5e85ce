//! Scanning a project with a compiled [`Detector`]: one walk, one path
//! search per entry, at most one read per file, one content search per
//! file class, all in a reusable [`Scratch`].
//!
//! Once a scratch space has grown to fit a project (its first scan), a scan
//! of an in-memory project performs no heap allocation at all; the
//! `zero_alloc` integration test proves it with a counting allocator.

mod evidence;
mod redact;

pub(crate) use evidence::{EvidenceRec, EvidenceStore};

use crate::compile::{ClassState, Detector};
use crate::report::Report;
use crate::score::confidence;
use crate::source::{Content, Entry, Source, Visitor, WalkScratch};
use crate::{Error, Mode};

/// Buffers reused across scans: regex caches, pattern sets, evidence, the
/// walk's path and read buffers. Create one per thread with
/// [`Detector::scratch`]; a scratch made for another detector is rebuilt
/// on first use.
#[derive(Debug)]
pub struct Scratch {
    pub(crate) walk: WalkScratch,
    pub(crate) engine: EngineScratch,
}

impl Scratch {
    /// Whether this scratch was made for `detector` (so a scan with it
    /// reuses its caches instead of rebuilding them). Lets a caller keep
    /// one scratch per detector, e.g. in a small per-thread pool.
    #[must_use]
    pub fn belongs_to(&self, detector: &Detector) -> bool {
        self.engine.detector_id == detector.id
    }
}

#[derive(Debug)]
pub(crate) struct EngineScratch {
    detector_id: u64,
    path_hits: Vec<u32>,
    lower: String,
    /// Per selector: 0 untouched, 1 matched, 2 excluded.
    sel_state: Vec<u8>,
    touched: Vec<u32>,
    /// Per selector with content patterns: its automaton cache and last
    /// result, created the first time a file of that class is read.
    class_states: Vec<Option<ClassState>>,
    pub(crate) fired: Vec<bool>,
    pub(crate) evidence: EvidenceStore,
    pub(crate) scores: Vec<f64>,
    pub(crate) counts: Vec<u32>,
    pub(crate) detected: Vec<bool>,
    pub(crate) superseded_by: Vec<Option<u32>>,
    /// Tool indices, best first within each kind.
    pub(crate) order: Vec<u32>,
    pub(crate) stats: ScanStats,
}

/// What a scan touched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScanStats {
    /// Entries (files and directories) visited.
    pub entries: u32,
    /// Files whose content was read.
    pub files_read: u32,
    /// Bytes read from those files.
    pub bytes_read: u64,
    /// Files skipped because they look binary (default mode).
    pub binary_skipped: u32,
    /// Entries that could not be read.
    pub unreadable: u32,
    /// Whether the walk stopped at its entry cap.
    pub truncated: bool,
}

/// Per-scan options that do not change the compiled detector.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DetectOptions {
    /// Overrides every pattern file's `minimum_confidence`.
    pub min_confidence: Option<f64>,
}

impl Detector {
    /// A scratch space sized for this detector.
    #[must_use]
    pub fn scratch(&self) -> Scratch {
        let signals = self.signals.len();
        let tools = self.tools.len();
        Scratch {
            walk: WalkScratch::default(),
            engine: EngineScratch {
                detector_id: self.id,
                path_hits: Vec::with_capacity(self.paths.metas.len()),
                lower: String::with_capacity(256),
                sel_state: vec![0; self.selectors.len()],
                touched: Vec::with_capacity(self.selectors.len()),
                class_states: (0..self.selectors.len()).map(|_| None).collect(),
                fired: vec![false; signals],
                evidence: EvidenceStore::new(signals, self.evidence_per_signal),
                scores: vec![0.0; tools],
                counts: vec![0; tools],
                detected: vec![false; tools],
                superseded_by: vec![None; tools],
                order: (0..u32::try_from(tools).unwrap_or(u32::MAX)).collect(),
                stats: ScanStats::default(),
            },
        }
    }

    /// Scans `source` and scores every tool.
    ///
    /// With an in-memory source and a scratch space that has already seen
    /// a project of this size, this performs no heap allocation.
    ///
    /// # Errors
    /// Only when the source's root cannot be read.
    pub fn detect<'a, S: Source + ?Sized>(
        &'a self,
        source: &S,
        scratch: &'a mut Scratch,
        options: &DetectOptions,
    ) -> Result<Report<'a>, Error> {
        if scratch.engine.detector_id != self.id {
            *scratch = self.scratch();
        }
        let engine = &mut scratch.engine;
        engine.fired.fill(false);
        engine.evidence.reset();
        engine.stats = ScanStats::default();
        let walk_stats = source.walk(
            &self.walk,
            &mut scratch.walk,
            &mut Scan {
                det: self,
                s: engine,
            },
        )?;
        engine.stats.entries = walk_stats.entries;
        engine.stats.unreadable = walk_stats.unreadable;
        engine.stats.truncated = walk_stats.truncated;
        self.score(engine, options);
        Ok(Report::new(self, &scratch.engine, *options))
    }

    /// The paths of `source` whose contents a scan reads; every other
    /// entry is judged by its path alone. A host that must fetch files
    /// itself (a browser reading a dropped folder) can list the paths as an
    /// in-memory project with empty contents, ask this, and then read and
    /// pass only these files. The answer is a superset: with empty contents
    /// no content signal fires, so no class stops reading early.
    ///
    /// # Errors
    /// Only when the source's root cannot be read.
    pub fn content_paths<S: Source + ?Sized>(&self, source: &S) -> Result<Vec<String>, Error> {
        let mut scratch = self.scratch();
        let mut recorder = ReadRecorder {
            scan: Scan {
                det: self,
                s: &mut scratch.engine,
            },
            read: Vec::new(),
        };
        source.walk(&self.walk, &mut scratch.walk, &mut recorder)?;
        Ok(recorder.read)
    }

    /// Scores, decides detection and supersession, and orders the tools.
    fn score(&self, s: &mut EngineScratch, options: &DetectOptions) {
        for (t, tool) in self.tools.iter().enumerate() {
            let set = &self.sets[tool.set as usize];
            let signals = tool
                .signals
                .clone()
                .map(|i| (self.signals[i as usize].weight, s.fired[i as usize]));
            let (conf, count) = confidence(signals, tool.boost, tool.minimum_signals_for_boost);
            s.scores[t] = conf;
            s.counts[t] = count;
            s.detected[t] = conf >= options.min_confidence.unwrap_or(set.minimum_confidence);
            s.superseded_by[t] = None;
        }
        for (t, tool) in self.tools.iter().enumerate() {
            if s.detected[t] {
                for &u in &tool.supersedes {
                    if s.superseded_by[u as usize].is_none() {
                        s.superseded_by[u as usize] = Some(u32::try_from(t).unwrap_or(u32::MAX));
                    }
                }
            }
        }
        let (scores, superseded, tools) = (&s.scores, &s.superseded_by, &self.tools);
        // Unstable sort with the index as the last key: a stable order
        // (upstream's `Array.prototype.sort`) without a merge buffer.
        s.order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (tools[a].kind as u8)
                .cmp(&(tools[b].kind as u8))
                .then(superseded[a].is_some().cmp(&superseded[b].is_some()))
                .then(tools[a].fallback.cmp(&tools[b].fallback))
                .then(scores[b].total_cmp(&scores[a]))
                .then(a.cmp(&b))
        });
    }
}

struct Scan<'a> {
    det: &'a Detector,
    s: &'a mut EngineScratch,
}

impl Visitor for Scan<'_> {
    fn visit(&mut self, entry: &Entry<'_>, content: &mut dyn Content) {
        let (det, s) = (self.det, &mut *self.s);
        s.evidence.next_entry();
        det.paths
            .matches(entry.path, &mut s.lower, &mut s.path_hits);
        if s.path_hits.is_empty() {
            return;
        }
        for &pid in &s.path_hits {
            let meta = &det.paths.metas[pid as usize];
            if !meta.accepts(entry, det.mode) {
                continue;
            }
            let sel = meta.selector as usize;
            if s.sel_state[sel] == 0 {
                s.touched.push(meta.selector);
            }
            s.sel_state[sel] = if meta.exclude {
                2
            } else {
                s.sel_state[sel].max(1)
            };
        }
        let mut wants_content = false;
        for &sel in &s.touched {
            let info = &det.selectors[sel as usize];
            if s.sel_state[sel as usize] != 1 || entry.depth > info.max_depth {
                s.sel_state[sel as usize] = 0;
                continue;
            }
            for &sig in &info.signals {
                s.fired[sig as usize] = true;
                s.evidence.add_path(sig, entry.path);
            }
            match &info.class {
                Some(class)
                    if class
                        .members
                        .iter()
                        .any(|m| !(s.fired[m.signal as usize] && s.evidence.is_full(m.signal))) =>
                {
                    wants_content = true;
                }
                _ => s.sel_state[sel as usize] = 0,
            }
        }
        if wants_content && let Some(bytes) = content.read() {
            s.stats.files_read += 1;
            s.stats.bytes_read += bytes.len() as u64;
            if det.mode == Mode::Default && looks_binary(bytes) {
                s.stats.binary_skipped += 1;
            } else {
                search_classes(det, s, entry.path, bytes);
            }
        }
        for &sel in &s.touched {
            s.sel_state[sel as usize] = 0;
        }
        s.touched.clear();
    }
}

/// A scan that notes which entries it read.
struct ReadRecorder<'a> {
    scan: Scan<'a>,
    read: Vec<String>,
}

/// Content that notes whether it was read.
struct Noted<'c> {
    inner: &'c mut dyn Content,
    read: bool,
}

impl Content for Noted<'_> {
    fn read(&mut self) -> Option<&[u8]> {
        self.read = true;
        self.inner.read()
    }
}

impl Visitor for ReadRecorder<'_> {
    fn visit(&mut self, entry: &Entry<'_>, content: &mut dyn Content) {
        let mut noted = Noted {
            inner: content,
            read: false,
        };
        self.scan.visit(entry, &mut noted);
        if noted.read {
            self.read.push(entry.path.to_owned());
        }
    }
}

/// Runs every class the entry selected (those still marked 1) over its
/// content.
fn search_classes(det: &Detector, s: &mut EngineScratch, path: &str, bytes: &[u8]) {
    for i in 0..s.touched.len() {
        let sel = s.touched[i] as usize;
        if s.sel_state[sel] != 1 {
            continue;
        }
        let Some(class) = &det.selectors[sel].class else {
            continue;
        };
        if !class.search(&mut s.class_states[sel], bytes) {
            continue;
        }
        let state = s.class_states[sel].as_ref();
        for m in &class.members {
            if !m.fires(state) {
                continue;
            }
            s.fired[m.signal as usize] = true;
            if !s.evidence.is_full(m.signal) {
                s.evidence.add_match(m.signal, path, bytes, m.locate(state));
            }
        }
    }
}

/// A NUL byte in the first 8 KiB means binary, as git and ripgrep judge it.
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}
