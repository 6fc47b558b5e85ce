'use strict';
// Entry point of the Node package (pkg-node/index.js): the wasm-bindgen
// glue's functions, plus `FlyconfError`, with traps mapped to it. After any
// `internal` error (a panic or a trap) the module is re-instantiated, since
// the old instance was left mid-call.
const glue = require('./flyconf_wasm.js');

/** The class of every error flyconf throws (`code`, `message`, `suggestion`). */
const FlyconfError = glue.flyconfErrorClass();

const guarded = require('./guard.mjs').makeGuard(glue, () => FlyconfError);

const API = ['detectFiles', 'detectReads', 'check', 'fix', 'parse', 'generate', 'plan', 'templates', 'cost', 'loadSkill'];
module.exports = { FlyconfError };
for (const name of API) module.exports[name] = guarded(glue[name]);
// Test hook only (see src/lib.rs); not public API.
module.exports.__testPanic = guarded(glue.__testPanic);
