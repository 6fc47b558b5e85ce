// Runs every shared vector (fixtures/vectors/*.json in the flyconf repo)
// through the Node package and compares the result with `expected` exactly.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const flyconf = require('../pkg-node');

const REPO = process.env.FLYCONF_REPO || require('node:path').resolve(__dirname, '../../..');
const DIR = path.join(REPO, 'fixtures', 'vectors');

/** `{min_confidence, tools}` (DetectRequest, as in the vectors) in the JS spelling. */
function detectOptions(o) {
  if (o == null) return undefined;
  const { min_confidence: minConfidence, ...rest } = o;
  return minConfidence === undefined ? rest : { ...rest, minConfidence };
}

/** One vector's call through the WASM API (mirrors crates/flyconf/tests/integration/vectors.rs). */
function call(op, input) {
  const template = () => { const { template, ...options } = input; return [template, options]; };
  switch (op) {
    case 'check': return flyconf.check(input.text, input.filename ?? 'fly.toml');
    case 'parse': return flyconf.parse(input.text);
    case 'fix': return flyconf.fix(input.text, input.filename ?? 'fly.toml');
    case 'detect_files': {
      const report = flyconf.detectFiles(input.files, detectOptions(input.options));
      report.performance.detection_time_ms = 0; // wall clock; already 0 in wasm32
      return report;
    }
    case 'generate': return flyconf.generate(...template());
    case 'plan': return flyconf.plan(...template());
    case 'cost': return flyconf.cost(input.text, input.inputs);
    case 'templates': return flyconf.templates();
    default: throw new Error(`unknown op ${op}`);
  }
}

/** The call's JSON, or `{error: {code, message, suggestion}}` for a FlyconfError. */
function run(op, input) {
  try {
    // Round-trip through JSON so the comparison is exactly "same JSON".
    return JSON.parse(JSON.stringify(call(op, input)));
  } catch (e) {
    if (!(e instanceof flyconf.FlyconfError)) throw e;
    return { error: { code: e.code, message: e.message, suggestion: e.suggestion } };
  }
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

test('there are vectors', () => assert.ok(files.length >= 7, `${files.length} vectors in ${DIR}`));

for (const file of files) {
  test(`vector ${file}`, () => {
    const vector = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
    assert.deepStrictEqual(run(vector.op, vector.input), vector.expected);
  });
}
