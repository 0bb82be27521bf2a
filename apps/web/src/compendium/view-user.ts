import type { TrackedUser, UserCompendium } from '@herald/reddit/compendium';
import { roundScore } from '@herald/reddit/reports';
import { html, type SafeHtml } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import { redditUserUrl } from './body.js';
import { weeklyKarmaChart } from './chart.js';
import { formatLongDate } from '@herald/reddit/dates';
import { userCommentsPath } from './paths.js';
import { average, commentList, compendiumStyle, statsTable, subLink, subNav, whole } from './view-parts.js';

export interface UserView {
  data: UserCompendium;
  nbTop: number;
  timeZone: string;
}

/** The seed's status line (suspended, deleted, back-filling), plus whether the reports leave the user out. */
function statusLines(user: TrackedUser): string[] {
  return [
    user.suspended ? 'Account suspended' : '',
    user.notFound ? 'Account deleted' : '',
    user.isNew ? 'Not fully scanned yet.' : '',
    user.hidden ? 'Hidden from the weekly reports and the compendium’s tables.' : '',
  ].filter(Boolean);
}

function facts(data: UserCompendium, timeZone: string): SafeHtml {
  const { user, summary } = data;
  const date = (d: Date | null) => formatLongDate(d, timeZone);
  const { all, negative } = summary;
  const percent = all.count === 0 ? 0 : roundScore((100 * negative.count) / all.count);
  return html`<table class="facts">
<tr><th>Link</th><td><a href="${redditUserUrl(user.name)}" rel="noreferrer">/u/${user.name}</a></td></tr>
<tr><th>Account created</th><td>${user.createdAt ? date(user.createdAt) : 'Unknown'}</td></tr>
<tr><th>Last commented</th><td>${date(all.lastCommented)}</td></tr>
<tr><th>Tracked since</th><td>${date(user.addedAt)}</td></tr>
<tr><th>Last scanned</th><td>${user.isNew ? 'Not fully scanned yet' : user.lastScanAt ? date(user.lastScanAt) : 'Never'}</td></tr>
<tr><th>Number of comments</th><td>${whole(all.count)}, with ${whole(negative.count)} negative (${percent}%)</td></tr>
<tr><th>Total karma</th><td>${whole(all.karma)}, and ${whole(negative.karma)} if negative only</td></tr>
<tr><th>Average per comment</th><td>${average(all.average)}${negative.count > 0 ? `, and ${average(negative.average)} if negative only` : ''}</td></tr>
</table>`;
}

/**
 * `/compendium/user/<name>` (seed-behaviour §3.10): status, facts, a weekly karma chart, the most
 * downvoted comments, the negative and all-comment tables per subreddit, and the seed's note.
 */
export function compendiumUserPage(view: UserView, nav: NavOptions): SafeHtml {
  const { data, timeZone } = view;
  const { user } = data;
  const none = 'No comment yet.';
  const status = statusLines(user);
  return layout(
    `Compendium of /u/${user.name}`,
    nav,
    html`${compendiumStyle}<div class="compendium"><h1>/u/${user.name}</h1>${subNav()}
${status.map((line) => html`<p class="status">${line}</p>`)}
${facts(data, timeZone)}
${weeklyKarmaChart(data.weeks, data.thisWeek)}
<h2 id="most-downvoted">Most downvoted</h2>
${data.mostDownvoted.length === 0 ? html`<p class="empty">${none}</p>` : html`<p>Top ${view.nbTop} most downvoted comments. <a href="${userCommentsPath(user.name)}">All comments.</a></p>${commentList(data.mostDownvoted, 1, timeZone)}`}
<h2 id="negative-per-sub">Negative per sub</h2>
${statsTable('Sub', data.negativePerSub.map((s) => ({ label: subLink(s.subreddit), stats: s.negative })), timeZone, 'No negative comment yet.')}
<h2 id="per-sub">Per sub</h2>
${statsTable('Sub', data.perSub.map((s) => ({ label: subLink(s.subreddit), stats: s.all })), timeZone, none)}
<p class="note">NB: comments from after a sub has been quarantined aren't saved, but comments deleted by the user are kept.</p>
</div>`,
  );
}
