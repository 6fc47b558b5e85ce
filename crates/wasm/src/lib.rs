//! flyconf for JavaScript (wasm-bindgen): every `flyconf::api` operation
//! that needs no filesystem. The binding only converts: arguments come in as
//! JS values (option objects through `JSON.stringify` into the core's serde
//! types), results are the core's serde types as JSON text — byte for byte
//! what the CLI prints and `fixtures/vectors` pins — handed to `JSON.parse`.
//! JSON text keeps one serde serializer in the module (serde-wasm-bindgen
//! would add a second copy of every `Serialize` impl: the size budget).
//! Failures throw a `FlyconfError` (`code`, `message`, `suggestion`): the
//! core's `api::Failure`.

mod error;

pub use error::error_class;

use flyconf::api::{self, DetectRequest, Failure};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

/// What every export returns: a JS value, or a thrown `FlyconfError`.
type JsResult = Result<JsValue, JsValue>;

/// Runs `f` and converts its result to a plain JS value (JSON text through
/// `JSON.parse`), or its failure to a `FlyconfError`. Every export goes
/// through here.
fn call<T: Serialize, E: Into<Failure>>(f: impl FnOnce() -> Result<T, E>) -> JsResult {
    f().map_err(Into::into)
        .and_then(|value| serde_json::to_string(&value).map_err(Failure::internal))
        .and_then(|json| {
            js_sys::JSON::parse(&json)
                .map_err(|_| Failure::internal("JSON.parse rejected flyconf's own JSON output"))
        })
        .map_err(error::to_js_error)
}

/// An options object (`undefined`/`null`: all defaults) read into the core's
/// `Deserialize` type through `JSON.stringify`; a bad or unknown field is an
/// `invalid-option` failure. Field names are the camelCase spellings of the
/// Node binding (`hoursPerMonth`, `extraSecrets`); the core also accepts its
/// own snake_case names.
fn options<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    what: &str,
) -> Result<T, Failure> {
    let Some(value) = value else {
        return Ok(T::default());
    };
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|json| json.as_string())
        .ok_or_else(|| "it cannot be written as JSON".to_owned())
        .and_then(|json| serde_json::from_str(&json).map_err(|e| e.to_string()))
        .map_err(|e| Failure {
            code: "invalid-option".into(),
            message: format!("invalid {what}: {e}"),
            suggestion: "check the option names and value types in the flyconf-wasm README".into(),
        })
}

/// A string argument. Parameters are taken as `JsValue` and checked here:
/// wasm-bindgen's `&str` glue does not check types, and a number passed
/// there traps the module instead of failing.
fn string_arg(value: &JsValue, name: &str) -> Result<String, Failure> {
    value.as_string().ok_or_else(|| Failure {
        code: "invalid-argument".into(),
        message: format!("`{name}` must be a string"),
        suggestion: format!("pass `{name}` as a string"),
    })
}

/// An optional string argument: `undefined`/`null` (`None`) give `default`.
fn string_or(value: Option<JsValue>, name: &str, default: &str) -> Result<String, Failure> {
    value.map_or_else(|| Ok(default.to_owned()), |v| string_arg(&v, name))
}

/// `detectFiles` options: `{tools?: string[], minConfidence?: number}`, the
/// camelCase spelling of [`DetectRequest`].
#[derive(Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
struct DetectArgs {
    /// Tool or framework ids to report (all when empty).
    tools: Vec<String>,
    /// Read from the JS value instead (see [`detect_request`]).
    #[allow(dead_code)]
    min_confidence: serde::de::IgnoredAny,
}

/// The core request from `detectFiles` options. `minConfidence` is read
/// from the JS object directly: JSON has no NaN (it would arrive as `null`,
/// meaning no threshold), and a non-number must be `invalid-min-confidence`
/// too. The core checks the range.
fn detect_request(options: Option<JsValue>) -> Result<DetectRequest, Failure> {
    let min = options
        .as_ref()
        .and_then(|o| js_sys::Reflect::get(o, &JsValue::from_str("minConfidence")).ok())
        .unwrap_or(JsValue::UNDEFINED);
    let args: DetectArgs = self::options(options, "detectFiles options")?;
    let min_confidence = match min {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(v.as_f64().ok_or_else(|| {
            Failure::from(flyconf::detect::Error::InvalidMinConfidence {
                value: v.as_string().unwrap_or_else(|| format!("{v:?}")),
            })
        })?),
    };
    Ok(DetectRequest {
        tools: args.tools,
        min_confidence,
    })
}

/// `{path: string | Uint8Array}` as (path, bytes) pairs, in key order.
fn files_from_js(files: &JsValue) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let bad = |message: String| Failure {
        code: "invalid-argument".into(),
        message,
        suggestion: "pass an object mapping relative paths to contents (string or Uint8Array)"
            .into(),
    };
    if !files.is_object() {
        return Err(bad("files must be an object".into()));
    }
    js_sys::Object::entries(files.unchecked_ref())
        .iter()
        .map(|entry| {
            let pair: js_sys::Array = entry.unchecked_into();
            let path = pair.get(0).as_string().unwrap_or_default();
            let value = pair.get(1);
            let bytes = match (value.as_string(), value.dyn_ref::<js_sys::Uint8Array>()) {
                (Some(text), _) => text.into_bytes(),
                (None, Some(bytes)) => bytes.to_vec(),
                (None, None) => {
                    return Err(bad(format!(
                        "the contents of `{path}` are neither a string nor a Uint8Array"
                    )));
                }
            };
            Ok((path, bytes))
        })
        .collect()
}

/// Detects tooling and frameworks in an in-memory project:
/// `detectFiles({path: contents}, {tools?, minConfidence?})` → the report of
/// `flyconf detect --format json` (`performance.detection_time_ms` is 0: no
/// clock in wasm32).
#[wasm_bindgen(js_name = detectFiles)]
pub fn detect_files(
    #[wasm_bindgen(unchecked_param_type = "Record<string, string | Uint8Array>")] files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{tools?: string[], minConfidence?: number}")]
    options: Option<JsValue>,
) -> JsResult {
    call(|| {
        let files = files_from_js(&files)?;
        let request = detect_request(options)?;
        Ok::<_, Failure>(api::detect_files(files, &request)?)
    })
}

/// Which of `paths` (a project listed by name) `detectFiles` reads the
/// contents of; it judges the rest by name, so pass them with empty
/// contents. For hosts that read files themselves (a dropped folder).
#[wasm_bindgen(js_name = detectReads)]
pub fn detect_reads(#[wasm_bindgen(unchecked_param_type = "string[]")] paths: JsValue) -> JsResult {
    call(|| {
        let paths: Vec<String> = options(Some(paths), "paths")?;
        Ok::<_, Failure>(api::detect_reads(paths)?)
    })
}

/// Checks `text` as the file `filename` (default `fly.toml`; a Dockerfile by
/// name): `{path, diagnostics}`.
#[wasm_bindgen]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] filename: Option<JsValue>,
) -> JsResult {
    call(|| {
        let (text, filename) = (
            string_arg(&text, "text")?,
            string_or(filename, "filename", "fly.toml")?,
        );
        Ok::<_, Failure>(api::check(&text, &filename))
    })
}

/// Applies every machine-applicable fix to `text` (file `filename`, default
/// `fly.toml`) and re-checks it: `{path, text, applied, diagnostics}`.
#[wasm_bindgen]
pub fn fix(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] filename: Option<JsValue>,
) -> JsResult {
    call(|| {
        let (text, filename) = (
            string_arg(&text, "text")?,
            string_or(filename, "filename", "fly.toml")?,
        );
        Ok::<_, Failure>(api::fix(&text, &filename)?)
    })
}

/// Reads fly.toml text into the typed model: `{config, diagnostics}`.
#[wasm_bindgen]
pub fn parse(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> JsResult {
    call(|| Ok::<_, Failure>(api::parse(&string_arg(&text, "text")?)))
}

/// `generate::Options` for `template` from an options object (`app`,
/// `region`, `environments`, `database`, `redis`, `extraSecrets`); the
/// `template` argument wins over `options.template`.
fn generate_options(
    template: &JsValue,
    options: Option<JsValue>,
) -> Result<flyconf::generate::Options, Failure> {
    let template = string_arg(template, "template")?;
    let mut opts: flyconf::generate::Options = self::options(options, "generate options")?;
    opts.template = template;
    Ok(opts)
}

/// The files `template` generates, as `{path: contents}` in reading order.
#[wasm_bindgen]
pub fn generate(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] options: Option<JsValue>,
) -> JsResult {
    call(|| Ok::<_, Failure>(api::generate(&generate_options(&template, options)?)?))
}

/// The full plan for `template`, as `flyconf init --dry-run --format json`
/// prints it (without the project directory): `{template, files: [{path,
/// purpose, contents}], secrets, next_steps}`. Options as for [`generate`].
#[wasm_bindgen]
pub fn plan(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] options: Option<JsValue>,
) -> JsResult {
    call(|| Ok::<_, Failure>(api::plan(&generate_options(&template, options)?)?))
}

/// Every template's metadata (`flyconf templates --format json`).
#[wasm_bindgen]
pub fn templates() -> JsResult {
    call(|| Ok::<_, Failure>(api::templates()))
}

/// Monthly cost estimate of fly.toml `text`; `inputs`: `machines`,
/// `regions`, `hoursPerMonth`, `includeIpv4`.
#[wasm_bindgen]
pub fn cost(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] inputs: Option<JsValue>,
) -> JsResult {
    call(|| {
        let text = string_arg(&text, "text")?;
        let inputs = options(inputs, "cost inputs")?;
        Ok::<_, Failure>(api::cost(&text, &inputs)?)
    })
}

/// Loads an embedded skill (`flyio`): `{name, description, sections,
/// reference, examples}`.
#[wasm_bindgen(js_name = loadSkill)]
pub fn load_skill(#[wasm_bindgen(unchecked_param_type = "string")] name: JsValue) -> JsResult {
    call(|| Ok::<_, Failure>(api::load_skill(&string_arg(&name, "name")?)?))
}

/// Panics on purpose, to test that a panic (a trap in this build) reaches JS
/// as a `FlyconfError` with code `internal` and that the next call works.
/// Not public API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __testPanic)]
pub fn test_panic(message: JsValue) -> JsResult {
    call(|| -> Result<(), Failure> { panic!("{}", message.as_string().unwrap_or_default()) })
}
