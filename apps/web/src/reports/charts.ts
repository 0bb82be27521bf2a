import { shiftWeek, type ReportComment, type ReportWeek, type WeeklyKarma } from '@herald/reddit/reports';
import { svgChart } from '../views/charts.js';
import { formatCount } from '../views/format.js';
import type { SafeHtml } from '../views/html.js';

/**
 * The report page's two charts, inline SVG through the dashboard's chart helper (views/charts.ts,
 * d3-scale): nothing is requested from anyone, and each chart's numbers are in a table below it.
 */

/** Weeks of karma history shown for the top users: the report's week and the 25 before (~6 months). */
export const KarmaHistoryWeeks = 26;
/** Lines drawn at most (one colour each in the page's style). */
export const KarmaChartUsers = 5;

/** The weeks of the karma chart, oldest first, ending with `week`. */
export function karmaWeeks(week: ReportWeek): ReportWeek[] {
  return Array.from({ length: KarmaHistoryWeeks }, (_, i) => shiftWeek(week, i - (KarmaHistoryWeeks - 1)));
}

const steps = [1, 1.5, 2, 3, 5];

/**
 * Bin edges as magnitudes: |cutoff|, then the 1–1.5–2–3–5 × 10ⁿ steps above it until one passes the
 * most negative score. Scores have a long tail (−50 to −2,000 in a week): equal-width bins would
 * put nearly everything in the first.
 */
export function scoreBinEdges(cutoff: number, worst: number): number[] {
  const edges = [Math.abs(cutoff)];
  for (let power = 1; edges.at(-1)! <= Math.abs(worst); power *= 10) {
    for (const step of steps) if (Number.isInteger(step * power) && step * power > edges.at(-1)!) edges.push(step * power);
  }
  while (edges.length > 2 && edges.at(-2)! > Math.abs(worst)) edges.pop();
  return edges;
}

/** Histogram of the report's comment scores. */
export function scoreDistributionChart(comments: readonly ReportComment[], cutoff: number): SafeHtml {
  const worst = Math.min(cutoff, ...comments.map((c) => c.score));
  const edges = scoreBinEdges(cutoff, worst);
  const bins = edges.slice(0, -1).map((low, i) => ({ low, high: edges[i + 1]! }));
  const counts = bins.map(({ low, high }) => comments.filter((c) => -c.score >= low && -c.score < high).length);
  return svgChart({
    id: 'chart-scores',
    title: 'Score distribution of the week’s comments',
    description: `How many of the week's ${comments.length} listed comments fall in each range of scores.`,
    labels: bins.map(({ low, high }) => `${-low}…${-(high - 1)}`),
    labelEvery: bins.length > 5 ? 2 : 1, // wider labels than bars beyond five: every other one
    kind: 'bars',
    series: [{ name: 'comments', css: 's-score', values: counts }],
    format: formatCount,
  });
}

/** Each top user's negative karma per week over the last ~6 months, as lines. */
export function karmaHistoryChart(weeks: readonly ReportWeek[], karma: ReadonlyMap<string, readonly WeeklyKarma[]>): SafeHtml {
  const users = [...karma].slice(0, KarmaChartUsers);
  return svgChart({
    id: 'chart-karma',
    title: `Weekly negative karma of the top ${users.length}, last ${weeks.length} weeks`,
    description: 'The sum of the negative scores of each of the week’s top users, week by week, up to this week.',
    labels: weeks.map((w) => `${w.week === 1 || w === weeks[0] ? `${w.year} ` : ''}W${w.week}`),
    labelEvery: 4,
    kind: 'lines',
    series: users.map(([name, series], i) => ({ name, css: `s-user${i + 1}`, values: series.map((w) => w.sum) })),
    format: formatCount,
  });
}
