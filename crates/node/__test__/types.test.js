// The generated index.d.ts (napi-rs declarations plus types/header.d.ts)
// type-checks a program that uses every function, under `tsc --strict`.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')

test('index.d.ts type-checks the usage sample', { skip: !fs.existsSync(tsc) && 'typescript not installed' }, () => {
  const r = spawnSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'commonjs',
    '--moduleResolution', 'node10', '--types', 'node', '--ignoreDeprecations', '6.0', path.join(__dirname, 'usage.ts')], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stdout + r.stderr)
})

test('a wrong use does not type-check', { skip: !fs.existsSync(tsc) && 'typescript not installed' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flyconf-tsc-'))
  const bad = path.join(dir, 'bad-usage.ts')
  fs.writeFileSync(bad, `import { generate } from ${JSON.stringify(path.join(__dirname, '..', 'index'))}\ngenerate('x', { environments: ['prod'] })\n`)
  const r = spawnSync(tsc, ['--noEmit', '--strict', '--types', 'node', '--typeRoots', path.join(__dirname, '..', 'node_modules', '@types'),
    '--ignoreDeprecations', '6.0', bad], { encoding: 'utf8' })
  fs.rmSync(dir, { recursive: true, force: true })
  assert.notEqual(r.status, 0)
  assert.match(r.stdout, /prod/)
})
