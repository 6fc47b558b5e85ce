// The upstream drop-in: detectTooling()/detectTool() and the detect-tooling
// bin against the upstream detector's golden outputs (every fixture of its
// probe script, all-tools and `--tool flyio`), its argv quirks, and the
// CLI's `--compat fortium`.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync, execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { flyconf, anchors, shared, cli, runCli, rejectsFlyconf, sameJson } = require('./helpers')

const bin = path.join(__dirname, '..', 'bin', 'detect-tooling.js')
const upstreamPatterns = path.join(anchors, 'tooling-patterns.json')
const haveAnchors = fs.existsSync(path.join(anchors, 'make-fixtures.sh'))
const noAnchors = !haveAnchors && `shared anchors not present (${anchors})`
// A runnable copy of the upstream detector (with fast-glob installed), when there is one.
const upstream = process.env.UPSTREAM_DETECTOR || path.join(shared, '..', 'upstream-bench', 'detect-tooling.js')
const haveUpstream = fs.existsSync(upstream)

const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'flyconf-node-fixtures-'))
if (haveAnchors) execFileSync('bash', [path.join(anchors, 'make-fixtures.sh'), fixtures])
test.after(() => fs.rmSync(fixtures, { recursive: true, force: true }))

const goldens = haveAnchors
  ? fs.readFileSync(path.join(anchors, 'golden', 'exit-codes.txt'), 'utf8').trim().split('\n')
    .map((l) => l.split(/\s+/)).map(([name, mode, rc]) => ({ name, mode, rc: Number(rc.replace('rc=', '')) }))
  : []

const golden = (name, mode) => JSON.parse(fs.readFileSync(path.join(anchors, 'golden', `${name}.${mode}.json`), 'utf8'))
const withoutPerformance = ({ performance, ...rest }) => rest
const maskTime = (text) => text.replace(/"detection_time_ms": \d+/g, '"detection_time_ms": 0')
const runBin = (args) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })

test('the goldens are all there', { skip: noAnchors }, () => {
  assert.equal(goldens.length, 66)
})

test('detectTooling / detectTool give upstream objects for every golden', { skip: noAnchors }, async () => {
  const failures = []
  for (const { name, mode } of goldens) {
    const dir = path.join(fixtures, name)
    const got = mode === 'all'
      ? await flyconf.detectTooling(dir, { patterns: [upstreamPatterns] })
      : await flyconf.detectTool(dir, mode, { patterns: [upstreamPatterns] })
    const want = withoutPerformance(golden(name, mode))
    // Same keys, same key order, same numbers (0.7999999999999999, …).
    if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${name} ${mode}`)
  }
  assert.deepEqual(failures, [])
})

test('the bin prints the golden text and exits with the golden code', { skip: noAnchors }, () => {
  const failures = []
  for (const { name, mode, rc } of goldens) {
    const args = [path.join(fixtures, name), '--patterns', upstreamPatterns]
    if (mode !== 'all') args.push('--tool', mode)
    const r = runBin(args)
    const want = fs.readFileSync(path.join(anchors, 'golden', `${name}.${mode}.json`), 'utf8')
    if (maskTime(r.stdout) !== maskTime(want) || r.status !== rc) {
      failures.push(`${name} ${mode}: exit ${r.status} (want ${rc}) ${r.stderr}`)
    }
  }
  assert.deepEqual(failures, [])
})

test('detectTooling options: tools filter (unknown names dropped), minimumConfidence', { skip: noAnchors }, async () => {
  const dir = path.join(fixtures, 'mixed')
  const p = [upstreamPatterns]
  const only = await flyconf.detectTooling(dir, { tools: ['flyio', 'nope'], patterns: p })
  assert.deepEqual(only.all_results.map((t) => t.tool), ['flyio'])
  assert.equal(only.detection_summary.total_analyzed, 1)
  // 0 and NaN mean "the file's threshold", as `minimumConfidence || 0.7`.
  for (const m of [0, NaN, undefined]) {
    const r = await flyconf.detectTooling(dir, { minimumConfidence: m, patterns: p })
    assert.equal(r.detection_summary.minimum_confidence, 0.7)
  }
  const strict = await flyconf.detectTooling(dir, { minimumConfidence: 1.5, patterns: p })
  assert.equal(strict.detected, false)
  assert.equal(strict.detection_summary.minimum_confidence, 1.5)
  const loose = await flyconf.detectTooling(path.join(fixtures, 'env-only'), { minimumConfidence: 0.05, patterns: p })
  assert.deepEqual(loose.tools.map((t) => t.tool), ['flyio'])
  // useCache is accepted and ignored.
  sameJson(await flyconf.detectTooling(dir, { useCache: false, patterns: p }), await flyconf.detectTooling(dir, { patterns: p }))
})

test('detectTooling: a missing path is an empty project, not an error', async () => {
  const r = await flyconf.detectTooling('/no/such/dir')
  assert.equal(r.detected, false)
  assert.ok(r.all_results.every((t) => t.confidence === 0))
  const one = await flyconf.detectTool('/no/such/dir', 'flyio')
  assert.equal(one.detected, false)
})

test('detectTool: lower-cases the name; an unknown tool rejects with unknown-tool', async () => {
  const dir = haveAnchors ? path.join(fixtures, 'fly-only') : os.tmpdir()
  const r = await flyconf.detectTool(dir, 'FLYIO')
  assert.equal(r.tool, 'flyio')
  assert.deepEqual(Object.keys(r), ['detected', 'tool', 'name', 'confidence', 'signals', 'signal_count'])
  await rejectsFlyconf(flyconf.detectTool(dir, 'flyi'), 'unknown-tool', { suggestion: /flyio/ })
})

test('detectTooling: a bad pattern file rejects with its code', async () => {
  const bad = path.join(fixtures, 'bad-patterns.json')
  fs.writeFileSync(bad, '{"tools": {"x": {"detection_signals": {"s": {"weight": 2, "files": ["a"]}}}}}')
  const e = await rejectsFlyconf(flyconf.detectTooling(fixtures, { patterns: [bad] }), 'pattern-out-of-range')
  assert.match(e.message, /weight/)
  await rejectsFlyconf(flyconf.detectTooling(fixtures, { patterns: ['/no/such/patterns.json'] }), 'pattern-io')
})

test('the bin keeps upstream argv handling', { skip: noAnchors }, () => {
  const fly = path.join(fixtures, 'fly-only')
  const p = ['--patterns', upstreamPatterns]
  // --tools=a (with `=`) is not recognised: every tool is analysed.
  let r = runBin([fly, ...p, '--tools=flyio'])
  assert.equal(JSON.parse(r.stdout).all_results.length, 5)
  // --tools a,b restricts.
  r = runBin([fly, ...p, '--tools', 'helm,flyio'])
  assert.deepEqual(JSON.parse(r.stdout).all_results.map((t) => t.tool), ['flyio', 'helm'])
  // Options after --tool are ignored; before it they count.
  r = runBin([fly, ...p, '--tool', 'flyio', '--min-confidence', '0.9'])
  assert.equal(r.status, 0)
  r = runBin([fly, ...p, '--min-confidence', '0.9', '--tool', 'flyio'])
  assert.equal(r.status, 1)
  // --min-confidence 0 or a non-number falls back to 0.7; above 1 detects nothing.
  for (const m of ['0', 'abc']) {
    r = runBin([fly, ...p, '--min-confidence', m])
    assert.equal(JSON.parse(r.stdout).detection_summary.minimum_confidence, 0.7)
    assert.equal(r.status, 0)
  }
  r = runBin([fly, ...p, '--min-confidence', '1.5'])
  assert.equal(r.status, 1)
  // An unknown --tool is exit 2 with upstream's stderr prefix.
  r = runBin([fly, ...p, '--tool', 'nope'])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^Error detecting nope: /)
  assert.equal(r.stdout, '')
  // The path is always the first argument: `--tool flyio` first scans "--tool".
  r = spawnSync(process.execPath, [bin, '--tool', 'flyio'], { encoding: 'utf8', cwd: fly })
  assert.equal(r.status, 1)
  // No arguments: the current directory.
  r = spawnSync(process.execPath, [bin, ...[]], { encoding: 'utf8', cwd: fly })
  assert.equal(r.status, 0)
  assert.equal(JSON.parse(r.stdout).tools[0].tool, 'flyio')
  // A missing path: nothing detected, exit 1.
  r = runBin(['/no/such/dir'])
  assert.equal(r.status, 1)
})

test('the bin agrees with the upstream detector itself on argv quirks', { skip: noAnchors || (!haveUpstream && `upstream detector not present (${upstream})`) }, () => {
  const fly = path.join(fixtures, 'fly-toml-env')
  const cases = [
    [fly], [fly, '--tools=flyio'], [fly, '--tools', 'helm,flyio,nope'], [fly, '--tool', 'FLYIO'],
    [fly, '--tool', 'flyio', '--min-confidence', '0.9'], [fly, '--min-confidence', '0.9', '--tool', 'flyio'],
    [fly, '--min-confidence', '0'], [fly, '--min-confidence', 'x'], [fly, '--min-confidence', '-1'],
    [fly, '--min-confidence', '1.5'], [fly, '--tools'], ['/no/such/dir'], ['/no/such/dir', '--tool', 'helm']
  ]
  for (const args of cases) {
    const ours = runBin([args[0], '--patterns', upstreamPatterns, ...args.slice(1)])
    const theirs = spawnSync(process.execPath, [upstream, ...args], { encoding: 'utf8' })
    assert.equal(ours.status, theirs.status, args.join(' '))
    assert.equal(maskTime(ours.stdout), maskTime(theirs.stdout), args.join(' '))
  }
})

test('with the embedded patterns, detectTooling matches `flyconf detect --compat fortium`', { skip: (!cli && 'CLI not built') || noAnchors }, async () => {
  for (const name of ['fly-full', 'mixed', 'helm', 'kustomize', 'empty', 'cli-gha']) {
    const dir = path.join(fixtures, name)
    const want = runCli(['detect', dir, '--compat', 'fortium', '--format', 'json'])
    sameJson(await flyconf.detectTooling(dir), withoutPerformance(want.stdout), name)
    const r = runBin([dir])
    assert.equal(r.status, want.status, name)
    // The bin prints what the CLI prints (performance: the scan's whole ms).
    const cliText = spawnSync(cli, ['detect', dir, '--compat', 'fortium', '--format', 'json'], { encoding: 'utf8' }).stdout
    assert.equal(maskTime(r.stdout), maskTime(cliText), name)
    const wantOne = runCli(['detect', dir, '--compat', 'fortium', '--format', 'json', '--tool', 'flyio'])
    sameJson(await flyconf.detectTool(dir, 'flyio'), withoutPerformance(wantOne.stdout), name)
  }
})
