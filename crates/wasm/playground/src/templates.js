// The template panel: pick a template and environments, see every file
// flyconf generates, copy one, download them all as a zip, or open the
// fly.toml in the editor.
import { zipSync, strToU8 } from 'fflate';
import { el } from './diagnostics.js';

/** Fills the template <select> from flyconf's `templates()`. */
export function fillTemplates(select, templates) {
  for (const t of templates) select.append(el('option', { value: t.name }, `${t.title} (${t.name})`));
}

/** The template chosen for a detected framework id, if any. */
export function templateFor(templates, framework) {
  return templates.find((t) => t.frameworks.includes(framework)) ?? null;
}

/** Renders generated `files` ({path: contents}) with copy and zip download. */
export function renderFiles(box, template, files, { openInEditor }) {
  box.replaceChildren();
  const zip = el('button', { type: 'button', id: 'download-zip' }, 'Download all as .zip');
  zip.addEventListener('click', () => {
    const data = zipSync(Object.fromEntries(Object.entries(files).map(([p, c]) => [p, strToU8(c)])));
    const url = URL.createObjectURL(new Blob([data], { type: 'application/zip' }));
    const a = el('a', { href: url, download: `${template}.zip` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  box.append(el('p', {}, `${Object.keys(files).length} files from ${template}. `, zip));
  for (const [path, contents] of Object.entries(files)) {
    const item = el('div', { class: 'file', 'data-path': path });
    const copy = el('button', { type: 'button', class: 'copy' }, 'Copy');
    copy.addEventListener('click', async () => {
      await navigator.clipboard?.writeText(contents);
      copy.textContent = 'Copied';
    });
    const row = el('div', { class: 'row' }, el('code', {}, path), copy);
    if (/^fly(\.[a-z]+)?\.toml$/.test(path)) {
      const open = el('button', { type: 'button', class: 'open' }, 'Open in editor');
      open.addEventListener('click', () => openInEditor(contents));
      row.append(open);
    }
    item.append(row, el('details', {}, el('summary', {}, 'Show'), el('pre', {}, contents)));
    box.append(item);
  }
}
