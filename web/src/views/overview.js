// Header figures and the performance chart, from the summary and the performance routes.
import { el } from '../dom.js';
import * as decimal from '../decimal.js';
import * as format from '../format.js';

const RANGES = [
  { label: '1W', api: '1w' },
  { label: '1M', api: '1m' },
  { label: 'YTD', api: 'ytd' },
  { label: '1Y', api: '1y' },
  { label: '5Y', api: '5y', years: 5 },
  { label: 'MAX', api: 'max' },
];
const TWR_HINT = 'Time-weighted return: the growth of one unit invested over the whole range, chaining daily returns so deposits and withdrawals do not count as gains.';
const MWR_HINT = 'Money-weighted return: the internal rate of return (XIRR) of your own cash flows over the range, so it weighs each period by how much money was invested then.';
// Closes are daily and markets close on weekends and holidays: older than this is stale.
const STALE_AFTER_DAYS = 4;

let chart = null;
let selected = '1m';

/**
 * The currency part of the unrealized gain: each position's gain minus what its price move alone
 * made ((market − average cost) in its own currency × quantity, at today's FX). The summary
 * reports realized gains in the base currency only, so their currency part stays in "price".
 */
export function returnSplit(summary) {
  let currency = 0n;
  for (const p of summary.positions ?? []) {
    const inCurrency = decimal.parse(p.marketPriceInCurrency);
    if (inCurrency === 0n || p.currency === summary.baseCurrency) continue;
    const fx = decimal.div(decimal.parse(p.marketPrice), inCurrency);
    const priceMove = decimal.mul(decimal.mul(inCurrency - decimal.parse(p.averagePriceInCurrency), decimal.parse(p.quantity)), fx);
    currency += decimal.parse(p.unrealizedGain) - priceMove;
  }
  const dividends = decimal.parse(summary.dividends) + decimal.parse(summary.interest);
  const price = decimal.parse(summary.grossPerformance) - currency;
  return { price, dividends, currency, total: price + dividends + currency };
}

/** The oldest close behind a held position's value, and whether it is stale. */
export function pricesAsOf(summary, today = new Date()) {
  const held = (summary.positions ?? []).filter((p) => decimal.parse(p.quantity) !== 0n);
  if (held.length === 0) return { date: '', stale: false };
  const dates = held.map((p) => p.marketPriceDate);
  if (dates.some((d) => !d)) return { date: dates.filter(Boolean).sort()[0] ?? '', stale: true };
  const oldest = dates.sort()[0];
  const age = (today - new Date(`${oldest}T00:00:00Z`)) / 86400000;
  return { date: oldest, stale: age > STALE_AFTER_DAYS };
}

function rangeReturn(performance, api) {
  const ranges = performance?.ranges ?? [];
  const exact = ranges.find((r) => r.range === api);
  if (exact) return exact;
  // No 5y range in the API: a history no longer than five years makes it the whole history.
  const max = ranges.find((r) => r.range === 'max');
  if (api === '5y' && max && Number(max.days) <= 5 * 366) return max;
  return null;
}

function figure(label, value, attributes = {}, hint = '') {
  return el('div', { class: 'figure', ...attributes },
    el('dt', hint ? { title: hint } : {}, label, hint ? el('span', { class: 'hint', 'aria-hidden': 'true' }, '?') : ''),
    el('dd', {}, value));
}

function signed(value, currency) {
  return el('span', { class: format.trend(value) }, format.money(value, currency));
}

export function renderHeader(container, summary, performance) {
  const base = summary.baseCurrency;
  const split = returnSplit(summary);
  const today = rangeReturn(performance, '1d');
  const chosen = rangeReturn(performance, selected);
  const asOf = pricesAsOf(summary);
  const label = RANGES.find((r) => r.api === selected).label;
  container.replaceChildren(
    el('dl', { class: 'figures' },
      figure('Total value', format.money(summary.totalValue, base), { 'data-figure': 'totalValue', 'data-value': summary.totalValue }),
      figure("Today's change", today ? signed(today.gain, base) : '—', { 'data-figure': 'todayChange', 'data-value': today?.gain ?? '' }),
      figure('Total return', signed(split.total, base), { 'data-figure': 'totalReturn', 'data-value': decimal.toFixed(split.total, 2) }),
      figure('Price', signed(split.price, base), { 'data-figure': 'priceReturn', 'data-value': decimal.toFixed(split.price, 2) }),
      figure('Dividends', signed(split.dividends, base), { 'data-figure': 'dividendReturn', 'data-value': decimal.toFixed(split.dividends, 2) }),
      figure('Currency', signed(split.currency, base), { 'data-figure': 'currencyReturn', 'data-value': decimal.toFixed(split.currency, 2) }),
      figure(`TWR ${label}`, chosen ? format.percent(chosen.timeWeightedReturn) : '—',
        { 'data-figure': 'twr', 'data-range': selected, 'data-value': chosen?.timeWeightedReturn ?? '' }, TWR_HINT),
      figure(`MWR ${label}`, chosen ? format.percent(chosen.moneyWeightedReturn) : '—',
        { 'data-figure': 'mwr', 'data-range': selected, 'data-value': chosen?.moneyWeightedReturn ?? '' },
        MWR_HINT + (chosen?.moneyWeightedError ? ` (${chosen.moneyWeightedError})` : ''))),
    el('p', { class: 'as-of' },
      'Prices as of ', el('span', { 'data-figure': 'pricesAsOf' }, asOf.date || '—'),
      asOf.stale ? el('span', { class: 'badge stale', 'data-figure': 'stale' }, 'stale') : ''));
}

export function renderChart(section, performance, onRange) {
  const chips = el('div', { class: 'chips', role: 'group', 'aria-label': 'Range' },
    RANGES.map((r) => el('button', {
      type: 'button',
      class: 'chip',
      'aria-pressed': String(r.api === selected),
      onclick: () => {
        selected = r.api;
        onRange();
        // The chips were redrawn: keep the keyboard on the chosen one.
        section.querySelector('.chip[aria-pressed="true"]')?.focus();
      },
    }, r.label)));
  const canvas = el('canvas', { 'aria-label': 'Portfolio value and net contributions over the range', role: 'img' });
  section.replaceChildren(el('h2', {}, 'Performance'), chips, el('div', { class: 'chart' }, canvas));
  const points = seriesFor(performance);
  destroyChart();
  if (typeof Chart === 'undefined') return;
  // Chart coordinates are for drawing only: the figures themselves stay decimal strings.
  chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: points.map((p) => p.date),
      datasets: [
        { label: 'Value', data: points.map((p) => Number(p.value)), borderColor: '#1f6feb', pointRadius: 0, tension: 0.1 },
        { label: 'Net contributions', data: points.map((p) => Number(p.contributions)), borderColor: '#8b949e', borderDash: [4, 4], pointRadius: 0 },
      ],
    },
    options: { animation: false, responsive: true, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false } },
  });
}

/** The daily values from the chosen range's start, with the running net contributions. */
function seriesFor(performance) {
  const daily = performance?.dailyValues ?? [];
  const range = RANGES.find((r) => r.api === selected);
  let start = rangeReturn(performance, selected)?.startDate ?? '';
  if (range.years) {
    const from = new Date();
    from.setUTCFullYear(from.getUTCFullYear() - range.years);
    start = from.toISOString().slice(0, 10);
  }
  let contributions = 0n;
  const points = [];
  for (const day of daily) {
    contributions += decimal.parse(day.inflow) - decimal.parse(day.outflow);
    if (day.date >= start) points.push({ date: day.date, value: day.value, contributions: decimal.toFixed(contributions, 2) });
  }
  return points;
}

export function destroyChart() {
  chart?.destroy();
  chart = null;
}
