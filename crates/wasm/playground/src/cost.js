// The cost panel: flyconf's monthly estimate for the current fly.toml.
import { el } from './diagnostics.js';

const money = (n, currency) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(n);

/** Renders `estimate` (flyconf's CostEstimate), or why there is none. */
export function renderCost(box, estimate, error) {
  box.replaceChildren();
  if (error) {
    box.append(el('p', { class: 'muted' }, `No estimate: ${error.message}`));
    return;
  }
  const c = estimate.currency;
  box.classList.add('cost');
  box.append(el('p', { class: 'total', id: 'cost-total' }, `${money(estimate.monthly_total, c)} / month`));
  const table = el('table');
  table.append(el('tr', {}, el('th', {}, 'Item'), el('th', { class: 'num' }, 'Qty'), el('th', { class: 'num' }, 'Monthly')));
  for (const item of estimate.items) {
    table.append(el('tr', {},
      el('td', {}, item.description + (item.region ? ` (${item.region})` : '')),
      el('td', { class: 'num' }, String(item.quantity)),
      el('td', { class: 'num' }, money(item.monthly, c))));
  }
  box.append(table);
  const notes = el('details', {}, el('summary', {}, 'Assumptions'));
  const ul = el('ul');
  for (const a of estimate.assumptions) ul.append(el('li', {}, a));
  notes.append(ul);
  box.append(notes);
}
