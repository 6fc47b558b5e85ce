//! The boundary: every call into flyconf runs through [`run`], which releases
//! the GIL, catches panics (`flyconf::api::catch_panics`), and turns every failure into a [`Failure`] that
//! becomes a `flyconf.FlyconfError` subclass; [`run_py`] also converts the
//! result to Python objects.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde::Serialize;

use crate::to_py::{self, to_py};

use flyconf::api::{Failure, catch_panics};

/// A [`Failure`] raised as the `flyconf.FlyconfError` subclass that
/// `flyconf._errors._error` picks from its code.
trait IntoPyErr {
    /// The Python exception: `flyconf._errors._error(code, message, suggestion)`.
    fn into_py_err(self, py: Python<'_>) -> PyErr;
}

impl IntoPyErr for Failure {
    fn into_py_err(self, py: Python<'_>) -> PyErr {
        static ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let made = ERROR
            .import(py, "flyconf._errors", "_error")
            .and_then(|f| f.call1((&self.code, &self.message, &self.suggestion)));
        match made {
            Ok(exc) => PyErr::from_value(exc),
            // Only if the package around the extension is broken.
            Err(_) => PyRuntimeError::new_err(format!(
                "[{}] {} (help: {})",
                self.code, self.message, self.suggestion
            )),
        }
    }
}

/// Runs `f` with the GIL released and panics caught, and raises its failure.
pub(crate) fn run<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, Failure> + Send,
) -> PyResult<T> {
    py.detach(|| catch_panics(f)).map_err(|e| e.into_py_err(py))
}

/// Like [`run`], then converts the result to Python objects (panics in the
/// conversion are caught too; it runs the core's `Serialize` impls).
pub(crate) fn run_py<'py, T: Serialize + Send>(
    py: Python<'py>,
    f: impl FnOnce() -> Result<T, Failure> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    let value = run(py, f)?;
    match catch_panics(|| Ok(to_py(py, &value))) {
        Ok(Ok(object)) => Ok(object),
        // A Python error (MemoryError, …) stays what it is.
        Ok(Err(to_py::Error::Py(e))) => Err(e),
        Ok(Err(to_py::Error::Custom(message))) => Err(Failure::internal(message).into_py_err(py)),
        Err(panic) => Err(panic.into_py_err(py)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_failure() {
        let got =
            catch_panics::<()>(|| panic!("index out of bounds: the len is 3 but the index is 7"));
        let f = got.expect_err("the panic is caught");
        assert_eq!(f.code, "internal");
        assert_eq!(
            f.message,
            "internal error: flyconf panicked: index out of bounds: the len is 3 but the index is 7"
        );
        assert!(f.suggestion.contains("bug in flyconf"), "{}", f.suggestion);
    }

    #[test]
    fn a_panic_with_a_formatted_or_odd_payload_is_caught_too() {
        let n = 7;
        let f = catch_panics::<()>(|| panic!("value {n}")).expect_err("caught");
        assert_eq!(f.message, "internal error: flyconf panicked: value 7");
        let f = catch_panics::<()>(|| std::panic::panic_any(42_u8)).expect_err("caught");
        assert_eq!(
            f.message,
            "internal error: flyconf panicked: a panic without a message"
        );
    }

    #[test]
    fn results_and_errors_pass_through() {
        assert_eq!(catch_panics(|| Ok(3)), Ok(3));
        let f = catch_panics::<()>(|| {
            Err(flyconf::api::load_skill("nope")
                .expect_err("unknown")
                .into())
        })
        .expect_err("error");
        assert_eq!(f.code, "unknown-skill");
        assert_eq!(f.suggestion, "load one of: flyio");
    }
}
