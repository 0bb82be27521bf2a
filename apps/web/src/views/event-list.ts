import type { DeliveryView, EventPage, EventView } from '../data/events.js';
import type { UnknownFilterValue } from '../data/filter-values.js';
import type { DestinationView, SourceView } from '../data/overview.js';
import { badge } from './events.js';
import { formatShortTime, formatTime } from './format.js';
import { html, queryString, type SafeHtml } from './html.js';
import { pingText } from './pings.js';

/** The filters as given (strings), kept in every link of the list. */
export type ListParams = Record<string, string | undefined>;

const statusIcon: Record<string, string> = { delivered: '✓', pending: '…', sending: '↗', dead: '✕' };

/** One destination's state for an event: icon and colour for the state, its label, the rest in the title. */
function deliveryChip(d: DeliveryView): SafeHtml {
  const pings = d.pings.length > 0 ? `, pings ${pingText(d.pings)}` : '';
  const known = d.status in statusIcon ? d.status : 'other';
  return html`<span class="chip ${known}" title="${d.destination.label}: ${d.status}${pings}"><span aria-hidden="true">${statusIcon[d.status] ?? '?'}</span> ${d.destination.label}<span class="sr"> ${d.status}</span></span>`;
}

/** Why a delivery is dead or still retrying, on its own line: the one thing an operator must read. */
function problemLine(d: DeliveryView): SafeHtml | '' {
  if (d.lastError === null || d.status === 'delivered') return '';
  const state = d.status === 'dead' ? badge('dead') : html`<span class="meta">retrying</span>`;
  return html`<div class="problem">${state} ${d.destination.label}: <span class="error">${d.lastError}</span></div>`;
}

function eventRow(e: EventView): SafeHtml {
  const chips =
    e.deliveries.length === 0 ? html`<span class="meta">not routed</span>` : html`${e.deliveries.map(deliveryChip)}${e.deliveries.map(problemLine)}`;
  return html`<tr id="event-${e.id}"><td class="mono nowrap" title="${formatTime(e.createdAt)}">${formatShortTime(e.createdAt)}</td>
<td class="nowrap">${e.sourceKey}</td><td><a href="/events/${e.id}">${e.subject || `#${e.id}`}</a> <span class="meta">${e.type} · ${e.severity}</span></td>
<td>${chips}</td></tr>`;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
}

/**
 * GET form: every filter is a query parameter, so a filtered list is a link. A value given in the
 * URL stays selected even when it names nothing (`unknown`, said in a note above the form), so the
 * form shows what the list was filtered by.
 */
export function filterForm(params: ListParams, sources: SourceView[], destinations: DestinationView[], unknown: readonly UnknownFilterValue[] = []): SafeHtml {
  const sourceKeys = [...new Set([...sources.map((s) => s.sourceKey), ...(params.source ? [params.source] : [])])].sort();
  const destinationOptions = destinations.map((d) => option(String(d.id), d.label, params.destination));
  if (params.destination && !destinations.some((d) => String(d.id) === params.destination)) {
    destinationOptions.push(option(params.destination, `no destination ${params.destination}`, params.destination));
  }
  const notes = unknown.map((u) => html`<div class="notice filter-note" role="status">${u.message}: no event can match.</div>`);
  return html`${notes}<form class="filters" method="get" action="/" role="search">
<label>Search <input type="search" name="q" value="${params.q ?? ''}" placeholder="Account name" maxlength="200"></label>
<label>Source <select name="source">${option('', 'any', params.source)}${sourceKeys.map((k) => option(k, k, params.source))}</select></label>
<label>Status <select name="status">${option('', 'any', params.status)}${['delivered', 'pending', 'dead'].map((s) => option(s, s, params.status))}</select></label>
<label>Destination <select name="destination">${option('', 'any', params.destination)}${destinationOptions}</select></label>
<label>From <input type="datetime-local" name="from" value="${params.from ?? ''}"></label>
<label>To <input type="datetime-local" name="to" value="${params.to ?? ''}"></label>
<button>Filter</button>${Object.values(params).some(Boolean) ? html` <a href="/">Clear</a>` : ''}
<span class="meta">times in UTC</span></form>`;
}

function pager(page: EventPage, params: ListParams, onFirstPage: boolean): SafeHtml {
  const links: SafeHtml[] = [];
  if (!onFirstPage) links.push(html`<a href="/${queryString(params)}" rel="first">« Newest</a>`);
  if (page.prevAfter) links.push(html`<a href="/${queryString({ ...params, after: page.prevAfter })}" rel="prev">← Newer</a>`);
  if (page.nextBefore) links.push(html`<a href="/${queryString({ ...params, before: page.nextBefore })}" rel="next">Older →</a>`);
  return links.length === 0 ? html`` : html`<nav class="pager" aria-label="Pages">${links}</nav>`;
}

/** The compact event list: one row per event, its deliveries as chips; the subject opens the event. */
export function eventTable(page: EventPage, params: ListParams, onFirstPage: boolean): SafeHtml {
  const filtered = Object.values(params).some(Boolean);
  const partial = page.scannedTo
    ? html`<p class="meta">Searched back to event #${page.scannedTo} and stopped (a search reads at most 20,000 events per page): more matches may be older.</p>`
    : '';
  if (page.events.length === 0) {
    return html`<p class="empty">${filtered ? 'No events match these filters.' : onFirstPage ? 'No events yet.' : 'No more events.'}</p>${partial}${pager(page, params, onFirstPage)}`;
  }
  return html`<table class="events"><thead><tr><th>Time (UTC)</th><th>Source</th><th>Event</th><th>Deliveries</th></tr></thead>
<tbody>${page.events.map(eventRow)}</tbody></table>${partial}${pager(page, params, onFirstPage)}`;
}
