// Every function and option of the public API, the async forms, and the
// errors; results compared with the CLI's `--format json` where it is built.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const {
  flyconf, typicalFlyToml, repo, cli, runCli, throwsFlyconf, rejectsFlyconf, tree, noTime, sameJson
} = require('./helpers')

const projects = path.join(repo, 'fixtures', 'projects')
const express = path.join(projects, 'fly-express-basic')
const migrations = path.join(repo, 'fixtures', 'migrate')
const tooling = path.join(repo, 'skills', 'tooling-detector', 'tooling-patterns.json')
const typical = typicalFlyToml()
const noCli = !cli && 'CLI not built'

// ---------------------------------------------------------------- module

test('exports: every function, FlyconfError, nothing undocumented but internals', () => {
  const publicNames = ['detect', 'detectAsync', 'detectFiles', 'check', 'checkAsync', 'parse', 'fix', 'generate',
    'plan', 'templates', 'cost', 'recommend', 'migrate', 'loadSkill', 'explain', 'rules', 'detectTooling', 'detectTool',
    'FlyconfError']
  for (const n of publicNames) assert.equal(typeof flyconf[n], 'function', n)
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8')
  for (const n of publicNames) assert.match(dts, new RegExp(`export declare (function|class) ${n}\\b`), n)
  for (const n of Object.keys(flyconf)) {
    assert.ok(publicNames.includes(n) || n.startsWith('_'), `unexpected export ${n}`)
  }
})

test('FlyconfError is a real Error subclass', () => {
  const e = new flyconf.FlyconfError('some-code', 'what happened', 'what to do')
  assert.ok(e instanceof Error)
  assert.ok(require('node:util').types.isNativeError(e))
  assert.equal(e.name, 'FlyconfError')
  assert.equal(e.code, 'some-code')
  assert.equal(e.message, 'what happened')
  assert.equal(e.suggestion, 'what to do')
  assert.match(e.stack, /^FlyconfError: what happened\n/)
  assert.equal(String(e), 'FlyconfError: what happened')
})

test('a Rust panic becomes FlyconfError "internal", and the module keeps working', () => {
  throwsFlyconf(() => flyconf._panicForTest(), 'internal', { message: /panicked: deliberate test panic/, suggestion: /bug/ })
  assert.equal(flyconf.check('app = "ok"\n').path, 'fly.toml')
})

test('a panic on the thread pool rejects with FlyconfError "internal"', async () => {
  await rejectsFlyconf(flyconf._panicForTestAsync(), 'internal', { message: /off-thread/ })
  assert.equal((await flyconf.checkAsync('app = "ok"\n')).path, 'fly.toml')
})

test('thrown errors carry a stack pointing at the caller', () => {
  const e = throwsFlyconf(() => flyconf.generate('nope'), 'unknown-template')
  assert.match(e.stack, /api\.test\.js/)
})

// ---------------------------------------------------------------- detect

test('detect: the CLI report shape, fly.io and express found', () => {
  const r = flyconf.detect(express)
  assert.deepEqual(Object.keys(r), ['detected', 'tools', 'all_results', 'detection_summary', 'performance', 'frameworks'])
  assert.ok(r.detected)
  assert.deepEqual(r.tools.map((t) => t.tool).sort(), ['docker', 'flyio'])
  assert.equal(r.frameworks[0].framework, 'express')
  assert.equal(typeof r.performance.detection_time_ms, 'number')
  assert.ok(r.tools.find((t) => t.tool === 'flyio').evidence.some((e) => e.path === 'fly.toml'))
})

test('detect: options tools, minConfidence, patterns', () => {
  const only = flyconf.detect(express, { tools: ['flyio'] })
  assert.deepEqual(only.all_results.map((t) => t.tool), ['flyio'])
  const none = flyconf.detect(express, { minConfidence: 1 })
  assert.equal(none.detection_summary.minimum_confidence, 1)
  assert.ok(none.tools.length < flyconf.detect(express).tools.length)
  const all = flyconf.detect(express, { minConfidence: 0 })
  assert.equal(all.tools.length, all.all_results.length)
  // A tools pattern file replaces the embedded tooling set (frameworks stay).
  const custom = tree({
    'p.json': JSON.stringify({
      kind: 'tools',
      tools: { acme: { name: 'Acme', detection_signals: { cfg: { weight: 1, files: ['fly.toml'] } } } }
    })
  })
  const r = flyconf.detect(express, { patterns: [path.join(custom, 'p.json')] })
  assert.deepEqual(r.all_results.map((t) => t.tool), ['acme'])
  assert.equal(r.frameworks[0].framework, 'express')
  const same = flyconf.detect(express, { patterns: [tooling] })
  sameJson(noTime(same), noTime(flyconf.detect(express)))
})

test('detect: errors with code and suggestion', () => {
  throwsFlyconf(() => flyconf.detect('/no/such/dir'), 'path-not-found')
  throwsFlyconf(() => flyconf.detect(path.join(express, 'fly.toml')), 'not-a-directory')
  throwsFlyconf(() => flyconf.detect(express, { tools: ['flyi'] }), 'unknown-tool', { suggestion: /did you mean `flyio`/ })
  for (const m of [1.5, -0.1, NaN, Infinity]) {
    throwsFlyconf(() => flyconf.detect(express, { minConfidence: m }), 'invalid-min-confidence')
  }
  throwsFlyconf(() => flyconf.detect(express, { patterns: ['/no/such.json'] }), 'pattern-io')
})

test('detect: equals `flyconf detect --format json` (timing aside)', { skip: noCli }, () => {
  for (const name of ['fly-express-basic', 'fly-phoenix-app', 'helm-chart-fastapi-poetry']) {
    const dir = path.join(projects, name)
    const want = runCli(['detect', dir, '--format', 'json'])
    sameJson(noTime(flyconf.detect(dir)), noTime(want.stdout), name)
  }
  const want = runCli(['detect', express, '--format', 'json', '--tools', 'flyio,docker', '--min-confidence', '0.5'])
  sameJson(noTime(flyconf.detect(express, { tools: ['flyio', 'docker'], minConfidence: 0.5 })), noTime(want.stdout))
})

test('detectAsync: same result as detect, off the event loop; rejects with FlyconfError', async () => {
  const [a, b] = await Promise.all([flyconf.detectAsync(express), flyconf.detectAsync(express, { tools: ['docker'] })])
  sameJson(noTime(a), noTime(flyconf.detect(express)))
  sameJson(noTime(b), noTime(flyconf.detect(express, { tools: ['docker'] })))
  assert.ok(flyconf.detectAsync(express) instanceof Promise)
  await rejectsFlyconf(flyconf.detectAsync('/no/such/dir'), 'path-not-found')
  await rejectsFlyconf(flyconf.detectAsync(express, { tools: ['nope'] }), 'unknown-tool')
})

test('detectAsync does not block the event loop', async () => {
  // A timer keeps firing while many scans run on the thread pool.
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  await Promise.all(Array.from({ length: 40 }, () => flyconf.detectAsync(projects)))
  clearInterval(timer)
  assert.ok(ticks > 0)
})

test('detectFiles: in memory, strings or Buffers, same as on disk', () => {
  const files = {}
  for (const f of fs.readdirSync(express)) files[f] = fs.readFileSync(path.join(express, f), 'utf8')
  const r = flyconf.detectFiles(files)
  const disk = flyconf.detect(express)
  assert.deepEqual(r.tools.map((t) => [t.tool, t.confidence]), disk.tools.map((t) => [t.tool, t.confidence]))
  assert.deepEqual(r.frameworks.map((f) => f.framework), disk.frameworks.map((f) => f.framework))
  const buffers = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]))
  sameJson(noTime(flyconf.detectFiles(buffers)), noTime(r))
  // Nested paths and binary contents.
  const nested = flyconf.detectFiles({ 'apps/api/fly.toml': 'app = "api"\nprimary_region = "iad"\n', 'logo.png': Buffer.from([0x89, 0x50, 0x00, 0xff]) })
  assert.deepEqual(nested.tools.find((t) => t.tool === 'flyio').locations, ['apps/api'])
  assert.equal(flyconf.detectFiles({}).detected, false)
})

test('detectFiles: options tools and minConfidence; Uint8Array contents', () => {
  const files = { 'fly.toml': 'app = "x"\n[http_service]\ninternal_port = 8080\n', 'Chart.yaml': 'apiVersion: v2\nname: web\n' }
  const r = flyconf.detectFiles(files, { tools: ['flyio', 'helm'], minConfidence: 0.3 })
  assert.deepEqual(r.all_results.map((t) => t.tool).sort(), ['flyio', 'helm'])
  assert.equal(r.detection_summary.minimum_confidence, 0.3)
  const bytes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))
  sameJson(noTime(flyconf.detectFiles(bytes, { tools: ['flyio', 'helm'], minConfidence: 0.3 })), noTime(r))
  throwsFlyconf(() => flyconf.detectFiles(files, { tools: ['flyoi'] }), 'unknown-tool', { suggestion: /flyio/ })
  throwsFlyconf(() => flyconf.detectFiles(files, { minConfidence: 2 }), 'invalid-min-confidence')
})

test('detectFiles: invalid paths are FlyconfError invalid-file-path', () => {
  for (const bad of ['/etc/passwd', '../x', 'a/../../b', '']) {
    throwsFlyconf(() => flyconf.detectFiles({ [bad]: 'x' }), 'invalid-file-path')
  }
  throwsFlyconf(() => flyconf.detectFiles({ a: 'x', 'a/b': 'y' }), 'invalid-file-path')
})

// ---------------------------------------------------------------- check / parse

test('check: fly.toml by default; diagnostics carry code, span, suggestion, docs, fix', () => {
  const r = flyconf.check('app = "shop"\n[http_service]\nintenal_port = 8080\n')
  assert.equal(r.path, 'fly.toml')
  const d = r.diagnostics.find((x) => x.code === 'FT004')
  assert.ok(d)
  assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'span', 'key_path', 'suggestion', 'docs', 'fix'])
  assert.match(d.suggestion, /internal_port/)
  assert.equal(d.fix.edits[0].replacement, 'internal_port')
  assert.equal(flyconf.check(typical).diagnostics.length, 0)
})

test('check: filename picks the Dockerfile linter', () => {
  const docker = 'FROM node:latest\nCMD npm start\n'
  const r = flyconf.check(docker, { filename: 'Dockerfile' })
  assert.equal(r.path, 'Dockerfile')
  assert.ok(r.diagnostics.every((d) => d.code.startsWith('DF')))
  assert.ok(r.diagnostics.length > 0)
  assert.ok(flyconf.check(docker, { filename: 'api.Dockerfile' }).diagnostics.every((d) => d.code.startsWith('DF')))
  assert.equal(flyconf.check(docker, { filename: 'app/fly.production.toml' }).path, 'app/fly.production.toml')
  assert.equal(flyconf.check(docker, {}).path, 'fly.toml')
  assert.equal(flyconf.check(docker, null).path, 'fly.toml')
})

test('check: spans give UTF-16 offsets (JS string indexes) beside UTF-8 bytes and line/column', () => {
  const text = 'app = "café-😀"\n[env]\n  NOTE = "ünïcödé"\n[http_service]\nintenal_port = 8080\n'
  const d = flyconf.check(text).diagnostics.find((x) => x.code === 'FT004')
  assert.equal(text.slice(d.span.utf16_start, d.span.utf16_end), 'intenal_port')
  assert.equal(d.span.utf16_start, text.indexOf('intenal_port'))
  const bytes = Buffer.from(text)
  assert.equal(bytes.subarray(d.span.start, d.span.end).toString(), 'intenal_port')
  assert.notEqual(d.span.utf16_start, d.span.start)
  assert.equal(d.span.line, 5)
  assert.equal(d.span.column, 1)
  // Fix edits too: applying them by UTF-16 offsets gives what fix() gives.
  const edit = d.fix.edits[0]
  assert.equal(text.slice(0, edit.utf16_start) + edit.replacement + text.slice(edit.utf16_end),
    text.replace('intenal_port', 'internal_port'))
})

test('check: text that is not text is a diagnostic (FT002), not an exception', () => {
  const r = flyconf.check('app = "x"\u0000\n')
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['FT002'])
})

test('check: equals the file entry of `flyconf check --format json`', { skip: noCli }, () => {
  const dir = tree({
    'fly.toml': JSON.parse(fs.readFileSync(path.join(repo, 'fixtures', 'vectors', 'check-typo-and-secret.json'), 'utf8')).input.text,
    Dockerfile: 'FROM python:3.12\nRUN pip install flask\nCMD python app.py\n'
  })
  for (const name of ['fly.toml', 'Dockerfile']) {
    const file = path.join(dir, name)
    const want = runCli(['check', file, '--format', 'json']).stdout.files[0]
    sameJson(flyconf.check(fs.readFileSync(file, 'utf8'), { filename: file }), want, name)
  }
})

test('checkAsync: same as check; concurrent calls', async () => {
  const texts = [typical, 'app = 1\n', 'FROM x\n']
  const got = await Promise.all(texts.map((t, i) => flyconf.checkAsync(t, { filename: i === 2 ? 'Dockerfile' : 'fly.toml' })))
  got.forEach((r, i) => sameJson(r, flyconf.check(texts[i], { filename: i === 2 ? 'Dockerfile' : 'fly.toml' })))
  const many = await Promise.all(Array.from({ length: 200 }, () => flyconf.checkAsync(typical)))
  assert.ok(many.every((r) => r.diagnostics.length === 0))
})

test('fix: applies machine-applicable fixes and re-checks; FT002 for NUL', () => {
  const text = '# keep\napp = "x"\n[http_service]\n  internal_port = 8080\n  force_https = false\n'
  const r = flyconf.fix(text)
  assert.deepEqual(Object.keys(r), ['path', 'text', 'applied', 'diagnostics'])
  assert.equal(r.path, 'fly.toml')
  assert.equal(r.applied, 1)
  assert.equal(r.text, text.replace('force_https = false', 'force_https = true'))
  sameJson(r.diagnostics, flyconf.check(r.text).diagnostics)
  assert.equal(flyconf.fix('FROM x\n', { filename: 'Dockerfile' }).path, 'Dockerfile')
  throwsFlyconf(() => flyconf.fix('app = "x"\u0000'), 'FT002', { message: /NUL/ })
})

test('fix equals `flyconf check --fix` on a file', { skip: noCli }, () => {
  const text = 'app = "x"\n[http_service]\n  internal_port = 8080\n  force_https = false\n'
  const dir = tree({ 'fly.toml': text })
  const file = path.join(dir, 'fly.toml')
  runCli(['check', file, '--fix', '--format', 'json'])
  assert.equal(flyconf.fix(text).text, fs.readFileSync(file, 'utf8'))
})

test('explain and rules: the rule registry, as `flyconf explain --format json`', () => {
  const rule = flyconf.explain('FT004')
  assert.equal(rule.code, 'FT004')
  assert.deepEqual(Object.keys(rule), ['code', 'name', 'severity', 'category', 'summary', 'what', 'why', 'example', 'fix', 'docs_url'])
  const all = flyconf.rules()
  assert.ok(all.length > 50)
  // In code order: by number (FT001 … FV129, FS201 …).
  const numbers = all.map((r) => Number(r.code.slice(2)))
  assert.deepEqual(numbers, [...numbers].sort((x, y) => x - y))
  sameJson(all.find((r) => r.code === 'FT004'), rule)
  throwsFlyconf(() => flyconf.explain('FT04'), 'unknown-rule')
})

test('explain and rules equal the CLI', { skip: noCli }, () => {
  sameJson(flyconf.explain('FS201'), runCli(['explain', 'FS201', '--format', 'json']).stdout)
  sameJson(flyconf.rules(), runCli(['explain', '--format', 'json']).stdout)
})

test('parse: the typed model plus diagnostics', () => {
  const r = flyconf.parse(typical)
  assert.deepEqual(Object.keys(r), ['config', 'diagnostics'])
  assert.equal(r.config.app, 'bench-shop-api')
  assert.equal(r.config.primary_region, 'iad')
  assert.ok(Array.isArray(r.config.vm))
  const legacy = flyconf.parse('app = "a"\nkill_timeout = 5\n')
  assert.equal(legacy.config.kill_timeout, '5s')
  assert.ok(legacy.diagnostics.length > 0)
  // Invalid TOML is a diagnostic too.
  assert.ok(flyconf.parse('app = \n').diagnostics.some((d) => d.severity === 'error'))
})

// ---------------------------------------------------------------- generate / templates

test('templates: the `flyconf templates --format json` list', () => {
  const list = flyconf.templates()
  assert.ok(list.length >= 10)
  assert.deepEqual(Object.keys(list[0]), ['name', 'title', 'description', 'frameworks', 'port', 'health_path'])
  assert.ok(list.some((t) => t.name === 'python-django'))
})

test('templates equal the CLI', { skip: noCli }, () => {
  sameJson(flyconf.templates(), runCli(['templates', '--format', 'json']).stdout)
})

test('generate and plan: every template, every option', () => {
  for (const t of flyconf.templates()) {
    const files = flyconf.generate(t.name)
    const set = flyconf.plan(t.name)
    assert.equal(set.template, t.name)
    assert.deepEqual(Object.keys(files)[0], 'fly.toml')
    // generate() is plan()'s files as path → contents.
    assert.deepEqual(files, Object.fromEntries(set.files.map((f) => [f.path, f.contents])))
    // What it generates checks clean.
    assert.ok(flyconf.check(files['fly.toml']).diagnostics.every((d) => d.severity === 'info'), t.name)
  }
  const set = flyconf.plan('nodejs-express', {
    app: 'shop', region: 'ams', environments: ['dev', 'staging', 'production'], database: 'postgres', redis: true, extraSecrets: ['STRIPE_KEY']
  })
  assert.deepEqual(set.files.filter((f) => f.path.startsWith('fly.')).map((f) => f.path), ['fly.dev.toml', 'fly.staging.toml', 'fly.production.toml'])
  const prod = set.secrets.find((s) => s.environment === 'production')
  assert.equal(prod.app, 'shop')
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'STRIPE_KEY']) assert.ok(prod.names.includes(name), name)
  assert.match(set.files.find((f) => f.path === 'fly.production.toml').contents, /primary_region = "ams"/)
  assert.ok(set.secrets.find((s) => s.environment === 'dev').app === 'shop-dev')
  const sqlite = flyconf.generate('nodejs-express', { database: 'sqlite' })
  assert.match(sqlite['fly.toml'], /\[\[mounts\]\]/)
})

test('generate and plan: errors', () => {
  throwsFlyconf(() => flyconf.generate('python-djang'), 'unknown-template', { suggestion: /python-django/ })
  throwsFlyconf(() => flyconf.plan('python-djang'), 'unknown-template', { suggestion: /python-django/ })
  throwsFlyconf(() => flyconf.generate('python-django', { app: 'Bad_Name' }), 'invalid-option', { suggestion: /lowercase/ })
  throwsFlyconf(() => flyconf.generate('python-django', { environments: ['prod'] }), 'invalid-option', { message: /prod/ })
  throwsFlyconf(() => flyconf.generate('python-django', { database: 'mysql' }), 'invalid-option', { message: /mysql/ })
})

test('plan equals `flyconf init --dry-run --format json` (the file set)', { skip: noCli }, () => {
  const dir = tree({ 'README.md': '# x\n' })
  const want = runCli(['init', dir, '--template', 'python-django', '--app', 'shop', '--region', 'ams',
    '--env', 'staging', '--env', 'production', '--database', 'postgres', '--redis', '--dry-run', '--format', 'json']).stdout
  const got = flyconf.plan('python-django', { app: 'shop', region: 'ams', environments: ['staging', 'production'], database: 'postgres', redis: true })
  sameJson(got, { template: want.template, files: want.files, secrets: want.secrets, next_steps: want.next_steps })
})

// ---------------------------------------------------------------- cost

test('cost: default inputs and every input', () => {
  const base = flyconf.cost(typical)
  assert.equal(base.currency, 'USD')
  assert.ok(base.monthly_total > 0)
  assert.deepEqual(Object.keys(base), ['currency', 'monthly_total', 'items', 'assumptions', 'prices'])
  const more = flyconf.cost(typical, { machines: 3, regions: ['iad', 'ams'] })
  assert.ok(more.monthly_total > base.monthly_total)
  assert.deepEqual([...new Set(more.items.filter((i) => i.region).map((i) => i.region))].sort(), ['ams', 'iad'])
  const half = flyconf.cost(typical, { hoursPerMonth: 365 })
  assert.ok(half.monthly_total < base.monthly_total)
  const ip = flyconf.cost('app = "a"\nprimary_region = "iad"\n', { includeIpv4: true })
  assert.ok(ip.items.some((i) => i.kind === 'ipv4'))
  assert.ok(!flyconf.cost('app = "a"\nprimary_region = "iad"\n', { includeIpv4: false }).items.some((i) => i.kind === 'ipv4'))
})

test('cost: text with a NUL byte is refused as the CLI refuses it', () => {
  throwsFlyconf(() => flyconf.cost('app = "a"\u0000'), 'FT002', { message: /NUL/ })
})

test('cost equals `flyconf cost --format json`', { skip: noCli }, () => {
  const dir = tree({ 'fly.toml': typical })
  const file = path.join(dir, 'fly.toml')
  sameJson(flyconf.cost(typical, { machines: 2, regions: ['iad', 'fra'], hoursPerMonth: 500 }),
    runCli(['cost', file, '--machines', '2', '--regions', 'iad,fra', '--hours', '500', '--format', 'json']).stdout)
})

// ---------------------------------------------------------------- recommend / migrate / skill

test('recommend: a platform with rationale; errors', () => {
  const r = flyconf.recommend(express)
  assert.equal(r.platform, 'fly.io')
  assert.ok(r.confidence > 0 && r.confidence <= 0.95)
  assert.ok(r.rationale.length > 0)
  throwsFlyconf(() => flyconf.recommend('/no/such/dir'), 'path-not-found')
})

test('recommend equals `flyconf recommend --format json`', { skip: noCli }, () => {
  for (const name of ['fly-express-basic', 'helm-chart-fastapi-poetry', 'aws-cdk-python-lambda']) {
    const dir = path.join(projects, name)
    sameJson(flyconf.recommend(dir), runCli(['recommend', dir, '--format', 'json']).stdout, name)
  }
})

test('migrate: drafts from Heroku, compose, Kubernetes; options; errors', () => {
  const heroku = flyconf.migrate(path.join(migrations, 'heroku-node'), { region: 'ams', appPrefix: 'shop' })
  assert.deepEqual(heroku.sources.sort(), ['Procfile', 'app.json'])
  assert.ok(heroku.apps.length > 0)
  assert.ok(heroku.apps.every((a) => a.name.startsWith('shop') && a.config.primary_region === 'ams'))
  assert.ok(heroku.apps.every((a) => flyconf.check(a.fly_toml).diagnostics.every((d) => d.severity !== 'error')))
  assert.ok(flyconf.migrate(path.join(migrations, 'compose')).apps.length > 0)
  assert.ok(flyconf.migrate(path.join(migrations, 'k8s')).apps.length > 0)
  const empty = flyconf.migrate(tree({ 'README.md': 'x' }))
  assert.deepEqual(empty.apps, [])
  assert.deepEqual(empty.diagnostics.map((d) => d.code), ['MG503'])
  throwsFlyconf(() => flyconf.migrate('/no/such/dir'), 'path-not-found')
  throwsFlyconf(() => flyconf.migrate(path.join(migrations, 'heroku-node', 'Procfile')), 'path-not-found')
})

test('migrate equals `flyconf migrate --format json`', { skip: noCli }, () => {
  for (const name of ['heroku-node', 'compose', 'k8s']) {
    const dir = path.join(migrations, name)
    sameJson(flyconf.migrate(dir, { region: 'fra', appPrefix: 'x' }),
      runCli(['migrate', dir, '--region', 'fra', '--app-prefix', 'x', '--format', 'json']).stdout, name)
  }
})

test('loadSkill: flyio; unknown names', () => {
  const s = flyconf.loadSkill('flyio')
  assert.equal(s.name, 'flyio')
  assert.ok(s.sections.length > 5 && s.reference.length > 5)
  assert.ok(s.sections.every((x) => typeof x.title === 'string' && x.level >= 1))
  assert.equal(s.examples.length, flyconf.templates().length)
  throwsFlyconf(() => flyconf.loadSkill('helm'), 'unknown-skill', { suggestion: /flyio/ })
})

// ---------------------------------------------------------------- arguments

test('wrong argument types are rejected by the conversion layer', () => {
  assert.throws(() => flyconf.check(42), /string/i)
  assert.throws(() => flyconf.detect(express, { minConfidence: '0.5' }), /f64|number/i)
  assert.throws(() => flyconf.detectFiles({ a: 42 }))
})
