// The create dialog: a named admin token, or a resource token with its permissions. Every field is
// checked in the page before anything is sent; the new token is shown once in the secret dialog.
import {api} from './api.js';
import {closeDialog, openDialog, showSecret} from './dialogs.js';
import {$, attempt, button, setError} from './page.js';
import {refresh} from './tokens.js';
import * as check from './validate.js';

let creating = 'admin';
let permissionCount = 0;

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

export function wireCreate() {
  $('new-admin').addEventListener('click', () => openCreate('admin'));
  $('new-resource').addEventListener('click', () => openCreate('resource'));
  $('add-permission').addEventListener('click', addPermission);
  $('create-form').addEventListener('submit', submitCreate);
}
