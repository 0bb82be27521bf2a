import { CommentLinkRel, formatAverage, formatCommentDate, formatReportBound, type ReportComment, type ReportWeek, type WeeklyKarma, type WeeklyReport } from '@herald/reddit/reports';
import { formatCount } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import { karmaHistoryChart, scoreDistributionChart } from './charts.js';
import { sourcePath, statsPath } from './paths.js';
import { commentBody, rankingTable, reportsStyle, titleLine, userLink, weekNav } from './view-parts.js';

export interface ReportPageData {
  report: WeeklyReport;
  /** The nearest older and newer weeks that have a report. */
  previous: ReportWeek | undefined;
  next: ReportWeek | undefined;
  /** The karma chart's weeks, and each top user's series over them (Delta's order). */
  karmaWeeks: readonly ReportWeek[];
  karma: ReadonlyMap<string, readonly WeeklyKarma[]>;
}

function comment(c: ReportComment, timezone: string): SafeHtml {
  const link = `https://www.reddit.com${c.permalink}`;
  return html`<article class="comment">
<h2 id="${c.number}"><a href="#${c.number}">#${c.number}</a></h2>
<table class="facts">
<tr><th>Author</th><td>${userLink(c.author)} (${formatAverage(c.weekAverage)} week average)</td></tr>
<tr><th>Date</th><td>${formatCommentDate(c.createdAt, timezone)}</td></tr>
<tr><th>Score</th><td>${c.score}</td></tr>
<tr><th>Link</th><td><a href="${link}" rel="${CommentLinkRel}">${c.permalink}</a></td></tr>
</table>
<blockquote>${commentBody(c.body)}</blockquote>
</article>\n`;
}

/**
 * `/reports/<year>/<week>` (seed-behaviour §3.9 "HTML layout"): the title linking the index, the
 * Markdown source link, the section links, the summary with both rankings, then every comment with
 * its author, date, score, link and body; plus what the seed lacked: the previous/next week, and
 * two charts (the week's score distribution, the top users' weekly karma over ~6 months).
 */
export function reportPage(data: ReportPageData, nav: NavOptions): SafeHtml {
  const { report } = data;
  const { week, timezone } = report;
  const title = `Report of year ${week.year} week ${week.week}`;
  const bound = (d: Date) => formatReportBound(d, timezone);
  const body = html`${reportsStyle}<div class="reports">
${titleLine(title)}
<aside class="md-link"><a href="${sourcePath(week)}">source</a></aside>
${weekNav(data.previous, data.next)}
<nav class="toc" aria-label="Sections"><ul><li><a href="#summary">Summary</a></li><li><a href="#delta">Top negative karma change</a></li><li><a href="#average">Top average per comment</a></li><li><a href="#comments">Comments</a></li></ul></nav>
<article class="report-head">
<h1 id="summary">Summary</h1>
<p><strong>${report.comments.length}</strong> comments under ${report.cutoff} from ${bound(report.window.start)} to ${bound(report.window.end)}.</p>
<p>Collective karma change for the week: <strong>${formatCount(report.totals.sum)}</strong>.</p>
<p><a href="${statsPath(week)}">Complete statistics for the week.</a></p>
<h2 id="delta">Top ${report.delta.length} total negative karma change</h2>
${rankingTable(report.delta, 'Karma')}
<h2 id="average">Top ${report.average.length} lowest average karma per comment</h2>
${rankingTable(report.average, 'Average')}
<section class="charts" aria-label="Charts">
${scoreDistributionChart(report.comments, report.cutoff)}
${data.karma.size > 0 ? karmaHistoryChart(data.karmaWeeks, data.karma) : ''}
</section>
</article>
<section class="report-comments">
<h1 id="comments">Comments</h1>
${report.comments.map((c) => comment(c, timezone))}
</section>
<footer class="back"><a href="#title">back to top</a></footer>
</div>`;
  return layout(title, nav, body);
}
