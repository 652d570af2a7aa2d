// Calls to the gateway (the page's own origin, nothing else) with the signed-in user's token.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(httpStatus, status) {
    super(status?.message || `The server answered ${httpStatus}.`);
    this.httpStatus = httpStatus;
    /** field name (as the JSON API names it) → message, from a google.rpc.BadRequest detail */
    this.fields = new Map();
    for (const detail of status?.details ?? []) {
      if (!String(detail['@type'] ?? '').endsWith('google.rpc.BadRequest')) continue;
      for (const violation of detail.fieldViolations ?? []) {
        const previous = this.fields.get(violation.field);
        this.fields.set(violation.field, previous ? `${previous} ${violation.description}` : violation.description);
      }
    }
  }
}

async function send(method, path, body, retried = false) {
  const signedIn = session.current();
  if (!signedIn) throw new ApiError(401, { message: 'Not signed in.' });
  const headers = { Authorization: `Bearer ${signedIn.accessToken}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && !retried && await session.refresh()) {
    return send(method, path, body, true);
  }
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { message: `The server answered ${response.status}.` };
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path, query) => send('GET', withQuery(path, query));
export const post = (path, body = {}) => send('POST', path, body);
export const put = (path, body) => send('PUT', path, body);
export const patch = (path, body) => send('PATCH', path, body);
export const del = (path) => send('DELETE', path);

export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Reads a newline-delimited JSON stream (fetch + ReadableStream, so the bearer header can be
 * sent, which EventSource cannot), calling onMessage per line, until `signal` aborts. A stream
 * ends at the token's expiry or after the server's idle timeout; it is reopened with the
 * current token, after a pause that grows while opening keeps failing.
 */
export async function watch(path, onMessage, signal) {
  let pause = 1000;
  while (!signal.aborted) {
    const signedIn = session.current();
    if (!signedIn) return;
    try {
      const response = await fetch(path, { headers: { Authorization: `Bearer ${signedIn.accessToken}` }, signal });
      if (response.status === 401) await session.refresh();
      if (response.ok && response.body) {
        pause = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          let newline;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (line) onMessage(JSON.parse(line));
          }
        }
      }
    } catch (error) {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 30000);
  }
}
