// Failures: every one is a FlyconfError (a real Error subclass) with
// `code`, `message` and `suggestion`; panics and traps become code `internal`
// and the module keeps working afterwards.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const flyconf = require('../pkg-node');
const { FlyconfError } = flyconf;

/** Asserts `fn` throws a FlyconfError with `code`; returns it. */
function fails(fn, code) {
  let error;
  assert.throws(fn, (e) => { error = e; return true; });
  assert.ok(error instanceof FlyconfError, `not a FlyconfError: ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'FlyconfError');
  assert.equal(error.code, code, `${error.code}: ${error.message}`);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.equal(typeof error.suggestion, 'string');
  assert.ok(error.stack.includes('FlyconfError'));
  return error;
}

test('unknown template names the closest one', () => {
  const e = fails(() => flyconf.generate('pyhton-django'), 'unknown-template');
  assert.match(e.message, /pyhton-django/);
  assert.match(e.suggestion, /python-django/);
});

test('bad generate options are invalid-option', () => {
  fails(() => flyconf.generate('python-django', { environments: ['moon'] }), 'invalid-option');
  fails(() => flyconf.generate('python-django', { nope: 1 }), 'invalid-option');
  fails(() => flyconf.generate('python-django', { app: 'Bad_Name!' }), 'invalid-option');
});

test('minConfidence outside 0..1 or not a number', () => {
  const files = { 'fly.toml': 'app = "x"\n' };
  for (const bad of [1.5, -0.1, NaN, Infinity, '0.5', 'high', true, {}]) {
    fails(() => flyconf.detectFiles(files, { minConfidence: bad }), 'invalid-min-confidence');
  }
  assert.equal(flyconf.detectFiles(files, { minConfidence: 0 }).detected, true);
  assert.ok(flyconf.detectFiles(files, { minConfidence: 1 }));
});

test('unknown tool id names the closest one', () => {
  const e = fails(() => flyconf.detectFiles({ a: 'x' }, { tools: ['dokcer'] }), 'unknown-tool');
  assert.match(e.suggestion, /docker/);
});

test('bad project paths and contents', () => {
  fails(() => flyconf.detectFiles({ '../etc/passwd': 'x' }), 'invalid-file-path');
  fails(() => flyconf.detectFiles({ '/abs': 'x' }), 'invalid-file-path');
  fails(() => flyconf.detectFiles({ a: 5 }), 'invalid-argument');
  fails(() => flyconf.detectFiles('fly.toml'), 'invalid-argument');
  fails(() => flyconf.detectFiles(null), 'invalid-argument');
  fails(() => flyconf.detectFiles({}, { tool: ['docker'] }), 'invalid-option');
});

test('non-string arguments fail instead of trapping', () => {
  for (const bad of [123, undefined, null, {}, ['a'], new Uint8Array([65])]) {
    fails(() => flyconf.check(bad), 'invalid-argument');
    fails(() => flyconf.parse(bad), 'invalid-argument');
    fails(() => flyconf.cost(bad), 'invalid-argument');
    fails(() => flyconf.fix(bad), 'invalid-argument');
    fails(() => flyconf.generate(bad), 'invalid-argument');
    fails(() => flyconf.plan(bad), 'invalid-argument');
    fails(() => flyconf.loadSkill(bad), 'invalid-argument');
  }
  fails(() => flyconf.check('app = "x"\n', 5), 'invalid-argument');
});

test('text that is not text', () => {
  // check/parse report it as a diagnostic (FT002) ...
  const report = flyconf.check('app = "x"\0\n');
  assert.deepEqual(report.diagnostics.map((d) => d.code), ['FT002']);
  // ... calls that need text refuse it with the rule code.
  const e = fails(() => flyconf.cost('app = "x"\0'), 'FT002');
  assert.match(e.message, /NUL/);
  fails(() => flyconf.fix('\0', 'fly.toml'), 'FT002');
  // Binary bytes in a detected project are skipped, not an error.
  const bytes = new Uint8Array([0, 159, 146, 150, 0, 255]);
  assert.ok(flyconf.detectFiles({ 'blob.bin': bytes, 'fly.toml': 'app = "x"\n' }));
});

test('unknown skill, bad options', () => {
  const skill = fails(() => flyconf.loadSkill('flyi'), 'unknown-skill');
  assert.match(skill.suggestion, /flyio/);
  fails(() => flyconf.cost('app = "x"\n', { hours: 3 }), 'invalid-option');
  fails(() => flyconf.cost('app = "x"\n', 'many'), 'invalid-option');
  fails(() => flyconf.generate('python-flask', { extraSecrets: 'API_KEY' }), 'invalid-option');
});

test('a panic becomes FlyconfError "internal" and the module recovers', () => {
  // Built with -Cpanic=immediate-abort: the panic is a trap, its message is gone.
  const e = fails(() => flyconf.__testPanic('boom 42'), 'internal');
  assert.match(e.message, /^internal error: the WebAssembly module trapped: unreachable/);
  assert.match(e.suggestion, /bug/);
  // The wrapper re-instantiated the module: calls with arguments work again.
  for (let i = 0; i < 3; i++) {
    assert.equal(flyconf.check('app = "x"\n', 'fly.toml').path, 'fly.toml');
    assert.ok(flyconf.detectFiles({ 'fly.toml': 'app = "x"\n' }).detected);
    fails(() => flyconf.__testPanic('again'), 'internal');
  }
  assert.equal(flyconf.plan('go-http-server').template, 'go-http-server');
});

test('hostile inputs do not trap', () => {
  const deep = 'a = ' + '['.repeat(100000);
  for (const text of [deep, '[' + 'a.'.repeat(50000) + 'b]', 'x'.repeat(2_000_000), '\u{10FFFF}\uD800=\uDFFF']) {
    try {
      flyconf.check(text);
      flyconf.parse(text);
      flyconf.check(text, 'Dockerfile');
    } catch (e) {
      // Allowed only as a clean FlyconfError; the module must keep working.
      assert.ok(e instanceof FlyconfError, String(e));
    }
    assert.equal(flyconf.check('app = "x"\n').path, 'fly.toml');
  }
});
