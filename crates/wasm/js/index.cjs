'use strict';
// Entry point of the Node package (pkg-node/index.js): the wasm-bindgen
// glue's functions, plus `FlyconfError`, with traps mapped to it. After any
// `internal` error (a panic or a trap) the module is re-instantiated, since
// the old instance was left mid-call.
const glue = require('./flyconf_wasm.js');

/** The class of every error flyconf throws (`code`, `message`, `suggestion`). */
const FlyconfError = glue.flyconfErrorClass();

/** What a trap (not a panic: out of memory, stack overflow) becomes. */
function recover(e) {
  const trap = e instanceof WebAssembly.RuntimeError
    || (e instanceof RangeError && /call stack/i.test(e.message));
  if (!trap && !(e instanceof FlyconfError && e.code === 'internal')) return e;
  glue.__wbg_reset_state();
  if (!trap) return e;
  return new FlyconfError('internal', `internal error: the WebAssembly module trapped: ${e.message}`,
    'this is a bug in flyconf; please report it with the input that caused it');
}

/** `fn` with its failures passed through `recover`. */
function guarded(fn) {
  return function (...args) {
    try {
      return fn(...args);
    } catch (e) {
      throw recover(e);
    }
  };
}

const API = ['detectFiles', 'check', 'fix', 'parse', 'generate', 'plan', 'templates', 'cost', 'loadSkill', 'explain', 'rules'];
module.exports = { FlyconfError };
for (const name of API) module.exports[name] = guarded(glue[name]);
// Test hook only (see src/lib.rs); not public API.
module.exports.__testPanic = guarded(glue.__testPanic);
