// Who is signed in. The access token lives only in this module's memory. The refresh token is
// kept in sessionStorage so that reloading the tab keeps the user signed in: it is readable only
// by this origin's pages in this tab (never by other sites, never sent automatically like a
// cookie), it is gone when the tab closes, and logging out revokes it and clears it. The strict
// Content-Security-Policy keeps other scripts from running on the page to read it.
const REFRESH_KEY = 'portfolio-tracker.refresh';
const REFRESH_AT = 0.8; // of the access token's lifetime

let accessToken = null;
let user = null;
let refreshTimer = null;
let refreshing = null;
const listeners = new Set();

export const current = () => (accessToken ? { accessToken, user } : null);
export const onChange = (listener) => listeners.add(listener);
const notify = () => listeners.forEach((listener) => listener(current()));

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const error = new Error(json.message || `The server answered ${response.status}.`);
    error.status = json;
    throw error;
  }
  return json;
}

function accept(tokens) {
  accessToken = tokens.accessToken;
  user = tokens.user;
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  clearTimeout(refreshTimer);
  const seconds = Number(tokens.expiresIn) || 60;
  refreshTimer = setTimeout(() => refresh().catch(() => {}), seconds * REFRESH_AT * 1000);
  notify();
}

function forget() {
  accessToken = null;
  user = null;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(REFRESH_KEY);
  notify();
}

export const signUp = async (email, password) => accept(await post('/v1/auth/signup', { email, password }));
export const logIn = async (email, password) => accept(await post('/v1/auth/login', { email, password }));

/** A new access token from the stored refresh token (one call at a time); signed out when refused. */
export function refresh() {
  refreshing ??= (async () => {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) {
      forget();
      return false;
    }
    try {
      accept(await post('/v1/auth/refresh', { refreshToken }));
      return true;
    } catch (error) {
      // A refresh token that was refused is dead; a server that is down may recover.
      if (error.status) forget();
      return false;
    }
  })().finally(() => { refreshing = null; });
  return refreshing;
}

export async function logOut() {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  forget();
  if (refreshToken) {
    try {
      await post('/v1/auth/logout', { refreshToken });
    } catch {
      // Signed out on this page either way; the token expires on its own.
    }
  }
}

/** On page load: resume the tab's session, if it has one. */
export const resume = () => (sessionStorage.getItem(REFRESH_KEY) ? refresh() : Promise.resolve(false));
