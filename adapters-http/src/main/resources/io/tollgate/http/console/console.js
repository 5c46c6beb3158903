// The Tollgate web console (SPEC section 12). It holds no secret of its own: the admin token the
// person pastes is kept only in this tab's sessionStorage, sent only to this origin's API, and
// never written to the URL, the title, the console or localStorage. A token the server issues is
// shown once in the copy dialog and wiped from the page when the dialog closes.
import {api, ApiError} from './api.js';
import {expires, kind, lastUsed, timestamp} from './format.js';
import * as check from './validate.js';

const SESSION_KEY = 'tollgate.console.token';
const $ = (id) => document.getElementById(id);
const state = {rows: [], sort: 'name', ascending: true, filter: ''};

// --- the signed-in token ---------------------------------------------------------------------

function sessionToken() {
  return sessionStorage.getItem(SESSION_KEY);
}

function signOut(message) {
  sessionStorage.removeItem(SESSION_KEY);
  state.rows = [];
  $('tokens-body').replaceChildren();
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    closeDialog(dialog);
  }
  show('sign-in-view');
  $('sign-in-token').value = '';
  setError('sign-in-error', message || null);
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
    state.rows = await api.list(token);
  } catch (e) {
    setError('sign-in-error', e instanceof ApiError && e.status === 403
        ? 'This token cannot manage tokens: sign in with an admin token.'
        : message(e));
    return;
  }
  $('sign-in-token').value = '';
  sessionStorage.setItem(SESSION_KEY, token);
  setError('sign-in-error', null);
  await enter(token);
}

async function enter(token) {
  show('tokens-view');
  $('who').textContent = 'Signed in';
  $('who').hidden = false;
  $('sign-out').hidden = false;
  render();
  const prefix = await hashPrefix(token);
  const mine = state.rows.find((row) => prefix && row.hash === prefix);
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

// --- views and errors --------------------------------------------------------------------------

function show(view) {
  for (const id of ['loading', 'sign-in-view', 'tokens-view', 'audit-view']) {
    $(id).hidden = id !== view;
  }
  $('sign-out').hidden = view === 'sign-in-view';
  $('who').hidden = view === 'sign-in-view';
  $('views').hidden = view === 'sign-in-view' || view === 'loading';
  $('show-tokens').setAttribute('aria-pressed', String(view === 'tokens-view'));
  $('show-audit').setAttribute('aria-pressed', String(view === 'audit-view'));
}

function message(e) {
  return e instanceof ApiError ? e.message : `Something went wrong in the page: ${e.message}`;
}

function setError(id, text) {
  const element = $(id);
  element.textContent = text || '';
  element.hidden = !text;
  for (const input of document.querySelectorAll(`[aria-describedby~="${id}"]`)) {
    input.setAttribute('aria-invalid', String(Boolean(text)));
  }
}

function banner(text) {
  $('banner').textContent = text || '';
  $('banner').hidden = !text;
}

/**
 * Runs an API action; its error goes next to what caused it (errorId), a 401 signs out, a server
 * that is down or failed also raises the page's banner. True when the action succeeded.
 */
async function attempt(errorId, action) {
  setError(errorId, null);
  try {
    await action(sessionToken());
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

// --- the audit view (GET /api/v3/configure/token/audit) -----------------------------------------

async function showAudit() {
  show('audit-view');
  await attempt('audit-error', async (t) => {
    const entries = await api.audit(t);
    const body = $('audit-body');
    body.replaceChildren();
    for (const entry of entries) {
      const tr = document.createElement('tr');
      tr.append(
          cell('Time', timestamp(entry.at)),
          cell('Action', entry.action),
          cell('Actor', entry.actor),
          cell('Token', entry.token_name || ''),
          cell('Client address', entry.client_address || ''),
          cell('Request', entry.method ? `${entry.method} ${entry.path}` : ''),
          cell('Count', String(entry.count)));
      body.append(tr);
    }
  });
}

// --- the tokens table --------------------------------------------------------------------------

async function refresh() {
  const ok = await attempt('toolbar-error', async (token) => {
    state.rows = await api.list(token);
  });
  if (ok) {
    render();
  }
}

const SORT_KEYS = {
  name: (row) => row.name,
  kind: (row) => kind(row),
  created: (row) => row.created_at,
  expires: (row) => row.expiry || '~',
  used: (row) => row.last_used_at || '',
  status: (row) => row.status,
};

function visibleRows() {
  const needle = state.filter.toLowerCase();
  const rows = state.rows.filter((row) => !needle || [row.name, kind(row), row.permissions,
    row.description || '', row.status].some((field) => field.toLowerCase().includes(needle)));
  const key = SORT_KEYS[state.sort];
  rows.sort((a, b) => key(a).localeCompare(key(b)) || a.name.localeCompare(b.name));
  return state.ascending ? rows : rows.reverse();
}

function render() {
  const names = new Map(state.rows.map((row) => [row.token_id, row.name]));
  const rows = visibleRows();
  $('tokens-body').replaceChildren(...rows.map((row) => tableRow(row, names)));
  $('table-status').textContent = `${rows.length} of ${state.rows.length} tokens shown, sorted by`
      + ` ${state.sort} (${state.ascending ? 'ascending' : 'descending'})`;
  for (const th of document.querySelectorAll('th[aria-sort]')) {
    const sorted = th.querySelector('button').dataset.sort === state.sort;
    th.setAttribute('aria-sort', sorted ? (state.ascending ? 'ascending' : 'descending') : 'none');
  }
}

function cell(label, text, className) {
  const td = document.createElement('td');
  td.dataset.label = label;
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

function button(text, label, onClick, className) {
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

function tableRow(row, names) {
  const tr = document.createElement('tr');
  tr.dataset.name = row.name;
  const by = row.created_by_token_id === undefined ? ''
      : ` by ${names.get(row.created_by_token_id) ?? `token ${row.created_by_token_id}`}`;
  const expiry = expires(row.expiry);
  tr.append(
      cell('Name', row.name, 'name'),
      cell('Kind', kind(row)),
      cell('Permissions', row.permissions, 'permissions'),
      cell('Description', row.description || ''),
      cell('Created', `${timestamp(row.created_at)}${by}`),
      cell('Expires', expiry, expiry === 'expired' ? 'expired' : ''),
      cell('Last used', lastUsed(row.last_used_at)),
      cell('Status', row.status, row.status === 'inactive' ? 'inactive' : ''));
  tr.cells[5].title = row.expiry ? timestamp(row.expiry) : '';
  tr.cells[6].title = row.last_used_at ? timestamp(row.last_used_at) : '';
  const actions = cell('Actions', '');
  const error = document.createElement('p');
  error.className = 'error';
  error.id = `row-error-${row.token_id}`;
  error.hidden = true;
  if (row.name === '_admin') {
    actions.append(button('Regenerate', 'Regenerate _admin', confirmRegenerate,
        'danger'));
  } else {
    const next = row.status === 'active' ? 'inactive' : 'active';
    actions.append(
        button('Edit description', `Edit description of ${row.name}`,
            () => openDescribe(row)),
        button(next === 'inactive' ? 'Deactivate' : 'Activate',
            `${next === 'inactive' ? 'Deactivate' : 'Activate'} ${row.name}`,
            () => setStatus(row, next, error.id)),
        button('Delete', `Delete ${row.name}`, () => confirmDelete(row), 'danger'));
  }
  actions.append(error);
  tr.append(actions);
  return tr;
}

async function setStatus(row, status, errorId) {
  if (await attempt(errorId, (token) => api.update(token, row.name, {status}))) {
    await refresh();
    announce(`${row.name} is now ${status}.`);
  }
}

function announce(text) {
  $('table-status').textContent = text;
}

// --- dialogs -----------------------------------------------------------------------------------

let returnFocus = null;

function openDialog(dialog) {
  returnFocus = document.activeElement;
  dialog.showModal();
}

function closeDialog(dialog) {
  if (dialog.open) {
    dialog.close();
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
function showSecret(title, label, secret, after) {
  $('secret-title').textContent = title;
  $('secret-label').textContent = label;
  $('secret-value').value = secret;
  $('secret-close').hidden = true;
  setError('secret-error', null);
  secretAfter = after || null;
  openDialog($('secret-dialog'));
  $('secret-value').select();
}

let secretAfter = null;

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

// --- create ------------------------------------------------------------------------------------

let creating = 'admin';

function openCreate(which) {
  creating = which;
  $('create-form').reset();
  for (const id of ['create-name-error', 'create-description-error', 'create-expiry-error',
    'permissions-error', 'create-error']) {
    setError(id, null);
  }
  $('create-title').textContent = which === 'admin' ? 'New admin token' : 'New resource token';
  $('create-help').textContent = which === 'admin'
      ? 'An admin token can do everything but change the operator token (_admin).'
      : 'A resource token can only do what its permissions grant, and never manage tokens.';
  $('permissions-fieldset').hidden = which === 'admin';
  $('permission-list').replaceChildren();
  if (which === 'resource') {
    addPermission();
  }
  openDialog($('create-dialog'));
  $('create-name').focus();
}

let permissionCount = 0;

function addPermission() {
  const n = ++permissionCount;
  const row = document.createElement('div');
  row.className = 'permission';
  row.setAttribute('role', 'group');
  row.setAttribute('aria-label', `Permission ${$('permission-list').children.length + 1}`);
  const field = (tag, id, labelText, attrs = {}) => {
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = labelText;
    const element = document.createElement(tag);
    element.id = id;
    Object.entries(attrs).forEach(([k, v]) => element.setAttribute(k, v));
    return [label, element];
  };
  const [typeLabel, type] = field('select', `perm-type-${n}`, 'Type');
  type.className = 'perm-type';
  for (const value of ['db', 'system']) {
    type.append(new Option(value, value));
  }
  const [namesLabel, names] = field('input', `perm-names-${n}`, 'Names (comma-separated, * for all)',
      {type: 'text', autocomplete: 'off', spellcheck: 'false'});
  names.className = 'perm-names';
  const actions = document.createElement('div');
  actions.className = 'actions';
  const remove = button('Remove', 'Remove this permission', () => {
    row.remove();
    $('add-permission').focus();
  }, 'secondary');
  const drawActions = () => {
    const list = type.value === 'db' ? ['read', 'write'] : ['read'];
    names.placeholder = type.value === 'db' ? 'mydb, otherdb' : 'health, ping, metrics';
    actions.replaceChildren(...list.map((action) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = action;
      box.className = 'perm-action';
      label.append(box, ` ${action}`);
      return label;
    }));
  };
  type.addEventListener('change', drawActions);
  drawActions();
  row.append(typeLabel, type, namesLabel, names, actions, remove);
  $('permission-list').append(row);
  type.focus();
}

function readPermissions() {
  const permissions = [];
  for (const row of $('permission-list').children) {
    const names = row.querySelector('.perm-names').value.split(',').map((s) => s.trim());
    const actions = [...row.querySelectorAll('.perm-action:checked')].map((box) => box.value);
    const error = check.permissionNamesError(names) || check.permissionActionsError(actions);
    if (error) {
      return {error, focus: row.querySelector('.perm-names')};
    }
    permissions.push({resource_type: row.querySelector('.perm-type').value,
      resource_names: names, actions});
  }
  if (permissions.length === 0) {
    return {error: 'a resource token needs at least one permission', focus: $('add-permission')};
  }
  return {permissions};
}

async function submitCreate(event) {
  event.preventDefault();
  const name = $('create-name').value;
  const description = $('create-description').value;
  const lifetime = check.expiry($('create-expiry').value, $('create-expiry-unit').value);
  const errors = [
    ['create-name-error', check.nameError(name), $('create-name')],
    ['create-description-error', check.descriptionError(description), $('create-description')],
    ['create-expiry-error', lifetime.error, $('create-expiry')],
  ];
  const permissions = creating === 'resource' ? readPermissions() : {};
  errors.push(['permissions-error', permissions.error, permissions.focus]);
  errors.forEach(([id, text]) => setError(id, text));
  const first = errors.find(([, text]) => text);
  if (first) {
    first[2].focus();
    return;
  }
  const body = {token_name: name};
  if (description !== '') {
    body.description = description;
  }
  if (lifetime.secs !== null) {
    body.expiry_secs = lifetime.secs;
  }
  let issued;
  const ok = await attempt('create-error', async (token) => {
    issued = creating === 'admin'
        ? await api.createAdmin(token, body)
        : await api.createResource(token, {...body, permissions: permissions.permissions});
  });
  if (!ok) {
    return;
  }
  closeDialog($('create-dialog'));
  await refresh();
  showSecret(`Copy the token ${issued.name} now`, 'New token', issued.token);
  issued = null;
}

// --- delete, regenerate, describe, recovery code -------------------------------------------

let confirmAction = null;

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

function confirmDelete(row) {
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

function confirmRegenerate() {
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

let describing = null;

function openDescribe(row) {
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

// --- wiring ------------------------------------------------------------------------------------

function wire() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut(null));
  $('refresh').addEventListener('click', refresh);
  $('new-admin').addEventListener('click', () => openCreate('admin'));
  $('new-resource').addEventListener('click', () => openCreate('resource'));
  $('recovery-code').addEventListener('click', issueRecoveryCode);
  $('add-permission').addEventListener('click', addPermission);
  $('create-form').addEventListener('submit', submitCreate);
  $('create-cancel').addEventListener('click', () => closeDialog($('create-dialog')));
  $('secret-form').addEventListener('submit', copySecret);
  $('secret-close').addEventListener('click', () => closeDialog($('secret-dialog')));
  $('secret-dialog').addEventListener('close', wipeSecret);
  $('confirm-form').addEventListener('submit', submitConfirm);
  $('confirm-cancel').addEventListener('click', () => closeDialog($('confirm-dialog')));
  $('describe-form').addEventListener('submit', submitDescribe);
  $('describe-cancel').addEventListener('click', () => closeDialog($('describe-dialog')));
  for (const id of ['create-dialog', 'confirm-dialog', 'describe-dialog']) {
    $(id).addEventListener('close', restoreFocus);
  }
  $('filter').addEventListener('input', (event) => {
    state.filter = event.target.value;
    render();
  });
  for (const sortButton of document.querySelectorAll('th button[data-sort]')) {
    sortButton.addEventListener('click', () => {
      const key = sortButton.dataset.sort;
      state.ascending = state.sort === key ? !state.ascending : true;
      state.sort = key;
      render();
    });
  }
  $('show-tokens').addEventListener('click', () => show('tokens-view'));
  $('show-audit').addEventListener('click', showAudit);
  $('audit-refresh').addEventListener('click', showAudit);
  window.addEventListener('unhandledrejection', (event) => banner(message(event.reason)));
  window.addEventListener('error', (event) => {
    banner(`Something went wrong in the page: ${event.message}`);
  });
}

async function start() {
  wire();
  const token = sessionToken();
  if (!token || check.tokenError(token)) {
    signOut(null);
    return;
  }
  show('tokens-view');
  if (await attempt('toolbar-error', async (t) => {
    state.rows = await api.list(t);
  })) {
    await enter(token);
  }
}

start();
