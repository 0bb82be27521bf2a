import { ScannedStates, type RedditUserState } from '@herald/reddit/read-model';
import { formatCount, formatTime } from '../views/format.js';
import { html, queryString, type SafeHtml } from '../views/html.js';
import type { RedditUserPage, RedditUserRow } from './data.js';
import { ago, dueIn } from './time.js';
import { UserFilters } from './query.js';

export type ListParams = Record<string, string | undefined>;

const filterLabels: Record<(typeof UserFilters)[number], string> = {
  '': 'registered (all but unregistered)',
  all: 'all, unregistered too',
  hidden: 'hidden from reports',
  active: 'active',
  new: 'new (back-filling)',
  inactive: 'inactive',
  suspended: 'suspended',
  deleted: 'deleted (not found)',
  unregistered: 'unregistered',
};

/** A state as a coloured pill; the class comes from the fixed list of states, never from database text. */
export function stateBadge(state: RedditUserState | 'hidden' | 'scanning'): SafeHtml {
  return html`<span class="badge reddit-${state}">${state}</span>`;
}

/** The state, with what it means for scanning (where a back-fill is, whether a scan is running). */
function stateCell(u: RedditUserRow): SafeHtml {
  const backfill =
    u.state === 'new' ? html`<div class="meta">back-filling${u.position ? html`, at <span class="mono">${u.position}</span>` : ', from the newest'}</div>` : '';
  return html`${stateBadge(u.state)}${u.hidden ? html` ${stateBadge('hidden')}` : ''}${u.scanning ? html` ${stateBadge('scanning')}` : ''}${backfill}`;
}

/** When the scheduler takes the user next: only for the states it scans (inactive ones wait for a full scan). */
function dueCell(u: RedditUserRow, now: Date): SafeHtml | string {
  if (!ScannedStates.includes(u.state) && u.state !== 'inactive') return '—';
  return html`<span${u.dueAt <= now ? html` class="reddit-overdue"` : ''}>${dueIn(u.dueAt, now)}</span><div class="meta">${formatTime(u.dueAt)}</div>`;
}

function userRow(u: RedditUserRow, now: Date): SafeHtml {
  const profile = `https://www.reddit.com/user/${encodeURIComponent(u.name)}`;
  const lastScan = u.lastScanAt ? html`${ago(u.lastScanAt, now)}<div class="meta">${formatTime(u.lastScanAt)}</div>` : html`<span class="meta">never</span>`;
  return html`<tr class="reddit-row-${u.state}"><td><a href="${profile}" rel="noreferrer">${u.name}</a></td><td>${stateCell(u)}</td>
<td>${formatTime(u.addedAt)}</td><td>${lastScan}</td><td>${dueCell(u, now)}</td>
<td class="num">${u.batchSize}</td><td class="num">${formatCount(u.comments)}</td>
<td class="mono" title="Discord user id">${u.registeredBy ?? '—'}</td></tr>`;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
}

/** GET form: a filtered list is a link. */
export function userFilterForm(params: ListParams): SafeHtml {
  return html`<form class="filters" method="get" action="/reddit" role="search">
<label>Name <input type="search" name="q" value="${params.q ?? ''}" placeholder="part of a name" maxlength="43" pattern="(/?u/)?[A-Za-z0-9_\\-]*"></label>
<label>State <select name="state">${UserFilters.map((f) => option(f, filterLabels[f], params.state))}</select></label>
<button>Filter</button>${Object.values(params).some(Boolean) ? html` <a href="/reddit">Clear</a>` : ''}</form>`;
}

function pager(page: RedditUserPage, params: ListParams, onFirstPage: boolean): SafeHtml {
  const links: SafeHtml[] = [];
  if (!onFirstPage) links.push(html`<a href="/reddit${queryString(params)}" rel="first">« First</a>`);
  if (page.prevBefore) links.push(html`<a href="/reddit${queryString({ ...params, before: page.prevBefore })}" rel="prev">← Previous</a>`);
  if (page.nextAfter) links.push(html`<a href="/reddit${queryString({ ...params, after: page.nextAfter })}" rel="next">Next →</a>`);
  return links.length === 0 ? html`` : html`<nav class="pager" aria-label="Pages">${links}</nav>`;
}

/** Tracked users in name order: state, when added, last and next scan, batch size, comments stored, who registered them. */
export function usersTable(page: RedditUserPage, params: ListParams, onFirstPage: boolean, now: Date): SafeHtml {
  if (page.users.length === 0) {
    const filtered = Boolean(params.state || params.q);
    const text = filtered ? 'No user matches these filters.' : onFirstPage ? 'No Reddit user is tracked yet: register some with the bot (register <names…>).' : 'No more users.';
    return html`<p class="empty">${text}</p>${pager(page, params, onFirstPage)}`;
  }
  return html`<table><thead><tr><th>User</th><th>State</th><th>Added</th><th>Last scan</th><th>Due</th><th title="Comments the last scan found within the recent window: the next scan asks for 5 more, or 100 (seed-behaviour §3.3)">Batch</th><th>Comments</th><th>Registered by</th></tr></thead>
<tbody>${page.users.map((u) => userRow(u, now))}</tbody></table>${pager(page, params, onFirstPage)}`;
}
