// The `--target web` package (pkg-web) also loads in Node, from bytes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, * as flyconf from '../pkg-web/index.js';

const bytes = readFileSync(new URL('../pkg-web/flyconf_wasm_bg.wasm', import.meta.url));

test('web build: init from bytes, then call', async () => {
  await init({ module_or_path: bytes });
  assert.equal(flyconf.check('app = "x"\n').path, 'fly.toml');
  assert.equal(flyconf.plan('static-site').template, 'static-site');
  assert.ok('fly.toml' in flyconf.generate('static-site'));
  const vector = JSON.parse(readFileSync((process.env.FLYCONF_REPO || new URL('../../..', import.meta.url).pathname) + '/fixtures/vectors/check-typo-and-secret.json', 'utf8'));
  const got = JSON.parse(JSON.stringify(flyconf.check(vector.input.text, vector.input.filename)));
  assert.deepStrictEqual(got, vector.expected);
});

test('web build: FlyconfError and panic recovery', () => {
  assert.throws(() => flyconf.generate('nope'), (e) => e instanceof flyconf.FlyconfError && e.code === 'unknown-template');
  assert.throws(() => flyconf.__testPanic('web boom'), (e) => e instanceof flyconf.FlyconfError && e.code === 'internal' && /trapped/.test(e.message));
  assert.equal(flyconf.check('app = "x"\n', 'fly.toml').path, 'fly.toml');
});
