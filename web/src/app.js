// The dashboard: sign in, then every view of the signed-in user. Signing out empties the page.
import * as api from './api.js';
import { byId, el } from './dom.js';
import { showError, values } from './forms.js';
import * as session from './session.js';
import { createAlerts } from './views/alerts.js';
import { createDividends } from './views/dividends.js';
import { renderAllocation, renderHoldings } from './views/holdings.js';
import { destroyChart, renderChart, renderHeader } from './views/overview.js';
import { createProfile } from './views/profile.js';
import { createTransactions } from './views/transactions.js';

const signin = byId('signin');
const signinForm = byId('signin-form');
const app = byId('app');
const account = byId('account');

let views = null;

signinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const { email = '', password = '' } = values(signinForm);
  try {
    if (event.submitter?.value === 'signup') await session.signUp(email, password);
    else await session.logIn(email, password);
    signinForm.reset();
  } catch (error) {
    showError(signinForm, new api.ApiError(0, error.status ?? { message: error.message }));
  }
});

byId('logout').addEventListener('click', () => session.logOut());

session.onChange((signedIn) => {
  if (signedIn && !views) show(signedIn);
  else if (!signedIn) hide();
});

function show(signedIn) {
  byId('account-email').textContent = signedIn.user?.email ?? '';
  account.hidden = false;
  signin.hidden = true;
  const header = el('section', { id: 'overview', class: 'overview', 'aria-label': 'Summary' });
  const chart = el('section', { id: 'performance', class: 'card wide' });
  const holdings = el('section', { id: 'holdings', class: 'card wide' });
  const allocation = el('section', { id: 'allocation', class: 'card' });
  const transactions = el('section', { id: 'transactions', class: 'card wide' });
  const alerts = el('section', { id: 'alerts', class: 'card wide' });
  const dividends = el('section', { id: 'dividends', class: 'card wide' });
  const profile = el('section', { id: 'profile', class: 'card' });
  app.replaceChildren(
    el('nav', { 'aria-label': 'Sections' }, el('ul', {},
      [['#holdings', 'Holdings'], ['#transactions', 'Transactions'], ['#alerts', 'Alerts'], ['#dividends', 'Dividends'], ['#profile', 'Profile']]
        .map(([href, text]) => el('li', {}, el('a', { href }, text))))),
    el('p', { class: 'status', role: 'status', id: 'status' }),
    header, chart, holdings, allocation, profile, transactions, alerts, dividends);
  app.hidden = false;

  const refreshFigures = () => loadFigures(header, chart, holdings, allocation);
  views = {
    refreshFigures,
    transactions: createTransactions(transactions, refreshFigures),
    alerts: createAlerts(alerts),
    dividends: createDividends(dividends, refreshFigures),
    profile: createProfile(profile, () => { refreshFigures(); views?.dividends.load().catch(report); }),
  };
  const current = views;
  Promise.allSettled([
    refreshFigures(),
    ...[views.transactions, views.alerts, views.dividends, views.profile].map((view) => view.load().catch(report)),
  ]).then(() => {
    // Every view has answered once (tests and screenshots wait for this).
    if (views === current) app.dataset.views = 'loaded';
  });
  views.alerts.start();
}

let figures = { summary: null, performance: null };

async function loadFigures(header, chart, holdings, allocation) {
  try {
    // Without the performance figures the rest of the page still shows (returns as "—").
    const [summary, performance] = await Promise.all([
      api.get('/v1/portfolio/summary'),
      api.get('/v1/portfolio/performance').catch((error) => { report(error); return null; }),
    ]);
    if (!views) return;
    figures = { summary, performance };
    const redraw = () => {
      renderHeader(header, figures.summary, figures.performance);
      renderChart(chart, figures.performance, redraw);
    };
    redraw();
    renderHoldings(holdings, summary);
    renderAllocation(allocation, summary);
    app.dataset.loaded = 'true';
  } catch (error) {
    report(error);
  }
}

function report(error) {
  const status = byId('status');
  if (status) status.textContent = `Could not load everything: ${error.message}`;
}

/** Signed out: every figure, row and chart leaves the page, not just the view. */
function hide() {
  views?.alerts.stop();
  views = null;
  figures = { summary: null, performance: null };
  destroyChart();
  app.replaceChildren();
  delete app.dataset.loaded;
  delete app.dataset.views;
  app.hidden = true;
  account.hidden = true;
  byId('account-email').textContent = '';
  signin.hidden = false;
}

session.resume().then((resumed) => {
  if (!resumed) hide();
});
