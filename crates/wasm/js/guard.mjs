// Shared by both package entry points (index.cjs requires it, index.mjs
// imports it): every export wrapped so that a trap or an `internal` error
// re-instantiates the module (the old instance was left mid-call), and a
// trap that is not a panic reaches the caller as a `FlyconfError` too.

/**
 * A wrapper for the glue's functions.
 * @param glue the wasm-bindgen glue module (for `__wbg_reset_state`)
 * @param errorClass returns the `FlyconfError` class (the web build has it only after `init`)
 */
export function makeGuard(glue, errorClass) {
  /** What a failure becomes: unchanged, or a trap (out of memory, stack overflow) as `FlyconfError`. */
  function recover(e) {
    const FlyconfError = errorClass();
    const trap = e instanceof WebAssembly.RuntimeError
      || (e instanceof RangeError && /call stack/i.test(e.message));
    if (!trap && !(e instanceof FlyconfError && e.code === 'internal')) return e;
    glue.__wbg_reset_state();
    if (!trap) return e;
    return new FlyconfError('internal', `internal error: the WebAssembly module trapped: ${e.message}`,
      'this is a bug in flyconf; please report it with the input that caused it');
  }
  return (fn) => (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      throw recover(e);
    }
  };
}
