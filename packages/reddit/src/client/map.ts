import { z } from 'zod';
import type { AboutUser, CommentsPage } from './types.js';

/** An answer whose JSON is not what Reddit documents (changed API, proxy page). */
export class RedditResponseError extends Error {
  override name = 'RedditResponseError';
  constructor(path: string, detail: string) {
    super(`unexpected answer from Reddit to ${path}: ${detail}`);
  }
}

const commentChild = z.object({
  kind: z.literal('t1'),
  data: z.object({
    id: z.string(),
    author: z.string(),
    score: z.number(),
    permalink: z.string(),
    subreddit: z.string(),
    created_utc: z.number(),
    body: z.string(),
  }),
});

const listing = z.object({
  kind: z.literal('Listing'),
  data: z.object({ after: z.string().nullish(), children: z.array(commentChild) }),
});

const about = z.object({
  kind: z.literal('t2'),
  data: z.object({ name: z.string(), created_utc: z.number().optional(), is_suspended: z.boolean().optional() }),
});

function parse<T>(schema: z.ZodType<T>, body: unknown, path: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new RedditResponseError(path, issue === undefined ? 'invalid' : `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/**
 * A `/user/<name>/comments` listing → CommentsPage: each child's `data` as seed-behaviour §3.3
 * stores it (short id, `int(created_utc)`), `after` as returned (a missing `after` counts as the end).
 */
export function toCommentsPage(body: unknown, path: string): CommentsPage {
  const { data } = parse(listing, body, path);
  return {
    comments: data.children.map(({ data: c }) => ({
      id: c.id,
      author: c.author,
      score: c.score,
      permalink: c.permalink,
      subreddit: c.subreddit,
      createdUtc: Math.trunc(c.created_utc),
      body: c.body,
    })),
    after: data.after ?? null,
  };
}

/** A 200 from `/user/<name>/about` → found (suspended accounts have only `name` and `is_suspended: true`). */
export function toAboutUser(body: unknown, path: string): AboutUser {
  const { data } = parse(about, body, path);
  return {
    kind: 'found',
    name: data.name,
    suspended: data.is_suspended === true,
    ...(data.created_utc !== undefined && { createdUtc: Math.trunc(data.created_utc) }),
  };
}
