import type { WeekStats } from '@herald/reddit/compendium';
import { svgChart } from '../views/charts.js';
import { formatCount } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';

/** How many weeks the user page's chart shows, ending with the current one. */
export const ChartWeeks = 52;

const dayMs = 86_400_000;

/** The `YYYY-MM-DD` Mondays of the `count` weeks ending with `thisWeek` (calendar dates: no time zone involved). */
export function weeksEndingWith(thisWeek: string, count: number): string[] {
  const end = Date.parse(`${thisWeek}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * 7 * dayMs).toISOString().slice(0, 10));
}

/**
 * The user page's chart: the karma of each of the last 52 weeks, of all comments and of the negative
 * ones, as bars (negative karma hangs below 0), with the numbers as a table (views/charts.ts). A note
 * instead when the user has no comment in those weeks.
 */
export function weeklyKarmaChart(weeks: readonly WeekStats[], thisWeek: string): SafeHtml {
  if (thisWeek === '') return html``;
  const labels = weeksEndingWith(thisWeek, ChartWeeks);
  const byWeek = new Map(weeks.map((w) => [w.week, w]));
  if (!labels.some((week) => byWeek.has(week))) return html`<p class="empty">No comment in the last ${ChartWeeks} weeks.</p>`;
  // A week without comments is 0 (no bar).
  const values = (pick: (w: WeekStats) => number) =>
    labels.map((week) => {
      const stats = byWeek.get(week);
      return stats ? pick(stats) : 0;
    });
  return html`<section class="charts" aria-label="Chart">${svgChart({
    id: 'chart-weekly-karma',
    title: `Karma per week, last ${ChartWeeks} weeks`,
    description: `The sum of the scores of the user's stored comments posted in each of the last ${ChartWeeks} weeks (Monday to Sunday), all comments and negative ones only; the current week is still running.`,
    labels: labels.map((week) => week.slice(5)),
    labelEvery: 4,
    kind: 'bars',
    series: [
      { name: 'karma', css: 's-events', values: values((w) => w.all.karma) },
      { name: 'negative only', css: 's-negative', values: values((w) => w.negative.karma) },
    ],
    format: formatCount,
  })}</section>`;
}
