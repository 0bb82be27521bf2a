import type { ReportSettings } from '@herald/reddit/pages-settings';
import { formatDay, weekWindow, type ReportIndexEntry, type ReportWeek } from '@herald/reddit/reports';
import { formatCount } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import { reportPath, ReportsPath, sourcePath, statsPath } from './paths.js';
import { reportsStyle, weekLabel } from './view-parts.js';

export interface IndexPageData {
  weeks: readonly ReportIndexEntry[];
  current: ReportWeek;
  settings: Pick<ReportSettings, 'timezone' | 'leeway' | 'cutoff'>;
}

/**
 * `/reports`: every week that has a report, newest first, with its number of comments (the seed
 * only redirected to `/`), and links to the current and last week.
 */
export function reportIndexPage(data: IndexPageData, nav: NavOptions): SafeHtml {
  const { timezone } = data.settings;
  const rows = data.weeks.map(({ week, comments }) => {
    const start = weekWindow(week, data.settings).start;
    return html`<tr><td><a href="${reportPath(week)}">${weekLabel(week)}</a></td><td>${formatDay(start, timezone)}</td><td class="num">${formatCount(comments)}</td>
<td><a href="${statsPath(week)}">statistics</a> · <a href="${sourcePath(week)}">Markdown</a></td></tr>\n`;
  });
  const body = html`${reportsStyle}<div class="reports">
<div id="title"><a href="${ReportsPath}">Weekly reports</a></div>
<nav class="weeks" aria-label="Shortcuts"><a href="${ReportsPath}/current">This week (${weekLabel(data.current)})</a><a href="${ReportsPath}/lastweek">Last week</a></nav>
<p>Comments at or under ${data.settings.cutoff} of the tracked users, week by week (ISO weeks from Monday 00:00, ${timezone}).</p>
${
  data.weeks.length === 0
    ? html`<p class="empty">No report yet: no stored comment is at or under ${data.settings.cutoff}.</p>`
    : html`<table class="ranking"><thead><tr><th>Week</th><th>From</th><th class="num">Comments</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
}
</div>`;
  return layout('Weekly reports', nav, body);
}
