// fixtures/vectors: each vector is one call through the public API and the
// exact JSON it must return (or the error it must throw). Every front-end
// runs every file; see fixtures/vectors/README.md.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { flyconf, repo, noTime, sameJson } = require('./helpers')

const dir = path.join(repo, 'fixtures', 'vectors')
const vectors = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ file: f, ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }))

// snake_case option keys of the vectors (the core's JSON shape) → camelCase.
const camel = (o) => Object.fromEntries(Object.entries(o || {})
  .map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]))
const mapFiles = (files, f) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, f(v)]))
const generateArgs = ({ template, ...options }) => [template, camel(options)]

// op → how the binding makes the call, in every form it has.
const ops = {
  check: {
    sync: (i) => flyconf.check(i.text, { filename: i.filename }),
    async: (i) => flyconf.checkAsync(i.text, { filename: i.filename })
  },
  parse: { sync: (i) => flyconf.parse(i.text) },
  fix: { sync: (i) => flyconf.fix(i.text, { filename: i.filename }) },
  detect_files: {
    sync: (i) => noTime(flyconf.detectFiles(i.files, camel(i.options))),
    // The same files as Buffers or plain Uint8Arrays give the same report.
    buffers: (i) => noTime(flyconf.detectFiles(mapFiles(i.files, Buffer.from), camel(i.options))),
    uint8arrays: (i) => noTime(flyconf.detectFiles(mapFiles(i.files, (v) => new TextEncoder().encode(v)), camel(i.options)))
  },
  generate: { sync: (i) => flyconf.generate(...generateArgs(i)) },
  plan: { sync: (i) => flyconf.plan(...generateArgs(i)) },
  cost: { sync: (i) => flyconf.cost(i.text, camel(i.inputs)) },
  templates: { sync: () => flyconf.templates() }
}

test('every vector has a known op, and every op has a vector', () => {
  for (const v of vectors) assert.ok(ops[v.op], `${v.file}: unknown op ${v.op}`)
  assert.deepStrictEqual([...new Set(vectors.map((v) => v.op))].sort(), Object.keys(ops).sort())
})

for (const v of vectors) {
  for (const [form, call] of Object.entries(ops[v.op] || {})) {
    test(`vector ${v.file} (${form})`, async () => {
      if (v.expected.error) {
        let thrown
        try { await call(v.input) } catch (e) { thrown = e }
        assert.ok(thrown instanceof flyconf.FlyconfError, `expected a FlyconfError, got ${thrown}`)
        assert.deepStrictEqual(
          { code: thrown.code, message: thrown.message, suggestion: thrown.suggestion }, v.expected.error)
        return
      }
      const got = await call(v.input)
      // Exactly the expected JSON: same values, same key order.
      assert.deepStrictEqual(got, v.expected)
      sameJson(got, v.expected)
    })
  }
}
