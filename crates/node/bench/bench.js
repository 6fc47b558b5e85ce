#!/usr/bin/env node
// Per-call overhead of the Node binding against the Rust `flyconf::api`
// calls it makes, and the drop-in `detectTooling` against the upstream
// detector in the same process.
//
//   npm run bench     # = cargo build --release --locked -p flyconf-node --example baseline
//                     #   && node bench/bench.js   (needs the release addon: npm run build)
//
// Overhead (both sides): one warm-up batch, then batches of calls; the
// per-call figure is the median over batches. Rounds alternate Rust (the
// `baseline` example) and JavaScript so both see the same machine load; the
// reported figure is the median over rounds (ROUNDS, default 5).
//
// detectTooling: the upstream module (UPSTREAM_DETECTOR, default
// ../upstream-bench/detect-tooling.js beside the repository, with fast-glob
// installed; skipped when absent) and this package, each awaited in turn on
// the 33 probe trees of the shared anchors and on fixtures/projects, cache
// off (`useCache: false`), WARMUP + RUNS calls per tree, mean per call.
// BENCH=tooling skips the overhead part; UV_THREADPOOL_SIZE sets libuv's
// pool (default 4), which runs detectTooling's scans.
'use strict'
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const assert = require('node:assert')

const root = path.join(__dirname, '..')
const flyconf = require(root)
const { repo, anchors, shared } = require('../__test__/helpers')
const baseline = path.join(repo, 'target', 'release', 'examples', 'baseline')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flyconf-bench-'))
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }))

// The Rust side's inputs, so both sides time the same text and files.
execFileSync(baseline, ['inputs', tmp])
const text = fs.readFileSync(path.join(tmp, 'typical-fly.toml'), 'utf8')
const files = JSON.parse(fs.readFileSync(path.join(tmp, 'small-project.json'), 'utf8'))
const express = path.join(repo, 'fixtures', 'projects', 'fly-express-basic')
assert.strictEqual(text.split('\n').length - 1, 60)

function medianUs (batches, per, f) {
  for (let i = 0; i < per; i++) f()
  const samples = []
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < per; i++) f()
    samples.push(Number(process.hrtime.bigint() - start) / 1e3 / per)
  }
  return median(samples)
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const round = (x) => Math.round(x * 100) / 100

// ---------------------------------------------------------------- overhead

const pairs = {
  'check(60-line fly.toml)': ['api::check', [31, 300, () => flyconf.check(text)]],
  'parse(60-line fly.toml)': ['api::parse', [31, 300, () => flyconf.parse(text)]],
  'detectFiles(small project)': ['api::detect_files(small)', [31, 300, () => flyconf.detectFiles(files)]],
  'detect(fly-express-basic)': ['api::detect_path(fly-express-basic)', [31, 30, () => flyconf.detect(express)]]
}
const rounds = process.env.BENCH === 'tooling' ? 0 : Number(process.env.ROUNDS || 5)
const samples = {}
for (let r = 0; r < rounds; r++) {
  const rust = JSON.parse(execFileSync(baseline, { encoding: 'utf8' }))
  for (const [name, [rustName, [batches, per, f]]] of Object.entries(pairs)) {
    (samples[name] ??= { rust: [], node: [] }).rust.push(rust[rustName])
    samples[name].node.push(medianUs(batches, per, f))
  }
}
const overhead = {}
for (const [name, { rust, node }] of Object.entries(samples)) {
  const r = median(rust)
  const n = median(node)
  const target = 1.5 * r + 20
  overhead[name] = { rust_us: round(r), node_us: round(n), ratio: round(n / r), target_us: round(target), meets_target: n <= target }
}
if (rounds) console.log(JSON.stringify({ overhead }, null, 2))

// ---------------------------------------------------------------- detectTooling vs upstream

const upstreamPath = process.env.UPSTREAM_DETECTOR || path.join(shared, '..', 'upstream-bench', 'detect-tooling.js')
const makeFixtures = path.join(anchors, 'make-fixtures.sh')
if (!fs.existsSync(upstreamPath) || !fs.existsSync(makeFixtures)) {
  console.log(`detectTooling vs upstream: skipped (no ${upstreamPath} or ${makeFixtures})`)
} else {
  compareUpstream().catch((e) => { console.error(e); process.exit(1) })
}

async function meanMs (runs, warmup, f) {
  for (let i = 0; i < warmup; i++) await f()
  const start = process.hrtime.bigint()
  for (let i = 0; i < runs; i++) await f()
  return Number(process.hrtime.bigint() - start) / 1e6 / runs
}

async function compareUpstream () {
  const upstream = require(upstreamPath)
  const upstreamPatterns = path.join(anchors, 'tooling-patterns.json')
  const probes = path.join(tmp, 'probes')
  execFileSync('bash', [makeFixtures, probes])
  const projects = path.join(repo, 'fixtures', 'projects')
  const trees = [
    ...fs.readdirSync(probes).sort().map((d) => path.join(probes, d)),
    ...fs.readdirSync(projects).sort().map((d) => path.join(projects, d)).filter((d) => fs.statSync(d).isDirectory())
  ]
  const runs = Number(process.env.RUNS || 20)
  const warmup = Number(process.env.WARMUP || 10)
  const forms = {
    upstream: (d) => upstream.detectTooling(d, { useCache: false }),
    'flyconf (embedded 18 tools)': (d) => flyconf.detectTooling(d),
    'flyconf (upstream patterns file)': (d) => flyconf.detectTooling(d, { patterns: [upstreamPatterns] })
  }
  // One form at a time over every tree (after one untimed pass), so forms
  // do not evict each other's warm scan state (the core keeps one per
  // thread and detector).
  const perTree = trees.map((d) => ({ tree: path.relative(path.dirname(path.dirname(d)), d) }))
  for (const [name, f] of Object.entries(forms)) {
    for (const d of trees) await f(d)
    for (const [i, d] of trees.entries()) perTree[i][name] = await meanMs(runs, warmup, () => f(d))
  }
  // The core call alone (Rust, api::detect_compat with the embedded set).
  const rust = JSON.parse(execFileSync(baseline, ['compat', ...trees], { encoding: 'utf8' }))
  for (const [i, d] of trees.entries()) perTree[i]['rust api::detect_compat'] = rust[d] / 1000
  const summary = {}
  for (const name of [...Object.keys(forms).slice(1), 'rust api::detect_compat']) {
    const ratios = perTree.map((r) => r.upstream / r[name])
    summary[`speed-up, ${name}`] = {
      geometric_mean: round(Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length)),
      min: round(Math.min(...ratios)),
      max: round(Math.max(...ratios)),
      total_ms_upstream: round(perTree.reduce((s, r) => s + r.upstream, 0)),
      total_ms_flyconf: round(perTree.reduce((s, r) => s + r[name], 0))
    }
  }
  summary.trees = trees.length
  summary.runs_per_tree = runs
  summary.libuv_threads = Number(process.env.UV_THREADPOOL_SIZE || 4)
  const node = perTree.map((r) => r['flyconf (embedded 18 tools)'] / r['rust api::detect_compat'])
  summary['detectTooling / rust api::detect_compat'] = { median: round(median(node)), min: round(Math.min(...node)), max: round(Math.max(...node)) }
  console.log(JSON.stringify({ detectTooling: summary }, null, 2))
  // DUMP=1: per tree, ms per call of each form (stderr, tab-separated).
  if (process.env.DUMP) {
    console.error(Object.keys(perTree[0]).join('\t'))
    for (const r of perTree) console.error(Object.values(r).map((v) => typeof v === 'number' ? v.toFixed(3) : v).join('\t'))
  }
}
