import { afterEach, describe, expect, it } from 'vitest';
import { createStack, type Stack } from './harness.js';
import { expectFinalList, waitForQuiet } from './quiet.js';

let stack: Stack;
afterEach(async () => {
  await stack?.close();
});

const usernames = (s: Stack) =>
  s.discord.messages().flatMap((m) => (m.embeds as Array<{ fields: Array<{ name: string; value: string }> }>).map((e) => e.fields[0]!.value));

/** Every sign-up exactly once, in order, asserted once the pipeline is quiet. */
const expectFinalUsernames = (s: Stack, expected: string[], timeoutMs: number) => expectFinalList(s, () => usernames(s), expected, timeoutMs);

async function startBoth(s: Stack, failpoints: { poller?: string; notifier?: string } = {}) {
  const poller = s.start('servatrice-poller', [], failpoints.poller ? { HERALD_FAILPOINTS: failpoints.poller } : {});
  const notifier = s.start('notifier', [], failpoints.notifier ? { HERALD_FAILPOINTS: failpoints.notifier } : {});
  await Promise.all([poller.waitFor(/servatrice poller started/), notifier.waitFor(/notifier started/)]);
  return { poller, notifier };
}

describe('crashes lose nothing and double nothing', () => {
  for (const point of ['poll.before-commit', 'poll.after-commit']) {
    it(`poller SIGKILLed at ${point}`, async () => {
      stack = await createStack();
      const { poller } = await startBoth(stack, { poller: point });
      await poller.waitFor(/baseline/);
      await stack.register('first');
      await stack.register('second');
      const { signal } = await poller.exited;
      expect(signal).toBe('SIGKILL');
      stack.start('servatrice-poller'); // restarted, e.g. by compose's restart policy
      await expectFinalUsernames(stack, ['first', 'second'], 15_000);
      await stack.register('third');
      await expectFinalUsernames(stack, ['first', 'second', 'third'], 15_000);
    }, 60_000);
  }

  for (const point of ['deliver.before-send', 'deliver.after-record']) {
    it(`notifier SIGKILLed at ${point}`, async () => {
      stack = await createStack();
      const { poller, notifier } = await startBoth(stack, { notifier: point });
      await poller.waitFor(/baseline/);
      await stack.register('one');
      const { signal } = await notifier.exited;
      expect(signal).toBe('SIGKILL');
      await stack.register('two');
      stack.start('notifier');
      await expectFinalUsernames(stack, ['one', 'two'], 60_000);
    }, 90_000);
  }

  it('notifier SIGKILLed after Discord accepted a post but before recording it: nothing lost, the delivery is flagged in doubt', async () => {
    stack = await createStack();
    const { poller, notifier } = await startBoth(stack, { notifier: 'deliver.after-send' });
    await poller.waitFor(/baseline/);
    await stack.register('doubt');
    await notifier.exited;
    stack.start('notifier');
    await expect.poll(async () => (await deliveryStatuses(stack)).join(), { timeout: 60_000, interval: 200 }).toBe('delivered');
    await waitForQuiet(stack);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: stack.pg.url });
    await client.connect();
    const { rows } = await client.query(`SELECT outcome FROM delivery_attempts ORDER BY id`);
    await client.end();
    expect(rows.map((r) => r.outcome)).toEqual(['in_doubt', 'delivered']);
    // Webhooks have no idempotency key, so the resend is visible: documented in the README.
    expect(usernames(stack)).toEqual(['doubt', 'doubt']);
  }, 90_000);

  it('Redis loses all its data mid-run: schedulers come back and owed events are re-enqueued from Postgres', async () => {
    stack = await createStack();
    const { poller } = await startBoth(stack);
    await poller.waitFor(/baseline/);
    await stack.register('before-flush');
    await stack.discord.waitForMessages(1, { timeoutMs: 10_000 });
    // Make Discord fail for a while so events are owed when Redis is flushed.
    stack.discord.setPermanentStatus({ webhookId: stack.webhook.id }, 503);
    await stack.register('during-outage');
    await expect.poll(() => stack.discord.requests().some((r) => r.status === 503), { timeout: 10_000 }).toBe(true);
    expect(await stack.redis.flush()).toBeGreaterThan(0);
    stack.discord.setPermanentStatus({ webhookId: stack.webhook.id }, null);
    await stack.register('after-flush');
    await expectFinalUsernames(stack, ['before-flush', 'during-outage', 'after-flush'], 60_000);
  }, 90_000);
});

async function deliveryStatuses(s: Stack): Promise<string[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: s.pg.url });
  await client.connect();
  const { rows } = await client.query(`SELECT status FROM deliveries ORDER BY id`);
  await client.end();
  return rows.map((r) => r.status);
}
