import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DabFixture } from '../../packages/reddit/src/importer/test-support.js';
import { eventually } from './ibc-harness.js';
import { expectFinalList } from './quiet.js';
import { createRedditStack, type RedditStack } from './reddit-harness.js';

let stack: RedditStack;
afterEach(async () => {
  await stack?.close();
});

const REGISTRAR = '100000000000000012';
const nowS = () => Math.floor(Date.now() / 1000);

const tableCounts = async () =>
  (
    await stack.query<{ users: number; comments: number; highscores: number }>(
      `SELECT (SELECT count(*)::int FROM reddit_users) AS users, (SELECT count(*)::int FROM reddit_comments) AS comments,
              (SELECT count(*)::int FROM reddit_highscores) AS highscores`,
    )
  )[0];

describe('importing a Down Arrows Bot database, end to end (built reddit-poller --import-dab, then the poller and notifier)', () => {
  it('imports users, comments, who registered and announced high scores once; refuses another application’s file; never re-announces an imported high score', async () => {
    stack = await createRedditStack();
    stack.configure({ highscoreThreshold: -100 });
    // Old_Timer's history on Reddit: three ordinary comments and one DAB already announced.
    stack.reddit.addUser({ name: 'Old_Timer', comments: { count: 3, generate: () => ({ score: 4 }) } });
    const announced = stack.reddit.addComment('Old_Timer', { body: 'Tom & Jerry <3', score: -200 });
    stack.reddit.addUser({ name: 'Shy_One', comments: { count: 2, generate: () => ({ score: 1 }) } });
    stack.reddit.addUser({ name: 'Banned_User', suspended: true });
    stack.reddit.addUser({ name: 'Gone_Away', comments: 1 });

    // Another application's SQLite file: refused with the seed's message, nothing written.
    const foreign = join(stack.dir, 'other.sqlite3');
    new DabFixture(foreign, { applicationId: 0x1234 }).user({ name: 'Old_Timer' }).close();
    const refused = await stack.run('reddit-poller', ['--import-dab', foreign]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`dab import: database "${foreign}" is from another application: found application ID 0x1234 instead of 0xdab`);
    expect(await tableCounts()).toEqual({ users: 0, comments: 0, highscores: 0 });

    const path = join(stack.dir, 'dab.sqlite3');
    const lastScan = nowS() - 120;
    new DabFixture(path)
      .user({ name: 'Old_Timer', created: 1_300_000_000, added: 1_500_000_000, lastScan, isNew: false, batchSize: 100 })
      .user({ name: 'Gone_Away', deleted: true })
      .user({ name: 'Shy_One', hidden: true })
      .user({ name: 'Banned_User', suspended: true, created: 0 })
      .comments([
        // Stored HTML-escaped, as DAB's older versions did.
        { id: announced.id, author: 'Old_Timer', score: -200, permalink: announced.permalink, sub: announced.subreddit, created: announced.created_utc, body: 'Tom &amp; Jerry &lt;3' },
        { id: 'zzold1', author: 'Old_Timer', score: 12, created: 1_500_000_100, body: 'plain' },
        { id: 'zzshy1', author: 'Shy_One', score: -3, created: 1_500_000_200, body: 'a &gt; b' },
      ])
      .kv('register-from-discord_Old_Timer', REGISTRAR, 1_500_000_000)
      .kv('highscores', announced.id, 1_600_000_000)
      .close();

    const imported = await stack.run('reddit-poller', ['--import-dab', path]);
    expect(imported.code, imported.output).toBe(0);
    for (const line of [
      `DAB database ${path} (written by DAB 1.26.4) imported`,
      'users: 4 imported (1 unregistered), 0 already present, 0 skipped',
      'comments: 3 imported, 0 already present, 0 skipped',
      'registered-by: 1 imported, 0 already present, 0 skipped',
      'highscores: 1 imported, 0 already present, 0 skipped',
    ]) {
      expect(imported.output).toContain(`${line}\n`);
    }
    expect(
      await stack.query(
        `SELECT name, extract(epoch FROM created_at)::int AS created, extract(epoch FROM added_at)::int AS added, hidden, suspended, unregistered,
                is_new, registered_by FROM reddit_users ORDER BY name`,
      ),
    ).toEqual([
      { name: 'Banned_User', created: null, added: 1_600_000_000, hidden: false, suspended: true, unregistered: false, is_new: true, registered_by: null },
      { name: 'Gone_Away', created: 1_400_000_000, added: 1_600_000_000, hidden: false, suspended: false, unregistered: true, is_new: true, registered_by: null },
      { name: 'Old_Timer', created: 1_300_000_000, added: 1_500_000_000, hidden: false, suspended: false, unregistered: false, is_new: false, registered_by: REGISTRAR },
      { name: 'Shy_One', created: 1_400_000_000, added: 1_600_000_000, hidden: true, suspended: false, unregistered: false, is_new: true, registered_by: null },
    ]);
    expect(await stack.query('SELECT id, author, score, body FROM reddit_comments ORDER BY id')).toEqual(
      [
        { id: announced.id, author: 'Old_Timer', score: -200, body: 'Tom & Jerry <3' },
        { id: 'zzold1', author: 'Old_Timer', score: 12, body: 'plain' },
        { id: 'zzshy1', author: 'Shy_One', score: -3, body: 'a > b' },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await stack.query('SELECT comment_id, score, extract(epoch FROM announced_at)::int AS at FROM reddit_highscores')).toEqual([
      { comment_id: announced.id, score: -200, at: 1_600_000_000 },
    ]);

    // Again: everything is already there, and nothing changes.
    const again = await stack.run('reddit-poller', ['--import-dab', path]);
    expect(again.code, again.output).toBe(0);
    for (const line of [
      'users: 0 imported, 4 already present, 0 skipped',
      'comments: 0 imported, 3 already present, 0 skipped',
      'registered-by: 0 imported, 1 already present, 0 skipped',
      'highscores: 0 imported, 1 already present, 0 skipped',
    ]) {
      expect(again.output).toContain(`${line}\n`);
    }
    expect(await tableCounts()).toEqual({ users: 4, comments: 3, highscores: 1 });

    // Herald takes over: the announced comment sank further and a new one is low too; only the new one is announced.
    stack.reddit.setScore(announced.id, -250);
    const fresh = stack.reddit.addComment('Old_Timer', { body: 'worse', score: -300 });
    const poller = stack.start('reddit-poller');
    stack.start('notifier');
    await poller.waitFor(/reddit poller started/);
    await eventually(
      () => stack.query<{ score: number }>('SELECT score FROM reddit_comments WHERE id = $1', [announced.id]),
      (r) => r[0]?.score === -250,
      20_000,
      'the imported comment rescanned',
    );
    await expectFinalList(stack, () => stack.texts(stack.highscores), [`a comment by /u/Old\\_Timer has reached -300: https://www.reddit.com${fresh.permalink}`], 30_000);
    expect(stack.texts(stack.graveyard)).toEqual([]);
  }, 60_000);
});
