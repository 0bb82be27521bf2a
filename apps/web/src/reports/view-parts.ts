import { renderRedditMarkdown, roundScore, type ReportWeek, type UserWeekStats } from '@herald/reddit/reports';
import { formatCount } from '../views/format.js';
import { html, SafeHtml } from '../views/html.js';
import { compendiumUserPath, reportPath, ReportsPath } from './paths.js';

/**
 * The reports' own styles, on top of the layout's, in each page's body as the other Reddit pages do.
 * The seed's `aside.md-link` "M↓" badge (§3.9 "/css/reports") is kept; comment bodies may hold
 * tables of any width: `.md-table` scrolls instead of widening the page, long words wrap.
 */
const css = `
.reports #title{font-size:1.5rem;font-weight:600;margin:.4rem 0}.reports #title a{color:inherit;text-decoration:none}
.reports h1{font-size:1.3rem;margin:1rem 0 .5rem}.reports h2{font-size:1.05rem}
.reports aside.md-link{float:right;font-weight:600}.reports aside.md-link a::after{content:"M↓";margin-left:.3rem;padding:0 .25rem;border-radius:.2rem;background:#57606a;color:#fff;font-size:.75rem}
.reports nav.toc ul,.reports nav.weeks{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0;margin:.3rem 0 .6rem}
.reports td.num,.reports th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.reports table.ranking{width:auto;min-width:22rem}
.reports article.comment{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.5rem .8rem;margin:.8rem 0;overflow-wrap:anywhere}
.reports article.comment h2{margin:.1rem 0 .4rem;font-size:1rem}.reports article.comment h2 a{color:inherit}
.reports article.comment table.facts{width:auto;border:0;font-size:.85rem}.reports table.facts th,.reports table.facts td{border:0;padding:.1rem .6rem .1rem 0;background:none}
.reports blockquote{margin:.5rem 0 0;padding:.1rem .8rem;border-left:.25rem solid #d0d7de}
.reports blockquote blockquote{color:#57606a}.reports blockquote pre{overflow-x:auto;background:#f6f8fa;padding:.4rem}
.reports .md-table{overflow-x:auto;max-width:100%}.reports .md-table table{width:auto}
.reports footer.back{margin:1rem 0}
.s-score{fill:#cf222e;background:#cf222e}
.s-user1{fill:#cf222e;stroke:#cf222e;background:#cf222e}.s-user2{fill:#0969da;stroke:#0969da;background:#0969da}
.s-user3{fill:#1a7f37;stroke:#1a7f37;background:#1a7f37}.s-user4{fill:#8250df;stroke:#8250df;background:#8250df}
.s-user5{fill:#bf8700;stroke:#bf8700;background:#bf8700}
`;
export const reportsStyle = new SafeHtml(`<style>${css}</style>`);

/** `2019 week 36`. */
export const weekLabel = (week: ReportWeek) => `${week.year} week ${week.week}`;

/** A user's name linking to their compendium page. */
export const userLink = (name: string) => html`<a href="${compendiumUserPath(name)}">${name}</a>`;

/** A comment body (Reddit Markdown) as HTML: the one renderer (raw HTML escaped, safe links, images not loaded). */
export const commentBody = (body: string) => new SafeHtml(renderRedditMarkdown(body));

/** A ranking table (the seed's Delta or Average table): Rank, Name, the figure, Count; numbers as `-1,234` (averages rounded as the seed). */
export function rankingTable(users: readonly UserWeekStats[], figure: 'Karma' | 'Average'): SafeHtml {
  const value = (u: UserWeekStats) => formatCount(figure === 'Karma' ? u.sum : roundScore(u.average));
  return html`<table class="ranking"><thead><tr><th class="num">Rank</th><th>Name</th><th class="num">${figure}</th><th class="num">Count</th></tr></thead>
<tbody>${users.map((u, i) => html`<tr><td class="num">${i + 1}</td><td>${userLink(u.name)}</td><td class="num">${value(u)}</td><td class="num">${formatCount(u.count)}</td></tr>\n`)}</tbody></table>`;
}

/** Links to the previous and next weeks that have a report, and to the index. */
export function weekNav(previous: ReportWeek | undefined, next: ReportWeek | undefined): SafeHtml {
  return html`<nav class="weeks" aria-label="Other weeks">
${previous ? html`<a rel="prev" href="${reportPath(previous)}">← ${weekLabel(previous)}</a>` : ''}
<a href="${ReportsPath}">All weeks</a>
${next ? html`<a rel="next" href="${reportPath(next)}">${weekLabel(next)} →</a>` : ''}</nav>`;
}

/** The title line of a report page (the seed's `#title`, linking the index). */
export function titleLine(text: string): SafeHtml {
  return html`<div id="title"><a href="${ReportsPath}">${text}</a></div>`;
}

