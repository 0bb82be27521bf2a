import type { InvalidBudgetReading } from '@herald/discord/budget';
import type { Activity } from '../data/activity.js';
import type { UnknownFilterValue } from '../data/filter-values.js';
import type { EventPage, EventView } from '../data/events.js';
import type { DestinationView, SourceView } from '../data/overview.js';
import type { Summary } from '../data/summary.js';
import { activityCharts } from './charts.js';
import { destinationActions } from './destination-actions.js';
import { eventTable, filterForm, type ListParams } from './event-list.js';
import { badge, eventCard } from './events.js';
import { formatDuration, formatTime } from './format.js';
import { html, queryString, type SafeHtml } from './html.js';
import { layout, type NavOptions } from './layout.js';
import { summaryRow } from './summary.js';

/** IBC sources (`ibc:<chainId>`, one per monitored chain) link to the IBC page, where their clients are; Reddit ones to the Reddit page. */
function sourceName(sourceKey: string): SafeHtml | string {
  if (sourceKey.startsWith('ibc:')) return html`<a href="/ibc">${sourceKey}</a>`;
  return /^reddit(:|$)/.test(sourceKey) ? html`<a href="/reddit">${sourceKey}</a>` : sourceKey;
}

function sourcesTable(sources: SourceView[]): SafeHtml {
  if (sources.length === 0) return html`<p class="empty">No source has polled yet.</p>`;
  return html`<table><tr><th>Source</th><th>Position</th><th>Last poll</th><th>Poll time</th><th>Last success</th><th>Lag</th><th>Last error</th></tr>
${sources.map((s) => {
  const failing = s.failingSince ? html`${badge('failing')} <span class="meta">since ${formatTime(s.failingSince)}</span> ` : '';
  return html`<tr><td>${sourceName(s.sourceKey)}</td><td class="mono">${s.baselined ? s.position : '—'}</td><td>${formatTime(s.lastPollAt)}</td>
<td>${s.lastPollMs === null ? '—' : `${s.lastPollMs} ms`}</td><td>${formatTime(s.lastSuccessAt)}</td>
<td>${formatDuration(s.lagSeconds)}</td><td class="error">${failing}${s.lastError ?? ''}</td></tr>`;
})}</table>`;
}

function destinationsTable(destinations: DestinationView[], adminEnabled: boolean): SafeHtml {
  if (destinations.length === 0) return html`<p class="empty">No destinations configured.</p>`;
  return html`<table><tr><th>Destination</th><th>Kind</th><th>Status</th><th>Failure streak</th><th>Quarantine reason</th><th>Last error</th></tr>
${destinations.map((d) => {
  const since = d.quarantinedAt ? html` <span class="meta">since ${formatTime(d.quarantinedAt)}</span>` : '';
  return html`<tr><td><a href="/${queryString({ destination: String(d.id) })}">${d.label}</a></td><td>${d.kind}</td><td>${badge(d.status)}${destinationActions(d, adminEnabled)}</td><td>${d.failureStreak}</td>
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

export interface DashboardData {
  summary: Summary;
  activity: Activity;
  sources: SourceView[];
  destinations: DestinationView[];
  page: EventPage;
  /** The list's filters as given (kept in its links). */
  params: ListParams;
  /** Filter values that name no source or destination (said next to the filters). */
  unknownFilters?: UnknownFilterValue[];
  /** No cursor: the newest page. */
  onFirstPage: boolean;
  /** See discordBudgetLine; left out, the line is not shown. */
  discordBudget?: InvalidBudgetReading | null | undefined;
  /** When the page was built (shown, and updated by each live refresh). */
  now: Date;
}

/**
 * The parts of the dashboard that change by themselves, each with an id: the page places them, and
 * `/partials/dashboard` sends them alone for the live refresh to swap in (views/live-script.ts, served as /assets/live.js).
 */
function liveParts(data: DashboardData, nav: NavOptions) {
  const heading = Object.values(data.params).some(Boolean) ? 'Matching events' : 'Recent events';
  return {
    summary: html`<div id="live-summary" data-live>${summaryRow(data.summary)}</div>`,
    charts: html`<div id="live-charts" data-live>${activityCharts(data.activity)}</div>`,
    events: html`<div id="live-events" data-live>${eventTable(data.page, data.params, data.onFirstPage)}</div>`,
    health: html`<div id="live-health" data-live><h2>Sources</h2>${sourcesTable(data.sources)}
<h2>Destinations</h2>${destinationsTable(data.destinations, nav.adminEnabled)}
${'discordBudget' in data ? discordBudgetLine(data.discordBudget) : ''}</div>`,
    stamp: html`<span id="live-stamp" data-live>as of ${formatTime(data.now)}</span>`,
    heading,
  };
}

/** What the live refresh fetches: the changing parts alone, no page around them. */
export function dashboardPartial(data: DashboardData, nav: NavOptions): SafeHtml {
  const parts = liveParts(data, nav);
  return html`${parts.summary}${parts.charts}${parts.health}${parts.events}${parts.stamp}`;
}

/** `partialUrl`: where the live refresh fetches this page's changing parts (same filters and page). */
export function dashboardPage(data: DashboardData, nav: NavOptions, partialUrl: string): SafeHtml {
  const parts = liveParts(data, nav);
  return layout(
    'Dashboard',
    nav,
    html`<div class="live-bar meta" data-live-source="${partialUrl}"><span id="live-state">Reload the page to update it</span> · ${parts.stamp}</div>
${parts.summary}${parts.charts}${parts.health}
<h2>${parts.heading}</h2>${filterForm(data.params, data.sources, data.destinations, data.unknownFilters)}
${parts.events}`,
    { scripts: ['/assets/live.js'] },
  );
}

export function eventPage(event: EventView, nav: NavOptions): SafeHtml {
  return layout(`Event #${event.id}`, nav, html`<p><a href="/">← Dashboard</a></p><h2>Event #${event.id}</h2>${eventCard(event, nav.adminEnabled)}`);
}
