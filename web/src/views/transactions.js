// Transactions: a paged, filtered list; add, edit and delete with the server's field errors beside
// each field; CSV import with each bad row's errors.
import * as api from '../api.js';
import { el } from '../dom.js';
import * as format from '../format.js';
import { clearErrors, field, formError, showError, values } from '../forms.js';

const TYPES = ['BUY', 'SELL', 'DEPOSIT', 'WITHDRAWAL', 'DIVIDEND', 'SPLIT', 'FEE', 'INTEREST', 'TAX'];
const PAGE_SIZE = 20;

export function createTransactions(section, onChanged) {
  const state = { filters: {}, pageToken: '', previous: [], editing: null, portfolios: [] };

  const list = el('div', { class: 'scroll' });
  const pager = el('div', { class: 'pager' });
  const filterForm = el('form', { class: 'filters', 'aria-label': 'Filter transactions' },
    field('Symbol', 'symbol', { autocomplete: 'off' }),
    field('Portfolio', 'portfolioId', {}, []),
    el('button', { type: 'submit' }, 'Filter'));
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filters = values(filterForm);
    state.pageToken = '';
    state.previous = [];
    load();
  });

  const today = new Date().toISOString().slice(0, 10);
  const editor = el('form', { class: 'editor', 'aria-label': 'Transaction', novalidate: true },
    el('h3', {}, 'Add a transaction'),
    field('Type', 'transactionType', {}, TYPES),
    field('Symbol', 'symbol', { autocomplete: 'off' }),
    field('Quantity', 'quantity', { inputmode: 'decimal' }),
    field('Price', 'price', { inputmode: 'decimal' }),
    field('Date', 'date', { type: 'date', value: today }),
    field('Currency', 'currency', { value: 'USD', maxlength: '3' }),
    field('Commission', 'commission', { inputmode: 'decimal' }),
    field('Notes', 'notes'),
    formError(),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary' }, 'Save'),
      el('button', { type: 'button', onclick: () => resetEditor() }, 'Cancel')));
  editor.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = values(editor);
    try {
      if (state.editing) {
        // Emptied notes are sent as empty so the change clears them.
        body.notes ??= '';
        await api.patch(`/v1/transactions/${state.editing}`, body);
      } else {
        await api.post('/v1/transactions', body);
      }
      resetEditor();
      await load();
      onChanged();
    } catch (error) {
      showError(editor, error);
    }
  });

  function resetEditor() {
    state.editing = null;
    editor.reset();
    editor.elements.date.value = today;
    editor.querySelector('h3').textContent = 'Add a transaction';
    clearErrors(editor);
  }

  function edit(transaction) {
    state.editing = transaction.id;
    editor.querySelector('h3').textContent = `Edit ${transaction.transactionType} ${transaction.symbol} of ${transaction.date}`;
    for (const name of ['transactionType', 'symbol', 'quantity', 'price', 'date', 'currency', 'commission', 'notes']) {
      editor.elements[name].value = transaction[name] ?? '';
    }
    clearErrors(editor);
    editor.elements.transactionType.focus();
  }

  async function remove(transaction) {
    if (!window.confirm(`Delete ${transaction.transactionType} ${transaction.symbol} of ${transaction.date}?`)) return;
    try {
      await api.del(`/v1/transactions/${transaction.id}`);
      await load();
      onChanged();
    } catch (error) {
      list.prepend(el('p', { class: 'form-error', role: 'alert' }, error.message));
    }
  }

  const importForm = el('form', { class: 'import', 'aria-label': 'Import transactions' },
    el('h3', {}, 'Import a CSV file'),
    el('p', { class: 'help' }, 'Header: type,symbol,quantity,price,date,currency,commission,notes — or a Ghostfolio export. All rows or none are stored.'),
    field('CSV file', 'file', { type: 'file', accept: '.csv,text/csv,.json' }),
    el('button', { type: 'submit' }, 'Import'),
    el('p', { class: 'import-result', role: 'status' }),
    el('ul', { class: 'row-errors', 'aria-label': 'Rows with errors' }));
  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = importForm.querySelector('.import-result');
    const rowErrors = importForm.querySelector('.row-errors');
    rowErrors.replaceChildren();
    const file = importForm.elements.file.files[0];
    if (!file) {
      result.textContent = 'Choose a file first.';
      return;
    }
    try {
      const answer = await api.post('/v1/transactions:import', { content: await file.text() });
      result.textContent = `Imported ${answer.imported} transactions.`;
      importForm.reset();
      await load();
      onChanged();
    } catch (error) {
      result.textContent = `Nothing was imported: ${error.message}`;
      rowErrors.replaceChildren(...rowsOf(error).map(([row, messages]) => el('li', { 'data-row': row },
        row === '' ? messages.join(' ') : `Row ${row}: ${messages.join('; ')}`)));
    }
  });

  async function loadPortfolios() {
    const { portfolios = [] } = await api.get('/v1/portfolios');
    state.portfolios = portfolios;
    const select = filterForm.elements.portfolioId;
    select.replaceChildren(el('option', { value: '' }, 'All portfolios'),
      ...portfolios.map((p) => el('option', { value: p.id }, p.name)));
  }

  async function load() {
    const page = await api.get('/v1/transactions', { ...state.filters, pageSize: PAGE_SIZE, pageToken: state.pageToken });
    const transactions = page.transactions ?? [];
    list.replaceChildren(transactions.length === 0
      ? el('p', { class: 'empty' }, 'No transactions.')
      : el('table', { class: 'transactions' },
        el('caption', { class: 'visually-hidden' }, 'Transactions, newest first'),
        el('thead', {}, el('tr', {}, ['Date', 'Type', 'Symbol', 'Quantity', 'Price', 'Commission', 'Notes', ''].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, transactions.map((t) => el('tr', { 'data-id': t.id },
          el('td', {}, t.date), el('td', {}, t.transactionType), el('td', {}, t.symbol),
          el('td', {}, format.number(t.quantity)), el('td', {}, format.money(t.price, t.currency)),
          el('td', {}, format.money(t.commission, t.currency)), el('td', {}, t.notes),
          el('td', { class: 'row-actions' },
            el('button', { type: 'button', onclick: () => edit(t), 'aria-label': `Edit ${t.transactionType} ${t.symbol} ${t.date}` }, 'Edit'),
            el('button', { type: 'button', onclick: () => remove(t), 'aria-label': `Delete ${t.transactionType} ${t.symbol} ${t.date}` }, 'Delete')))))));
    const next = page.nextPageToken;
    pager.replaceChildren(
      el('button', {
        type: 'button',
        disabled: state.previous.length === 0,
        onclick: () => { state.pageToken = state.previous.pop(); load(); },
      }, 'Previous'),
      el('button', {
        type: 'button',
        disabled: !next,
        onclick: () => { state.previous.push(state.pageToken); state.pageToken = next; load(); },
      }, 'Next'));
  }

  section.replaceChildren(el('h2', {}, 'Transactions'), filterForm, list, pager,
    el('div', { class: 'side-by-side' }, editor, importForm));
  return { load: async () => { await loadPortfolios(); await load(); } };
}

/** The import's field errors grouped by row ("rows[2].quantity" → row 2), in row order. */
function rowsOf(error) {
  const rows = new Map();
  for (const [name, message] of error.fields ?? []) {
    const match = /^rows\[(\d+)\]\.?(.*)$/.exec(name);
    const row = match ? match[1] : '';
    const text = match ? `${match[2] || 'row'}: ${message}` : `${name}: ${message}`;
    rows.set(row, [...(rows.get(row) ?? []), text]);
  }
  return [...rows.entries()].sort((a, b) => Number(a[0]) - Number(b[0]));
}
