//! Errors returned by the detector.
//!
//! Every error carries a stable [`code`](Error::code), a message saying what
//! happened (its `Display`), and a [`suggestion`](Error::suggestion) saying
//! what to do next. Front-ends print all three; bindings raise them as
//! exceptions with the same fields.

use std::path::PathBuf;

/// Anything that can go wrong while loading patterns or scanning a project.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The project path does not exist.
    #[error("project path `{}` does not exist", path.display())]
    PathNotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// The project path exists but is not a directory.
    #[error("project path `{}` is not a directory", path.display())]
    NotADirectory {
        /// The path as given.
        path: PathBuf,
    },
    /// The project root (or a file named on the command line) could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Unreadable {
        /// The path that failed.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A pattern file is malformed.
    #[error(transparent)]
    Pattern(#[from] PatternError),
    /// A tool or framework id was asked for that no loaded pattern file defines.
    #[error("unknown tool `{name}`")]
    UnknownTool {
        /// The id that was asked for.
        name: String,
        /// The closest known id, if any is close.
        closest: Option<String>,
        /// Every known id, in pattern-file order.
        known: Vec<String>,
    },
    /// A minimum confidence outside `0.0..=1.0` (or not a number) was given.
    #[error("minimum confidence `{value}` is not a number between 0 and 1")]
    InvalidMinConfidence {
        /// The value as given.
        value: String,
    },
    /// An in-memory project was given a path that cannot name a file in a tree.
    #[error("invalid project file path `{path}`: {reason}")]
    InvalidFilePath {
        /// The path as given.
        path: String,
        /// Why it was refused.
        reason: &'static str,
    },
}

impl Error {
    /// A stable, kebab-case identifier for this kind of error.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::PathNotFound { .. } => "path-not-found",
            Error::NotADirectory { .. } => "not-a-directory",
            Error::Unreadable { .. } => "unreadable-path",
            Error::Pattern(e) => e.code(),
            Error::UnknownTool { .. } => "unknown-tool",
            Error::InvalidMinConfidence { .. } => "invalid-min-confidence",
            Error::InvalidFilePath { .. } => "invalid-file-path",
        }
    }

    /// What the user (or agent) should do next.
    #[must_use]
    pub fn suggestion(&self) -> String {
        match self {
            Error::PathNotFound { .. } => {
                "pass the path of an existing project directory (it defaults to the current directory)".into()
            }
            Error::NotADirectory { .. } => {
                "pass the directory that contains the project, not a file inside it".into()
            }
            Error::Unreadable { .. } => {
                "check the path's permissions, or run from a user that can read it".into()
            }
            Error::Pattern(e) => e.suggestion(),
            Error::UnknownTool { closest, known, .. } => match closest {
                Some(c) => format!("did you mean `{c}`? known ids: {}", known.join(", ")),
                None => format!("use one of: {}", known.join(", ")),
            },
            Error::InvalidMinConfidence { .. } => {
                "give a decimal between 0 and 1, for example 0.5".into()
            }
            Error::InvalidFilePath { .. } => {
                "use a relative path with `/` separators and no `..` segments, e.g. `apps/web/fly.toml`".into()
            }
        }
    }
}

/// Where in a pattern file a problem was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatternLocation {
    /// The pattern file (its path, or `builtin:<name>` for embedded sets).
    pub origin: String,
    /// A JSON path to the offending value, e.g.
    /// `tools.flyio.detection_signals.fly_cli.patterns[2]`.
    pub json_path: String,
}

/// A pattern file that cannot be compiled.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind} (at `{}`)", location.origin, location.json_path)]
pub struct PatternError {
    /// Where the problem is.
    pub location: PatternLocation,
    /// What the problem is.
    pub kind: PatternErrorKind,
}

/// The ways a pattern file can be wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PatternErrorKind {
    /// The file is not valid JSON.
    #[error("not valid JSON: {message} at line {line}, column {column}")]
    Json {
        /// The parser's message.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A value has the wrong JSON type.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the format requires here.
        expected: &'static str,
        /// What the file has.
        found: &'static str,
    },
    /// A required key is missing.
    #[error("missing required key `{key}`")]
    MissingKey {
        /// The key.
        key: &'static str,
    },
    /// A key the format does not define.
    #[error("unknown key `{key}`")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The closest known key, if any is close.
        closest: Option<&'static str>,
        /// Every key allowed here.
        allowed: &'static [&'static str],
    },
    /// A weight, boost or threshold outside `0.0..=1.0`.
    #[error("{field} {value} is outside 0..=1")]
    OutOfRange {
        /// Which number.
        field: &'static str,
        /// Its value.
        value: f64,
    },
    /// A regular expression that does not compile.
    #[error("invalid regex `{pattern}`: {message}")]
    InvalidRegex {
        /// The regex as written.
        pattern: String,
        /// The compiler's message.
        message: String,
    },
    /// A glob that does not compile.
    #[error("invalid glob `{glob}`: {message}")]
    InvalidGlob {
        /// The glob as written.
        glob: String,
        /// The compiler's message.
        message: String,
    },
    /// A signal that says neither which files nor which directories it looks at.
    #[error("signal has none of `files`, `directories`, `file_pattern`, `file_patterns`")]
    NoSelector,
    /// A signal that names more than one kind of selector.
    #[error("signal has both `{first}` and `{second}`; only one selector kind is allowed")]
    ConflictingSelectors {
        /// The selector the upstream engine would use.
        first: &'static str,
        /// The selector it would ignore.
        second: &'static str,
    },
    /// A `file_pattern(s)` signal without content `patterns`.
    #[error("`{selector}` needs a non-empty `patterns` list of regexes to search for")]
    MissingPatterns {
        /// The selector key.
        selector: &'static str,
    },
    /// A tool with no signals, or whose weights sum to zero.
    #[error("tool has no signal with a positive weight, so it can never be detected")]
    NoSignals,
    /// The same tool id in two loaded pattern files.
    #[error("tool `{id}` is defined twice (also in {other_origin})")]
    DuplicateTool {
        /// The id.
        id: String,
        /// Where it was first defined.
        other_origin: String,
    },
    /// `supersedes` names a tool that is not defined in the same set.
    #[error("`supersedes` names unknown tool `{id}`")]
    UnknownSupersedes {
        /// The id as written.
        id: String,
    },
    /// The file could not be read.
    #[error("cannot read pattern file: {message}")]
    Io {
        /// The operating system's message.
        message: String,
    },
}

impl PatternError {
    pub(crate) fn new(origin: &str, json_path: impl Into<String>, kind: PatternErrorKind) -> Self {
        PatternError {
            location: PatternLocation {
                origin: origin.to_owned(),
                json_path: json_path.into(),
            },
            kind,
        }
    }

    /// A stable, kebab-case identifier for this kind of error.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match &self.kind {
            PatternErrorKind::Json { .. } => "pattern-json",
            PatternErrorKind::WrongType { .. } => "pattern-wrong-type",
            PatternErrorKind::MissingKey { .. } => "pattern-missing-key",
            PatternErrorKind::UnknownKey { .. } => "pattern-unknown-key",
            PatternErrorKind::OutOfRange { .. } => "pattern-out-of-range",
            PatternErrorKind::InvalidRegex { .. } => "pattern-invalid-regex",
            PatternErrorKind::InvalidGlob { .. } => "pattern-invalid-glob",
            PatternErrorKind::NoSelector => "pattern-no-selector",
            PatternErrorKind::ConflictingSelectors { .. } => "pattern-conflicting-selectors",
            PatternErrorKind::MissingPatterns { .. } => "pattern-missing-patterns",
            PatternErrorKind::NoSignals => "pattern-no-signals",
            PatternErrorKind::DuplicateTool { .. } => "pattern-duplicate-tool",
            PatternErrorKind::UnknownSupersedes { .. } => "pattern-unknown-supersedes",
            PatternErrorKind::Io { .. } => "pattern-io",
        }
    }

    /// What to change in the pattern file.
    #[must_use]
    pub fn suggestion(&self) -> String {
        let doc = "the format is documented in skills/tooling-detector/README.md";
        match &self.kind {
            PatternErrorKind::Json { .. } => format!("fix the JSON syntax at the position shown; {doc}"),
            PatternErrorKind::WrongType { expected, .. } => format!("write {expected} here; {doc}"),
            PatternErrorKind::MissingKey { key } => format!("add `{key}`; {doc}"),
            PatternErrorKind::UnknownKey { closest, allowed, .. } => match closest {
                Some(c) => format!("did you mean `{c}`? allowed keys: {}", allowed.join(", ")),
                None => format!("remove it; allowed keys: {}", allowed.join(", ")),
            },
            PatternErrorKind::OutOfRange { field, .. } => {
                format!("use a {field} between 0 and 1 (weights are normalised per tool, so only ratios matter)")
            }
            PatternErrorKind::InvalidRegex { .. } => {
                "fix the regex (Rust regex syntax: no look-around or backreferences; JSON strings need `\\\\` for a backslash); use `reject_patterns` instead of negative look-ahead".into()
            }
            PatternErrorKind::InvalidGlob { .. } => {
                "fix the glob: `*` matches within one path segment, `**/` any number of directories, `{a,b}` alternatives, `[abc]` classes".into()
            }
            PatternErrorKind::NoSelector => {
                format!("add `files`, `directories`, or `file_patterns` plus `patterns`; {doc}")
            }
            PatternErrorKind::ConflictingSelectors { .. } => {
                "split it into two signals, one per selector".into()
            }
            PatternErrorKind::MissingPatterns { .. } => {
                "add `patterns: [\"regex\", ...]`, or use `files` if the file's presence alone is the signal".into()
            }
            PatternErrorKind::NoSignals => "give the tool at least one signal with a weight above 0".into(),
            PatternErrorKind::DuplicateTool { .. } => {
                "rename one of them, or load only one of the two pattern files".into()
            }
            PatternErrorKind::UnknownSupersedes { .. } => {
                "list only ids of tools defined in the same pattern file".into()
            }
            PatternErrorKind::Io { .. } => "check that the file exists and is readable".into(),
        }
    }
}

/// The closest candidate to `word` by edit distance (ignoring ASCII case),
/// if it is close enough to be a plausible typo: at most 2 edits, or a third
/// of the word's length. Used for every "did you mean" in flyconf.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_lc = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (levenshtein(&word_lc, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_and_ignores_strangers() {
        let ids = ["flyio", "kubernetes", "helm"];
        assert_eq!(closest("fly", ids), Some("flyio"));
        assert_eq!(closest("kubernets", ids), Some("kubernetes"));
        assert_eq!(closest("terraform", ids), None);
    }

    #[test]
    fn every_error_has_code_and_suggestion() {
        let e = Error::UnknownTool {
            name: "fly".into(),
            closest: Some("flyio".into()),
            known: vec!["flyio".into()],
        };
        assert_eq!(e.code(), "unknown-tool");
        assert!(e.suggestion().contains("did you mean `flyio`"));
        let p = PatternError::new("x.json", "tools.a", PatternErrorKind::NoSignals);
        assert_eq!(p.code(), "pattern-no-signals");
        assert_eq!(
            p.to_string(),
            "x.json: tool has no signal with a positive weight, so it can never be detected (at `tools.a`)"
        );
    }
}
