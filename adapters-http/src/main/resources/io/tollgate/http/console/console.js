// The Tollgate web console (SPEC section 12). It holds no secret of its own: the admin token the
// person pastes is kept only in this tab's sessionStorage, sent only to this origin's API, and
// never written to the URL, the title, the console or localStorage. A token the server issues is
// shown once in the copy dialog and wiped from the page when the dialog closes.
//
// This module signs in and out and puts the page together; the others each own one part: page.js
// (what they share), dialogs.js, tokens.js (the table), create.js, actions.js (delete, regenerate,
// describe, recovery code) and audit.js.
import {ApiError} from './api.js';
import {confirmDelete, confirmRegenerate, openDescribe, wireActions} from './actions.js';
import {wireAudit} from './audit.js';
import {wireCreate} from './create.js';
import {closeAllDialogs, wireDialogs} from './dialogs.js';
import {$, attempt, banner, message, onUnauthenticated, session, setError, show} from './page.js';
import * as table from './tokens.js';
import * as check from './validate.js';

function signOut(text) {
  session.forget();
  table.clear();
  closeAllDialogs();
  show('sign-in-view');
  $('sign-in-token').value = '';
  setError('sign-in-error', text || null);
  $('sign-in-token').focus();
}

async function signIn(event) {
  event.preventDefault();
  const token = $('sign-in-token').value.trim();
  const error = check.tokenError(token);
  if (error) {
    setError('sign-in-error', error);
    $('sign-in-token').focus();
    return;
  }
  try {
    await table.load(token);
  } catch (e) {
    setError('sign-in-error', e instanceof ApiError && e.status === 403
        ? 'This token cannot manage tokens: sign in with an admin token.'
        : message(e));
    return;
  }
  $('sign-in-token').value = '';
  session.keep(token);
  setError('sign-in-error', null);
  await enter(token);
}

async function enter(token) {
  show('tokens-view');
  $('who').textContent = 'Signed in';
  $('who').hidden = false;
  $('sign-out').hidden = false;
  table.render();
  const mine = table.rowWithHash(await hashPrefix(token));
  if (mine) {
    $('who').textContent = `Signed in as ${mine.name}`;
  }
}

// The first nine hex characters of the token's SHA-512, as the listing's hash column shows them.
async function hashPrefix(token) {
  if (!globalThis.crypto?.subtle) {
    return null;
  }
  const digest = await crypto.subtle.digest('SHA-512', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
      .slice(0, 9);
}

function wire() {
  onUnauthenticated(signOut);
  table.setRowActions({regenerate: confirmRegenerate, describe: openDescribe,
    remove: confirmDelete});
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut(null));
  $('show-tokens').addEventListener('click', () => show('tokens-view'));
  wireDialogs();
  wireCreate();
  wireActions();
  wireAudit();
  table.wireTable();
  window.addEventListener('unhandledrejection', (event) => banner(message(event.reason)));
  window.addEventListener('error', (event) => {
    banner(`Something went wrong in the page: ${event.message}`);
  });
}

async function start() {
  wire();
  const token = session.token();
  if (!token || check.tokenError(token)) {
    signOut(null);
    return;
  }
  show('tokens-view');
  if (await attempt('toolbar-error', table.load)) {
    await enter(token);
  }
}

start();
