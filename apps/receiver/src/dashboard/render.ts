import type { DeliveryRow, MirrorRow } from '../store/store-types';

export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font-family:system-ui,-apple-system,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{display:flex;justify-content:space-between;align-items:center;padding:.8rem 1.5rem;background:#1d2330;color:#fff}
header h1{font-size:1.1rem;margin:0}header form{display:inline}header button{margin-left:1rem}
main{padding:1rem 1.5rem;max-width:80rem}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:0 0 1.2rem;padding:.6rem 1rem}
h2{font-size:1rem;margin:.4rem 0 .6rem}h2 small{color:#6b7384;font-weight:normal}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eef0f3;vertical-align:top}
th{color:#6b7384;font-weight:600}code{font-size:.85em}
.s{display:inline-block;padding:0 .45rem;border-radius:9px;font-size:.8rem;background:#eef0f3}
.s-processed{background:#d9f2e3}.s-dead,.s-invalid{background:#fbdcdc}.s-retrying,.s-pending,.s-processing{background:#fdf0cf}
.empty{color:#6b7384;font-style:italic}
a.button,button{font:inherit;padding:.35rem .9rem;border-radius:4px;border:1px solid #3355cc;background:#3355cc;color:#fff;text-decoration:none;cursor:pointer}
.center{max-width:32rem;margin:4rem auto;text-align:center}`;

export function page(title: string, body: string, header = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><h1>Listo receiver</h1><div>${header}</div></header><main>${body}</main></body></html>`;
}

function table(columns: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return `<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const code = (v: unknown) =>
  v === null || v === undefined || v === '' ? '' : `<code>${escapeHtml(v)}</code>`;
const when = (v: unknown) =>
  typeof v === 'string' ? escapeHtml(v.replace('T', ' ').replace(/\.\d+Z$/, 'Z')) : '';
const name = (r: MirrorRow) =>
  escapeHtml(r.fullName ?? ([r.firstName, r.lastName].filter(Boolean).join(' ') || r.name || ''));

export interface DashboardData {
  deliveries: DeliveryRow[];
  clients: MirrorRow[];
  users: MirrorRow[];
  workers: MirrorRow[];
}

function section(title: string, id: string, count: number, content: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)} <small>(${count})</small></h2>${content}</section>`;
}

export function renderDashboard(data: DashboardData, limit: number): string {
  const clientNames = new Map(data.clients.map((c) => [String(c.clientId), String(c.name ?? '')]));
  const client = (id: unknown) => {
    const n = clientNames.get(String(id));
    return n ? `${escapeHtml(n)}<br>${code(id)}` : code(id);
  };
  const deliveries = table(
    ['Received', 'Event', 'Entity', 'Status', 'Attempts', 'Webhook ID'],
    data.deliveries.map((d) => [
      when(d.lastReceivedAt),
      `${escapeHtml(d.type ?? '(unparsed)')}${d.dataVersion === null ? '' : ` <small>v${escapeHtml(d.dataVersion)}</small>`}`,
      code(d.entityId),
      `<span class="s s-${escapeHtml(d.status)}">${escapeHtml(d.status)}</span>${
        d.lastError ? `<br><small>${escapeHtml(d.lastError)}</small>` : ''
      }`,
      escapeHtml(d.attempts),
      code(d.webhookId),
    ]),
    'No deliveries yet.',
  );
  const clients = table(
    ['Name', 'Client ID', 'Updated'],
    data.clients.map((c) => [escapeHtml(c.name ?? ''), code(c.clientId), when(c.updatedAt)]),
    'No clients mirrored yet.',
  );
  const users = table(
    ['Name', 'Email', 'Client', 'User ID'],
    data.users.map((u) => [name(u), escapeHtml(u.email ?? ''), client(u.clientId), code(u.userId)]),
    'No users mirrored yet.',
  );
  const workers = table(
    ['Name', 'Email', 'Client', 'Worker ID'],
    data.workers.map((w) => [name(w), escapeHtml(w.email ?? ''), client(w.clientId), code(w.workerId)]),
    'No workers mirrored yet.',
  );
  return [
    section(`Deliveries (latest ${limit})`, 'deliveries', data.deliveries.length, deliveries),
    section('Clients', 'clients', data.clients.length, clients),
    section('Users', 'users', data.users.length, users),
    section('Workers', 'workers', data.workers.length, workers),
  ].join('');
}
