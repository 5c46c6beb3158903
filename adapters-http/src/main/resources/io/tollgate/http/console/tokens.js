// The tokens table (GET /api/v3/configure/token): the listing, its filter and sort, and each row's
// buttons. What a row's Regenerate, Edit description and Delete open is given by setRowActions, so
// that this module does not depend on the dialogs that change tokens.
import {api} from './api.js';
import {expires, kind, lastUsed, timestamp} from './format.js';
import {$, attempt, button, cell} from './page.js';

const state = {rows: [], sort: 'name', ascending: true, filter: ''};
let rowActions = {regenerate: () => {}, describe: () => {}, remove: () => {}};

const SORT_KEYS = {
  name: (row) => row.name,
  kind: (row) => kind(row),
  created: (row) => row.created_at,
  expires: (row) => row.expiry || '~',
  used: (row) => row.last_used_at || '',
  status: (row) => row.status,
};

/** {regenerate(), describe(row), remove(row)}: what the rows' buttons open. */
export function setRowActions(actions) {
  rowActions = actions;
}

/** Loads the listing with the given token; throws the API's error. */
export async function load(token) {
  state.rows = await api.list(token);
}

export function rowWithHash(prefix) {
  return state.rows.find((row) => prefix && row.hash === prefix);
}

export function clear() {
  state.rows = [];
  $('tokens-body').replaceChildren();
}

export async function refresh() {
  if (await attempt('toolbar-error', load)) {
    render();
  }
}

export function announce(text) {
  $('table-status').textContent = text;
}

function visibleRows() {
  const needle = state.filter.toLowerCase();
  const rows = state.rows.filter((row) => !needle || [row.name, kind(row), row.permissions,
    row.description || '', row.status].some((field) => field.toLowerCase().includes(needle)));
  const key = SORT_KEYS[state.sort];
  rows.sort((a, b) => key(a).localeCompare(key(b)) || a.name.localeCompare(b.name));
  return state.ascending ? rows : rows.reverse();
}

export function render() {
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
    actions.append(button('Regenerate', 'Regenerate _admin', () => rowActions.regenerate(),
        'danger'));
  } else {
    const next = row.status === 'active' ? 'inactive' : 'active';
    actions.append(
        button('Edit description', `Edit description of ${row.name}`,
            () => rowActions.describe(row)),
        button(next === 'inactive' ? 'Deactivate' : 'Activate',
            `${next === 'inactive' ? 'Deactivate' : 'Activate'} ${row.name}`,
            () => setStatus(row, next, error.id)),
        button('Delete', `Delete ${row.name}`, () => rowActions.remove(row), 'danger'));
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

export function wireTable() {
  $('refresh').addEventListener('click', refresh);
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
}
