// The error class every flyconf WASM function throws. Imported by the Rust
// side (src/error.rs) through `#[wasm_bindgen(module = "/js/flyconf_error.js")]`,
// so wasm-bindgen copies it into the package under snippets/.

/** A flyconf failure: `code` (stable, machine-readable), `message`, `suggestion`. */
export class FlyconfError extends Error {
  constructor(code, message, suggestion) {
    super(message);
    this.name = 'FlyconfError';
    this.code = code;
    this.suggestion = suggestion;
  }
}

/** Builds a FlyconfError (called from Rust). */
export function newFlyconfError(code, message, suggestion) {
  return new FlyconfError(code, message, suggestion);
}

/** The class itself, so the package can export it for `instanceof`. */
export function flyconfErrorClass() {
  return FlyconfError;
}
