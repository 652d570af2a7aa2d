// Watchlist and price alerts; alerts that fire appear live from the alerts stream.
import * as api from '../api.js';
import { el } from '../dom.js';
import * as format from '../format.js';
import { field, formError, showError, values } from '../forms.js';

export function createAlerts(section) {
  const watchlist = el('div', { class: 'scroll' });
  const alerts = el('div', { class: 'scroll' });
  const fired = el('ul', { class: 'fired', 'aria-live': 'polite', 'aria-label': 'Alerts fired while this page was open' });
  let stream = null;

  const watchForm = el('form', { 'aria-label': 'Add to watchlist', novalidate: true },
    field('Symbol', 'symbol', { autocomplete: 'off' }),
    field('Target price', 'targetPrice', { inputmode: 'decimal' }),
    field('Notes', 'notes'),
    formError(),
    el('button', { type: 'submit' }, 'Watch'));
  watchForm.addEventListener('submit', (event) => submit(event, watchForm, '/v1/watchlist'));

  const alertForm = el('form', { 'aria-label': 'Create a price alert', novalidate: true },
    field('Symbol', 'symbol', { autocomplete: 'off' }),
    field('Condition', 'condition', {}, ['above', 'below']),
    field('Target price', 'targetPrice', { inputmode: 'decimal' }),
    formError(),
    el('button', { type: 'submit' }, 'Create alert'));
  alertForm.addEventListener('submit', (event) => submit(event, alertForm, '/v1/alerts'));

  async function submit(event, form, path) {
    event.preventDefault();
    try {
      await api.post(path, values(form));
      form.reset();
      await load();
    } catch (error) {
      showError(form, error);
    }
  }

  async function remove(path) {
    await api.del(path);
    await load();
  }

  async function load() {
    const [{ items = [] }, { alerts: list = [] }] = await Promise.all([api.get('/v1/watchlist'), api.get('/v1/alerts')]);
    watchlist.replaceChildren(items.length === 0 ? el('p', { class: 'empty' }, 'Nothing watched.') : el('table', {},
      el('caption', { class: 'visually-hidden' }, 'Watchlist'),
      el('thead', {}, el('tr', {}, ['Symbol', 'Target', 'Notes', ''].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, items.map((item) => el('tr', {},
        el('td', {}, item.symbol), el('td', {}, format.number(item.targetPrice)), el('td', {}, item.notes),
        el('td', {}, el('button', { type: 'button', onclick: () => remove(`/v1/watchlist/${item.id}`), 'aria-label': `Remove ${item.symbol}` }, 'Remove')))))));
    alerts.replaceChildren(list.length === 0 ? el('p', { class: 'empty' }, 'No alerts.') : el('table', {},
      el('caption', { class: 'visually-hidden' }, 'Price alerts'),
      el('thead', {}, el('tr', {}, ['Symbol', 'Condition', 'Target', 'State', ''].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, list.map((alert) => el('tr', { 'data-alert': alert.id },
        el('td', {}, alert.symbol), el('td', {}, alert.condition), el('td', {}, format.number(alert.targetPrice)),
        el('td', { class: 'alert-state' }, alert.isActive ? 'armed' : `fired at ${format.number(alert.triggeredPrice)}`),
        el('td', {}, el('button', { type: 'button', onclick: () => remove(`/v1/alerts/${alert.id}`), 'aria-label': `Delete alert ${alert.symbol}` }, 'Delete')))))));
  }

  function start() {
    stop();
    stream = new AbortController();
    api.watch('/v1/alerts:watch', (alert) => {
      fired.prepend(el('li', { 'data-alert': alert.id },
        `${alert.symbol} ${alert.condition} ${format.number(alert.targetPrice)}: fired at ${format.number(alert.triggeredPrice)} (${alert.triggeredAt})`));
      load().catch(() => {});
    }, stream.signal);
  }

  function stop() {
    stream?.abort();
    stream = null;
  }

  section.replaceChildren(
    el('h2', {}, 'Watchlist and alerts'),
    el('div', { class: 'side-by-side' },
      el('div', {}, el('h3', {}, 'Watchlist'), watchlist, watchForm),
      el('div', {}, el('h3', {}, 'Price alerts'), alerts, alertForm, el('h3', {}, 'Fired just now'), fired)));
  return { load, start, stop };
}
