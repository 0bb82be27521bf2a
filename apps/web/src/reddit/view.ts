import type { RedditOverview } from '@herald/reddit/read-model';
import { formatCount, formatDuration, formatTime } from '../views/format.js';
import { html, SafeHtml, type HtmlPart } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import type { BudgetReading, BudgetSnapshot } from './budget.js';
import type { RedditUserPage } from './data.js';
import { ago, dueIn } from './time.js';
import { userFilterForm, usersTable, type ListParams } from './users-table.js';

/** Figures older than this mean no poller is talking to Reddit: the panel says so. */
export const StaleBudgetAfterMs = 10 * 60_000;

const css = `
.badge.reddit-active{background:#1a7f37}.badge.reddit-new{background:#0969da}.badge.reddit-inactive{background:#6e7781}
.badge.reddit-suspended{background:#bc4c00}.badge.reddit-deleted{background:#cf222e}.badge.reddit-unregistered{background:#8c959f}
.badge.reddit-hidden{background:#fff;color:#57606a;border:1px solid #8c959f}.badge.reddit-scanning{background:#8250df}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.reddit-overdue{color:#9a6700;font-weight:600}
.tile .value a{color:inherit;text-decoration:none}
`;
const style = new SafeHtml(`<style>${css}</style>`);

type Health = 'ok' | 'warn' | 'bad';

function tile(label: string, value: HtmlPart, options: { health?: Health; detail?: HtmlPart; title?: string } = {}): SafeHtml {
  const word = options.health ? { ok: 'OK', warn: 'attention', bad: 'problem' }[options.health] : undefined;
  return html`<div class="tile ${options.health ?? 'plain'}"${options.title ? html` title="${options.title}"` : ''}><div class="label">${label}</div>
<div class="value">${value}</div>${word ? html`<span class="state">${word}</span>` : ''}${options.detail ? html`<div class="detail">${options.detail}</div>` : ''}</div>`;
}

const link = (state: string, n: number) => html`<a href="/reddit${state ? `?state=${state}` : ''}">${formatCount(n)}</a>`;

/** Users by state (each links to its filter), the scan lag, comments stored and high scores announced. */
function summaryTiles(o: RedditOverview, now: Date): SafeHtml {
  const registered = o.users.active + o.users.new + o.users.inactive + o.users.suspended + o.users.deleted;
  const lag = o.scanLagSeconds === null ? '—' : formatDuration(o.scanLagSeconds);
  const lagDetail = o.oldestDueAt === null ? 'no active user' : o.scanLagSeconds ? `due ${formatTime(o.oldestDueAt)}` : `next ${dueIn(o.oldestDueAt, now)}`;
  return html`<section class="summary" aria-label="Users by state">
${tile('Registered', link('', registered), { detail: `${formatCount(o.users.unregistered)} unregistered`, title: 'Tracked users that are not unregistered' })}
${tile('Active', link('active', o.users.active), { title: 'Scanned whenever due' })}
${tile('New', link('new', o.users.new), { detail: 'back-filling', title: 'Being read back through their listing (up to Reddit’s 1,000 items), scanned first' })}
${tile('Inactive', link('inactive', o.users.inactive), { title: 'No comment for reddit.inactivityThreshold: scanned on full scans only' })}
${tile('Suspended', link('suspended', o.users.suspended), { title: 'Reddit says suspended; the resurrections watcher re-checks them' })}
${tile('Deleted', link('deleted', o.users.deleted), { detail: 'not found', title: 'Reddit answers 404; the resurrections watcher re-checks them' })}
${tile('Hidden', link('hidden', o.hidden), { detail: 'from the reports', title: 'Still scanned; left out of the reports' })}
${scanningTile(o, now)}
${tile('Scan lag', lag, { detail: lagDetail, title: 'How overdue the most overdue active or new user is' })}
${tile('Comments stored', `${o.comments.estimated ? '≈ ' : ''}${formatCount(o.comments.count)}`)}
${tile('High scores', formatCount(o.highscores), { detail: 'announced' })}
</section>`;
}

/** Whether scans succeed: an outage (Reddit down, a refused login) shows here, with its error. */
function scanningTile(o: RedditOverview, now: Date): SafeHtml {
  const s = o.scanning;
  if (s === null) return tile('Scanning', '—', { detail: 'no scan yet' });
  if (s.failingSince !== null) {
    return tile('Scanning', 'failing', { health: 'bad', detail: `since ${ago(s.failingSince, now)}: ${s.lastError ?? 'unknown error'}`, title: 'The last scans failed; their users are retried a minute later' });
  }
  return tile('Scanning', 'OK', { health: 'ok', detail: s.lastScanAt ? `last ${ago(s.lastScanAt, now)}` : '', title: 'The last scan succeeded' });
}

function budgetTiles(b: BudgetSnapshot, now: Date): SafeHtml {
  const window = b.resetAt === null ? '—' : b.resetAt > now ? `in ${formatDuration((b.resetAt.getTime() - now.getTime()) / 1000)}` : 'ended';
  const used = b.limit !== null && b.used !== null && b.limit > 0 ? `${b.used} used (${Math.round((100 * b.used) / b.limit)} %)` : b.used !== null ? `${b.used} used` : '';
  return html`<section class="summary" aria-label="Request budget">
${tile('Remaining', b.remaining === null ? '—' : `${formatCount(b.remaining)}${b.limit === null ? '' : ` / ${formatCount(b.limit)}`}`, { detail: used, title: 'X-Ratelimit-Remaining of the last answer, of the window’s Used + Remaining' })}
${tile('Window ends', window, { detail: b.resetAt ? formatTime(b.resetAt) : 'not told yet', title: 'X-Ratelimit-Reset: a new window starts with the next request after it' })}
${tile('Requests · last minute', formatCount(b.requestsLastMinute), { detail: 'all pollers', title: 'Requests started in the last whole minute by every reddit-poller sharing this client id' })}
${tile('Rate limited', formatCount(b.rateLimited), { health: b.rateLimited > 0 ? 'bad' : 'ok', detail: '429 answers', title: 'Requests Reddit refused with 429 since the budget started: the goal is none' })}
${tile('Last answer', b.updatedAt ? ago(b.updatedAt, now) : '—', { detail: b.updatedAt ? formatTime(b.updatedAt) : 'none yet' })}
</section>`;
}

/** The Reddit request budget every reddit-poller shares (Redis), or why it cannot be shown. */
export function budgetPanel(reading: BudgetReading, now: Date): SafeHtml {
  const heading = html`<h2>Request budget</h2>`;
  switch (reading.kind) {
    case 'unconfigured':
      return html`${heading}<p class="empty">Not shown: give the web service the reddit-poller's client id (<span class="mono">reddit.clientId</span> in HERALD_CONFIG, or REDDIT_CLIENT_ID) to see the shared budget.</p>`;
    case 'unavailable':
      return html`${heading}<p class="empty">Unknown: Redis did not answer.</p>`;
    case 'none':
      return html`${heading}<p class="empty">No reddit-poller has talked to Reddit with this client id yet.</p>`;
    case 'known': {
      const { snapshot } = reading;
      const stale = snapshot.updatedAt !== null && now.getTime() - snapshot.updatedAt.getTime() > StaleBudgetAfterMs;
      const note = stale ? html`<p class="meta">No poller has had an answer from Reddit for ${formatDuration((now.getTime() - snapshot.updatedAt!.getTime()) / 1000)}: these figures are from then.</p>` : '';
      return html`${heading}<p class="meta">Reddit counts requests per OAuth client id (X-Ratelimit-* headers); every reddit-poller shares this budget through Redis.</p>${budgetTiles(snapshot, now)}${note}`;
    }
  }
}

export interface RedditPageData {
  overview: RedditOverview;
  budget: BudgetReading;
  page: RedditUserPage;
  params: ListParams;
  onFirstPage: boolean;
  /** Hidden users are left out of the list (the read-only pages are public). */
  withoutHidden: boolean;
  now: Date;
}

/** `/reddit`: tracked users by state, the scan lag, the shared request budget, and the users, filtered and paged. */
export function redditPage(data: RedditPageData, nav: NavOptions): SafeHtml {
  const hiddenNote = data.withoutHidden ? html` Hidden users are not listed: the read-only pages are public (web.public).` : '';
  return layout(
    'Reddit',
    nav,
    html`${style}<h2>Reddit: tracked users</h2><p class="meta">As of ${formatTime(data.now)}. Times are UTC.${hiddenNote}</p>
${summaryTiles(data.overview, data.now)}
${budgetPanel(data.budget, data.now)}
<h2>Users</h2>${userFilterForm(data.params)}
${usersTable(data.page, data.params, data.onFirstPage, data.now)}`,
  );
}
