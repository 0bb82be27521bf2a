import { formatAverage, formatReportBound } from './dates.js';
import { roundScore, type ReportComment, type UserWeekStats, type WeeklyReport } from './model.js';

/**
 * The report as Markdown, in the seed's exact format (seed-behaviour §3.9 "Markdown report"), for
 * `/reports/source/<year>/<week>` and the `report` CLI: ready to paste into a Reddit post. User
 * links go to www.reddit.com, comment links to np.reddit.com (the seed's "no participation" links).
 * Bodies are quoted line by line as stored (they are Markdown already).
 */

const userLink = (name: string) => `[/u/${name}](https://www.reddit.com/user/${name})`;

function ranking(title: string, users: readonly UserWeekStats[], value: (u: UserWeekStats) => number): string {
  const items = users.map((u) => `- **${value(u)}** with ${u.count} comments,\nby ${userLink(u.name)}`);
  return [`Top ${users.length} ${title}:`, '', ...items].join('\n');
}

function comment(c: ReportComment): string {
  return [
    `# \\#${c.number}`,
    '',
    `Author: ${userLink(c.author)} (${formatAverage(c.weekAverage)} week average)`,
    '',
    `Score: **${c.score}**`,
    '',
    `Link: [${c.permalink}](https://np.reddit.com${c.permalink})`,
    '',
    'Comment text:',
    '',
    ...c.body.split(/\r?\n/).map((line) => `> ${line}`),
  ].join('\n');
}

/** The whole Markdown text (ends with a newline). */
export function reportMarkdown(report: WeeklyReport): string {
  const bound = (d: Date) => formatReportBound(d, report.timezone);
  const head = [
    `**${report.comments.length}** comments under ${report.cutoff} from ${bound(report.window.start)} to ${bound(report.window.end)}.`,
    '',
    ranking('total negative karma change', report.delta, (u) => u.sum),
    '',
    ranking('lowest average karma per comment', report.average, (u) => roundScore(u.average)),
    '',
    '* * *',
  ].join('\n');
  return `${[head, ...report.comments.map(comment)].join('\n\n')}\n`;
}
