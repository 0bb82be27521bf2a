import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppProcess } from './harness.js';
import { eventually } from './ibc-harness.js';
import { expectFinalList } from './quiet.js';
import { createRedditStack, type RedditStack } from './reddit-harness.js';

let stack: RedditStack;
afterEach(async () => {
  await stack?.close();
});

const day = 86_400;
const nowS = () => Math.floor(Date.now() / 1000);
const userRow = async (s: RedditStack, name: string) =>
  (await s.query<{ is_new: boolean; position: string; batch_size: number; comments: number; inactive: boolean; due_in_s: number; held: boolean }>(
    `SELECT is_new, position, batch_size, inactive, lease_until IS NOT NULL AS held, (SELECT count(*)::int FROM reddit_comments WHERE author = name) AS comments,
       extract(epoch FROM due_at - now())::int AS due_in_s FROM reddit_users WHERE name = $1`,
    [name],
  ))[0];
const listingRequests = (s: RedditStack, name: string) => s.reddit.stats().byUser[name.toLowerCase()] ?? 0;

async function startPoller(s: RedditStack): Promise<AppProcess> {
  const poller = s.start('reddit-poller');
  await poller.waitFor(/reddit poller started/);
  return poller;
}

describe('the Reddit source, end to end (built reddit-poller and notifier against the fake Reddit and a fake Discord)', () => {
  it('useradd registers; a new user is back-filled to the cap across visits, resumes after a restart where it left, then fetches only what is new', async () => {
    stack = await createRedditStack();
    // Old comments only (none within max_age), so the steady state asks for what is new alone.
    stack.reddit.addUser({ name: 'Back_Filler', comments: { count: 1500, newestUtc: nowS() - 30 * day } });
    stack.reddit.setLatency(150); // pages slow enough to stop the poller between two of them
    stack.configure({ maxBatches: 2 });
    const added = await stack.run('reddit-poller', ['--useradd', 'back_filler']);
    expect(added).toMatchObject({ code: 0 });
    expect(added.output).toContain('✅ Back_Filler');

    let poller = await startPoller(stack);
    await eventually(() => userRow(stack, 'Back_Filler'), (u) => (u?.comments ?? 0) >= 300, 30_000, 'three pages stored');
    // Stopped mid-visit, it gives the user back (a killed poller's hold lapses within 20 s: unit-tested).
    await poller.kill('SIGTERM');
    const left = await userRow(stack, 'Back_Filler');
    expect(left).toMatchObject({ is_new: true, held: false });
    expect(left!.position).not.toBe('');
    const before = listingRequests(stack, 'Back_Filler');

    stack.reddit.setLatency(0);
    poller = await startPoller(stack);
    await eventually(() => userRow(stack, 'Back_Filler'), (u) => u?.is_new === false, 30_000, 'back-filled');
    // 1,000 comments (Reddit's cap) in 10 pages: at most the one page in flight at the stop was asked twice.
    expect(await userRow(stack, 'Back_Filler')).toMatchObject({ comments: 1000, position: '' });
    expect(listingRequests(stack, 'Back_Filler') - before).toBeLessThanOrEqual(10 - Math.floor(left!.comments / 100) + 1);

    // Steady state: nothing recent, so the next visits ask for 5 and keep the batch size at 0...
    await eventually(() => userRow(stack, 'Back_Filler'), (u) => u?.batch_size === 0, 20_000, 'a steady visit');
    stack.reddit.addComment('Back_Filler', { body: 'fresh 1' });
    stack.reddit.addComment('Back_Filler', { body: 'fresh 2' });
    // ...and a visit after two new comments stores exactly them and remembers 2 recent ones.
    await eventually(() => userRow(stack, 'Back_Filler'), (u) => u?.comments === 1002, 20_000, 'the new comments');
    expect(await userRow(stack, 'Back_Filler')).toMatchObject({ batch_size: 2 });
    expect(stack.reddit.stats().tooManyRequests).toBe(0);
  }, 120_000);

  it('announces a suspension and a deletion once each, and a return once (the watcher), through the notifier', async () => {
    stack = await createRedditStack();
    stack.reddit.addUser({ name: 'Soon_Gone', comments: 3 });
    stack.reddit.addUser({ name: 'Deleter', comments: 3 });
    expect((await stack.run('reddit-poller', ['--useradd', 'Soon_Gone Deleter'])).code).toBe(0);
    stack.reddit.suspend('Soon_Gone');
    stack.reddit.deleteUser('Deleter');
    await startPoller(stack);
    stack.start('notifier');
    await eventually(() => stack.query<{ n: number }>('SELECT count(*)::int AS n FROM reddit_users WHERE suspended OR not_found'), (r) => r[0]!.n === 2, 20_000, 'both dead');
    await stack.runJob('reddit.resurrections'); // nothing changed: nothing announced
    stack.reddit.unsuspend('Soon_Gone');
    await stack.runJob('reddit.resurrections');
    await stack.runJob('reddit.resurrections');
    await expectFinalList(stack, () => [...stack.texts(stack.graveyard)].sort(), [
      'RIP /u/Deleter 🙏 (deleted)',
      'RIP /u/Soon\\_Gone 🙏 (suspended)',
      '🌈 /u/Soon\\_Gone has been resurrected! 🌈',
    ]);
  }, 90_000);

  it('an inactive user is scanned only on full scans', async () => {
    stack = await createRedditStack();
    stack.reddit.addUser({ name: 'Sleeper', comments: { count: 5, newestUtc: nowS() - 200 * day } });
    stack.reddit.addUser({ name: 'Talker', comments: 5 });
    stack.configure({ inactivityThreshold: '24h' });
    expect((await stack.run('reddit-poller', ['--useradd', 'Sleeper,Talker'])).code).toBe(0);
    await startPoller(stack);
    await eventually(() => userRow(stack, 'Sleeper'), (u) => u?.is_new === false, 20_000, 'Sleeper scanned');
    await stack.runJob('reddit.inactivity');
    expect(await userRow(stack, 'Sleeper')).toMatchObject({ inactive: true });
    expect((await userRow(stack, 'Sleeper'))!.due_in_s).toBeGreaterThan(5 * 3600); // next full scan: 6 h after its last scan
    const sleeperRequests = listingRequests(stack, 'Sleeper');
    const talkerRequests = listingRequests(stack, 'Talker');
    // Talker (active, scanInterval 1 s) is scanned twice more; Sleeper not once.
    await eventually(() => listingRequests(stack, 'Talker'), (n) => n >= talkerRequests + 2, 20_000, 'two more scans of Talker');
    expect(listingRequests(stack, 'Sleeper')).toBe(sleeperRequests);
  }, 60_000);

  it('two reddit-poller processes share one budget: Reddit never answers 429 and no window passes the limit', async () => {
    stack = await createRedditStack({ reddit: { budget: { requests: 30, windowMs: 3000 } } });
    const names = Array.from({ length: 40 }, (_, i) => `shared_${i}`);
    for (const name of names) stack.reddit.addUser({ name, comments: 250 });
    stack.configure({ scanInterval: '0s', concurrency: 4 });
    await stack.query('INSERT INTO reddit_users (name) SELECT unnest($1::text[])', [names]); // as registered (useradd is tested above)
    await Promise.all([startPoller(stack), startPoller(stack)]);
    const firstWindow = Math.floor(Date.now() / 3000);
    await eventually(() => Math.floor(Date.now() / 3000), (w) => w >= firstWindow + 4, 30_000, 'four windows');
    const stats = stack.reddit.stats();
    expect(stats.tooManyRequests).toBe(0);
    // The three whole windows after the first (where the budget learns its figures).
    const served = stats.windows.filter((w) => w.window > firstWindow && w.window < firstWindow + 4).map((w) => w.served);
    expect(served).toHaveLength(3);
    expect(served.every((n) => n <= 30)).toBe(true);
    // Spent, not just safe (≥ 0.6 under a test run's load; bench/reddit-budget.ts measures the ratio: 0.99).
    expect(served.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(0.6 * 30 * served.length);
  }, 60_000);

  it('refuses a dab.conf.json with an unknown key, naming it, before touching anything', async () => {
    stack = await createRedditStack();
    const path = join(stack.dir, 'dab.conf.json');
    writeFileSync(path, JSON.stringify({ reddit: { username: 'u', password: 'p', id: 'i', secret: 's', user_agent: 'ua', max_agee: '24h' } }));
    const result = await stack.run('reddit-poller', ['--check-config'], { DAB_CONFIG: path });
    expect(result.code).toBe(2);
    expect(result.output).toContain(`reddit.max_agee in ${path}: unknown key`);
  });
});
