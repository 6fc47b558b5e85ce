// The playground: loads flyconf's WASM build, then wires the editor,
// diagnostics, cost, templates, project detection and the shareable URL.
import init, * as flyconf from '../../pkg-web/index.js';
import { createEditor, setText, goTo, fixChanges, latencies, checkTimes } from './editor.js';
import { renderDiagnostics } from './diagnostics.js';
import { renderCost } from './cost.js';
import { fillTemplates, renderFiles, templateFor } from './templates.js';
import { filesFromDrop, filesFromInput, detectProject, renderDetection } from './detect.js';
import { encode, decode } from './share.js';

const EXAMPLE = `app = "my-app"
primary_region = "ams"

[build]

[http_service]
internal_port = 8080
force_https = false
auto_stop_machines = "stop"
auto_start_machines = true
min_machines_running = 0

[[vm]]
size = "shared-cpu-1x"
memory = "512mb"
`;

const $ = (id) => document.getElementById(id);
const status = (text) => { $('status').textContent = text; };

async function main() {
  await init({ module_or_path: new URL('flyconf.wasm', import.meta.url) });
  const templates = flyconf.templates();
  let shareTimer = null;

  const onResult = (text, diagnostics, error) => {
    renderDiagnostics($('diagnostics'), $('diag-count'), diagnostics, {
      goTo: (offset) => goTo(view, offset),
      applyFix: (fix) => view.dispatch(fixChanges(fix, view.state.doc.length)),
    });
    if (error) status(`check failed: ${error.message}`);
    let estimate = null;
    let costError = null;
    try {
      estimate = flyconf.cost(text);
    } catch (e) {
      costError = e;
    }
    renderCost($('cost'), estimate, costError);
    clearTimeout(shareTimer);
    shareTimer = setTimeout(() => history.replaceState(null, '', `#${encode(text)}`), 300);
  };

  const initial = decode(location.hash) ?? EXAMPLE;
  const view = createEditor($('editor'), initial, (text) => flyconf.check(text, 'fly.toml'), onResult);

  $('share').addEventListener('click', async () => {
    history.replaceState(null, '', `#${encode(view.state.doc.toString())}`);
    try {
      await navigator.clipboard.writeText(location.href);
      status('link copied');
    } catch {
      status('copy the address bar to share');
    }
  });

  fillTemplates($('template'), templates);
  const generate = (name) => {
    const form = $('template-form');
    const environments = [...form.querySelectorAll('input[name=env]:checked')].map((i) => i.value);
    try {
      const files = flyconf.generate(name, { app: $('app-name').value || 'my-app', environments });
      renderFiles($('generated'), name, files, { openInEditor: (text) => setText(view, text) });
    } catch (e) {
      $('generated').textContent = `${e.message} — ${e.suggestion ?? ''}`;
    }
  };
  $('template-form').addEventListener('submit', (e) => {
    e.preventDefault();
    generate($('template').value);
  });

  const detect = async (pairs) => {
    status(`reading ${pairs.length} files…`);
    try {
      const result = await detectProject(flyconf, pairs);
      const fw = result.report.frameworks?.[0]?.framework;
      const tpl = fw ? templateFor(templates, fw) : null;
      renderDetection($('detection'), result, tpl, (name) => {
        $('template').value = name;
        generate(name);
      });
      status('ready');
    } catch (e) {
      $('detection').textContent = `${e.message} — ${e.suggestion ?? ''}`;
      status('detection failed');
    }
  };
  $('folder').addEventListener('change', (e) => detect(filesFromInput(e.target.files)));
  const zone = $('dropzone');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    detect(await filesFromDrop(e.dataTransfer));
  });
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      $('folder').click();
    }
  });

  // For the end-to-end test: the editor and the recorded latencies.
  window.playground = { view, latencies, checkTimes, detect, setText: (t) => setText(view, t) };
  status('ready');
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').catch(() => {});
  }
}

main().catch((e) => status(`failed to start: ${e.message}`));
