import markdownIt, { type MarkdownIt } from 'markdown-it';
import { truncate } from '@herald/discord/text';

/**
 * Reddit comment bodies (Reddit Markdown, stored raw as the API's `raw_json=1` returns them) as HTML
 * safe to put in any page — the one renderer of the reports and the compendium.
 *
 * markdown-it (CommonMark + GFM tables and strikethrough, linkify for bare URLs) with:
 * - raw HTML off: `<script>` and every other tag show as text, escaped (the seed replaced `<…>` by
 *   `〈…〉`, §3.9; escaping keeps the text as written);
 * - links: only http, https and mailto; `javascript:`, `vbscript:`, `data:` (images included),
 *   `file:` and any other scheme are left as text (an allow list, stricter than markdown-it's
 *   default, which lets `data:image/*` through). Relative links resolve against
 *   https://www.reddit.com/ as on Reddit (`/r/sub`, `/u/name`), so none points into Herald;
 * - every link gets `rel="nofollow noopener noreferrer"` (user content, no referrer to Reddit);
 * - images are never loaded (no request leaves the reader's browser for a comment): `![alt](url)`
 *   renders as a link to the image, its text the alt text or the URL;
 * - headings move down three levels (`#` → h4) so a comment cannot outrank the page's own headings;
 * - tables are wrapped in `<div class="md-table">` (the page's CSS scrolls it sideways: a 200-column
 *   table does not widen the page);
 * - nesting stops at 20 levels (markdown-it's strict presets' limit) and bodies longer than Reddit's
 *   10,000-character limit are cut there, with a note: time and size stay bounded for any input.
 *
 * Reddit's own extensions `^superscript` and `>!spoilers!<` show as typed: no kept markdown-it
 * plugin implements Reddit's syntax (markdown-it-sup is pandoc's `^x^`), and they read fine as text.
 */

/** Reddit refuses comments longer than this (characters); longer stored text is cut here. */
export const MaxBodyLength = 10_000;

/** What every link rendered from a comment carries. */
export const CommentLinkRel = 'nofollow noopener noreferrer';

const RedditBase = 'https://www.reddit.com/';
const scheme = /^([a-z][a-z0-9+.-]*):/i;
const allowedSchemes = new Set(['http', 'https', 'mailto']);

/** Whether a link target may become an `href`: no scheme (relative), or http/https/mailto. */
export function isSafeLinkTarget(url: string): boolean {
  // Control characters and spaces are what browsers strip before reading a scheme (`java\tscript:`).
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const match = scheme.exec(compact);
  return match === null || allowedSchemes.has(match[1]!.toLowerCase());
}

/** An absolute URL for a (validated) link target: relative ones as Reddit resolves them. */
function absolute(url: string): string {
  if (scheme.test(url)) return url;
  try {
    return new URL(url, RedditBase).href;
  } catch {
    return RedditBase;
  }
}

function createRenderer(): MarkdownIt {
  const md = markdownIt('default', { html: false, linkify: true, typographer: false, breaks: false, maxNesting: 20 });
  md.validateLink = isSafeLinkTarget;
  // Only URLs with their scheme become links (`https://…`); linkify-it's fuzzy mode would also link
  // `example.org`, `www.…` and bare e-mail addresses, which misfires on ordinary prose.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

  const rules = md.renderer.rules;
  rules.link_open = (tokens, i, options, _env, self) => {
    const token = tokens[i]!;
    token.attrSet('href', absolute(String(token.attrGet('href') ?? '')));
    token.attrSet('rel', CommentLinkRel);
    return self.renderToken(tokens, i, options);
  };
  rules.image = (tokens, i, options, env, self) => {
    const token = tokens[i]!;
    const src = absolute(String(token.attrGet('src') ?? ''));
    const alt = self.renderInlineAsText(token.children ?? [], options, env).trim();
    const text = md.utils.escapeHtml(alt || src);
    return `<a href="${md.utils.escapeHtml(src)}" rel="${CommentLinkRel}" class="md-image" title="image (not loaded)">${text}</a>`;
  };
  rules.table_open = (tokens, i, options, _env, self) => `<div class="md-table">${self.renderToken(tokens, i, options)}`;
  rules.table_close = (tokens, i, options, _env, self) => `${self.renderToken(tokens, i, options)}</div>`;
  md.core.ruler.push('demote_headings', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 3)}`;
    }
  });
  return md;
}

const renderer = createRenderer();

/**
 * The HTML of a comment body (Reddit Markdown). Never throws; the result holds no raw HTML from
 * the body, no script-capable URL and nothing that loads a resource.
 */
export function renderRedditMarkdown(body: string): string {
  if (body.length <= MaxBodyLength) return renderer.render(body);
  // The one truncation (never splits a surrogate pair); its … is followed by the note below.
  const cut = truncate(body, MaxBodyLength);
  const note = `<p class="md-truncated">[… ${(body.length - MaxBodyLength).toLocaleString('en-US')} more characters not shown: longer than Reddit allows]</p>\n`;
  return renderer.render(cut) + note;
}
