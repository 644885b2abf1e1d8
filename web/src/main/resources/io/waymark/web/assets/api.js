// The one way the dashboard talks to the server: every number it shows comes from these calls.

export class ApiError extends Error {
  constructor(status, code, field, message) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let csrfToken = null;
let onUnauthorized = () => {};

export function setCsrfToken(token) { csrfToken = token; }
export function whenUnauthorized(f) { onUnauthorized = f; }

/** fetch with the session cookie; changes carry the CSRF token; errors become ApiError with the server's message. */
export async function api(path, { method = 'GET', body, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', null, 'The server cannot be reached. Is waymark serve still running?');
  }
  if (response.status === 204) return null;
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && !quiet401) onUnauthorized();
    const err = json && json.error ? json.error : {};
    throw new ApiError(response.status, err.code || 'HTTP_' + response.status, err.field || null,
      err.message || 'The server answered ' + response.status);
  }
  return json;
}

export const query = spec => api('/api/v1/query', { method: 'POST', body: spec });

/** Every event name the store holds, most frequent first (the summary query): what the event pickers offer. */
export async function eventNames() {
  return Object.keys((await query({ kind: 'summary' })).byEvent);
}
