//! Node.js binding of flyconf (the `flyconf` npm package), built with
//! napi-rs.
//!
//! Conversion only: every function turns its JavaScript arguments into the
//! core's types, makes one `flyconf::api` call, and returns the core's serde
//! result as a JavaScript value: serialised with `serde_json` and read with
//! `JSON.parse`, so it is exactly what the CLI prints with `--format json`
//! (this measured ~2× faster than building the objects through napi's serde
//! serializer, one napi call per value; see `bench/README.md`). Failures are
//! thrown (or rejected) as `FlyconfError { code, message, suggestion }`, the
//! core's `Failure`; a panic in the core becomes a `FlyconfError` with code
//! `internal`.
//!
//! The async forms (`detectAsync`, `checkAsync`, `detectTooling`,
//! `detectTool`) run the same job as the sync ones on the libuv thread pool.

mod error;
mod options;
mod task;

use std::collections::HashMap;
use std::path::Path;

use flyconf::api::{self, Failure};
use flyconf::detect::DetectionReport;
use flyconf::{FileReport, Parsed};
use napi::Env;
use napi::bindgen_prelude::{AsyncTask, Either, Object, PromiseRaw, Uint8Array, Unknown};
use napi_derive::napi;

use crate::options::request;
use crate::task::{run, settled_text};

pub use options::{
    CheckOptions, CostInputs, DetectFilesOptions, DetectOptions, DetectToolingOptions,
    GenerateOptions, MigrateOptions,
};
pub use task::Call;

/// Module initialisation: defines and exports `FlyconfError`.
#[napi(module_exports)]
pub fn init(mut exports: Object<'_>, env: Env) -> napi::Result<()> {
    error::init(&mut exports, &env)
}

// ---------------------------------------------------------------- jobs shared by sync and async forms

fn detect_job(path: &str, options: Option<DetectOptions>) -> Result<DetectionReport, Failure> {
    let o = options.unwrap_or_default();
    let patterns = api::load_patterns(&o.patterns.unwrap_or_default())?;
    let request = request(o.tools, o.min_confidence);
    Ok(api::detect_path(Path::new(path), &request, patterns)?)
}

fn check_job(text: &str, options: Option<CheckOptions>) -> FileReport {
    api::check(text, &CheckOptions::filename(options))
}

/// Upstream's all-tools object (`detectTooling`, serialised straight from
/// the scan) or single-tool object (`detectTool`), as JSON text.
fn compat_job(
    path: &str,
    tool: Option<&str>,
    options: Option<DetectToolingOptions>,
    timed: bool,
) -> Result<String, Failure> {
    let o = options.unwrap_or_default();
    let patterns = api::load_patterns(&o.patterns.unwrap_or_default())?;
    let (path, min) = (Path::new(path), o.minimum_confidence);
    Ok(match tool {
        None => api::detect_compat_json(path, o.tools.as_deref(), min, patterns, timed)?,
        Some(tool) => {
            let single = api::detect_compat_single(path, tool, min, patterns, timed)?;
            serde_json::to_string(&single).map_err(Failure::internal)?
        }
    })
}

// ---------------------------------------------------------------- detect

/// Detects deployment tooling and app frameworks in the project directory
/// `path`, as `flyconf detect PATH --format json` does.
///
/// Throws `FlyconfError` (`path-not-found`, `not-a-directory`,
/// `unknown-tool`, `invalid-min-confidence`, a pattern-file code, …).
#[napi(ts_return_type = "DetectionReport")]
pub fn detect(
    env: Env,
    path: String,
    options: Option<DetectOptions>,
) -> napi::Result<Unknown<'static>> {
    run(&env, || detect_job(&path, options))
}

/// `detect()` on the libuv thread pool.
#[napi(ts_return_type = "Promise<DetectionReport>")]
pub fn detect_async(path: String, options: Option<DetectOptions>) -> AsyncTask<Call> {
    AsyncTask::new(Call::new(move || detect_job(&path, options)))
}

/// Detects tooling and frameworks in an in-memory project: relative path
/// (`/`-separated) → contents, as `detect()` finds them on disk.
///
/// Throws `FlyconfError` `invalid-file-path` for an absolute path, a `..`
/// segment, or a path that is both a file and a directory, and the
/// option errors of `detect()`.
#[napi(
    ts_args_type = "files: Record<string, string | Buffer | Uint8Array>, options?: DetectFilesOptions | undefined | null",
    ts_return_type = "DetectionReport"
)]
pub fn detect_files(
    env: Env,
    files: HashMap<String, Either<String, Uint8Array>>,
    options: Option<DetectFilesOptions>,
) -> napi::Result<Unknown<'static>> {
    run(&env, move || {
        let files = files.into_iter().map(|(path, content)| {
            let bytes = match content {
                Either::A(text) => text.into_bytes(),
                Either::B(array) => array.to_vec(),
            };
            (path, bytes)
        });
        let o = options.unwrap_or_default();
        let request = request(o.tools, o.min_confidence);
        Ok(api::detect_files(files, &request)?)
    })
}

// ---------------------------------------------------------------- check, parse, fix

/// Validates and lints `text` as a fly.toml, or as a Dockerfile when
/// `filename` names one: the file's entry of `flyconf check --format json`.
/// Problems in the text are diagnostics, never exceptions.
#[napi(ts_return_type = "FileReport")]
pub fn check(
    env: Env,
    text: String,
    options: Option<CheckOptions>,
) -> napi::Result<Unknown<'static>> {
    run(&env, || Ok(check_job(&text, options)))
}

/// `check()` on the libuv thread pool.
#[napi(ts_return_type = "Promise<FileReport>")]
pub fn check_async(text: String, options: Option<CheckOptions>) -> AsyncTask<Call> {
    AsyncTask::new(Call::new(move || Ok(check_job(&text, options))))
}

/// Reads fly.toml text into the typed model, with every diagnostic.
#[napi(ts_return_type = "ParseResult")]
pub fn parse(env: Env, text: String) -> napi::Result<Unknown<'static>> {
    run(&env, || Ok::<Parsed, Failure>(api::parse(&text)))
}

/// Applies every machine-applicable fix to `text` (comments and formatting
/// kept) and checks the result, as `flyconf check --fix`.
///
/// Throws `FlyconfError` `FT002` for text with a NUL byte.
#[napi(ts_return_type = "FixReport")]
pub fn fix(
    env: Env,
    text: String,
    options: Option<CheckOptions>,
) -> napi::Result<Unknown<'static>> {
    run(&env, || {
        Ok(api::fix(&text, &CheckOptions::filename(options))?)
    })
}

// ---------------------------------------------------------------- generate

/// The files `template` generates (fly.toml per environment, Dockerfile,
/// .dockerignore, deploy.sh, …), as path → contents. Nothing is written.
///
/// Throws `FlyconfError` `unknown-template` (with the closest name) or
/// `invalid-option`.
#[napi(ts_return_type = "Record<string, string>")]
pub fn generate(
    env: Env,
    template: String,
    options: Option<GenerateOptions>,
) -> napi::Result<Unknown<'static>> {
    run(&env, || {
        let options = GenerateOptions::into_core(options, template)?;
        Ok(api::generate(&options)?)
    })
}

/// What `generate()` would write, with each file's purpose, the secrets
/// plan and the next steps: `flyconf init --dry-run --format json`.
#[napi(ts_return_type = "FileSet")]
pub fn plan(
    env: Env,
    template: String,
    options: Option<GenerateOptions>,
) -> napi::Result<Unknown<'static>> {
    run(&env, || {
        let options = GenerateOptions::into_core(options, template)?;
        Ok(api::plan(&options)?)
    })
}

/// The templates `generate()` accepts, as `flyconf templates --format json`.
#[napi(ts_return_type = "TemplateInfo[]")]
pub fn templates(env: Env) -> napi::Result<Unknown<'static>> {
    run(&env, || Ok(api::templates()))
}

// ---------------------------------------------------------------- cost, recommend, migrate, skill, rules

/// Estimates the monthly cost of running the fly.toml `text`, as
/// `flyconf cost --format json`. Throws `FlyconfError` `FT002` for text
/// with a NUL byte.
#[napi(ts_return_type = "CostEstimate")]
pub fn cost(env: Env, text: String, inputs: Option<CostInputs>) -> napi::Result<Unknown<'static>> {
    run(&env, || {
        Ok(api::cost(&text, &inputs.unwrap_or_default().into())?)
    })
}

/// Recommends Fly.io, Kubernetes, AWS or a mix for the project directory
/// `path`, as `flyconf recommend --format json`.
#[napi(ts_return_type = "Recommendation")]
pub fn recommend(env: Env, path: String) -> napi::Result<Unknown<'static>> {
    run(&env, || Ok(api::recommend(Path::new(&path))?))
}

/// Converts the Heroku, docker-compose and Kubernetes configuration of the
/// project directory `path` into fly.toml drafts, as
/// `flyconf migrate --format json` (nothing is written).
#[napi(ts_return_type = "Migration")]
pub fn migrate(
    env: Env,
    path: String,
    options: Option<MigrateOptions>,
) -> napi::Result<Unknown<'static>> {
    run(&env, || {
        Ok(api::migrate(
            Path::new(&path),
            &options.unwrap_or_default().into(),
        )?)
    })
}

/// Loads an embedded skill package (`flyio`): SKILL.md and REFERENCE.md
/// split into sections, and the index of generated examples.
#[napi(ts_return_type = "Skill")]
pub fn load_skill(env: Env, name: String) -> napi::Result<Unknown<'static>> {
    run(&env, || Ok(api::load_skill(&name)?))
}

/// One rule's documentation (`FT004`), as `flyconf explain CODE --format json`.
/// Throws `FlyconfError` `unknown-rule`.
#[napi(ts_return_type = "Rule")]
pub fn explain(env: Env, code: String) -> napi::Result<Unknown<'static>> {
    run(&env, || Ok(api::explain(&code)?))
}

/// Every rule, in code order, as `flyconf explain --format json`.
#[napi(ts_return_type = "Rule[]")]
pub fn rules(env: Env) -> napi::Result<Unknown<'static>> {
    run(&env, || Ok(api::rules()))
}

// ---------------------------------------------------------------- upstream drop-in

/// Drop-in for upstream `detect-tooling.js`'s `detectTooling(projectPath,
/// options)`: resolves to the object upstream returns (same keys, key
/// order and numbers; no `performance` key). A missing path is not an
/// error: nothing is detected. The scan runs on the calling thread (tens of
/// microseconds on a typical project, less than a thread-pool hand-off;
/// upstream reads files synchronously there too) and the promise comes
/// back settled; use `detectAsync` to scan large trees off the event loop.
#[napi(ts_return_type = "Promise<ToolingReport>")]
pub fn detect_tooling(
    env: Env,
    project_path: String,
    options: Option<DetectToolingOptions>,
) -> napi::Result<PromiseRaw<'static, Unknown<'static>>> {
    settled_text(&env, || compat_job(&project_path, None, options, false))
}

/// Drop-in for upstream's `detectTool(projectPath, toolName, options)`.
/// Rejects with `FlyconfError` `unknown-tool` where upstream throws a
/// `TypeError`.
#[napi(ts_return_type = "Promise<ToolReport>")]
pub fn detect_tool(
    env: Env,
    project_path: String,
    tool_name: String,
    options: Option<DetectToolingOptions>,
) -> napi::Result<PromiseRaw<'static, Unknown<'static>>> {
    settled_text(&env, || {
        compat_job(&project_path, Some(&tool_name), options, false)
    })
}

/// The `detect-tooling` bin: `detectTooling` (no `toolName`) or `detectTool`
/// with `performance`, as `flyconf detect --compat fortium` prints it.
#[doc(hidden)]
#[napi(js_name = "_detectToolingCli", skip_typescript)]
pub fn detect_tooling_cli(
    project_path: String,
    tool_name: Option<String>,
    options: Option<DetectToolingOptions>,
) -> AsyncTask<Call> {
    AsyncTask::new(Call::text(move || {
        compat_job(&project_path, tool_name.as_deref(), options, true)
    }))
}

// ---------------------------------------------------------------- internal

/// Panics inside the guard: the test of the panic boundary.
#[doc(hidden)]
#[napi(js_name = "_panicForTest", skip_typescript)]
pub fn panic_for_test(env: Env) -> napi::Result<Unknown<'static>> {
    run(&env, || -> Result<(), Failure> {
        panic!("deliberate test panic")
    })
}

/// Panics inside an async task: the test of the panic boundary off-thread.
#[doc(hidden)]
#[napi(js_name = "_panicForTestAsync", skip_typescript)]
pub fn panic_for_test_async() -> AsyncTask<Call> {
    AsyncTask::new(Call::new(|| -> Result<(), Failure> {
        panic!("deliberate test panic off-thread")
    }))
}
