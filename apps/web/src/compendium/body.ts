import { renderRedditMarkdown } from '@herald/reddit/reports';
import { SafeHtml } from '../views/html.js';

/** A comment body (Reddit Markdown) as HTML: the reports' one renderer (raw HTML escaped, safe links, no images loaded). */
export function commentBody(body: string): SafeHtml {
  return new SafeHtml(renderRedditMarkdown(body));
}

const RedditOrigin = 'https://www.reddit.com';

/**
 * `https://www.reddit.com<permalink>` for a stored permalink (`/r/sub/comments/…`), or null when the
 * stored text is not a path on Reddit (`//elsewhere.example/…`, `javascript:…`): no link then.
 */
export function permalinkUrl(permalink: string): string | null {
  if (!permalink.startsWith('/')) return null;
  try {
    const url = new URL(permalink, RedditOrigin);
    return url.origin === RedditOrigin ? url.href : null;
  } catch {
    return null;
  }
}

/** A subreddit's page on Reddit (`https://www.reddit.com/r/<sub>`), the name encoded. */
export const subredditUrl = (subreddit: string) => `${RedditOrigin}/r/${encodeURIComponent(subreddit)}`;

/** A user's profile on Reddit. */
export const redditUserUrl = (name: string) => `${RedditOrigin}/user/${encodeURIComponent(name)}`;
