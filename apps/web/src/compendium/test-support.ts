/** The compendium's web tests: an app with chosen settings, and a history relative to now (excluded from the build). */
import type { FastifyInstance } from 'fastify';
import type { SqlPool } from '@herald/db/sql';
import { captureLogs } from '@herald/logging/testing';
import { buildApp } from '../app.js';
import type { WebDeps } from '../deps.js';
import type { TestEnv } from '../test-harness.js';

/** A name no validation would let in, stored anyway to prove every page escapes it. */
export const hostileName = '<img src=x onerror=alert(1)>"\'&';
/** A body that tries raw HTML and a script link: the Markdown renderer must neutralise both. */
export const hostileBody = '**bold** <script>alert("body")</script> [click](javascript:alert(1)) ![img](https://tracker.example/p.png)';

const hour = 3_600_000;
const day = 24 * hour;

/** The web app of `env` with the compendium's settings (the rest as the harness builds it); closed by the caller. */
export async function buildCompendiumApp(env: TestEnv, settings: Pick<WebDeps, 'reports' | 'pageLimits' | 'admin'> = {}): Promise<FastifyInstance> {
  return buildApp({ db: env.sql, queues: env.queues, logger: captureLogs('compendium-test').logger, ...settings });
}

interface User {
  name: string;
  hidden?: boolean;
  unregistered?: boolean;
  suspended?: boolean;
  notFound?: boolean;
  isNew?: boolean;
}

/**
 * Relative to `now` (the pages read the wall clock):
 * - Alice: a1 −100 pics (the hostile body, 1 h ago), a2 −20 pics (2 d ago), a3 +30 news (9 d ago);
 * - the hostile name: h1 −50 in the sub `"><b>sub`, permalink `//evil.example/steal` (not Reddit's);
 * - Hidden_Hank (hidden): −500; gone_gus (unregistered): −1000; Sus_Sam (suspended): −300 and −1 in a
 *   `javascript:` permalink; new_nina (new): nothing.
 * Negative comments the lists show, most negative first: s1 −300, a1 −100, h1 −50, a2 −20, s2 −1.
 */
export async function seedWebFixture(db: SqlPool, now = Date.now()): Promise<void> {
  const at = (ms: number) => new Date(now - ms);
  const users: User[] = [
    { name: 'Alice' },
    { name: hostileName },
    { name: 'Hidden_Hank', hidden: true },
    { name: 'gone_gus', unregistered: true },
    { name: 'Sus_Sam', suspended: true },
    { name: 'new_nina', isNew: true },
  ];
  for (const [i, u] of users.entries()) {
    await db.query(
      `INSERT INTO reddit_users (name, created_at, added_at, hidden, unregistered, suspended, not_found, is_new, last_scan_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [u.name, at(400 * day), at(30 * day), u.hidden ?? false, u.unregistered ?? false, u.suspended ?? false, u.notFound ?? false, u.isNew ?? false, u.isNew ? null : at((i + 1) * 60_000)],
    );
  }
  const comments: Array<[string, string, number, string, number, string?, string?]> = [
    ['a1', 'Alice', -100, 'pics', hour, hostileBody],
    ['a2', 'Alice', -20, 'pics', 2 * day],
    ['a3', 'Alice', 30, 'news', 9 * day],
    ['h1', hostileName, -50, '"><b>sub', 3 * hour, 'plain', '//evil.example/steal'],
    ['k1', 'Hidden_Hank', -500, 'pics', day],
    ['g1', 'gone_gus', -1000, 'pics', day],
    ['s1', 'Sus_Sam', -300, 'worldnews', 4 * hour],
    ['s2', 'Sus_Sam', -1, 'worldnews', 5 * hour, 'meh', 'javascript:alert(1)'],
  ];
  for (const [id, author, score, sub, age, body, permalink] of comments) {
    await db.query(
      `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, author, score, permalink ?? `/r/${sub}/comments/t/title/${id}/`, sub, at(age), body ?? `body of ${id}`],
    );
  }
}
