// The dialogs that change one token or the operator token: delete and regenerate (each confirmed
// by typing), edit a description, and issue a recovery code (shown once in the secret dialog).
import {api} from './api.js';
import {closeDialog, openDialog, showSecret} from './dialogs.js';
import {$, attempt, setError} from './page.js';
import {announce, refresh} from './tokens.js';
import * as check from './validate.js';

let confirmAction = null;
let describing = null;

function openConfirm(title, text, expected, submitText, action) {
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-label').textContent = `Type ${expected} to confirm`;
  $('confirm-submit').textContent = submitText;
  $('confirm-input').value = '';
  setError('confirm-error', null);
  confirmAction = {expected, action};
  openDialog($('confirm-dialog'));
  $('confirm-input').focus();
}

async function submitConfirm(event) {
  event.preventDefault();
  if ($('confirm-input').value !== confirmAction.expected) {
    setError('confirm-error', `Type ${confirmAction.expected} exactly to confirm.`);
    $('confirm-input').focus();
    return;
  }
  await confirmAction.action();
}

export function confirmDelete(row) {
  openConfirm(`Delete ${row.name}`, `The token ${row.name} stops working at once. This cannot be`
      + ' undone.', row.name, 'Delete', async () => {
    if (await attempt('confirm-error', (token) => api.remove(token, row.name))) {
      closeDialog($('confirm-dialog'));
      await refresh();
      announce(`${row.name} was deleted.`);
      $('new-admin').focus();
    }
  });
}

export function confirmRegenerate() {
  openConfirm('Regenerate the operator token', 'The current _admin secret stops working at once;'
      + ' the new one is shown once. If you signed in with it, you will be signed out.', 'regenerate',
  'Regenerate', async () => {
    let issued;
    if (await attempt('confirm-error', async (token) => {
      issued = await api.regenerate(token);
    })) {
      closeDialog($('confirm-dialog'));
      const after = () => refresh().then(() => $('tokens-view').hidden || $('new-admin').focus());
      showSecret('Copy the new operator token now', 'New _admin token', issued.token, after);
      issued = null;
    }
  });
}

export function openDescribe(row) {
  describing = row;
  $('describe-title').textContent = `Edit description of ${row.name}`;
  $('describe-input').value = row.description || '';
  setError('describe-error', null);
  openDialog($('describe-dialog'));
  $('describe-input').focus();
}

async function submitDescribe(event) {
  event.preventDefault();
  const description = $('describe-input').value;
  const error = check.descriptionError(description);
  if (error) {
    setError('describe-error', error);
    return;
  }
  const name = describing.name;
  if (await attempt('describe-error', (token) => api.update(token, name, {description}))) {
    closeDialog($('describe-dialog'));
    await refresh();
    announce(`The description of ${name} was saved.`);
  }
}

async function issueRecoveryCode() {
  let issued;
  if (await attempt('toolbar-error', async (token) => {
    issued = await api.recoveryCode(token);
  })) {
    showSecret('Copy the recovery code now', 'Recovery code', issued.recovery_code);
    issued = null;
  }
}

export function wireActions() {
  $('recovery-code').addEventListener('click', issueRecoveryCode);
  $('confirm-form').addEventListener('submit', submitConfirm);
  $('describe-form').addEventListener('submit', submitDescribe);
}
