/**
 * `purge` against a real Postgres: what the confirmation lists, that nothing is deleted before the
 * click, and what the click deletes (users, comments, high-score marks, who registered them).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext, CommandReply, CommandResult } from '@herald/bot';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { captureLogs } from '@herald/logging/testing';
import { createRedditCommandDeps, type RedditCommandDeps } from '@herald/reddit/commands';
import { createTestDatabase, startTcpProxy, type TestDatabase } from '@herald/testkit';
import { DATABASE_DOWN, purge } from './purge.js';

const MODERATOR = '300000000000000002';

let database: TestDatabase;
let db: SqlPool;
beforeAll(async () => {
  database = await createTestDatabase('herald_community_purge');
  db = createSqlPool({ url: database.url });
});
afterAll(async () => {
  await db.end();
  await database.drop();
});
beforeEach(async () => {
  await db.query('TRUNCATE reddit_users, reddit_comments, reddit_highscores CASCADE');
  await storeUser('Down_Voted', { registeredBy: MODERATOR, comments: [-5, -1200, 3], marked: [1] });
  await storeUser('Gone_Already', { unregistered: true, comments: [-2] });
  await storeUser('Keep_Me', { comments: [-3000, 1], marked: [0] });
});

async function storeUser(name: string, options: { registeredBy?: string; unregistered?: boolean; comments: number[]; marked?: number[] }) {
  await db.query('INSERT INTO reddit_users (name, registered_by, unregistered) VALUES ($1, $2, $3)', [name, options.registeredBy ?? null, options.unregistered ?? false]);
  for (const [i, score] of options.comments.entries()) {
    const id = `${name.toLowerCase()}${i}`;
    await db.query(`INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ($1, $2, $3, '/r/t/comments/x/y/', 't', now(), 'b')`, [id, name, score]);
    if (options.marked?.includes(i)) await db.query('INSERT INTO reddit_highscores (comment_id, score) VALUES ($1, $2)', [id, score]);
  }
}

const count = async (sql: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]!.n;
const names = async () => (await db.query<{ name: string }>('SELECT name FROM reddit_users ORDER BY name')).rows.map((r) => r.name);

/** Runs `purge` as the bot's dispatcher would (the privilege check is the dispatcher's, tested in @herald/bot). */
async function run(text: string, pool: SqlPool = db): Promise<CommandReply> {
  const { logger } = captureLogs();
  const ctx = {
    deps: createRedditCommandDeps({ db: pool, reddit: undefined }),
    via: 'slash',
    prefix: '!',
    user: { id: MODERATOR, username: 'mod' },
    guildId: '300000000000000300',
    channelId: '300000000000000200',
    privileged: true,
    privilegedRoleId: undefined,
    catalog: { commands: [], get: () => undefined, suggest: () => undefined, choices: () => undefined },
    logger,
    messageId: undefined,
  } satisfies CommandContext<RedditCommandDeps>;
  return single(await purge.run(ctx, { names: text }));
}

function single(result: CommandResult): CommandReply {
  if (typeof result === 'string' || Array.isArray(result)) throw new Error(`expected one reply object, got ${JSON.stringify(result)}`);
  return result as CommandReply;
}

const fields = (reply: CommandReply) => Object.fromEntries((reply.embeds?.[0]?.fields ?? []).map((f) => [f.name, f.value]));

describe('purge', () => {
  it('lists what it would delete and deletes nothing until confirmed', async () => {
    const preview = await run('u/down_voted GONE_ALREADY nobody');
    expect(preview.embeds?.[0]?.title).toBe('Purge?');
    const description = preview.embeds![0]!.description!;
    expect(description).toContain('• /u/Down\\_Voted: 3 comments, 1 high-score mark\n');
    expect(description).toContain('• /u/Gone\\_Already: 1 comment, 0 high-score marks (unregistered)');
    expect(description).toContain('Not stored (nothing to delete): /u/nobody');
    expect(description).toContain(`Only <@${MODERATOR}> can confirm, within 60 seconds.`);
    expect(preview.confirm).toMatchObject({ label: 'Purge 2 users', style: 'danger', expiresInMs: 60_000 });
    expect(await names()).toEqual(['Down_Voted', 'Gone_Already', 'Keep_Me']);
    expect(await count('reddit_comments')).toBe(6);
  });

  it('on confirmation deletes the users, their comments and high-score marks in one go, and answers per name', async () => {
    const preview = await run('u/down_voted GONE_ALREADY nobody');
    const done = single(await preview.confirm!.run());
    expect(done.content).toBe('Deleted 2 users, 4 comments and 1 high-score mark.');
    expect(done.embeds?.[0]).toMatchObject({ title: 'Purge', description: `request from <@${MODERATOR}>` });
    expect(fields(done)).toEqual({ 'down\\_voted': '✅', 'GONE\\_ALREADY': '✅', nobody: '❌ no user named "nobody"' });

    expect(await names()).toEqual(['Keep_Me']);
    expect(await count('reddit_comments')).toBe(2);
    expect((await db.query('SELECT comment_id FROM reddit_highscores')).rows).toEqual([{ comment_id: 'keep_me0' }]);
    expect(await count(`reddit_users WHERE registered_by = '${MODERATOR}'`)).toBe(0);
  });

  it('says so for a user deleted between the confirmation and the click', async () => {
    const preview = await run('down_voted keep_me');
    await db.query(`DELETE FROM reddit_users WHERE name = 'Keep_Me'`);
    const done = single(await preview.confirm!.run());
    expect(fields(done)).toEqual({ 'down\\_voted': '✅', 'keep\\_me': '❌ no user named "keep\\_me"' });
    expect(done.content).toBe('Deleted 1 user, 3 comments and 1 high-score mark.');
  });

  it('answers without a button when no name is stored, and refuses an empty or too long list', async () => {
    const none = await run('nobody nobody_else');
    expect(none.confirm).toBeUndefined();
    expect(fields(none)).toEqual({ nobody: '❌ no user named "nobody"', 'nobody\\_else': '❌ no user named "nobody\\_else"' });

    const many = await run(Array.from({ length: 26 }, (_, i) => `user${i}`).join(' '));
    expect(many).toMatchObject({ ephemeral: true, content: expect.stringMatching(/^At most 25 names at a time/) });
    expect(many.confirm).toBeUndefined();
    expect(await names()).toEqual(['Down_Voted', 'Gone_Already', 'Keep_Me']);
  });

  it('says the database is unavailable, and deletes nothing, when Postgres goes away before or at the click', async () => {
    const url = new URL(database.url);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `${proxy.host}:${proxy.port}`;
    const behindProxy = createSqlPool({ url: url.toString(), connectTimeoutMs: 2000 });
    try {
      const preview = await run('down_voted', behindProxy);
      expect(preview.confirm).toBeDefined();
      proxy.outage();
      expect(await preview.confirm!.run()).toBe(DATABASE_DOWN);
      expect(await run('down_voted', behindProxy)).toEqual({ content: DATABASE_DOWN, ephemeral: true });
      expect(await names()).toEqual(['Down_Voted', 'Gone_Already', 'Keep_Me']);
    } finally {
      await behindProxy.end();
      await proxy.close();
    }
  });
});
