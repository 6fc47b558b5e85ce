// Entry point of the web package (pkg-web/index.js): `init` from the
// wasm-bindgen glue, its functions, and `FlyconfError`, with traps mapped to
// it. After any `internal` error (a panic or a trap) the module is
// re-instantiated, since the old instance was left mid-call.
import * as glue from './flyconf_wasm.js';
import { makeGuard } from './guard.mjs';

/** The class of every error flyconf throws; set by `init`. */
export let FlyconfError;

/** Loads the module (see wasm-bindgen's `init`); resolves to its exports. */
export default async function init(options) {
  const exports = await glue.default(options);
  FlyconfError = glue.flyconfErrorClass();
  return exports;
}

/** Loads the module synchronously (see wasm-bindgen's `initSync`). */
export function initSync(options) {
  const exports = glue.initSync(options);
  FlyconfError = glue.flyconfErrorClass();
  return exports;
}

const guarded = makeGuard(glue, () => FlyconfError);

export const detectFiles = guarded(glue.detectFiles);
export const detectReads = guarded(glue.detectReads);
export const check = guarded(glue.check);
export const fix = guarded(glue.fix);
export const parse = guarded(glue.parse);
export const generate = guarded(glue.generate);
export const plan = guarded(glue.plan);
export const templates = guarded(glue.templates);
export const cost = guarded(glue.cost);
export const loadSkill = guarded(glue.loadSkill);
/** Test hook only (see src/lib.rs); not public API. */
export const __testPanic = guarded(glue.__testPanic);
