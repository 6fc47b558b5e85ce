//! The pattern-file format: tools, their weighted signals, and detection rules.
//!
//! A pattern file is the upstream `tooling-patterns.json` format, read with
//! its key order preserved (order decides both the floating-point summation
//! order of the score and the output order). Every field, including this
//! crate's compatible extensions, is documented in
//! `skills/tooling-detector/README.md`.
//!
//! Parsing ([`PatternFile::from_json`]) checks the structure and value
//! ranges; regexes and globs are checked when a
//! [`Detector`](crate::Detector) is built from the file.

mod parse;

/// Which question a pattern file answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SetKind {
    /// Deployment tooling (Fly.io, Kubernetes, Terraform, …). The default.
    Tools,
    /// The application framework (Express, Django, Rails, …).
    Frameworks,
}

/// One parsed pattern file.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternFile {
    /// Where the file came from: a path, or `builtin:<name>`.
    pub origin: String,
    /// The file's `version` string, if any.
    pub version: Option<String>,
    /// Whether the file describes tools or frameworks (`kind`, an extension;
    /// upstream files have none and are tools).
    pub kind: SetKind,
    /// The tools (or frameworks), in file order.
    pub tools: Vec<ToolDef>,
    /// The file's `detection_rules`.
    pub rules: DetectionRules,
}

/// The `detection_rules` object.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectionRules {
    /// A tool is detected when its confidence is at least this (default 0.7).
    pub minimum_confidence: f64,
    /// A tool's `confidence_boost` is added when at least this many of its
    /// signals fire (default 3).
    pub minimum_signals_for_boost: u32,
    /// Present in upstream files but never read by the upstream engine;
    /// kept only so that it round-trips.
    pub multi_signal_boost: Option<f64>,
}

impl Default for DetectionRules {
    fn default() -> Self {
        DetectionRules {
            minimum_confidence: 0.7,
            minimum_signals_for_boost: 3,
            multi_signal_boost: None,
        }
    }
}

/// One entry of `tools`.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolDef {
    /// The key under `tools`, e.g. `flyio`.
    pub id: String,
    /// Display name, e.g. `Fly.io`.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Added to the confidence when enough signals fire.
    pub confidence_boost: f64,
    /// The signals, in file order.
    pub signals: Vec<SignalDef>,
    /// Extension: ids of tools in the same file that this one outranks when
    /// both are detected (e.g. `nextjs` supersedes `express` and `node`).
    pub supersedes: Vec<String>,
    /// Extension: overrides the file's `minimum_signals_for_boost` for this
    /// tool (e.g. 2 where any two independent signals corroborate).
    pub minimum_signals_for_boost: Option<u32>,
    /// Extension: a generic fallback (a bare language runtime such as
    /// `node`), ranked after every detected specific tool.
    pub fallback: bool,
}

/// One entry of `detection_signals`.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalDef {
    /// The key under `detection_signals`, e.g. `fly_toml`.
    pub key: String,
    /// The signal's weight (0..=1).
    pub weight: f64,
    /// Optional human description.
    pub description: Option<String>,
    /// Which paths the signal looks at.
    pub selector: Selector,
    /// Regexes searched in matching files. Required with `file_pattern(s)`;
    /// with `files` they are a content guard (ignored in fortium compat
    /// mode, as upstream ignores them).
    pub patterns: Vec<String>,
    /// Extension: a file whose content matches any of these does not count.
    pub reject_patterns: Vec<String>,
    /// Extension: globs of paths that never count for this signal.
    pub exclude: Vec<String>,
    /// Extension: deepest path (in segments) a match may have.
    pub max_depth: Option<u32>,
    /// Extension: match file and directory names ignoring ASCII case.
    pub case_insensitive: bool,
}

/// The selector of a signal: which entries it looks at.
#[derive(Debug, Clone, PartialEq)]
pub enum Selector {
    /// `files`: exact relative paths or globs of files whose presence counts.
    Files(Vec<String>),
    /// `directories`: relative paths (or globs) of directories.
    Directories(Vec<String>),
    /// `file_pattern` / `file_patterns`: globs of files whose content is
    /// searched for `patterns`.
    FilePatterns(Vec<String>),
}

impl Selector {
    /// The upstream key this selector was read from.
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            Selector::Files(_) => "files",
            Selector::Directories(_) => "directories",
            Selector::FilePatterns(_) => "file_patterns",
        }
    }

    /// The paths or globs.
    #[must_use]
    pub fn paths(&self) -> &[String] {
        match self {
            Selector::Files(p) | Selector::Directories(p) | Selector::FilePatterns(p) => p,
        }
    }
}

impl PatternFile {
    /// Parses a pattern file from JSON text. `origin` names the file in
    /// error messages.
    ///
    /// # Errors
    /// A [`PatternError`](crate::PatternError) naming the JSON path of the
    /// first problem: invalid JSON, a wrong type, an unknown key, a weight
    /// out of range, a signal with no selector or no patterns.
    pub fn from_json(text: &str, origin: &str) -> Result<PatternFile, crate::PatternError> {
        parse::parse(text, origin)
    }

    /// Reads and parses a pattern file from disk.
    ///
    /// # Errors
    /// As [`PatternFile::from_json`], plus an I/O error if it cannot be read.
    pub fn from_path(path: &std::path::Path) -> Result<PatternFile, crate::PatternError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            crate::PatternError::new(
                &origin,
                "",
                crate::PatternErrorKind::Io {
                    message: e.to_string(),
                },
            )
        })?;
        PatternFile::from_json(&text, &origin)
    }
}
