import type { DeliveryView, EventView } from '../data/events.js';
import { formatTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { pingText } from './pings.js';

export function badge(status: string): SafeHtml {
  // Only known statuses become CSS classes; anything else gets the neutral grey.
  const known = ['delivered', 'pending', 'sending', 'dead', 'active', 'quarantined', 'paused'];
  return html`<span class="badge ${known.includes(status) ? status : ''}">${status}</span>`;
}

function attemptsTable(d: DeliveryView): SafeHtml {
  if (d.attemptLog.length === 0) return html``;
  return html`<details><summary>${d.attemptLog.length} attempt(s)</summary>
<table><tr><th>Time</th><th>Outcome</th><th>HTTP</th><th>Error</th></tr>
${d.attemptLog.map(
  (a) => html`<tr><td>${formatTime(a.at)}</td><td>${a.outcome}</td><td>${a.httpStatus ?? '—'}</td><td class="error">${a.error ?? ''}</td></tr>`,
)}</table></details>`;
}

/** Who the route pinged, by name where the bot has seen it (the id otherwise, with the name's id in a title). */
function mentionsLine(d: DeliveryView): SafeHtml | '' {
  if (d.pings.length === 0) return '';
  const ids = d.pings.map((p) => `${p.kind} ${p.id}`).join(', ');
  return html`<div class="meta" title="${ids}">pings ${pingText(d.pings)}</div>`;
}

function deliveryRow(d: DeliveryView, adminEnabled: boolean): SafeHtml {
  const retry =
    adminEnabled && d.status === 'dead'
      ? html`<form class="inline" method="post" action="/admin/deliveries/${d.id}/retry"><button>Retry</button></form>`
      : '';
  return html`<tr><td>${d.destination.label} <span class="meta">(${d.destination.kind})</span>${mentionsLine(d)}</td>
<td>${badge(d.status)}${retry}</td><td>${d.attempts}</td>
<td class="mono">${d.discordMessageId ?? '—'}</td>
<td><span class="error">${d.lastError ?? ''}</span>${attemptsTable(d)}</td></tr>`;
}

export function eventCard(e: EventView, adminEnabled: boolean): SafeHtml {
  const deliveries =
    e.deliveries.length === 0
      ? html`<p class="empty">No deliveries yet.</p>`
      : html`<table><tr><th>Destination</th><th>Status</th><th>Attempts</th><th>Discord message</th><th>Last error</th></tr>
${e.deliveries.map((d) => deliveryRow(d, adminEnabled))}</table>`;
  return html`<div class="card" id="event-${e.id}">
<div><a href="/events/${e.id}"><strong>${e.subject}</strong></a> <span class="meta">${e.type} · ${e.severity} · #${e.id} · ${e.sourceKey} · ${formatTime(e.createdAt)}</span></div>
${deliveries}</div>`;
}
