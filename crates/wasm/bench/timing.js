// Per-call time of the WASM build under Node (after crates/wasm/build.sh):
//   node crates/wasm/bench/timing.js [fly.toml] [project dir]
// Defaults: fixtures/fly-toml/valid/kitchen-sink.toml and
// fixtures/projects/fly-express-basic. Prints the mean of N calls after a
// warm-up, for check() and detectFiles().
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const flyconf = require('../pkg-node');

const repo = path.join(__dirname, '..', '..', '..');
const tomlPath = process.argv[2] || path.join(repo, 'fixtures/fly-toml/valid/kitchen-sink.toml');
const projectDir = process.argv[3] || path.join(repo, 'fixtures/projects/fly-express-basic');

/** Every file under `dir`, as the in-memory map detectFiles takes. */
function files(dir, base = dir, out = {}) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, base, out);
    else out[path.relative(base, p)] = fs.readFileSync(p);
  }
  return out;
}

function time(name, fn, n) {
  for (let i = 0; i < 20; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(`${name.padEnd(12)} ${us.toFixed(1).padStart(8)} µs`);
}

const toml = fs.readFileSync(tomlPath, 'utf8');
const project = files(projectDir);
console.log(`${path.relative(repo, tomlPath)}: ${toml.split('\n').length} lines; ` +
  `${path.relative(repo, projectDir)}: ${Object.keys(project).length} files`);
time('check', () => flyconf.check(toml, 'fly.toml'), 500);
time('detectFiles', () => flyconf.detectFiles(project), 100);
