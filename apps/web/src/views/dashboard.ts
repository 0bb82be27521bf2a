import type { EventPage, EventView } from '../data/events.js';
import type { InvalidBudgetReading } from '@herald/discord/budget';
import type { DestinationView, SourceView } from '../data/overview.js';
import { badge, eventCard } from './events.js';
import { formatDuration, formatTime } from './format.js';
import { html, queryString, type SafeHtml } from './html.js';
import { layout, type NavOptions } from './layout.js';

/** IBC sources (`ibc:<chainId>`, one per monitored chain) link to the IBC page, where their clients are. */
function sourceName(sourceKey: string): SafeHtml | string {
  return sourceKey.startsWith('ibc:') ? html`<a href="/ibc">${sourceKey}</a>` : sourceKey;
}

function sourcesTable(sources: SourceView[]): SafeHtml {
  if (sources.length === 0) return html`<p class="empty">No source has polled yet.</p>`;
  return html`<table><tr><th>Source</th><th>Position</th><th>Last poll</th><th>Poll time</th><th>Last success</th><th>Lag</th><th>Last error</th></tr>
${sources.map(
  (s) => {
    const failing = s.failingSince ? html`${badge('failing')} <span class="meta">since ${formatTime(s.failingSince)}</span> ` : '';
    return html`<tr><td>${sourceName(s.sourceKey)}</td><td class="mono">${s.baselined ? s.position : '—'}</td><td>${formatTime(s.lastPollAt)}</td>
<td>${s.lastPollMs === null ? '—' : `${s.lastPollMs} ms`}</td><td>${formatTime(s.lastSuccessAt)}</td>
<td>${formatDuration(s.lagSeconds)}</td><td class="error">${failing}${s.lastError ?? ''}</td></tr>`;
  },
)}</table>`;
}

function destinationsTable(destinations: DestinationView[], adminEnabled: boolean): SafeHtml {
  if (destinations.length === 0) return html`<p class="empty">No destinations configured.</p>`;
  return html`<table><tr><th>Destination</th><th>Kind</th><th>Status</th><th>Failure streak</th><th>Quarantine reason</th><th>Last error</th></tr>
${destinations.map((d) => {
  const resume =
    adminEnabled && d.status === 'quarantined'
      ? html`<form class="inline" method="post" action="/admin/destinations/${d.id}/resume"><button>Resume</button></form>`
      : '';
  const since = d.quarantinedAt ? html` <span class="meta">since ${formatTime(d.quarantinedAt)}</span>` : '';
  return html`<tr><td>${d.label}</td><td>${d.kind}</td><td>${badge(d.status)}${resume}</td><td>${d.failureStreak}</td>
<td>${d.quarantineReason ?? ''}${since}</td><td class="error">${d.lastError ?? ''}</td></tr>`;
})}</table>`;
}

/**
 * Discord bans the IP after 10,000 invalid requests in 10 minutes; this shows how close all notifiers are.
 * undefined: Redis could not be read; null: nothing counted yet.
 */
function discordBudgetLine(budget: InvalidBudgetReading | null | undefined): SafeHtml {
  if (budget === undefined) return html`<p class="empty">Invalid Discord requests: unknown (Redis did not answer).</p>`;
  if (budget === null) return html`<p class="empty">Invalid Discord requests: none counted yet.</p>`;
  const state = { normal: 'sending normally', slowed: 'slowed', paused: 'paused' }[budget.state];
  return html`<p>Invalid Discord requests (401/403/429) in the last ${formatDuration(budget.windowMs / 1000)}:
<strong>${budget.count}</strong> — slows at ${budget.slowAt}, pauses at ${budget.stopAt} (Discord bans at 10,000).
Sending: <span class="badge discord-${budget.state}">${state}</span></p>`;
}

export function eventList(page: EventPage, q: string | undefined, adminEnabled: boolean): SafeHtml {
  const empty = q ? html`<p class="empty">No events match “${q}”.</p>` : html`<p class="empty">No events yet.</p>`;
  const older = page.nextBefore ? html`<div class="pager"><a href="/${queryString({ q, before: page.nextBefore })}">Older events →</a></div>` : '';
  return html`${page.events.length === 0 ? empty : page.events.map((e: EventView) => eventCard(e, adminEnabled))}${older}`;
}

export interface DashboardData {
  sources: SourceView[];
  destinations: DestinationView[];
  page: EventPage;
  q: string | undefined;
  before: string | undefined;
  /** See discordBudgetLine; left out, the line is not shown. */
  discordBudget?: InvalidBudgetReading | null | undefined;
}

export function dashboardPage(data: DashboardData, nav: NavOptions): SafeHtml {
  const heading = data.q ? html`Events matching “${data.q}”` : html`Recent events`;
  return layout(
    'Dashboard',
    nav,
    html`<h2>Sources</h2>${sourcesTable(data.sources)}
<h2>Destinations</h2>${destinationsTable(data.destinations, nav.adminEnabled)}
${'discordBudget' in data ? discordBudgetLine(data.discordBudget) : ''}
<h2>${heading}${data.before ? html` <span class="meta">(before #${data.before})</span>` : ''}</h2>
<form method="get" action="/"><input type="search" name="q" value="${data.q ?? ''}" placeholder="Account name" maxlength="200">
<button>Search</button>${data.q || data.before ? html` <a href="/">Clear</a>` : ''}</form>
${eventList(data.page, data.q, nav.adminEnabled)}`,
  );
}

export function eventPage(event: EventView, nav: NavOptions): SafeHtml {
  return layout(`Event #${event.id}`, nav, html`<p><a href="/">← Dashboard</a></p><h2>Event #${event.id}</h2>${eventCard(event, nav.adminEnabled)}`);
}

export function notFoundPage(what: string, nav: NavOptions): SafeHtml {
  return layout('Not found', nav, html`<p><a href="/">← Dashboard</a></p><div class="notice">${what} was not found.</div>`);
}
