//! Failures as JS `FlyconfError`s. A Rust panic is not one of them: the
//! module is built with `-Cpanic=immediate-abort` (build.sh), so a panic is a
//! bare `unreachable` trap, which the package wrapper (js/guard.mjs) turns into
//! `FlyconfError("internal")` after re-instantiating the module.

use flyconf::api::Failure;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/flyconf_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = newFlyconfError)]
    fn new_flyconf_error(code: &str, message: &str, suggestion: &str) -> JsValue;
    #[wasm_bindgen(js_name = flyconfErrorClass)]
    fn flyconf_error_class() -> JsValue;
}

/// The `FlyconfError` class, for `instanceof` checks (the JS wrappers
/// re-export it as `FlyconfError`).
#[wasm_bindgen(js_name = flyconfErrorClass)]
pub fn error_class() -> JsValue {
    flyconf_error_class()
}

/// `failure` as a thrown-ready JS `FlyconfError`.
pub(crate) fn to_js_error(failure: Failure) -> JsValue {
    new_flyconf_error(&failure.code, &failure.message, &failure.suggestion)
}
