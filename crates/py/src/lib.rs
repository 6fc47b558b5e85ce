//! `flyconf._flyconf`: the Python binding of flyconf.
//!
//! Each function converts its Python arguments into the core's types, calls
//! one flyconf function with the GIL released and panics caught
//! (`guard::run`), and returns the core's serde output as plain Python
//! objects (`to_py`): what `json.loads` gives for the JSON
//! `flyconf … --format json` prints. Failures raise `flyconf.FlyconfError`
//! subclasses (defined in `python/flyconf/_errors.py`, chosen by the error's
//! code). Every function is one call of `flyconf::api`, the entry
//! points the CLI and the other bindings share.
//!
//! The doc comments below are the Python docstrings (`help(flyconf.check)`);
//! `python/flyconf/_flyconf.pyi` repeats them with the types, and
//! `tests/test_stubs.py` fails when the two differ.

mod guard;
mod to_py;

use std::path::PathBuf;

use flyconf::cost::{CostInputs, FULL_MONTH_HOURS};
use flyconf::migrate::MigrateOptions;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};

use flyconf::api::{self, DetectRequest};
use guard::run_py;

/// File contents as Python gives them: `str`, or `bytes` for files that may
/// not be UTF-8.
#[derive(FromPyObject)]
enum Text {
    /// A `str` (held as UTF-8).
    #[pyo3(annotation = "str")]
    Str(PyBackedStr),
    /// A `bytes` or `bytearray`.
    #[pyo3(annotation = "bytes")]
    Bytes(PyBackedBytes),
}

impl Text {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Str(s) => s.as_bytes(),
            Text::Bytes(b) => b,
        }
    }
}

/// Detects deployment tooling and app frameworks in a project directory,
/// as `flyconf detect PATH --format json` does.
///
/// Args:
///     path: The project directory (`str` or `os.PathLike`).
///     tools: Only report these tool or framework ids (`--tools`).
///     min_confidence: Detection threshold between 0 and 1
///         (`--min-confidence`; default: the pattern file's, 0.7).
///     patterns: Pattern files to load instead of the embedded set of the
///         same kind (`--patterns`; tools and frameworks files may be mixed).
///
/// Returns:
///     The detection report (`flyconf.types.DetectionReport`).
///
/// Raises:
///     PathNotFoundError: `path` does not exist.
///     UnreadablePathError: `path` is not a directory, or cannot be read.
///     UnknownToolError: `tools` names an id no pattern file defines.
///     InvalidOptionError: `min_confidence` is outside 0..1.
///     PatternError: A pattern file is malformed.
///
/// The GIL is released while the project is scanned.
#[pyfunction]
#[pyo3(signature = (path, *, tools=None, min_confidence=None, patterns=None))]
fn detect<'py>(
    py: Python<'py>,
    path: PathBuf,
    tools: Option<Vec<String>>,
    min_confidence: Option<f64>,
    patterns: Option<Vec<PathBuf>>,
) -> PyResult<Bound<'py, PyAny>> {
    let request = DetectRequest {
        tools: tools.unwrap_or_default(),
        min_confidence,
    };
    run_py(py, || {
        let patterns = api::load_patterns(patterns.as_deref().unwrap_or_default())?;
        Ok(api::detect_path(&path, &request, patterns)?)
    })
}

/// Detects deployment tooling and app frameworks in an in-memory project.
///
/// Args:
///     files: `{relative path: contents}`, with `/` separators; contents
///         are `str` or `bytes`.
///     tools: Only report these tool or framework ids.
///     min_confidence: Detection threshold between 0 and 1 (default: the
///         pattern file's, 0.7).
///
/// Returns:
///     The detection report (`flyconf.types.DetectionReport`), as `detect`
///     gives for the same files on disk.
///
/// Raises:
///     InvalidOptionError: A path is absolute or has `..` segments, or
///         `min_confidence` is outside 0..1.
///     UnknownToolError: `tools` names an id no pattern file defines.
///
/// The GIL is released while the project is scanned.
#[pyfunction]
#[pyo3(signature = (files, *, tools=None, min_confidence=None))]
fn detect_files<'py>(
    py: Python<'py>,
    files: &Bound<'py, PyAny>,
    tools: Option<Vec<String>>,
    min_confidence: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let files = files
        .call_method0("items")?
        .try_iter()?
        .map(|item| item?.extract::<(PyBackedStr, Text)>())
        .collect::<PyResult<Vec<_>>>()?;
    let request = DetectRequest {
        tools: tools.unwrap_or_default(),
        min_confidence,
    };
    run_py(py, || {
        let files = files.iter().map(|(p, t)| (p, t.as_bytes()));
        Ok(api::detect_files(files, &request)?)
    })
}

/// Validates and lints a fly.toml (or, by its name, a Dockerfile): one file
/// of `flyconf check --format json`.
///
/// Args:
///     text: The file's contents. `bytes` that are not UTF-8 text give an
///         `FT002` diagnostic rather than an error.
///     filename: The file's name: `Dockerfile`, `Dockerfile.*`,
///         `*.dockerfile` and `Containerfile` are linted as Dockerfiles,
///         anything else is read as a fly.toml.
///
/// Returns:
///     `{"path": filename, "diagnostics": [...]}`
///     (`flyconf.types.FileReport`), diagnostics in file order. Secret
///     values found in the file are never included, only their names.
///
/// The GIL is released while the file is checked.
#[pyfunction]
#[pyo3(signature = (text, *, filename="fly.toml"))]
fn check<'py>(py: Python<'py>, text: Text, filename: &str) -> PyResult<Bound<'py, PyAny>> {
    run_py(py, || {
        Ok(match &text {
            Text::Str(s) => api::check(s, filename),
            Text::Bytes(b) => flyconf::check_bytes(filename, b),
        })
    })
}

/// Reads fly.toml text into flyconf's typed model, with every diagnostic.
///
/// Args:
///     text: The fly.toml contents.
///
/// Returns:
///     `{"config": {...}, "diagnostics": [...]}` (`flyconf.types.Parsed`):
///     the model with legacy forms normalised and unreadable values left
///     out, and the same diagnostics as `check`.
///
/// The GIL is released while the file is parsed.
#[pyfunction]
fn parse(py: Python<'_>, text: PyBackedStr) -> PyResult<Bound<'_, PyAny>> {
    run_py(py, || Ok(api::parse(&text)))
}

/// Generates a template's production-ready files, as `flyconf init` writes
/// them.
///
/// Args:
///     template: The template name (`flyconf.templates()` lists them).
///     app: App name (`--app`; default: the template name); with several
///         environments, dev and staging apps get `-dev` / `-staging`.
///     region: Primary region code (`--region`; default: the template's
///         first region, or `iad`).
///     environments: Any of `"dev"`, `"staging"`, `"production"` (`--env`;
///         default: production only). One writes `fly.toml`, several write
///         `fly.<env>.toml` each.
///     database: `"postgres"`, `"sqlite"` or `"none"` (`--database`).
///     redis: Add Redis (`--redis`).
///     extra_secrets: More secret names, e.g. the keys of `.env.example`.
///
/// Returns:
///     `{path: contents}`, paths relative to the output directory.
///     `plan` takes the same arguments and returns the full file set.
///
/// Raises:
///     UnknownTemplateError: No template has this name.
///     InvalidOptionError: An option has a value flyconf cannot use.
#[pyfunction]
#[pyo3(signature = (template, *, app=None, region=None, environments=None, database=None, redis=false, extra_secrets=None))]
#[allow(clippy::too_many_arguments)]
fn generate<'py>(
    py: Python<'py>,
    template: String,
    app: Option<String>,
    region: Option<String>,
    environments: Option<Vec<String>>,
    database: Option<String>,
    redis: bool,
    extra_secrets: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let args = api::GenerateArgs {
        template,
        app,
        region,
        environments: environments.unwrap_or_default(),
        database,
        redis,
        extra_secrets: extra_secrets.unwrap_or_default(),
    };
    run_py(py, || Ok(api::generate(&args.options()?)?))
}

/// Generates a template's full file set: the files with their purpose, the
/// secrets to set per environment, and the commands to run next (what
/// `flyconf init --dry-run --format json` prints, without `choice`,
/// `out_dir`, `dry_run` and `written`).
///
/// Args:
///     template: As for `generate`.
///     app: As for `generate`.
///     region: As for `generate`.
///     environments: As for `generate`.
///     database: As for `generate`.
///     redis: As for `generate`.
///     extra_secrets: As for `generate`.
///
/// Returns:
///     The file set (`flyconf.types.FileSet`).
///
/// Raises:
///     UnknownTemplateError: No template has this name.
///     InvalidOptionError: An option has a value flyconf cannot use.
#[pyfunction]
#[pyo3(signature = (template, *, app=None, region=None, environments=None, database=None, redis=false, extra_secrets=None))]
#[allow(clippy::too_many_arguments)]
fn plan<'py>(
    py: Python<'py>,
    template: String,
    app: Option<String>,
    region: Option<String>,
    environments: Option<Vec<String>>,
    database: Option<String>,
    redis: bool,
    extra_secrets: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let args = api::GenerateArgs {
        template,
        app,
        region,
        environments: environments.unwrap_or_default(),
        database,
        redis,
        extra_secrets: extra_secrets.unwrap_or_default(),
    };
    run_py(py, || Ok(api::plan(&args.options()?)?))
}

/// Lists the templates `generate` and `plan` accept, as
/// `flyconf templates --format json` does.
///
/// Returns:
///     One `flyconf.types.TemplateInfo` per template.
#[pyfunction]
fn templates(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    run_py(py, || Ok(api::templates()))
}

/// Estimates the monthly cost of running a fly.toml, as
/// `flyconf cost --format json` does: Machines, extra memory, volumes and a
/// dedicated IPv4, itemised per process group and region, with every
/// assumption in words.
///
/// Args:
///     text: The fly.toml contents.
///     machines: Machines per process group and region (`--machines`;
///         default: `min_machines_running`, or 1).
///     regions: Regions to run every group in (`--regions`; default:
///         `primary_region`).
///     hours: Hours per month each Machine runs (`--hours`; default 730, all
///         month; values outside 0..744 are replaced, with an assumption
///         saying so).
///     include_ipv4: Force (`True`) or leave out (`False`) a dedicated IPv4;
///         default: only when the services need one.
///
/// Returns:
///     The estimate (`flyconf.types.CostEstimate`).
#[pyfunction]
#[pyo3(signature = (text, *, machines=None, regions=None, hours=None, include_ipv4=None))]
fn cost<'py>(
    py: Python<'py>,
    text: PyBackedStr,
    machines: Option<u32>,
    regions: Option<Vec<String>>,
    hours: Option<f64>,
    include_ipv4: Option<bool>,
) -> PyResult<Bound<'py, PyAny>> {
    // Every field named, so a new core input fails to compile here.
    let inputs = CostInputs {
        machines,
        regions,
        hours_per_month: hours.unwrap_or(FULL_MONTH_HOURS),
        include_ipv4,
    };
    run_py(py, || Ok(api::cost(&text, &inputs)?))
}

/// Recommends Fly.io, Kubernetes, AWS or a mix for a project, as
/// `flyconf recommend PATH --format json` does.
///
/// Args:
///     path: The project directory.
///
/// Returns:
///     The recommendation (`flyconf.types.Recommendation`): platform,
///     confidence, the facts behind it, trade-offs, and where each service
///     should run.
///
/// Raises:
///     PathNotFoundError: `path` does not exist.
///     UnreadablePathError: `path` is not a directory, or cannot be read.
///
/// The GIL is released while the project is scanned.
#[pyfunction]
fn recommend(py: Python<'_>, path: PathBuf) -> PyResult<Bound<'_, PyAny>> {
    run_py(py, || Ok(api::recommend(&path)?))
}

/// Converts Heroku (`Procfile`, `app.json`), docker-compose and Kubernetes
/// configuration into fly.toml drafts, as `flyconf migrate PATH --format
/// json` does. Nothing is written: each app carries its `fly_toml` text and
/// the `path` to write it to.
///
/// Args:
///     path: The project directory.
///     region: Primary region of the generated apps (`--region`; default
///         `iad`).
///     app_prefix: Prefix of the generated app names (`--app-prefix`).
///
/// Returns:
///     The migration (`flyconf.types.Migration`): sources read, generated
///     apps, and diagnostics for what could not be converted.
///
/// Raises:
///     PathNotFoundError: `path` is not an existing directory.
///     UnreadablePathError: `path` cannot be listed.
///
/// The GIL is released while the project is read.
#[pyfunction]
#[pyo3(signature = (path, *, region=None, app_prefix=None))]
fn migrate(
    py: Python<'_>,
    path: PathBuf,
    region: Option<String>,
    app_prefix: Option<String>,
) -> PyResult<Bound<'_, PyAny>> {
    let options = MigrateOptions { region, app_prefix };
    run_py(py, || Ok(api::migrate(&path, &options)?))
}

/// Loads an embedded agent skill, split into sections.
///
/// Args:
///     name: The skill's name (`"flyio"`).
///
/// Returns:
///     The skill (`flyconf.types.Skill`): its description, `SKILL.md` and
///     `REFERENCE.md` split at headings, and the index of generated examples.
///
/// Raises:
///     UnknownSkillError: No embedded skill has this name.
#[pyfunction]
fn load_skill(py: Python<'_>, name: PyBackedStr) -> PyResult<Bound<'_, PyAny>> {
    run_py(py, || Ok(api::load_skill(&name)?))
}

/// Applies every machine-applicable fix to a fly.toml (or, by its name, a
/// Dockerfile), as `flyconf check --fix` does, keeping comments and
/// formatting, then checks the result.
///
/// Args:
///     text: The file's contents.
///     filename: The file's name, as for `check`.
///
/// Returns:
///     `{"path", "text", "applied", "diagnostics"}` (`flyconf.types.FixReport`):
///     the fixed text, how many fixes were applied, and what is left.
///
/// Raises:
///     FlyconfError: `text` contains a NUL byte (code `FT002`).
///
/// The GIL is released while the file is fixed.
#[pyfunction]
#[pyo3(signature = (text, *, filename="fly.toml"))]
fn fix<'py>(py: Python<'py>, text: PyBackedStr, filename: &str) -> PyResult<Bound<'py, PyAny>> {
    run_py(py, || Ok(api::fix(&text, filename)?))
}

/// Documents one rule, as `flyconf explain CODE --format json` does.
///
/// Args:
///     code: A rule code such as `"FT004"`, or its name (`"unknown-key"`).
///
/// Returns:
///     The rule (`flyconf.types.Rule`): what it checks, why, an example and
///     the fix.
///
/// Raises:
///     UnknownRuleError: No rule has this code; the suggestion names the
///         closest.
#[pyfunction]
fn explain(py: Python<'_>, code: PyBackedStr) -> PyResult<Bound<'_, PyAny>> {
    run_py(py, || Ok(api::explain(&code)?))
}

/// Lists every rule, as `flyconf explain --format json` does.
///
/// Returns:
///     One `flyconf.types.Rule` per code, by family then code.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    run_py(py, || Ok(api::rules()))
}

/// The extension module; `python/flyconf/__init__.py` re-exports it.
#[pymodule(gil_used = false)]
mod _flyconf {
    #[pymodule_export]
    use super::{
        check, cost, detect, detect_files, explain, fix, generate, load_skill, migrate, parse,
        plan, recommend, rules, templates,
    };

    #[pymodule_init]
    fn init(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
