import { RedditUserStates, type RedditOverview } from '@herald/reddit/read-model';
import type { BudgetReading } from './budget.js';
import type { RedditUserPage, RedditUserRow } from './data.js';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;

/** A JSON object schema whose every property is required (the serializer then drops anything unlisted). */
const object = (properties: Record<string, unknown>) => ({ type: 'object', required: Object.keys(properties), properties }) as const;

const userSchema = object({
  name: str, state: { type: 'string', enum: [...RedditUserStates] }, hidden: { type: 'boolean' }, scanning: { type: 'boolean' }, position: nullableString,
  addedAt: str, createdAt: nullableString, lastScanAt: nullableString, dueAt: str, batchSize: int, comments: int, registeredBy: nullableString,
});

/** `GET /api/reddit/users`: the page's list (same filters and keyset cursors); times in ISO-8601 UTC. */
export const redditUsersApiSchema = object({ users: { type: 'array', items: userSchema }, nextAfter: nullableString, prevBefore: nullableString });

const budgetSchema = {
  type: ['object', 'null'],
  required: ['limit', 'used', 'remaining', 'resetAt', 'requestsLastMinute', 'rateLimited', 'updatedAt'],
  properties: { limit: nullableNumber, used: nullableNumber, remaining: nullableNumber, resetAt: nullableString, requestsLastMinute: int, rateLimited: int, updatedAt: nullableString },
} as const;

/**
 * `GET /api/reddit`: the page's summary. `budgetStatus` says why `budget` is null (`unconfigured`:
 * no reddit.clientId for the web; `unavailable`: Redis did not answer; `none`: no poller has used it yet).
 */
export const redditSummaryApiSchema = object({
  users: object(Object.fromEntries(RedditUserStates.map((s) => [s, int]))),
  hidden: int, scanLagSeconds: nullableNumber, oldestDueAt: nullableString,
  comments: object({ count: int, estimated: { type: 'boolean' } }), highscores: int,
  budgetStatus: { type: 'string', enum: ['unconfigured', 'unavailable', 'none', 'known'] }, budget: budgetSchema,
});

const userJson = (u: RedditUserRow) => ({ ...u, addedAt: u.addedAt.toISOString(), createdAt: iso(u.createdAt), lastScanAt: iso(u.lastScanAt), dueAt: u.dueAt.toISOString() });

export function redditUsersJson(page: RedditUserPage) {
  return { users: page.users.map(userJson), nextAfter: page.nextAfter, prevBefore: page.prevBefore };
}

export function redditSummaryJson(overview: RedditOverview, budget: BudgetReading) {
  const b = budget.kind === 'known' ? budget.snapshot : null;
  return {
    ...overview,
    oldestDueAt: iso(overview.oldestDueAt),
    budgetStatus: budget.kind,
    budget: b && { ...b, resetAt: iso(b.resetAt), updatedAt: iso(b.updatedAt) },
  };
}
