// The addon in worker threads: each Node environment gets its own
// FlyconfError class and cached JSON.parse (instance data), and a worker
// that loads it can be terminated while calls are in flight.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { Worker } = require('node:worker_threads')
const path = require('node:path')

const script = `
const { parentPort, workerData } = require('node:worker_threads')
const flyconf = require(workerData.pkg)
const out = { check: flyconf.check('app = "w"\\n').path }
try { flyconf.generate('nope') } catch (e) {
  out.error = { isClass: e instanceof flyconf.FlyconfError, code: e.code, suggestion: typeof e.suggestion }
}
flyconf.checkAsync('app = "w"\\n').then((r) => { out.async = r.path; parentPort.postMessage(out) })
`

function runWorker () {
  return new Promise((resolve, reject) => {
    const w = new Worker(script, { eval: true, workerData: { pkg: path.join(__dirname, '..') } })
    w.once('message', resolve)
    w.once('error', reject)
  })
}

test('works in several workers at once, with per-environment error classes', async () => {
  const results = await Promise.all([runWorker(), runWorker(), runWorker()])
  for (const r of results) {
    assert.deepEqual(r, { check: 'fly.toml', error: { isClass: true, code: 'unknown-template', suggestion: 'string' }, async: 'fly.toml' })
  }
})

test('a worker can be terminated with async work in flight', async () => {
  const w = new Worker(`
    const flyconf = require(${JSON.stringify(path.join(__dirname, '..'))})
    for (let i = 0; i < 50; i++) flyconf.detectAsync(${JSON.stringify(path.join(__dirname, '..'))}).catch(() => {})
    require('node:worker_threads').parentPort.postMessage('started')
  `, { eval: true })
  await new Promise((resolve) => w.once('message', resolve))
  assert.equal(await w.terminate(), 1)
  // The main thread's module is unaffected.
  assert.equal(require('..').check('app = "x"\n').path, 'fly.toml')
})
