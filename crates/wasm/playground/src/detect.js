// "Detect a project": a folder chosen or dropped is listed by name, flyconf
// says which files it needs to read (`detectReads`), only those are read,
// and detection runs on them in the page. Nothing is uploaded.
import { el } from './diagnostics.js';

/** [relativePath, File] for every file of a dropped directory entry. */
async function walkEntry(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((ok, fail) => entry.file(ok, fail));
    out.push([prefix + entry.name, file]);
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const child of batch) await walkEntry(child, `${prefix}${entry.name}/`, out);
    }
  }
}

/** Files of a drop: a folder's files, relative to that folder. */
export async function filesFromDrop(dataTransfer) {
  const out = [];
  for (const item of dataTransfer.items) {
    const entry = item.webkitGetAsEntry?.();
    if (entry) await walkEntry(entry, '', out);
  }
  return stripRoot(out);
}

/** Files of `<input webkitdirectory>`, relative to the chosen folder. */
export function filesFromInput(fileList) {
  return stripRoot([...fileList].map((f) => [f.webkitRelativePath || f.name, f]));
}

/** Drops the shared top folder (`project/…`) so paths are project-relative. */
function stripRoot(pairs) {
  const tops = new Set(pairs.map(([p]) => p.split('/')[0]));
  if (tops.size !== 1 || pairs.some(([p]) => !p.includes('/'))) return pairs;
  return pairs.map(([p, f]) => [p.slice(p.indexOf('/') + 1), f]);
}

/** Reads what the detector needs and detects; returns the report and counts. */
export async function detectProject(flyconf, pairs) {
  const reads = new Set(flyconf.detectReads(pairs.map(([p]) => p)));
  const files = {};
  let read = 0;
  for (const [path, file] of pairs) {
    if (reads.has(path)) {
      files[path] = new Uint8Array(await file.arrayBuffer());
      read += 1;
    } else {
      files[path] = '';
    }
  }
  return { report: flyconf.detectFiles(files), read, total: pairs.length };
}

/** Renders a detection report, with a button for the matching template. */
export function renderDetection(box, { report, read, total }, template, useTemplate) {
  box.replaceChildren();
  box.append(el('p', { class: 'muted' }, `${total} files listed, ${read} read.`));
  const tools = report.tools.filter((t) => t.detected !== false);
  const list = el('ul', { id: 'detected-tools' });
  for (const t of tools) {
    const ev = (t.evidence ?? []).slice(0, 3).map((e) => `${e.path}${e.line ? `:${e.line}` : ''}`).join(', ');
    list.append(el('li', { 'data-tool': t.tool }, `${t.name} (${Math.round(t.confidence * 100)}%)${ev ? ` — ${ev}` : ''}`));
  }
  box.append(el('h3', {}, 'Deployment tooling'), tools.length ? list : el('p', { class: 'muted' }, 'none found'));
  const fw = report.frameworks ?? [];
  const fl = el('ul', { id: 'detected-frameworks' });
  for (const f of fw) {
    const ev = (f.evidence ?? []).slice(0, 2).map((e) => `${e.path}${e.line ? `:${e.line}` : ''}`).join(', ');
    fl.append(el('li', { 'data-framework': f.framework }, `${f.name} (${Math.round(f.confidence * 100)}%)${ev ? ` — ${ev}` : ''}`));
  }
  box.append(el('h3', {}, 'Framework'), fw.length ? fl : el('p', { class: 'muted' }, 'none found'));
  if (template) {
    const use = el('button', { type: 'button', id: 'use-template' }, `Generate ${template.title}`);
    use.addEventListener('click', () => useTemplate(template.name));
    box.append(use);
  }
}
