// The audit view (GET /api/v3/configure/token/audit): the newest lines, one table row each.
import {api} from './api.js';
import {timestamp} from './format.js';
import {$, attempt, cell, show} from './page.js';

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

export function wireAudit() {
  $('show-audit').addEventListener('click', showAudit);
  $('audit-refresh').addEventListener('click', showAudit);
}
