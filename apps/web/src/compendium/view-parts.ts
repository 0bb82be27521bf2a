import type { CommentStats, StoredComment } from '@herald/reddit/compendium';
import { roundScore } from '@herald/reddit/reports';
import { formatCount } from '../views/format.js';
import { html, SafeHtml, type HtmlPart } from '../views/html.js';
import { commentBody, permalinkUrl, subredditUrl } from './body.js';
import { formatLongDate } from '@herald/reddit/dates';
import { commentsPath, CompendiumPath, searchPath, userPath } from './paths.js';

const css = `
.compendium h1{font-size:1.4rem;margin:.6rem 0}.compendium nav.sub{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;margin:.2rem 0 .8rem}
.compendium td.num,.compendium th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.compendium table.facts{width:auto;min-width:min(24rem,100%)}.compendium table.facts th{width:11rem}
.compendium .status{font-weight:600;color:#bc4c00}
.compendium article.comment{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.5rem .8rem;margin:.8rem 0}
.compendium article.comment h3{margin:.1rem 0 .4rem;font-size:1rem}.compendium article.comment h3 a{color:inherit}
.compendium article.comment table{width:auto;border:0;font-size:.85rem}.compendium article.comment th,.compendium article.comment td{border:0;padding:.1rem .6rem .1rem 0;background:none}
.compendium blockquote{margin:.5rem 0 0;padding:.1rem .8rem;border-left:.25rem solid #d0d7de;overflow-wrap:anywhere}
.compendium .md-table{overflow-x:auto;max-width:100%}.compendium .md-table table{width:auto}
.compendium form.search{display:inline-flex;gap:.3rem}.compendium .note{color:#57606a;font-size:.85rem}
.s-negative{fill:#cf222e;background:#cf222e}
`;
/** The compendium pages' own styles (on top of the layout's), in each page's body like the Reddit page's. */
export const compendiumStyle = new SafeHtml(`<style>${css}</style>`);

/** The search box every compendium page shows (a GET form: the result is a plain link). */
export function searchForm(value = ''): SafeHtml {
  return html`<form class="search" method="get" action="${searchPath}" role="search">
<label class="sr" for="compendium-q">Find a user</label><input type="search" id="compendium-q" name="q" value="${value}" placeholder="Find a user" maxlength="100" required>
<button type="submit">Search</button></form>`;
}

/** The links under every compendium page's heading. */
export function subNav(search = ''): SafeHtml {
  return html`<nav class="sub" aria-label="Compendium"><a href="${CompendiumPath}">Compendium</a><a href="${commentsPath}">All comments</a>${searchForm(search)}</nav>`;
}

/** An integer as the pages show it (`-1,234`). */
export const whole = (n: number) => formatCount(n);

/** An average rounded as the seed did (Go's `math.Round`: −150.5 → −151), or `N/A` without comments (the seed's). */
export const average = (n: number | null) => (n === null ? 'N/A' : formatCount(roundScore(n) + 0)); // + 0: no `-0` for −0.4

export interface StatsRow {
  /** The User or Sub cell's content (a link). */
  label: HtmlPart;
  stats: CommentStats;
}

/** A ranked table (Rank, `labelHeader`, Karma, Count, Average, Last commented), the seed's layout; `empty` when no row. */
export function statsTable(labelHeader: string, rows: readonly StatsRow[], timeZone: string, empty: string): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table class="stats"><thead><tr><th class="num">Rank</th><th>${labelHeader}</th><th class="num">Karma</th><th class="num">Count</th><th class="num">Average</th><th>Last commented</th></tr></thead><tbody>
${rows.map(
  (row, i) =>
    html`<tr><td class="num">${i + 1}</td><td>${row.label}</td><td class="num">${whole(row.stats.karma)}</td><td class="num">${whole(row.stats.count)}</td><td class="num">${average(row.stats.average)}</td><td>${formatLongDate(row.stats.lastCommented, timeZone)}</td></tr>\n`,
)}</tbody></table>`;
}

/** A link to a user's compendium page. */
export const userLink = (name: string) => html`<a href="${userPath(name)}">${name}</a>`;

/** A link to a subreddit on Reddit. */
export const subLink = (subreddit: string) => html`<a href="${subredditUrl(subreddit)}" rel="noreferrer">${subreddit}</a>`;

/** Comments numbered from `first` (1 on a first page, offset + 1 after), each with its author, date, score, sub, link and rendered body. */
export function commentList(comments: readonly StoredComment[], first: number, timeZone: string): SafeHtml {
  return html`${comments.map((c, i) => {
    const n = first + i;
    const url = permalinkUrl(c.permalink);
    return html`<article class="comment" id="${n}"><h3><a href="#${n}">#${n}</a></h3>
<table><tr><th>Author</th><td>${userLink(c.author)}</td></tr><tr><th>Date</th><td>${formatLongDate(c.createdAt, timeZone)}</td></tr>
<tr><th>Score</th><td>${whole(c.score)}</td></tr><tr><th>Sub</th><td>${subLink(c.subreddit)}</td></tr>
<tr><th>Link</th><td>${url === null ? c.permalink : html`<a href="${url}" rel="noreferrer">${c.permalink}</a>`}</td></tr></table>
<blockquote>${commentBody(c.body)}</blockquote></article>\n`;
  })}`;
}
