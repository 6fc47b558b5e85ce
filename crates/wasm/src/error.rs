//! Failures as JS `FlyconfError`s, and the panic hook that turns a Rust panic
//! into one instead of an unreadable `unreachable` trap.

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

/// Installs the panic hook (once per instance). `panic = "abort"` is the only panic strategy on
/// stable wasm32, so a panic cannot be caught. Instead the hook throws a
/// `FlyconfError` with code `internal` and the panic message, which unwinds
/// through the wasm frames (no destructors run) to the JS caller. That
/// instance is left mid-operation (shadow stack not popped, borrows held),
/// so the package's wrapper (js/index.*) calls `__wbg_reset_state()` to get
/// a fresh instance after any `internal` error.
///
/// Not `wasm_bindgen::handler::schedule_reinit()`: in 0.2.130 its guard runs
/// after the next call's arguments were already written into the old
/// instance's memory, so that call reads garbage (memory access out of
/// bounds, or worse).
pub(crate) fn install_panic_hook() {
    // Native builds (the rlib, `cargo test`) keep the default hook.
    #[cfg(target_arch = "wasm32")]
    static ONCE: std::sync::Once = std::sync::Once::new();
    #[cfg(target_arch = "wasm32")]
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            // Same message as the other bindings (they catch_unwind the payload).
            let failure = Failure::from_panic(info.payload());
            wasm_bindgen::throw_val(to_js_error(failure));
        }))
    });
}
