// End to end in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): load, type a broken fly.toml, see its diagnostics at
// their lines, apply a fix, generate a template whose fly.toml has no
// diagnostics, detect a fixture folder, reload from a shared URL, work
// offline. A screenshot of each state goes to artifacts/; keystroke →
// diagnostics latencies on a 200-line fly.toml and the first load's
// transferred bytes go to artifacts/perf.json (BENCHMARKS.md reports them;
// nothing here asserts a time).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist } from '../serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const repo = join(root, '..', '..', '..');
const artifacts = join(root, 'artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

let server;
let context;
let page;
const perf = {};

async function shot(name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** The diagnostics list as [code, line] pairs. */
async function listed() {
  return page.$$eval('#diagnostics li', (lis) => lis.map((li) => [li.dataset.code, Number(li.dataset.line)]));
}

/** Replaces the editor's text the way a paste does. */
async function replaceText(text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** The editor's cursor line (1-based). */
async function cursorLine() {
  return page.evaluate(() => {
    const { state } = window.playground.view;
    return state.doc.lineAt(state.selection.main.head).number;
  });
}

async function waitForCodes(pred) {
  await page.waitForFunction(`(${pred.toString()})([...document.querySelectorAll('#diagnostics li')].map((li) => li.dataset.code))`);
}

before(async () => {
  if (!existsSync(join(root, 'dist', 'index.html'))) execFileSync('node', [join(root, 'build.mjs')], { stdio: 'inherit' });
  mkdirSync(artifacts, { recursive: true });
  server = await serveDist(0);
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pw-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  page = context.pages()[0] ?? await context.newPage();
  // A Playwright trace of the whole run (artifacts/trace.zip; open it with
  // `npx playwright show-trace`): every step's DOM, screenshots, console.
  await context.tracing.start({ screenshots: true, snapshots: true });
});

after(async () => {
  writeFileSync(join(artifacts, 'perf.json'), JSON.stringify(perf, null, 2) + '\n');
  await context?.tracing.stop({ path: join(artifacts, 'trace.zip') });
  await context?.close();
  await server?.close();
});

test('loads, with the example checked', async () => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
  await page.waitForSelector('#diagnostics li');
  const bytes = await page.evaluate(() => performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .reduce((n, e) => n + e.transferSize, 0));
  perf.first_load_transferred_bytes = bytes;
  assert.ok(bytes > 100_000, `transfer sizes are reported: ${bytes}`);
  assert.ok((await listed()).some(([code]) => code === 'FS202'), 'the example has force_https = false');
  assert.deepEqual(errors, []);
  await shot('1-loaded');
});

test('a broken fly.toml shows the right diagnostics at the right lines', async () => {
  await replaceText('app = "demo"\nprimary_region = "ams"\n\n[http_service]\ninternal_port = "8080"\nforce_https = false\n');
  await waitForCodes((codes) => codes.includes('FT003'));
  assert.deepEqual((await listed()).sort(), [['FR301', 4], ['FR302', 1], ['FS202', 6], ['FT003', 5]]);
  // Underlined in the editor too: one lint mark per diagnostic with a span.
  assert.ok((await page.$$('.cm-lintRange')).length >= 3);
  assert.match(await page.textContent('#diag-count'), /1 errors, 3 warnings/);
  await shot('2-broken');
  // Clicking a diagnostic moves the cursor to its line.
  await page.click('#diagnostics li[data-code="FT003"] .goto');
  assert.equal(await cursorLine(), 5);
});

test('keyboard: Tab reaches a diagnostic, Enter moves the cursor to it', async () => {
  await page.focus('#diagnostics li[data-code="FS202"] .goto');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('li')?.dataset.code);
  assert.equal(focused, 'FS202');
  await page.keyboard.press('Enter');
  assert.equal(await cursorLine(), 6);
});

test('a fix applies in one click', async () => {
  await page.click('#diagnostics li[data-code="FS202"] .fix');
  await waitForCodes((codes) => !codes.includes('FS202'));
  const text = await page.evaluate(() => window.playground.view.state.doc.toString());
  assert.match(text, /force_https = true/);
  await shot('3-fixed');
});

test('cost follows the editor', async () => {
  await page.waitForSelector('#cost-total');
  assert.match(await page.textContent('#cost-total'), /^\$\d+\.\d\d \/ month$/);
});

test('a generated template: every file listed, its fly.toml clean', async () => {
  await page.selectOption('#template', 'go-http-server');
  await page.check('input[name=env][value=staging]');
  await page.click('#template-form button[type=submit]');
  await page.waitForSelector('#generated [data-path="fly.production.toml"]');
  const paths = await page.$$eval('#generated .file', (ds) => ds.map((d) => d.dataset.path));
  for (const p of ['fly.staging.toml', 'fly.production.toml', 'Dockerfile', 'deploy.sh', '.dockerignore']) {
    assert.ok(paths.includes(p), `${p} in ${paths}`);
  }
  const download = page.waitForEvent('download');
  await page.click('#download-zip');
  const zip = await download;
  assert.equal(zip.suggestedFilename(), 'go-http-server.zip');
  await page.click('#generated [data-path="fly.production.toml"] .open');
  await page.waitForFunction(() => document.getElementById('diag-count').textContent === '(none)');
  assert.deepEqual(await listed(), []);
  await shot('4-template');
});

test('a fixture folder: Fly.io detected, reading only what the detector needs', async () => {
  const folder = join(repo, 'fixtures', 'projects', 'fly-express-basic');
  await page.setInputFiles('#folder', folder);
  await page.waitForSelector('#detected-tools li[data-tool="flyio"]');
  assert.ok(await page.$('#detected-frameworks li[data-framework="express"]'));
  assert.match(await page.textContent('#detection p'), /^\d+ files listed, \d+ read\.$/);
  assert.ok(await page.$('#use-template'), 'the matching template is offered');
  await shot('5-detected');
});

test('diagnostics of a 200-line fly.toml follow each keystroke (latency recorded)', async () => {
  const base = readFileSync(join(repo, 'fixtures', 'fly-toml', 'valid', 'kitchen-sink.toml'), 'utf8').trimEnd().split('\n');
  while (base.length < 199) base.push(`# padding line ${base.length + 1}`);
  await replaceText(`${base.join('\n')}\n`);
  await page.waitForFunction(() => window.playground.view.state.doc.lines >= 200);
  await page.evaluate(() => { window.playground.latencies.length = 0; window.playground.checkTimes.length = 0; });
  await page.keyboard.press('Control+End');
  for (const ch of '# typed here, one key at a time: abcdefghij') {
    const before = await page.evaluate(() => window.playground.latencies.length);
    await page.keyboard.type(ch);
    await page.waitForFunction((n) => window.playground.latencies.length > n, before);
  }
  const lat = await page.evaluate(() => window.playground.latencies.slice());
  assert.ok(lat.length >= 40, `${lat.length} keystrokes measured`);
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    return { samples: s.length, median: at(0.5), p90: at(0.9), max: s[s.length - 1] };
  };
  perf.keystroke_to_diagnostics_ms = {
    lines: await page.evaluate(() => window.playground.view.state.doc.lines),
    ...stats(lat),
    check_alone: stats(await page.evaluate(() => window.playground.checkTimes.slice())),
  };
  await shot('6-200-lines');
});

test('responsive: one column on a phone-sized screen', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    const editor = await page.locator('.editor-pane').boundingBox();
    const side = await page.locator('.side').boundingBox();
    assert.ok(side.y >= editor.y + editor.height - 1, 'the panels sit below the editor');
    assert.ok(editor.width <= 390 && side.width <= 390, 'nothing wider than the screen');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 390, `no horizontal scrolling: ${overflow}px wide`);
    await shot('6b-phone');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('reloads from a shared URL', async () => {
  await replaceText('app = "shared-demo"\nprimary_region = "fra"\n');
  await page.waitForFunction(() => location.hash.startsWith('#toml='));
  await page.waitForTimeout(400); // the fragment is written 300 ms after the last edit
  const url = await page.evaluate(() => location.href);
  const other = await context.newPage();
  await other.goto(url);
  await other.waitForFunction(() => document.getElementById('status').textContent === 'ready');
  const text = await other.evaluate(() => window.playground.view.state.doc.toString());
  assert.equal(text, 'app = "shared-demo"\nprimary_region = "fra"\n');
  await other.screenshot({ path: join(artifacts, '7-shared.png'), fullPage: true });
  await other.close();
});

test('works offline once loaded', async () => {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  try {
    await page.reload();
    await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
    await page.waitForSelector('#diagnostics li, #diag-count');
  } finally {
    await context.setOffline(false);
  }
  await shot('8-offline');
});
