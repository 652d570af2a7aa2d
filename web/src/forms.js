// Forms whose inputs are named as the JSON API names its fields, so the server's field errors
// (google.rpc.BadRequest) are shown beside the input they are about.
import { el } from './dom.js';

let nextId = 0;

/** A labelled input (or select) with a slot for its error. */
export function field(label, name, attributes = {}, options = null) {
  const id = `f${++nextId}-${name}`;
  const errorId = `${id}-error`;
  const control = options
    ? el('select', { id, name, 'aria-describedby': errorId, ...attributes },
      options.map((option) => el('option', { value: option }, option)))
    : el('input', { id, name, 'aria-describedby': errorId, ...attributes });
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    control,
    el('p', { class: 'field-error', id: errorId, 'data-error-for': name }));
}

/** The form's values by input name, empty strings left out. */
export function values(form) {
  const result = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value === 'string' && value.trim() !== '') result[name] = value.trim();
  }
  return result;
}

export function clearErrors(form) {
  form.querySelectorAll('[data-error-for]').forEach((slot) => { slot.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  if (general) general.textContent = '';
}

/** Shows an API error: each named field beside its input, anything else in the form's own slot. */
export function showError(form, error) {
  clearErrors(form);
  const unplaced = [];
  for (const [name, message] of error.fields ?? []) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) {
      slot.textContent = message;
      form.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute('aria-invalid', 'true');
    } else {
      unplaced.push(`${name}: ${message}`);
    }
  }
  const general = form.querySelector('.form-error');
  if (general && (unplaced.length || !error.fields?.size)) {
    general.textContent = [error.message, ...unplaced].join(' ');
  }
  form.querySelector('[aria-invalid="true"]')?.focus();
}

export const formError = () => el('p', { class: 'form-error', role: 'alert' });
