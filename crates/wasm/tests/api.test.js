// Each export once: shapes, defaults, plain-JSON values, UTF-16 offsets.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const flyconf = require('../pkg-node');

/** Fails if `v` holds anything JSON cannot (Map, BigInt, undefined, class instances). */
function assertPlainJson(v, where = '$') {
  if (v === null || ['string', 'boolean'].includes(typeof v)) return;
  if (typeof v === 'number') return assert.ok(Number.isFinite(v), where);
  if (Array.isArray(v)) return v.forEach((x, i) => assertPlainJson(x, `${where}[${i}]`));
  assert.equal(Object.getPrototypeOf(v), Object.prototype, `${where} is not a plain object`);
  for (const [k, x] of Object.entries(v)) assertPlainJson(x, `${where}.${k}`);
}

test('check: default filename, Dockerfile by name', () => {
  assert.equal(flyconf.check('app = "x"\n').path, 'fly.toml');
  const docker = flyconf.check('FROM node:latest\n', 'Dockerfile');
  assert.equal(docker.path, 'Dockerfile');
  assert.ok(docker.diagnostics.some((d) => d.code.startsWith('DF')));
  assertPlainJson(docker);
});

test('spans carry UTF-16 offsets that index the JS string', () => {
  const text = 'app = "é😀"\n[http_service]\nintenal_port = 8080\n';
  const d = flyconf.check(text).diagnostics.find((x) => x.code === 'FT004');
  assert.ok(d, 'FT004 expected');
  const { start, end, utf16_start, utf16_end, line, column } = d.span;
  assert.equal(text.slice(utf16_start, utf16_end), 'intenal_port');
  assert.equal(Buffer.from(text).subarray(start, end).toString(), 'intenal_port');
  assert.ok(utf16_start < start, 'UTF-16 offset differs from the byte offset after non-ASCII');
  assert.deepEqual([line, column], [3, 1]);
});

test('parse gives config and diagnostics', () => {
  const parsed = flyconf.parse('app = "x"\nprimary_region = "ams"\n');
  assert.equal(parsed.config.app, 'x');
  assert.ok(Array.isArray(parsed.diagnostics));
  assertPlainJson(parsed);
});

test('fix applies machine-applicable fixes', () => {
  const r = flyconf.fix('app = "x"\n[http_service]\ninternal_port = 8080\nforce_https = false\n');
  assert.ok(r.applied >= 1);
  assert.match(r.text, /force_https = true/);
  assert.equal(r.path, 'fly.toml');
});

test('detectFiles: strings and Uint8Array give the same report; tools filter', () => {
  const files = { 'package.json': '{"dependencies":{"express":"^4"}}', 'Dockerfile': 'FROM node:20\n' };
  const bytes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]));
  const a = flyconf.detectFiles(files);
  assert.deepEqual(flyconf.detectFiles(bytes), a);
  assert.equal(a.performance.detection_time_ms, 0);
  assertPlainJson(a);
  const only = flyconf.detectFiles(files, { tools: ['docker'] });
  assert.deepEqual(only.tools.map((t) => t.tool), ['docker']);
  const strict = flyconf.detectFiles(files, { minConfidence: 1 });
  assert.ok(strict.tools.every((t) => t.confidence >= 1 || !t.high_confidence));
});

test('detectReads: read only what it names, detect the same', () => {
  const files = {
    'package.json': '{"dependencies":{"express":"^4"}}',
    'Dockerfile': 'FROM node:20\n',
    'fly.toml': 'app = "x"\n[http_service]\ninternal_port = 8080\n',
    'README.md': '# hello\n',
    'public/logo.svg': '<svg/>',
    'node_modules/express/package.json': '{"name":"express"}',
  };
  const reads = flyconf.detectReads(Object.keys(files));
  assert.ok(reads.includes('package.json'), reads);
  assert.ok(!reads.some((p) => p.startsWith('node_modules/')), reads);
  assert.ok(reads.length < Object.keys(files).length, reads);
  const partial = Object.fromEntries(Object.entries(files).map(([p, c]) => [p, reads.includes(p) ? c : '']));
  const strip = (r) => ({ ...r, performance: undefined });
  assert.deepEqual(strip(flyconf.detectFiles(partial)), strip(flyconf.detectFiles(files)));
  assert.throws(() => flyconf.detectReads('fly.toml'), (e) => e.code === 'invalid-option');
  assert.throws(() => flyconf.detectReads(['../etc/passwd']), (e) => e instanceof flyconf.FlyconfError);
});

test('generate: {path: contents}, in plan order', () => {
  const files = flyconf.generate('go-http-server', { app: 'api' });
  assert.equal(Object.getPrototypeOf(files), Object.prototype);
  const set = flyconf.plan('go-http-server', { app: 'api' });
  assert.deepEqual(Object.keys(files), set.files.map((f) => f.path));
  assert.deepEqual(Object.values(files), set.files.map((f) => f.contents));
});

test('plan: defaults to production only, options as in generate::Options', () => {
  const set = flyconf.plan('go-http-server');
  assert.equal(set.template, 'go-http-server');
  assert.ok(set.files.some((f) => f.path === 'fly.toml'));
  const two = flyconf.plan('python-flask', { app: 'shop', environments: ['staging', 'production'], database: 'postgres', redis: true, extraSecrets: ['API_KEY'] });
  assert.deepEqual(two.files.filter((f) => f.path.endsWith('.toml')).map((f) => f.path), ['fly.staging.toml', 'fly.production.toml']);
  assert.ok(two.secrets.some((s) => s.names.includes('API_KEY')));
  assertPlainJson(two);
});

test('templates: the `flyconf templates --format json` entries', () => {
  const list = flyconf.templates();
  assert.ok(list.length >= 10);
  assert.deepEqual(Object.keys(list[0]).sort(), ['description', 'frameworks', 'health_path', 'name', 'port', 'title']);
  assertPlainJson(list);
});

test('cost with inputs', () => {
  const text = 'app = "x"\nprimary_region = "iad"\n';
  const base = flyconf.cost(text);
  assert.equal(base.currency, 'USD');
  const more = flyconf.cost(text, { machines: 3, regions: ['iad', 'ams'], hoursPerMonth: 730 });
  assert.ok(more.monthly_total > base.monthly_total);
  assertPlainJson(more);
  // The core's snake_case names are accepted too, with the same result.
  assert.deepEqual(flyconf.cost(text, { machines: 3, regions: ['iad', 'ams'], hours_per_month: 730 }), more);
  const noIp = flyconf.cost(text, { includeIpv4: false });
  assert.ok(noIp.assumptions.length > 0);
});

test('loadSkill; rule documentation is linked, not embedded', () => {
  const skill = flyconf.loadSkill('flyio');
  assert.equal(skill.name, 'flyio');
  assert.ok(skill.sections.length > 3);
  // The module leaves out explain/rules (the size budget): each diagnostic
  // links its rule's section of docs/rules.md instead.
  assert.equal(flyconf.explain, undefined);
  assert.equal(flyconf.rules, undefined);
  const [d] = flyconf.check('app = "x"\n[http_service]\nforce_https = false\n').diagnostics
    .filter((x) => x.code === 'FS202');
  assert.equal(d.docs, 'https://github.com/flyconf/flyconf/blob/main/docs/rules.md#FS202');
});
