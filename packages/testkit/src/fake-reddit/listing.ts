import { parseCommentId } from './comments.js';
import type { FakeRedditCommentData } from './types.js';
import type { FakeUser, FakeUserStore } from './users.js';

/** Reddit lists at most the 1,000 newest items of a listing ("the precompute limit is hardcoded to 1000 items"). */
export const LISTING_CAP = 1000;
/** Reddit's largest page; `limit` above it is capped (snoowrap's fetchAll asks for 2^53 − 1). */
export const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 25;

export interface ListingPage {
  children: FakeRedditCommentData[];
  /** Fullname of the page's last item, or null when the listing (or its 1,000-item cap) ends here. */
  after: string | null;
}

/** Reddit's `limit`: missing or not a positive integer → 25; above 100 → 100. */
export function pageLimit(raw: string | null): number {
  const value = raw === null ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value < 1) return DEFAULT_LIMIT;
  return Math.min(Math.floor(value), MAX_LIMIT);
}

/**
 * One page of the user's comments, newest first, after the item `after` (a `t1_` fullname). An
 * `after` that is not one of this user's listed comments gives an empty page, as Reddit does.
 */
export function listComments(store: FakeUserStore, user: FakeUser, after: string | null, limit: number): ListingPage {
  const length = store.historyLength(user);
  const listed = Math.min(length, LISTING_CAP);
  let start = 0;
  if (after !== null && after !== '') {
    const parsed = after.startsWith('t1_') ? parseCommentId(after.slice(3)) : undefined;
    if (parsed === undefined || parsed.ordinal !== user.ordinal || parsed.index >= length) return { children: [], after: null };
    start = length - parsed.index; // the position (newest = 0) just past `after`
  }
  const end = Math.min(start + limit, listed);
  const children: FakeRedditCommentData[] = [];
  for (let position = start; position < end; position++) children.push(store.comment(user, length - 1 - position));
  const last = children.at(-1);
  return { children, after: end < listed && last !== undefined ? last.name : null };
}
