// Shared test helpers: where the repository and the shared anchors are,
// the CLI to compare with, and an assertion for FlyconfError.
'use strict'
const assert = require('node:assert/strict')
const { execFileSync, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const flyconf = require('..')

// This package lives at crates/node of the repository.
const repo = process.env.FLYCONF_REPO || path.resolve(__dirname, '..', '..', '..')
// Material shared beside the repository (the upstream detector's goldens);
// the tests that need it are skipped when it is absent.
const shared = path.join(repo, '..', 'shared')
const anchors = path.join(shared, 'anchors', 'fortium-tooling-detector')

// The CLI the results are compared with (skipped when not built).
const cli = process.env.FLYCONF_CLI ||
  ['release', 'debug'].map((p) => path.join(repo, 'target', p, 'flyconf')).find((p) => fs.existsSync(p))

/** Runs the CLI; returns {status, stdout (parsed when JSON), stderr}. */
function runCli (args, options = {}) {
  const r = spawnSync(cli, args, { encoding: 'utf8', ...options })
  let stdout = r.stdout
  try { stdout = JSON.parse(r.stdout) } catch {}
  return { status: r.status, stdout, stderr: r.stderr }
}

/** Asserts that `fn` throws a FlyconfError with `code` (and a suggestion). */
function throwsFlyconf (fn, code, { message, suggestion } = {}) {
  let caught
  try { fn() } catch (e) { caught = e }
  return checkError(caught, code, { message, suggestion })
}

/** Asserts that `promise` rejects with a FlyconfError with `code`. */
async function rejectsFlyconf (promise, code, { message, suggestion } = {}) {
  let caught
  try { await promise } catch (e) { caught = e }
  return checkError(caught, code, { message, suggestion })
}

function checkError (e, code, { message, suggestion }) {
  assert.ok(e, 'expected a FlyconfError, nothing was thrown')
  assert.ok(e instanceof flyconf.FlyconfError, `expected FlyconfError, got ${e && e.constructor && e.constructor.name}: ${e && e.message}`)
  assert.ok(e instanceof Error)
  assert.equal(e.name, 'FlyconfError')
  assert.equal(e.code, code, e.message)
  assert.equal(typeof e.message, 'string')
  assert.ok(e.message.length > 0)
  assert.equal(typeof e.suggestion, 'string')
  assert.ok(e.suggestion.length > 0, 'every error says what to do next')
  if (message) assert.match(e.message, message)
  if (suggestion) assert.match(e.suggestion, suggestion)
  return e
}

const made = []
process.on('exit', () => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }) })

/** A temporary directory holding `files` (relative path → contents), removed at exit. */
function tree (files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flyconf-node-'))
  made.push(dir)
  for (const [rel, contents] of Object.entries(files)) {
    const p = path.join(dir, rel)
    fs.mkdirSync(path.dirname(p), { recursive: true })
    fs.writeFileSync(p, contents)
  }
  return dir
}

/** `TYPICAL_FLY_TOML` of benches/src/lib.rs: the 60-line fly.toml of the benchmarks. */
function typicalFlyToml () {
  const src = fs.readFileSync(path.join(repo, 'benches', 'src', 'lib.rs'), 'utf8')
  const m = src.match(/pub const TYPICAL_FLY_TOML: &str = r#"([\s\S]*?)"#;/)
  if (!m) throw new Error('TYPICAL_FLY_TOML not found in benches/src/lib.rs')
  return m[1]
}

/** Sets `performance.detection_time_ms` to 0 (wall-clock). */
function noTime (report) {
  if (report && report.performance) report.performance.detection_time_ms = 0
  return report
}

/** Same value, same key order. */
function sameJson (actual, expected, msg) {
  assert.equal(JSON.stringify(actual, null, 1), JSON.stringify(expected, null, 1), msg)
}

module.exports = { flyconf, typicalFlyToml, repo, shared, anchors, cli, runCli, throwsFlyconf, rejectsFlyconf, tree, noTime, sameJson, execFileSync }
