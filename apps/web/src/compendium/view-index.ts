import type { CompendiumOverview } from '@herald/reddit/compendium';
import { formatDuration } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import { formatLongDate } from '@herald/reddit/dates';
import { commentsPath } from './paths.js';
import { commentList, compendiumStyle, statsTable, subNav, userLink, whole } from './view-parts.js';

export interface IndexView {
  overview: CompendiumOverview;
  nbTop: number;
  timeZone: string;
}

function summary(o: CompendiumOverview, timeZone: string): SafeHtml {
  return html`<table class="facts">
<tr><th>Registered</th><td>${whole(o.registered)}</td></tr>
<tr><th>Hidden</th><td>${whole(o.hidden)}</td></tr>
${o.scanRoundSeconds === null ? '' : html`<tr><th>Usual scan ≈</th><td title="Every active user was scanned within this time">${formatDuration(o.scanRoundSeconds)}</td></tr>`}
<tr><th>Last scanned</th><td>${o.lastScanned ? html`${userLink(o.lastScanned.name)}, ${formatLongDate(o.lastScanned.at, timeZone)}` : 'No scan yet.'}</td></tr>
</table>`;
}

/**
 * `/compendium` (seed-behaviour §3.10): the summary, the most downvoted comments, the negative
 * karma and karma tables of the non-hidden registered users, `No comment yet.` where there is none.
 */
export function compendiumIndexPage(view: IndexView, nav: NavOptions): SafeHtml {
  const { overview: o, timeZone } = view;
  const noComment = 'No comment yet.';
  const negative = o.byNegativeKarma.map((u) => ({ label: userLink(u.name), stats: u.negative }));
  return layout(
    'Compendium',
    nav,
    html`${compendiumStyle}<div class="compendium"><h1>Compendium</h1>${subNav()}
<nav aria-label="Sections" class="note"><a href="#summary">Summary</a> · <a href="#most-downvoted">Most downvoted</a> · <a href="#negative">Negative karma per user</a> · <a href="#karma">Karma per user</a></nav>
<h2 id="summary">Summary</h2>${summary(o, timeZone)}
<h2 id="most-downvoted">Most downvoted</h2>
${o.mostDownvoted.length === 0 ? html`<p class="empty">${noComment}</p>` : html`<p>Top ${view.nbTop} most downvoted comments. <a href="${commentsPath}">All comments.</a></p>${commentList(o.mostDownvoted, 1, timeZone)}`}
<h2 id="negative">Negative karma per user</h2>
${o.mostDownvoted.length === 0 ? html`<p class="empty">${noComment}</p>` : statsTable('User', negative, timeZone, noComment)}
<h2 id="karma">Karma per user</h2>
${statsTable('User', o.byKarma.map((u) => ({ label: userLink(u.name), stats: u.all })), timeZone, noComment)}
</div>`,
  );
}
