// The console's modal dialogs: focus goes back where it was when one closes, and the secret dialog
// shows a token or recovery code once and wipes it from the page however it closes.
import {$, setError} from './page.js';

let returnFocus = null;
let secretAfter = null;

export function openDialog(dialog) {
  returnFocus = document.activeElement;
  dialog.showModal();
}

export function closeDialog(dialog) {
  if (dialog.open) {
    dialog.close();
  }
}

export function closeAllDialogs() {
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    closeDialog(dialog);
  }
}

function restoreFocus() {
  if (returnFocus && document.contains(returnFocus)) {
    returnFocus.focus();
  } else if (!$('tokens-view').hidden) {
    $('new-admin').focus();
  }
}

/** Shows a secret once; it is wiped from the page when the dialog closes, however it closes. */
export function showSecret(title, label, secret, after) {
  $('secret-title').textContent = title;
  $('secret-label').textContent = label;
  $('secret-value').value = secret;
  $('secret-close').hidden = true;
  setError('secret-error', null);
  secretAfter = after || null;
  openDialog($('secret-dialog'));
  $('secret-value').select();
}

async function copySecret(event) {
  event.preventDefault();
  try {
    await navigator.clipboard.writeText($('secret-value').value);
  } catch (e) {
    $('secret-value').select();
    setError('secret-error', 'The browser did not allow copying: the token is selected, copy it'
        + ' with Ctrl+C (or Cmd+C), then choose Close.');
    $('secret-close').hidden = false;
    return;
  }
  closeDialog($('secret-dialog'));
}

function wipeSecret() {
  $('secret-value').value = '';
  const after = secretAfter;
  secretAfter = null;
  if (after) {
    after();
  } else {
    restoreFocus();
  }
}

export function wireDialogs() {
  $('secret-form').addEventListener('submit', copySecret);
  $('secret-close').addEventListener('click', () => closeDialog($('secret-dialog')));
  $('secret-dialog').addEventListener('close', wipeSecret);
  for (const id of ['create-dialog', 'confirm-dialog', 'describe-dialog']) {
    $(id).addEventListener('close', restoreFocus);
  }
  for (const [cancel, dialog] of [['create-cancel', 'create-dialog'],
    ['confirm-cancel', 'confirm-dialog'], ['describe-cancel', 'describe-dialog']]) {
    $(cancel).addEventListener('click', () => closeDialog($(dialog)));
  }
}
