import { formatAverage, formatStatisticsBound, type WeekStatistics } from '@herald/reddit/reports';
import { formatCount } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import { reportPath } from './paths.js';
import { rankingTable, reportsStyle, titleLine } from './view-parts.js';

/**
 * `/reports/stats/<year>/<week>` (seed-behaviour §3.9 "Stats page"): the week's global figures over
 * every author with a negative comment, and the full (unfiltered, unlimited) rankings.
 */
export function statisticsPage(stats: WeekStatistics, nav: NavOptions): SafeHtml {
  const { week, timezone, totals } = stats;
  const title = `Statistics of year ${week.year} week ${week.week}`;
  const bound = (d: Date) => formatStatisticsBound(d, timezone);
  const body = html`${reportsStyle}<div class="reports">
${titleLine(title)}
<nav class="toc" aria-label="Sections"><ul><li><a href="${reportPath(week)}">The week’s report</a></li><li><a href="#delta">Total negative karma change</a></li><li><a href="#average">Lowest average karma per comment</a></li></ul></nav>
<article class="report-head">
<h1 id="summary">Summary</h1>
<p>Statistics from ${bound(stats.window.start)} to ${bound(stats.window.end)}.</p>
<p>Number of comments with a negative score: <strong>${formatCount(totals.count)}</strong></p>
<p>Collective karma change: <strong>${formatCount(totals.sum)}</strong></p>
<p>Collective average negative score per comment: <strong>${formatAverage(totals.average)}</strong></p>
<h2 id="delta">Total negative karma change (${stats.delta.length} users)</h2>
${rankingTable(stats.delta, 'Karma')}
<h2 id="average">Lowest average karma per comment (${stats.average.length} users)</h2>
${rankingTable(stats.average, 'Average')}
</article>
<footer class="back"><a href="#title">back to top</a></footer>
</div>`;
  return layout(title, nav, body);
}
