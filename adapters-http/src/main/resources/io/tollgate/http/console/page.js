// What every module of the console shares: element lookup, the signed-in token's place in this
// tab's sessionStorage, the views, errors shown next to what caused them, the page's banner, table
// cells and buttons, and the one way an API call is made and its failure shown (attempt).
import {ApiError} from './api.js';

const SESSION_KEY = 'tollgate.console.token';

export const $ = (id) => document.getElementById(id);

/** The pasted admin token: only in this tab's sessionStorage, gone on sign-out or tab close. */
export const session = {
  token: () => sessionStorage.getItem(SESSION_KEY),
  keep: (token) => sessionStorage.setItem(SESSION_KEY, token),
  forget: () => sessionStorage.removeItem(SESSION_KEY),
};

export function show(view) {
  for (const id of ['loading', 'sign-in-view', 'tokens-view', 'audit-view']) {
    $(id).hidden = id !== view;
  }
  $('sign-out').hidden = view === 'sign-in-view';
  $('who').hidden = view === 'sign-in-view';
  $('views').hidden = view === 'sign-in-view' || view === 'loading';
  $('show-tokens').setAttribute('aria-pressed', String(view === 'tokens-view'));
  $('show-audit').setAttribute('aria-pressed', String(view === 'audit-view'));
}

export function message(e) {
  return e instanceof ApiError ? e.message : `Something went wrong in the page: ${e.message}`;
}

export function setError(id, text) {
  const element = $(id);
  element.textContent = text || '';
  element.hidden = !text;
  for (const input of document.querySelectorAll(`[aria-describedby~="${id}"]`)) {
    input.setAttribute('aria-invalid', String(Boolean(text)));
  }
}

export function banner(text) {
  $('banner').textContent = text || '';
  $('banner').hidden = !text;
}

let signOut = () => {};

/** What a 401 does, wherever it comes from: set once by the console at start. */
export function onUnauthenticated(handler) {
  signOut = handler;
}

/**
 * Runs an API action; its error goes next to what caused it (errorId), a 401 signs out, a server
 * that is down or failed also raises the page's banner. True when the action succeeded.
 */
export async function attempt(errorId, action) {
  setError(errorId, null);
  try {
    await action(session.token());
    banner(null);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.unauthenticated) {
      signOut(e.message);
      return false;
    }
    if (e instanceof ApiError && e.serverSide) {
      banner(e.message);
    }
    setError(errorId, message(e));
    return false;
  }
}

export function cell(label, text, className) {
  const td = document.createElement('td');
  td.dataset.label = label;
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

export function button(text, label, onClick, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  if (className) {
    b.className = className;
  }
  b.addEventListener('click', onClick);
  return b;
}
