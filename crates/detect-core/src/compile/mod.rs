//! Building a [`Detector`]: pattern files in, one path regex and a set of
//! content classes out. Everything expensive happens here, once.

mod content;
mod paths;

use std::collections::HashMap;

pub(crate) use content::{ClassState, ContentClass};
pub(crate) use paths::{PathMatcher, Target};
use paths::{PathMeta, PathSpec, dot_flags, is_glob};

use crate::error::{PatternError, PatternErrorKind};
use crate::patterns::{PatternFile, Selector as SelectorDef, SetKind, SignalDef};
use crate::source::{FORTIUM_IGNORE_DIRS, WalkOptions};
use crate::{Error, Mode};

/// Default deepest match for a glob that uses `**` (in path segments).
pub const DEFAULT_GLOB_DEPTH: u32 = 8;
/// fortium: fast-glob's `deep` for globs in `files`.
const FORTIUM_FILES_DEPTH: u32 = 3;
/// fortium: fast-glob's `deep` for `file_pattern(s)`.
const FORTIUM_CONTENT_DEPTH: u32 = 5;
/// Evidence kept per signal (the first matches in walk order).
pub const DEFAULT_EVIDENCE_PER_SIGNAL: usize = 16;

/// A compiled, immutable detector. Build it once (it is `Send + Sync`) and
/// scan any number of projects with it, each scan using a
/// [`Scratch`](crate::Scratch).
#[derive(Debug)]
pub struct Detector {
    /// Distinguishes detectors so a scratch space built for one is rebuilt
    /// for another.
    pub(crate) id: u64,
    pub(crate) mode: Mode,
    pub(crate) sets: Vec<SetInfo>,
    pub(crate) tools: Vec<ToolInfo>,
    pub(crate) signals: Vec<SignalInfo>,
    pub(crate) paths: PathMatcher,
    pub(crate) selectors: Vec<SelectorInfo>,
    pub(crate) walk: WalkOptions,
    pub(crate) evidence_per_signal: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct SetInfo {
    pub(crate) kind: SetKind,
    pub(crate) minimum_confidence: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct ToolInfo {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) boost: f64,
    pub(crate) minimum_signals_for_boost: u32,
    pub(crate) fallback: bool,
    pub(crate) set: u32,
    pub(crate) kind: SetKind,
    pub(crate) signals: std::ops::Range<u32>,
    /// The highest-weight signal: where it fires is where the tool lives.
    pub(crate) primary: u32,
    pub(crate) supersedes: Vec<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct SignalInfo {
    pub(crate) key: String,
    pub(crate) weight: f64,
}

#[derive(Debug)]
pub(crate) struct SelectorInfo {
    pub(crate) max_depth: u32,
    /// Signals fired by the path alone.
    pub(crate) signals: Vec<u32>,
    /// Signals that need the file's content (with their regexes).
    pub(crate) class: Option<ContentClass>,
}

/// Configures and builds a [`Detector`].
#[derive(Debug, Clone)]
pub struct DetectorBuilder {
    files: Vec<PatternFile>,
    mode: Mode,
    walk: WalkOptions,
    max_depth_limit: u32,
    evidence_per_signal: usize,
}

impl Default for DetectorBuilder {
    fn default() -> Self {
        DetectorBuilder {
            files: Vec::new(),
            mode: Mode::Default,
            walk: WalkOptions::default(),
            max_depth_limit: 32,
            evidence_per_signal: DEFAULT_EVIDENCE_PER_SIGNAL,
        }
    }
}

impl Detector {
    /// The mode the detector was built for.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The walk bounds in effect (depth derived from the signals).
    #[must_use]
    pub fn walk_options(&self) -> &WalkOptions {
        &self.walk
    }

    /// Whether `id` is a generic fallback (see the `fallback` field).
    #[must_use]
    pub fn is_fallback(&self, id: &str) -> bool {
        self.tools.iter().any(|t| t.id == id && t.fallback)
    }

    /// Compiles every content regex now instead of on first use; returns
    /// false if any fails to build. Long-running hosts may call it once up
    /// front; tests use it to prove the embedded patterns all build.
    #[must_use]
    pub fn compile_all(&self) -> bool {
        self.selectors
            .iter()
            .filter_map(|s| s.class.as_ref())
            .all(ContentClass::force)
    }

    /// Ids of every loaded tool and framework, in pattern-file order.
    pub fn ids(&self) -> impl Iterator<Item = (&str, SetKind)> {
        self.tools.iter().map(|t| (t.id.as_str(), t.kind))
    }
}

impl DetectorBuilder {
    /// A builder with no pattern files, default mode and default walk bounds.
    #[must_use]
    pub fn new() -> Self {
        DetectorBuilder::default()
    }

    /// Adds a pattern file. Tools keep file order; a tool id may appear in
    /// only one file per kind.
    #[must_use]
    pub fn patterns(mut self, file: PatternFile) -> Self {
        self.files.push(file);
        self
    }

    /// Default mode, or the upstream detector's exact behaviour.
    #[must_use]
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Walk bounds (ignored directories, entry cap, read limit). The walk
    /// depth is derived from the signals, up to
    /// [`max_depth_limit`](Self::max_depth_limit).
    #[must_use]
    pub fn walk_options(mut self, walk: WalkOptions) -> Self {
        self.walk = walk;
        self
    }

    /// The deepest the walk may ever go, whatever the signals ask (32).
    #[must_use]
    pub fn max_depth_limit(mut self, depth: u32) -> Self {
        self.max_depth_limit = depth.max(1);
        self
    }

    /// How many evidence items to keep per signal (16).
    #[must_use]
    pub fn evidence_per_signal(mut self, n: usize) -> Self {
        self.evidence_per_signal = n;
        self
    }

    /// Compiles the pattern files.
    ///
    /// # Errors
    /// [`Error::Pattern`] naming the tool and signal of an invalid regex or
    /// glob, or of a tool id defined twice.
    pub fn build(self) -> Result<Detector, Error> {
        let mut c = Compiler::new(self.mode);
        for file in &self.files {
            c.add_file(file)?;
        }
        let mut walk = self.walk;
        if self.mode == Mode::Fortium {
            walk.ignore_dirs = FORTIUM_IGNORE_DIRS
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
            walk.dot_dirs_only = c.dot_dirs_named.take();
        }
        walk.max_depth = c.needed_depth.min(self.max_depth_limit);
        let selectors = c
            .selectors
            .into_iter()
            .map(|sel| SelectorInfo {
                max_depth: sel.max_depth,
                signals: sel.path_signals,
                class: (!sel.content.is_empty()).then(|| ContentClass::new(sel.content)),
            })
            .collect();
        let paths = c.paths;
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(Detector {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            mode: self.mode,
            sets: c.sets,
            tools: c.tools,
            signals: c.signals,
            paths,
            selectors,
            walk,
            evidence_per_signal: self.evidence_per_signal,
        })
    }
}

struct PendingSelector {
    max_depth: u32,
    path_signals: Vec<u32>,
    content: Vec<(u32, Vec<content::Pattern>, Vec<content::Pattern>)>,
}

struct Compiler {
    mode: Mode,
    sets: Vec<SetInfo>,
    tools: Vec<ToolInfo>,
    signals: Vec<SignalInfo>,
    selectors: Vec<PendingSelector>,
    selector_keys: HashMap<String, u32>,
    paths: PathMatcher,
    needed_depth: u32,
    tool_origins: HashMap<(SetKind, String), String>,
    /// fortium: the dot-directories some pattern can match inside (`None`
    /// once a glob could match inside any of them).
    dot_dirs_named: Option<Vec<String>>,
}

impl Compiler {
    fn new(mode: Mode) -> Self {
        Compiler {
            mode,
            sets: Vec::new(),
            tools: Vec::new(),
            signals: Vec::new(),
            selectors: Vec::new(),
            selector_keys: HashMap::new(),
            paths: PathMatcher::default(),
            needed_depth: 1,
            tool_origins: HashMap::new(),
            dot_dirs_named: Some(Vec::new()),
        }
    }

    fn add_file(&mut self, file: &PatternFile) -> Result<(), Error> {
        let set = u32::try_from(self.sets.len()).unwrap_or(u32::MAX);
        self.sets.push(SetInfo {
            kind: file.kind,
            minimum_confidence: file.rules.minimum_confidence,
        });
        let first_tool = self.tools.len();
        for tool in &file.tools {
            if let Some(other) = self
                .tool_origins
                .insert((file.kind, tool.id.clone()), file.origin.clone())
            {
                return Err(PatternError::new(
                    &file.origin,
                    format!("tools.{}", tool.id),
                    PatternErrorKind::DuplicateTool {
                        id: tool.id.clone(),
                        other_origin: other,
                    },
                )
                .into());
            }
            let first_signal = u32::try_from(self.signals.len()).unwrap_or(u32::MAX);
            for (i, sig) in tool.signals.iter().enumerate() {
                let sig_idx = first_signal + u32::try_from(i).unwrap_or(u32::MAX);
                let json_path = format!("tools.{}.detection_signals.{}", tool.id, sig.key);
                self.signals.push(SignalInfo {
                    key: sig.key.clone(),
                    weight: sig.weight,
                });
                self.add_signal(&file.origin, &json_path, sig_idx, sig)?;
            }
            let last_signal = u32::try_from(self.signals.len()).unwrap_or(u32::MAX);
            let weight = |i: u32| self.signals[i as usize].weight;
            let primary = (first_signal..last_signal).fold(first_signal, |best, i| {
                if weight(i) > weight(best) { i } else { best }
            });
            self.tools.push(ToolInfo {
                id: tool.id.clone(),
                name: tool.name.clone(),
                description: tool.description.clone(),
                boost: tool.confidence_boost,
                minimum_signals_for_boost: tool
                    .minimum_signals_for_boost
                    .unwrap_or(file.rules.minimum_signals_for_boost),
                fallback: tool.fallback,
                set,
                kind: file.kind,
                signals: first_signal..last_signal,
                primary,
                supersedes: Vec::new(),
            });
        }
        // `supersedes` names were checked against this file when parsed.
        for (offset, tool) in file.tools.iter().enumerate() {
            let ids: Vec<u32> = tool
                .supersedes
                .iter()
                .filter_map(|s| file.tools.iter().position(|t| &t.id == s))
                .filter_map(|i| u32::try_from(first_tool + i).ok())
                .collect();
            self.tools[first_tool + offset].supersedes = ids;
        }
        Ok(())
    }

    /// Works out the selector a signal uses (sharing one with any earlier
    /// signal that looks at exactly the same paths) and registers the
    /// signal with it.
    fn add_signal(
        &mut self,
        origin: &str,
        json_path: &str,
        sig_idx: u32,
        sig: &SignalDef,
    ) -> Result<(), Error> {
        let fortium = self.mode == Mode::Fortium;
        let mut specs: Vec<PathSpec> = Vec::new();
        let mut uses_content = false;
        let mut max_depth;
        let selector_key;
        match &sig.selector {
            SelectorDef::Files(list) => {
                selector_key = "files";
                uses_content = !fortium && !sig.patterns.is_empty();
                for text in list {
                    let glob = is_glob(text);
                    let target = match (fortium, glob, text.ends_with('/')) {
                        (_, false, true) => Target::Dir,
                        (true, false, false) => Target::Exists,
                        _ => Target::File,
                    };
                    specs.push(PathSpec {
                        text: text.clone(),
                        target,
                        glob,
                    });
                }
                max_depth = if fortium {
                    FORTIUM_FILES_DEPTH
                } else {
                    DEFAULT_GLOB_DEPTH
                };
            }
            SelectorDef::Directories(list) => {
                selector_key = "directories";
                for text in list {
                    specs.push(PathSpec {
                        text: text.clone(),
                        target: Target::Dir,
                        glob: !fortium && is_glob(text),
                    });
                }
                max_depth = DEFAULT_GLOB_DEPTH;
            }
            SelectorDef::FilePatterns(list) => {
                selector_key = "file_patterns";
                uses_content = true;
                for text in list {
                    specs.push(PathSpec {
                        text: text.clone(),
                        target: Target::File,
                        glob: true,
                    });
                }
                max_depth = if fortium {
                    FORTIUM_CONTENT_DEPTH
                } else {
                    DEFAULT_GLOB_DEPTH
                };
            }
        }
        if !fortium && let Some(d) = sig.max_depth {
            max_depth = d;
        }
        for spec in &specs {
            let rel = spec.text.trim_start_matches("./");
            let first = rel.split('/').next().unwrap_or("");
            if spec.glob {
                // fortium: a glob that names a dot-directory may match in any.
                if dot_flags(rel).0 {
                    self.dot_dirs_named = None;
                }
            } else {
                // An exact path is as deep as its segments, whatever the limit says.
                let depth =
                    u32::try_from(rel.trim_end_matches('/').split('/').count()).unwrap_or(u32::MAX);
                self.needed_depth = self.needed_depth.max(depth);
                // fortium: the dot-directories a walk must enter for it.
                if first.starts_with('.')
                    && rel.contains('/')
                    && let Some(named) = &mut self.dot_dirs_named
                {
                    named.push(first.to_owned());
                }
            }
        }
        if specs.iter().any(|s| s.glob) {
            self.needed_depth = self.needed_depth.max(max_depth);
        }
        let ci = sig.case_insensitive && !fortium;

        let key = format!(
            "{specs:?}|{:?}|{max_depth}|{ci}|{uses_content}",
            sig.exclude
        );
        let sel = match self.selector_keys.get(&key) {
            Some(&s) => s,
            None => {
                let s = u32::try_from(self.selectors.len()).unwrap_or(u32::MAX);
                for (i, spec) in specs.iter().enumerate() {
                    let (dot_dirs, dot_base) = dot_flags(&spec.text);
                    let meta = PathMeta {
                        selector: s,
                        target: spec.target,
                        glob: spec.glob,
                        exclude: false,
                        dot_dirs,
                        dot_base,
                    };
                    self.paths.add(spec, ci, meta).map_err(|message| {
                        PatternError::new(
                            origin,
                            format!("{json_path}.{selector_key}[{i}]"),
                            PatternErrorKind::InvalidGlob {
                                glob: spec.text.clone(),
                                message,
                            },
                        )
                    })?;
                }
                for (i, text) in sig.exclude.iter().enumerate() {
                    let spec = PathSpec {
                        text: text.clone(),
                        target: Target::Exists,
                        glob: true,
                    };
                    let meta = PathMeta {
                        selector: s,
                        target: Target::Exists,
                        glob: true,
                        exclude: true,
                        dot_dirs: true,
                        dot_base: true,
                    };
                    self.paths.add(&spec, ci, meta).map_err(|message| {
                        PatternError::new(
                            origin,
                            format!("{json_path}.exclude[{i}]"),
                            PatternErrorKind::InvalidGlob {
                                glob: text.clone(),
                                message,
                            },
                        )
                    })?;
                }
                self.selectors.push(PendingSelector {
                    max_depth,
                    path_signals: Vec::new(),
                    content: Vec::new(),
                });
                self.selector_keys.insert(key, s);
                s
            }
        };
        let pending = &mut self.selectors[sel as usize];
        if uses_content {
            let parse_all = |list: &[String], field: &str| {
                list.iter()
                    .enumerate()
                    .map(|(i, p)| {
                        content::parse_regex(p).map_err(|message| {
                            PatternError::new(
                                origin,
                                format!("{json_path}.{field}[{i}]"),
                                PatternErrorKind::InvalidRegex {
                                    pattern: p.clone(),
                                    message,
                                },
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            };
            let pos = parse_all(&sig.patterns, "patterns")?;
            let rej = parse_all(&sig.reject_patterns, "reject_patterns")?;
            pending.content.push((sig_idx, pos, rej));
        } else {
            pending.path_signals.push(sig_idx);
        }
        Ok(())
    }
}
