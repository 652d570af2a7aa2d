// The holdings table (sortable by any column) and the allocation by sector and by currency.
import { el } from '../dom.js';
import * as decimal from '../decimal.js';
import * as format from '../format.js';

const COLUMNS = [
  { key: 'symbol', label: 'Symbol', text: true },
  { key: 'quantity', label: 'Quantity', show: (p) => format.number(p.quantity) },
  { key: 'averagePriceInCurrency', label: 'Avg price (own ccy)', show: (p) => format.money(p.averagePriceInCurrency, p.currency) },
  { key: 'marketPriceInCurrency', label: 'Price (own ccy)', show: (p) => format.money(p.marketPriceInCurrency, p.currency) },
  { key: 'averagePrice', label: 'Avg price', show: (p, base) => format.money(p.averagePrice, base) },
  { key: 'marketPrice', label: 'Price', show: (p, base) => format.money(p.marketPrice, base) },
  { key: 'marketValue', label: 'Value', show: (p, base) => format.money(p.marketValue, base) },
  { key: 'weight', label: 'Weight', show: (p) => format.percent(p.weight) },
  { key: 'investment', label: 'Cost basis', show: (p, base) => format.money(p.investment, base) },
  { key: 'unrealizedGain', label: 'Unrealized', show: (p, base) => format.money(p.unrealizedGain, base), signed: true },
  { key: 'realizedGain', label: 'Realized', show: (p, base) => format.money(p.realizedGain, base), signed: true },
  { key: 'dividends', label: 'Dividends', show: (p, base) => format.money(p.dividends, base) },
];

const sort = { key: 'marketValue', descending: true };

function sorted(positions) {
  const column = COLUMNS.find((c) => c.key === sort.key);
  const ordered = [...positions].sort((a, b) => (column.text
    ? String(a[column.key]).localeCompare(String(b[column.key]))
    : decimal.compare(decimal.parse(a[column.key]), decimal.parse(b[column.key]))));
  return sort.descending ? ordered.reverse() : ordered;
}

export function renderHoldings(section, summary) {
  const base = summary.baseCurrency;
  const positions = (summary.positions ?? []).filter((p) => decimal.parse(p.quantity) !== 0n);
  const header = el('tr', {}, COLUMNS.map((column) => {
    const active = column.key === sort.key;
    return el('th', { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' },
      el('button', {
        type: 'button',
        class: 'sort',
        'data-sort': column.key,
        onclick: () => {
          sort.descending = active ? !sort.descending : !column.text;
          sort.key = column.key;
          renderHoldings(section, summary);
          section.querySelector(`[data-sort="${column.key}"]`)?.focus();
        },
      }, column.label, active ? (sort.descending ? ' ▼' : ' ▲') : ''));
  }));
  const rows = sorted(positions).map((p) => el('tr', { 'data-symbol': p.symbol }, COLUMNS.map((column) => el('td', {
    'data-column': column.key,
    'data-value': p[column.key],
    class: column.signed ? format.trend(p[column.key]) : '',
  }, column.text ? p[column.key] : column.show(p, base)))));
  section.replaceChildren(
    el('h2', {}, 'Holdings'),
    positions.length === 0
      ? el('p', { class: 'empty' }, 'No holdings yet: add a transaction or import a CSV file below.')
      : el('div', { class: 'scroll' }, el('table', { class: 'holdings' },
        el('caption', { class: 'visually-hidden' }, `Holdings in ${base}, sortable by column`),
        el('thead', {}, header), el('tbody', {}, rows))));
}

function allocation(title, slices, base) {
  return el('figure', { class: 'allocation' },
    el('figcaption', {}, title),
    slices.length === 0 ? el('p', { class: 'empty' }, 'Nothing held.') : el('ul', {}, slices.map((slice) => el('li', {},
      el('span', { class: 'key' }, slice.key || 'Unknown'),
      el('meter', { min: '0', max: '1', value: slice.weight, 'aria-label': `${slice.key || 'Unknown'} weight` }),
      el('span', { class: 'weight' }, format.percent(slice.weight)),
      el('span', { class: 'value' }, format.money(slice.marketValue, base))))));
}

export function renderAllocation(section, summary) {
  section.replaceChildren(
    el('h2', {}, 'Allocation'),
    el('div', { class: 'allocations' },
      allocation('By sector', summary.allocationBySector ?? [], summary.baseCurrency),
      allocation('By currency', summary.allocationByCurrency ?? [], summary.baseCurrency)));
}
