//! Failures as `FlyconfError`s (panics become failures in
//! `flyconf::api::catch_panics`, which `task` runs every call in).
//!
//! `FlyconfError` is a real `Error` subclass (`instanceof Error`, a stack,
//! `util.types.isNativeError`), so it is defined in JavaScript: the module
//! evaluates [`ERROR_CLASS`] once at load time, exports the class, and
//! keeps a reference to it in the environment's instance data, which is
//! per Node environment (main thread or worker).

use flyconf::api::Failure;
use napi::Env;
use napi::bindgen_prelude::{FnArgs, Function, FunctionRef, JsObjectValue, Object, Unknown};

/// The class every failure is raised as.
const ERROR_CLASS: &str = r"(class FlyconfError extends Error {
  constructor(code, message, suggestion) {
    super(message);
    this.code = code;
    this.suggestion = suggestion;
  }
})";

/// Arguments of the `FlyconfError` constructor: code, message, suggestion.
type ErrorArgs = FnArgs<(String, String, String)>;

/// What the module keeps per Node environment.
pub(crate) struct Statics {
    /// `FlyconfError`.
    error_class: FunctionRef<ErrorArgs, Unknown<'static>>,
    /// `JSON.parse`.
    json_parse: FunctionRef<String, Unknown<'static>>,
}

/// Defines `FlyconfError`, exports it, and keeps references to it and to
/// `JSON.parse`.
pub(crate) fn init(exports: &mut Object<'_>, env: &Env) -> napi::Result<()> {
    let class: Function<'_, ErrorArgs, Unknown<'static>> = env.run_script(ERROR_CLASS)?;
    // `name` on the prototype, as for the built-in errors.
    let mut prototype: Object<'_> = class.get_named_property("prototype")?;
    prototype.set_named_property("name", "FlyconfError")?;
    let error_class = class.create_ref()?;
    exports.set_named_property("FlyconfError", class)?;
    let json: Object<'_> = env.get_global()?.get_named_property("JSON")?;
    let parse: Function<'_, String, Unknown<'static>> = json.get_named_property("parse")?;
    let json_parse = parse.create_ref()?;
    env.set_instance_data(
        Statics {
            error_class,
            json_parse,
        },
        (),
        |_| {},
    )
}

fn statics(env: &Env) -> napi::Result<&'static Statics> {
    env.get_instance_data::<Statics>()?
        .map(|s| &*s)
        .ok_or_else(|| napi::Error::from_reason("flyconf: module not initialised"))
}

/// `JSON.parse(text)`.
pub(crate) fn json_parse(env: &Env, text: String) -> napi::Result<Unknown<'static>> {
    statics(env)?.json_parse.borrow_back(env)?.call(text)
}

/// A new `FlyconfError` object for `failure`.
pub(crate) fn error_object(env: &Env, f: &Failure) -> napi::Result<Unknown<'static>> {
    let class = statics(env)?.error_class.borrow_back(env)?;
    class.new_instance(FnArgs::from((
        f.code.clone(),
        f.message.clone(),
        f.suggestion.clone(),
    )))
}

/// The `FlyconfError` for `failure`, as a `napi::Error` that throws (or
/// rejects with) that object unchanged.
pub(crate) fn to_js_error(env: &Env, failure: Failure) -> napi::Error {
    // Should the class be unavailable, a plain Error still carries the code.
    error_object(env, &failure).map_or_else(
        |_| {
            napi::Error::new(
                napi::Status::GenericFailure,
                format!("[{}] {}", failure.code, failure.message),
            )
        },
        napi::Error::from,
    )
}
