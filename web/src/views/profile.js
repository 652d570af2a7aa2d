// The profile: name, country and the base currency every figure is shown in.
import * as api from '../api.js';
import { el } from '../dom.js';
import { field, formError, showError, values } from '../forms.js';

export function createProfile(section, onChanged) {
  const form = el('form', { 'aria-label': 'Profile', novalidate: true },
    field('First name', 'firstName', { autocomplete: 'given-name' }),
    field('Last name', 'lastName', { autocomplete: 'family-name' }),
    field('Country', 'country', { autocomplete: 'country' }),
    field('Base currency', 'baseCurrency', { maxlength: '3', autocomplete: 'off' }),
    formError(),
    el('button', { type: 'submit' }, 'Save profile'),
    el('p', { role: 'status', class: 'saved' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.saved').textContent = '';
    try {
      const body = { firstName: '', lastName: '', country: '', ...values(form) };
      await api.put('/v1/profile', body);
      form.querySelector('.saved').textContent = 'Saved.';
      onChanged();
    } catch (error) {
      showError(form, error);
    }
  });

  async function load() {
    const profile = await api.get('/v1/profile');
    for (const name of ['firstName', 'lastName', 'country', 'baseCurrency']) form.elements[name].value = profile[name] ?? '';
  }

  section.replaceChildren(el('h2', {}, 'Profile'), form);
  return { load };
}
