// Decimal arithmetic on the API's decimal strings (BigInt at a fixed scale), so money is never a
// binary float here either. Only for figures the page derives (sums, the currency split) and for
// sorting; every figure the API gives is shown as it came, rounded for display only.
const SCALE_DIGITS = 18;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

export function parse(text) {
  const value = String(text ?? '').trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  if (!value || !match) return 0n;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let digits = (whole || '0') + fraction;
  let shift = SCALE_DIGITS - fraction.length + Number(exponent);
  let scaled;
  if (shift >= 0) {
    scaled = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    scaled = BigInt(digits.slice(0, Math.max(0, digits.length + shift)) || '0');
  }
  return sign === '-' ? -scaled : scaled;
}

export const add = (a, b) => a + b;
export const sub = (a, b) => a - b;
export const mul = (a, b) => (a * b) / SCALE;
export const div = (a, b) => (b === 0n ? 0n : (a * SCALE) / b);
export const sum = (values) => values.reduce((total, v) => total + v, 0n);
export const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The decimal string of a scaled value, rounded half away from zero to `places`. */
export function toFixed(value, places) {
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  const unit = 10n ** BigInt(SCALE_DIGITS - places);
  magnitude = (magnitude + unit / 2n) / unit;
  let text = magnitude.toString().padStart(places + 1, '0');
  if (places > 0) text = `${text.slice(0, -places)}.${text.slice(-places)}`;
  return (negative && magnitude !== 0n ? '-' : '') + text;
}
