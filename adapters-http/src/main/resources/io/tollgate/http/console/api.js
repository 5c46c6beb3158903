// The console's only way to the server: the public HTTP API, same origin, with the pasted token.

/** A refused or failed call: status 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }

  /** The token is no longer accepted: back to sign-in. */
  get unauthenticated() {
    return this.status === 401;
  }

  /** The server is down or failed: a message for the whole page. */
  get serverSide() {
    return this.status === 0 || this.status >= 500;
  }
}

const TOKEN_API = '/api/v3/configure/token';

/** Calls the API; resolves to the parsed JSON body (null when empty), rejects with ApiError. */
export async function call(token, method, path, body) {
  const headers = {Authorization: `Bearer ${token}`};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached: it may be down or restarting. Try again.');
  }
  let text = '';
  try {
    text = await response.text();
  } catch (e) {
    throw new ApiError(0, 'The connection to the server broke. Try again.');
  }
  if (response.ok) {
    try {
      return text === '' ? null : JSON.parse(text);
    } catch (e) {
      throw new ApiError(502, 'The server answered with something that is not JSON.');
    }
  }
  throw new ApiError(response.status, describe(response.status, text));
}

function describe(status, text) {
  let message = text.trim();
  try {
    const parsed = JSON.parse(message);
    if (parsed && typeof parsed.error === 'string') {
      message = parsed.error;
    }
  } catch (e) {
    // a plain-text body is the message itself
  }
  message = message.slice(0, 500);
  if (status === 401) {
    return 'The token was refused (it may have been deleted, deactivated, regenerated or expired).'
        + ' Sign in again.';
  }
  if (status === 403) {
    return `Not allowed with this token: ${message}`;
  }
  if (status >= 500) {
    return `The server failed (HTTP ${status})${message ? ': ' + message : ''}. Try again later.`;
  }
  return message || `The server refused the request (HTTP ${status}).`;
}

const byName = (name) => `${TOKEN_API}?token_name=${encodeURIComponent(name)}`;

export const api = {
  list: (t) => call(t, 'GET', TOKEN_API),
  createAdmin: (t, body) => call(t, 'POST', `${TOKEN_API}/named_admin`, body),
  createResource: (t, body) => call(t, 'POST', '/api/v3/enterprise/configure/token', body),
  remove: (t, name) => call(t, 'DELETE', byName(name)),
  update: (t, name, body) => call(t, 'PATCH', byName(name), body),
  regenerate: (t) => call(t, 'POST', `${TOKEN_API}/admin/regenerate`),
  recoveryCode: (t) => call(t, 'POST', `${TOKEN_API}/admin/recovery_code`),
  audit: (t) => call(t, 'GET', `${TOKEN_API}/audit?limit=100`),
};
