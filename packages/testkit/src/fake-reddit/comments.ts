import { seededRandom } from '../random.js';
import type { FakeRedditCommentContent, FakeRedditCommentData, FakeRedditCommentsSpec } from './types.js';

/**
 * Comment ids are base36 numbers `ID_BASE + ordinal · PER_USER + index`: an id names its user (by
 * the order users were added) and its place in that user's history, so no per-comment index is kept.
 * ID_BASE = 36^6 gives 7-character ids like Reddit's current ones.
 */
const ID_BASE = 36 ** 6;
const PER_USER = 2 ** 24;

const DEFAULT_SUBREDDITS = ['AskReddit', 'pics', 'news', 'worldnews', 'funny', 'gaming', 'todayilearned', 'science'];

export function commentId(ordinal: number, index: number): string {
  return (ID_BASE + ordinal * PER_USER + index).toString(36);
}

/** The user ordinal and history index an id stands for, or undefined for an id this fake never made. */
export function parseCommentId(id: string): { ordinal: number; index: number } | undefined {
  if (!/^[0-9a-z]{1,11}$/.test(id)) return undefined;
  const n = Number.parseInt(id, 36) - ID_BASE;
  if (!Number.isSafeInteger(n) || n < 0) return undefined;
  return { ordinal: Math.floor(n / PER_USER), index: n % PER_USER };
}

/** A 32-bit hash of two integers (murmur3's finaliser), to seed one comment's draws. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x85ebca6b, 0xcc9e2d51) ^ Math.imul((b + 0x27d4eb2f) | 0, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h >>> 0;
}

/** A generated history with every default filled in. */
export interface CommentSequence {
  count: number;
  seed: number;
  newestUtc: number;
  intervalSeconds: number;
  subreddits: readonly string[];
  generate: ((index: number) => FakeRedditCommentContent) | undefined;
}

export function commentSequence(spec: number | FakeRedditCommentsSpec | undefined, defaults: { seed: number; nowUtc: number }): CommentSequence {
  const full = typeof spec === 'number' ? { count: spec } : spec ?? { count: 0 };
  if (!Number.isInteger(full.count) || full.count < 0 || full.count >= PER_USER) throw new RangeError(`comments.count must be an integer in 0..${PER_USER - 1}`);
  const subreddits = full.subreddits ?? DEFAULT_SUBREDDITS;
  if (subreddits.length === 0) throw new RangeError('comments.subreddits must not be empty');
  return {
    count: full.count,
    seed: full.seed ?? defaults.seed,
    newestUtc: full.newestUtc ?? defaults.nowUtc,
    intervalSeconds: full.intervalSeconds ?? 3600,
    subreddits,
    generate: full.generate,
  };
}

/**
 * Generated comment `index` (0 = oldest). Scores: about 88% in 1..99, 10% in −1..−49 and 2% in
 * −100..−1,999 (so a −1,000 high-score threshold is crossed now and then). The body carries `&` and
 * `>` so that the `raw_json` escaping shows.
 */
export function generatedComment(sequence: CommentSequence, ordinal: number, author: string, index: number): FakeRedditCommentData {
  const random = seededRandom(mix(sequence.seed, index));
  const subreddit = sequence.subreddits[Math.floor(random() * sequence.subreddits.length)] ?? 'AskReddit';
  const roll = random();
  const magnitude = random();
  const score = roll < 0.02 ? -(100 + Math.floor(magnitude * 1900)) : roll < 0.12 ? -(1 + Math.floor(magnitude * 49)) : 1 + Math.floor(magnitude * 99);
  const base = {
    body: `Comment ${index + 1} by ${author} in r/${subreddit}: salt & pepper > sugar`,
    score,
    subreddit,
    created_utc: sequence.newestUtc - (sequence.count - 1 - index) * sequence.intervalSeconds,
  };
  return commentData(ordinal, index, author, { ...base, ...sequence.generate?.(index) }, mix(sequence.seed ^ 0x5bd1e995, index));
}

/** Assembles a comment's listing data; `postSeed` picks its post (thread) id. */
export function commentData(
  ordinal: number,
  index: number,
  author: string,
  content: Required<FakeRedditCommentContent>,
  postSeed: number,
): FakeRedditCommentData {
  const id = commentId(ordinal, index);
  const post = (ID_BASE + (postSeed % ID_BASE)).toString(36);
  return {
    id,
    name: `t1_${id}`,
    author,
    body: content.body,
    subreddit: content.subreddit,
    link_id: `t3_${post}`,
    permalink: `/r/${content.subreddit}/comments/${post}/thread_${post}/${id}/`,
    created_utc: content.created_utc,
    score: content.score,
  };
}
