// The diagnostics list beside the editor: code, severity, message,
// suggestion, a link to the rule's documentation, and the fix when there is
// one. Each entry is a button that moves the cursor to its span.

/** Renders `diagnostics` into `list` (an <ol>) and the count into `count`. */
export function renderDiagnostics(list, count, diagnostics, { goTo, applyFix }) {
  list.replaceChildren();
  const n = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) {
    n[d.severity] = (n[d.severity] ?? 0) + 1;
    const li = el('li', { class: `diag ${d.severity}`, 'data-code': d.code, 'data-line': String(d.span.line) });
    const go = el('button', { type: 'button', class: 'goto', title: `Go to line ${d.span.line}` });
    go.append(
      el('div', { class: 'head' }, el('span', { class: 'sev' }, d.severity), `${d.code} · line ${d.span.line}`),
      el('div', { class: 'message' }, d.message),
    );
    if (d.suggestion) go.append(el('div', { class: 'suggestion' }, d.suggestion));
    go.addEventListener('click', () => goTo(d.span.utf16_start));
    const row = el('div', { class: 'row' });
    const docs = el('a', { href: d.docs, target: '_blank', rel: 'noopener' }, `About ${d.code}`);
    row.append(docs);
    if (d.fix) {
      const fix = el('button', { type: 'button', class: 'fix' }, `Fix: ${d.fix.description}`);
      fix.addEventListener('click', () => applyFix(d.fix));
      row.append(fix);
    }
    li.append(go, row);
    list.append(li);
  }
  count.textContent = diagnostics.length === 0
    ? '(none)'
    : `(${n.error} errors, ${n.warning} warnings, ${n.info} infos)`;
}

/** A DOM element with attributes and children. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}
