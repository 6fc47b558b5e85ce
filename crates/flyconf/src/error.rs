//! Errors: the few ways flyconf itself can fail (as opposed to finding
//! problems in a file, which are [`Diagnostic`](crate::Diagnostic)s).

use std::path::PathBuf;

/// A failure to do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {}: {reason}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// Why, in words.
        reason: String,
        /// The kind of I/O failure.
        kind: std::io::ErrorKind,
    },
    /// No template has this name.
    #[error("unknown template `{name}`")]
    UnknownTemplate {
        /// What was asked for.
        name: String,
        /// The closest template name, if any.
        closest: Option<String>,
    },
    /// The detector could not run (missing path, bad pattern file, …).
    #[error(transparent)]
    Detect(#[from] detect_core::Error),
    /// A bug: something that cannot fail did.
    #[error("internal error: {message}")]
    Internal {
        /// What failed.
        message: String,
    },
    /// No embedded skill has this name.
    #[error("unknown skill `{name}`")]
    UnknownSkill {
        /// What was asked for.
        name: String,
        /// The skills there are.
        known: String,
    },
    /// An option has a value flyconf cannot use.
    #[error("invalid {option} {value:?}: {problem}")]
    InvalidOption {
        /// The option, named as in the generate options (`app`, `region`, …).
        option: &'static str,
        /// The value given.
        value: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A call that needs text was given bytes that are not UTF-8 text.
    #[error("{}", diagnostic.message)]
    NotText {
        /// The `FT002` diagnostic saying where and why.
        diagnostic: Box<crate::Diagnostic>,
    },
    /// `explain` was given a code that is not in the registry.
    #[error("unknown rule code `{code}`")]
    UnknownRule {
        /// What was asked for.
        code: String,
        /// The closest known code, if any.
        closest: Option<&'static str>,
    },
}

impl Error {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Read {
                kind: std::io::ErrorKind::NotFound,
                ..
            } => "path-not-found",
            Error::Read { .. } => "unreadable-path",
            Error::UnknownRule { .. } => "unknown-rule",
            Error::UnknownTemplate { .. } => "unknown-template",
            Error::InvalidOption { .. } => "invalid-option",
            Error::UnknownSkill { .. } => "unknown-skill",
            Error::Detect(e) => e.code(),
            Error::NotText { diagnostic } => diagnostic.code,
            Error::Internal { .. } => "internal",
        }
    }

    /// What to do next.
    pub fn suggestion(&self) -> String {
        match self {
            Error::Read { kind: std::io::ErrorKind::NotFound, path, .. } if path.ends_with("fly.toml") => {
                "run this in the app's directory, pass the path of its fly.toml, or generate one with `fly launch`".into()
            }
            Error::Read { kind: std::io::ErrorKind::NotFound, .. } => "check the path".into(),
            Error::Read { .. } => "check the path is a readable file, not a directory".into(),
            Error::UnknownRule { closest: Some(c), .. } => format!("did you mean `{c}`? `rules()` (CLI: `flyconf explain`) lists every rule"),
            Error::UnknownRule { closest: None, .. } => "`rules()` (CLI: `flyconf explain`) lists every rule".into(),
            Error::UnknownTemplate { closest: Some(c), .. } => format!("did you mean `{c}`? `templates()` (CLI: `flyconf templates`) lists them all"),
            Error::UnknownTemplate { closest: None, .. } => "`templates()` (CLI: `flyconf templates`) lists them all".into(),
            Error::InvalidOption { option: "app", .. } => "use lowercase letters, numbers and dashes, e.g. `my-app`".into(),
            Error::InvalidOption { option, .. } => format!("give `{option}` one of the values the generate options document (CLI: `flyconf init --help`)"),
            Error::UnknownSkill { known, .. } => format!("load one of: {known}"),
            Error::Detect(e) => e.suggestion(),
            Error::NotText { diagnostic } => diagnostic.suggestion.clone().unwrap_or_default(),
            Error::Internal { .. } => "this is a bug in flyconf; please report it with the input that caused it".into(),
        }
    }
}

/// Reads and checks the file at `path`.
pub fn check_path(path: &std::path::Path) -> Result<crate::FileReport, Error> {
    let bytes = std::fs::read(path).map_err(|e| {
        let kind = if path.is_dir() {
            std::io::ErrorKind::IsADirectory
        } else {
            e.kind()
        };
        let reason = if path.is_dir() {
            "it is a directory".to_owned()
        } else {
            e.to_string()
        };
        Error::Read {
            path: path.to_owned(),
            reason,
            kind,
        }
    })?;
    Ok(crate::check_bytes(&path.to_string_lossy(), &bytes))
}

/// The rule with `code` (or name), or an error naming the closest one.
pub fn explain(code: &str) -> Result<&'static crate::diagnostic::Rule, Error> {
    crate::diagnostic::registry::lookup(code).ok_or_else(|| {
        let closest =
            detect_core::closest(code, crate::diagnostic::registry::all().map(|r| r.code));
        Error::UnknownRule {
            code: code.to_owned(),
            closest,
        }
    })
}
