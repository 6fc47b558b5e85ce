// npm run build: the static site in dist/ — index.html, style.css, app.js
// (the playground and CodeMirror, bundled and minified by esbuild),
// flyconf.wasm (from ../pkg-web, built by ../build.sh when missing) and
// sw.js (offline cache of exactly these files). Prints each file's size.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const wasm = join(here, '..', 'pkg-web', 'flyconf_wasm_bg.wasm');

if (!existsSync(wasm)) {
  console.log('pkg-web/ is missing: running crates/wasm/build.sh');
  execFileSync(join(here, '..', 'build.sh'), { stdio: 'inherit' });
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
await build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outfile: join(dist, 'app.js'),
  // The glue's default wasm URL is not used (main.js passes flyconf.wasm).
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'index.html'), join(dist, 'index.html'));
copyFileSync(join(here, 'src', 'style.css'), join(dist, 'style.css'));
copyFileSync(wasm, join(dist, 'flyconf.wasm'));

const assets = readdirSync(dist).sort();
const hash = createHash('sha256');
for (const f of assets) hash.update(f).update(readFileSync(join(dist, f)));
const sw = readFileSync(join(here, 'src', 'sw.js'), 'utf8')
  .replace('__VERSION__', `flyconf-${hash.digest('hex').slice(0, 12)}`)
  .replace('__ASSETS__', JSON.stringify(['./', ...assets]));
writeFileSync(join(dist, 'sw.js'), sw);

let raw = 0;
let gz = 0;
for (const f of readdirSync(dist).sort()) {
  const bytes = readFileSync(join(dist, f));
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += statSync(join(dist, f)).size;
  gz += z;
  console.log(`${f.padEnd(12)} ${String(bytes.length).padStart(9)} bytes  ${String(z).padStart(8)} gzip`);
}
console.log(`${'total'.padEnd(12)} ${String(raw).padStart(9)} bytes  ${String(gz).padStart(8)} gzip`);
