//! [`Failure`]: what every front-end shows when a call cannot do its job.

use serde::{Deserialize, Serialize};

use crate::Diagnostic;

/// Why a call failed, as every front-end reports it: the CLI prints it as
/// `{"error": {...}}`, Python raises it as a `FlyconfError`, JavaScript
/// throws it as an `Error` with the same three properties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// A stable kebab-case code (`path-not-found`, `unknown-template`, …),
    /// or the rule code (`FT002`) when a file is not text.
    pub code: String,
    /// What happened.
    pub message: String,
    /// What to do next.
    pub suggestion: String,
}

impl Failure {
    /// A bug in flyconf: something that cannot fail did.
    pub fn internal(message: impl std::fmt::Display) -> Failure {
        crate::Error::Internal {
            message: message.to_string(),
        }
        .into()
    }

    /// The failure a binding raises when a call panicked, from the payload
    /// `std::panic::catch_unwind` returns.
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Failure {
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic without a message");
        Failure::internal(format!("flyconf panicked: {what}"))
    }
}

/// Runs `f`, turning a panic into an `internal` [`Failure`] that carries the
/// panic's message: what every binding wraps each call in, so that no panic
/// unwinds into the host language.
pub fn catch_panics<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(Failure::from_panic(&*payload)))
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {} (help: {})",
            self.code, self.message, self.suggestion
        )
    }
}

impl std::error::Error for Failure {}

impl From<crate::Error> for Failure {
    fn from(e: crate::Error) -> Self {
        Failure {
            code: e.code().to_owned(),
            message: e.to_string(),
            suggestion: e.suggestion(),
        }
    }
}

impl From<detect_core::Error> for Failure {
    fn from(e: detect_core::Error) -> Self {
        // `Error::Detect` is transparent: same code, message and suggestion.
        crate::Error::Detect(e).into()
    }
}

/// A file that is not text (`FT002`) refused by a call that needs text.
impl From<Box<Diagnostic>> for Failure {
    fn from(d: Box<Diagnostic>) -> Self {
        Failure {
            code: d.code.to_owned(),
            message: d.message.clone(),
            suggestion: d.suggestion.clone().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_internal_failures() {
        let f = catch_panics::<()>(|| panic!("boom {}", 1)).unwrap_err();
        assert_eq!(f.code, "internal");
        assert!(f.message.contains("boom 1"), "{}", f.message);
        assert!(f.suggestion.contains("bug"));
    }

    #[test]
    fn not_text_keeps_its_rule_code() {
        let d = crate::text_of(b"a\0b").unwrap_err();
        let f = Failure::from(d);
        assert_eq!(f.code, "FT002");
        assert!(f.message.contains("NUL"));
    }
}
