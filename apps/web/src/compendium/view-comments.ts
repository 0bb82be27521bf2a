import type { PageRequest, StoredComment } from '@herald/reddit/compendium';
import { html, type HtmlPart, type SafeHtml } from '../views/html.js';
import { layout, type NavOptions } from '../views/layout.js';
import { pageQuery } from './pagination.js';
import { commentList, compendiumStyle, subNav } from './view-parts.js';

export interface CommentsView {
  /** The page's title (`All comments`, `Comments of /u/alice`). */
  title: string;
  heading: HtmlPart;
  /** What the list holds and in which order. */
  description: string;
  comments: readonly StoredComment[];
  page: PageRequest;
  /** The list's path, for the pager's links. */
  path: string;
  timeZone: string;
}

/**
 * The pager (seed-behaviour §3.8): `Next N comments →` only when this page is full (there may be
 * more), and, beyond the seed, `← Previous N comments` after the first page.
 */
function pager(view: CommentsView): SafeHtml {
  const { limit, offset } = view.page;
  const previous = offset > 0 ? html`<a href="${view.path}${pageQuery({ limit, offset: Math.max(0, offset - limit) })}" rel="prev">← Previous ${limit} comments</a>` : '';
  const next = view.comments.length === limit ? html`<a href="${view.path}${pageQuery({ limit, offset: offset + limit })}" rel="next">Next ${limit} comments →</a>` : '';
  return previous || next ? html`<nav class="pager" aria-label="Pages">${previous}${next}</nav>` : html``;
}

/** A page of comments numbered from offset + 1 (the seed's numbering), with its pager. */
export function compendiumCommentsPage(view: CommentsView, nav: NavOptions): SafeHtml {
  const { comments, page } = view;
  const empty = page.offset === 0 ? 'No comment yet.' : `No comment after number ${page.offset}.`;
  return layout(
    view.title,
    nav,
    html`${compendiumStyle}<div class="compendium"><h1>${view.heading}</h1>${subNav()}
<p class="note">${view.description}</p>
${comments.length === 0 ? html`<p class="empty">${empty}</p>` : commentList(comments, page.offset + 1, view.timeZone)}
${pager(view)}</div>`,
  );
}
