//! One implementation per call, run either on the JavaScript thread (the
//! sync functions, and `settled` for the upstream drop-ins' promises) or on
//! the libuv thread pool (the async ones, through `AsyncTask`). A job is a closure returning the core's result; both forms
//! run it inside `flyconf::api::catch_panics` and serialise its value with `serde_json` there
//! (off the event loop for the async forms). Only `JSON.parse` of the text,
//! or building the `FlyconfError`, happens on the JavaScript thread.

use flyconf::api::{Failure, catch_panics};
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, Task};
use serde::Serialize;

use crate::error::{error_object, json_parse, to_js_error};

/// Runs `job` under the panic guard and serialises its result: the core's
/// serde types, as the CLI prints them with `--format json`.
fn json<T: Serialize>(job: impl FnOnce() -> Result<T, Failure>) -> Result<String, Failure> {
    catch_panics(|| serde_json::to_string(&job()?).map_err(Failure::internal))
}

/// The JavaScript value of a job's outcome: the parsed JSON, or the
/// `FlyconfError` to throw.
fn settle(env: &Env, outcome: Result<String, Failure>) -> napi::Result<Unknown<'static>> {
    match outcome {
        Ok(text) => json_parse(env, text),
        Err(failure) => Err(to_js_error(env, failure)),
    }
}

/// Runs `job` now, on the calling (JavaScript) thread.
pub(crate) fn run<T: Serialize>(
    env: &Env,
    job: impl FnOnce() -> Result<T, Failure>,
) -> napi::Result<Unknown<'static>> {
    settle(env, json(job))
}

/// Runs `job` (which returns JSON text) now, on the calling (JavaScript)
/// thread, and returns a promise already settled with its outcome:
/// resolved with the parsed result, or rejected with the `FlyconfError`.
/// For the upstream drop-ins, whose scans take tens of microseconds, less
/// than a hand-off to the thread pool and back costs (upstream itself reads
/// every file with `readFileSync` on this thread).
pub(crate) fn settled_text(
    env: &Env,
    job: impl FnOnce() -> Result<String, Failure>,
) -> napi::Result<PromiseRaw<'static, Unknown<'static>>> {
    match catch_panics(job) {
        Ok(text) => PromiseRaw::resolve(env, json_parse(env, text)?),
        Err(failure) => PromiseRaw::reject(env, error_object(env, &failure)?),
    }
}

/// A job (returning its result as JSON text).
type Job = Box<dyn FnOnce() -> Result<String, Failure> + Send>;

/// A job run off the event loop; resolves to its result.
pub struct Call {
    job: Option<Job>,
}

impl Call {
    /// Wraps a job that returns JSON text itself.
    pub(crate) fn text(job: impl FnOnce() -> Result<String, Failure> + Send + 'static) -> Self {
        Call {
            job: Some(Box::new(move || catch_panics(job))),
        }
    }

    /// Wraps a job.
    pub(crate) fn new<T: Serialize>(
        job: impl FnOnce() -> Result<T, Failure> + Send + 'static,
    ) -> Self {
        Call {
            job: Some(Box::new(move || json(job))),
        }
    }
}

impl Task for Call {
    type Output = Result<String, Failure>;
    type JsValue = Unknown<'static>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(match self.job.take() {
            Some(job) => job(),
            None => Err(Failure::internal("task run twice")),
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, output)
    }
}
