// Dividends: pending ones to confirm, edit or reject; income by month; upcoming payments.
import * as api from '../api.js';
import { el } from '../dom.js';
import * as format from '../format.js';
import { field, formError, showError, values } from '../forms.js';

export function createDividends(section, onChanged) {
  const pending = el('div', { class: 'scroll' });
  const income = el('div', { class: 'scroll' });
  const upcoming = el('div', { class: 'scroll' });
  const message = el('p', { class: 'form-error', role: 'alert' });

  async function act(call) {
    message.textContent = '';
    try {
      await call();
      await load();
      onChanged();
    } catch (error) {
      message.textContent = [error.message, ...[...(error.fields ?? [])].map(([f, m]) => `${f}: ${m}`)].join(' ');
    }
  }

  function editor(dividend, row) {
    const form = el('form', { class: 'inline-editor', 'aria-label': `Edit dividend ${dividend.symbol} ${dividend.exDate}`, novalidate: true },
      field('Amount per share', 'amount', { value: dividend.amount, inputmode: 'decimal' }),
      field('Shares', 'sharesHeldAtExDate', { value: dividend.sharesHeldAtExDate, inputmode: 'decimal' }),
      field('Tax withheld', 'taxWithheld', { value: dividend.taxWithheld, inputmode: 'decimal' }),
      field('Pay date', 'payDate', { type: 'date', value: dividend.payDate }),
      formError(),
      el('button', { type: 'submit' }, 'Save'),
      el('button', { type: 'button', onclick: () => form.remove() }, 'Cancel'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api.patch(`/v1/dividends/${dividend.id}`, values(form));
        await load();
        onChanged();
      } catch (error) {
        showError(form, error);
      }
    });
    row.after(el('tr', {}, el('td', { colspan: '7' }, form)));
    form.querySelector('input')?.focus();
  }

  async function load() {
    const [list, report, next] = await Promise.all([
      api.get('/v1/dividends', { status: 'pending' }),
      api.get('/v1/dividends/income', { groupBy: 'month' }),
      api.get('/v1/dividends/upcoming', { months: 12 }),
    ]);
    const rows = list.dividends ?? [];
    pending.replaceChildren(rows.length === 0 ? el('p', { class: 'empty' }, 'Nothing pending.') : el('table', {},
      el('caption', { class: 'visually-hidden' }, 'Pending dividends'),
      el('thead', {}, el('tr', {}, ['Symbol', 'Ex-date', 'Pay date', 'Per share', 'Shares', 'Total', ''].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((d) => {
        const row = el('tr', { 'data-dividend': d.id },
          el('td', {}, d.symbol), el('td', {}, d.exDate), el('td', {}, d.payDate || '—'),
          el('td', {}, format.money(d.amount, d.currency)), el('td', {}, format.number(d.sharesHeldAtExDate)),
          el('td', {}, format.money(d.totalAmount, d.currency)));
        row.append(el('td', { class: 'row-actions' },
          el('button', { type: 'button', onclick: () => act(() => api.post(`/v1/dividends/${d.id}:confirm`)), 'aria-label': `Confirm ${d.symbol} ${d.exDate}` }, 'Confirm'),
          el('button', { type: 'button', onclick: () => editor(d, row), 'aria-label': `Edit ${d.symbol} ${d.exDate}` }, 'Edit'),
          el('button', { type: 'button', onclick: () => act(() => api.post(`/v1/dividends/${d.id}:reject`)), 'aria-label': `Reject ${d.symbol} ${d.exDate}` }, 'Reject')));
        return row;
      }))));
    const months = report.byMonth ?? [];
    income.replaceChildren(months.length === 0 ? el('p', { class: 'empty' }, 'No dividend income yet.') : el('table', {},
      el('caption', {}, `Income by month (${report.baseCurrency})`),
      el('thead', {}, el('tr', {}, ['Month', 'Gross', 'Tax', 'Net', 'Payments'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, months.map((m) => el('tr', {},
        el('td', {}, m.period), el('td', {}, format.money(m.gross)), el('td', {}, format.money(m.tax)),
        el('td', {}, format.money(m.net)), el('td', {}, String(m.payments))))),
      el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, 'Trailing 12 months'), el('td', { colspan: '4' }, format.money(report.trailingTwelveMonths, report.baseCurrency))))));
    const payments = next.payments ?? [];
    upcoming.replaceChildren(payments.length === 0 ? el('p', { class: 'empty' }, 'No payments expected.') : el('table', {},
      el('caption', {}, `Upcoming (projected annual income ${format.money(next.projectedAnnualIncome, next.baseCurrency)})`),
      el('thead', {}, el('tr', {}, ['Symbol', 'Ex-date', 'Pay date', 'Expected', 'Kind'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, payments.map((p) => el('tr', {},
        el('td', {}, p.symbol), el('td', {}, p.exDate), el('td', {}, p.payDate || '—'),
        el('td', {}, format.money(p.expectedAmount, p.currency)),
        el('td', {}, el('span', { class: `badge ${p.kind}` }, p.kind)))))));
  }

  section.replaceChildren(el('h2', {}, 'Dividends'), message,
    el('div', { class: 'side-by-side' },
      el('div', {}, el('h3', {}, 'Pending'),
        el('button', { type: 'button', onclick: () => act(() => api.post('/v1/dividends:sync')) }, 'Look for new dividends'), pending),
      el('div', {}, el('h3', {}, 'Income'), income, el('h3', {}, 'Upcoming'), upcoming)));
  return { load };
}
