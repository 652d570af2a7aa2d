import * as decimal from './decimal.js';

const grouped = (text) => {
  const [whole, fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const withCommas = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + withCommas + (fraction !== undefined ? `.${fraction}` : '');
};

/** A decimal string (or scaled value) as money: "12,345.67 USD". */
export function money(value, currency = '') {
  if (value === '' || value === undefined || value === null) return '—';
  const scaled = typeof value === 'bigint' ? value : decimal.parse(value);
  return grouped(decimal.toFixed(scaled, 2)) + (currency ? ` ${currency}` : '');
}

/** A plain decimal (quantity, price) with up to `places` digits, trailing zeros dropped. */
export function number(value, places = 6) {
  if (value === '' || value === undefined || value === null) return '—';
  let text = decimal.toFixed(decimal.parse(value), places);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return grouped(text);
}

/** A fraction ("0.0345") as a percentage ("3.45 %"). */
export function percent(value) {
  if (value === '' || value === undefined || value === null) return '—';
  const scaled = typeof value === 'bigint' ? value : decimal.parse(value);
  return `${decimal.toFixed(scaled * 100n, 2)} %`;
}

/** "up"/"down"/"" for colouring a signed figure. */
export function trend(value) {
  const scaled = typeof value === 'bigint' ? value : decimal.parse(value);
  return scaled > 0n ? 'up' : scaled < 0n ? 'down' : '';
}
