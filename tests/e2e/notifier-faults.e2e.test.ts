import { Queue } from 'bullmq';
import pg from 'pg';
import { startTcpProxy, type TcpProxy } from '@herald/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createStack, type Stack } from './harness.js';
import { waitForQuiet } from './quiet.js';

let stack: Stack;
let proxy: TcpProxy | undefined;
afterEach(async () => {
  await stack?.close();
  await proxy?.close();
  proxy = undefined;
});

const usernames = (s: Stack) =>
  s.discord.messages().flatMap((m) => (m.embeds as Array<{ fields: Array<{ value: string }> }>).map((e) => e.fields[0]!.value));

async function query<T extends pg.QueryResultRow>(s: Stack, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: s.pg.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function deliverQueueCounts(s: Stack) {
  const { hostname, port } = new URL(s.redis.url);
  const queue = new Queue('deliver', { connection: { host: hostname, port: Number(port || 6379), maxRetriesPerRequest: 1 }, prefix: s.redis.prefix });
  try {
    return await queue.getJobCounts('active', 'waiting', 'delayed');
  } finally {
    await queue.close();
  }
}

function hostAndPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
}

function throughProxy(url: string, via: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = via.host;
  parsed.port = String(via.port);
  return parsed.toString();
}

async function startPoller(s: Stack) {
  const poller = s.start('servatrice-poller');
  await poller.waitFor(/baseline/);
  return poller;
}

describe('the notifier under faults, end to end', () => {
  it('SIGTERM while a Discord request hangs: aborts it, releases jobs and lease, exits 0 at once; the next notifier resends only that message, in doubt', async () => {
    stack = await createStack();
    await startPoller(stack);
    const notifier = stack.start('notifier');
    await notifier.waitFor(/notifier started/);
    stack.discord.injectFaults({ webhookId: stack.webhook.id }, [{ hold: true }]); // stored, but never answered
    await stack.register('held');
    await expect.poll(() => stack.discord.messages().length, { timeout: 10_000 }).toBe(1);
    await stack.register('queued-behind');
    await expect.poll(async () => (await query(stack, 'SELECT id FROM deliveries')).length, { timeout: 10_000 }).toBe(2);
    const stopping = performance.now();
    notifier.child.kill('SIGTERM');
    const { code } = await notifier.exited;
    expect(code).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(3000);
    expect(await deliverQueueCounts(stack)).toMatchObject({ active: 0 });
    const rows = await query<{ status: string }>(stack, 'SELECT status FROM deliveries ORDER BY id');
    expect(rows.map((r) => r.status)).toEqual(['sending', 'pending']); // only the message in flight is in doubt
    expect(await query(stack, 'SELECT lease_owner FROM destinations WHERE lease_owner IS NOT NULL')).toEqual([]);

    const restarted = stack.start('notifier');
    await restarted.waitFor(/notifier started/);
    const started = performance.now();
    await expect.poll(() => usernames(stack).length, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    expect(performance.now() - started).toBeLessThan(3000); // resumes within ~2 s of a graceful stop
    await waitForQuiet(stack);
    expect(usernames(stack)).toEqual(['held', 'held', 'queued-behind']);
    const outcomes = await query<{ outcome: string }>(stack, `SELECT outcome FROM delivery_attempts WHERE outcome = 'in_doubt'`);
    expect(outcomes).toHaveLength(1);
  }, 60_000);

  it('SIGKILL mid-run: a new notifier resumes within a few seconds', async () => {
    stack = await createStack();
    await startPoller(stack);
    const notifier = stack.start('notifier');
    await notifier.waitFor(/notifier started/);
    await stack.register('before');
    // Killed once 'before' is recorded: a kill between Discord's answer and the record is the in-doubt case, tested elsewhere.
    await expect.poll(async () => (await query<{ status: string }>(stack, 'SELECT status FROM deliveries')).map((r) => r.status), { timeout: 10_000 }).toEqual(['delivered']);
    await notifier.kill('SIGKILL');
    await stack.register('after-kill');
    const restarted = stack.start('notifier');
    await restarted.waitFor(/notifier started/);
    const started = performance.now();
    await expect.poll(() => usernames(stack).length, { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    expect(performance.now() - started).toBeLessThan(8000);
    await waitForQuiet(stack);
    expect(usernames(stack)).toEqual(['before', 'after-kill']);
  }, 60_000);

  it('Postgres restarting three times during a backlog: every account once, none in doubt, one log line per outage start and end', async () => {
    stack = await createStack();
    proxy = await startTcpProxy(hostAndPort(stack.pg.url));
    await startPoller(stack);
    const accounts = Array.from({ length: 150 }, (_, i) => `acct${i}`);
    for (const name of accounts) await stack.register(name);
    const notifier = stack.start('notifier', [], { DATABASE_URL: throughProxy(stack.pg.url, proxy) });
    await notifier.waitFor(/notifier started/);
    for (let outage = 0; outage < 3; outage++) {
      const seen = stack.discord.messages().length;
      await expect.poll(() => stack.discord.messages().length, { timeout: 20_000, interval: 50 }).toBeGreaterThan(seen + 1);
      proxy.outage();
      await notifier.waitFor(new RegExp(`(Postgres unavailable[\\s\\S]*){${outage + 1}}`), 10_000);
      await new Promise((r) => setTimeout(r, 1500)); // the outage lasts a while: time itself is what is being tested
      proxy.setMode('forward');
      await notifier.waitFor(new RegExp(`(Postgres is back[\\s\\S]*){${outage + 1}}`), 15_000);
    }
    await expect.poll(() => usernames(stack).length, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(accounts.length);
    await expect.poll(async () => (await query(stack, `SELECT 1 FROM deliveries WHERE status <> 'delivered'`)).length, { timeout: 20_000 }).toBe(0);
    await waitForQuiet(stack);
    // Asserted together: a duplicate then shows whether it was resent as "in doubt" (an answer lost).
    const inDoubt = await query(stack, `SELECT 1 FROM delivery_attempts WHERE outcome = 'in_doubt'`);
    expect({ accounts: usernames(stack), inDoubt: inDoubt.length }).toEqual({ accounts, inDoubt: 0 });
    expect(notifier.text.match(/Postgres unavailable/g)).toHaveLength(3);
    expect(notifier.text.match(/Postgres is back/g)).toHaveLength(3);
    expect(notifier.text).not.toMatch(/job failed/);
  }, 120_000);
});
