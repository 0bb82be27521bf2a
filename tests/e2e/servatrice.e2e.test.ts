import { afterEach, describe, expect, it } from 'vitest';
import { createStack, type Stack } from './harness.js';
import { expectFinalList } from './quiet.js';

let stack: Stack;
afterEach(async () => {
  await stack?.close();
});

type Embed = { title: string; fields: Array<{ name: string; value: string }>; footer?: { text: string } };
const embeds = (s: Stack) => s.discord.messages().flatMap((m) => m.embeds as Embed[]);
const usernames = (s: Stack) => embeds(s).map((e) => e.fields.find((f) => f.name === 'Username')?.value);

describe('Servatrice monitor, end to end (apps as processes, read-only MariaDB user, fake Discord)', () => {
  it('records a baseline, then posts each new account once with its details', async () => {
    stack = await createStack();
    await stack.register('veteran'); // exists before Herald starts: never posted
    const poller = stack.start('servatrice-poller');
    const notifier = stack.start('notifier');
    await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/)]);
    await stack.register('alice', { realName: 'Alice Liddell', email: 'alice@example.org' });
    const [message] = await stack.discord.waitForMessages(1, { timeoutMs: 10_000 });
    const [embed] = message!.embeds as Embed[];
    expect(embed!.title).toBe('New account registered');
    expect(embed!.fields.map((f) => f.name)).toEqual(['Username', 'Real name', 'Email', 'Registered']);
    expect(embed!.fields[0]!.value).toBe('alice');
    expect(embed!.fields[1]!.value).toBe('Alice Liddell');
    expect(embed!.fields[2]!.value).toBe('alice@example.org');
    expect(embed!.fields[3]!.value).toMatch(/^<t:\d+:F> \(<t:\d+:R>\)$/);
    await stack.register('bob', { realName: '' });
    await stack.discord.waitForMessages(2, { timeoutMs: 10_000 });
    expect(usernames(stack)).toEqual(['alice', 'bob']);
    expect(embeds(stack)[1]!.fields.map((f) => f.name)).toEqual(['Username', 'Email', 'Registered']); // empty real name omitted
    // The logs never carry the webhook token or an e-mail address.
    for (const app of [poller, notifier]) {
      expect(app.text).not.toContain(stack.webhook.token);
      expect(app.text).not.toContain('alice@example.org');
    }
  });

  it('catches up after downtime: nothing missed, oldest first, grouped up to 10 per message', async () => {
    stack = await createStack();
    const poller = stack.start('servatrice-poller');
    await poller.waitFor(/first run: baseline/);
    await poller.kill('SIGTERM');
    const names = Array.from({ length: 23 }, (_, i) => `late${String(i).padStart(2, '0')}`);
    for (const name of names) await stack.register(name);
    stack.start('servatrice-poller');
    stack.start('notifier');
    await stack.discord.waitForMessages(3, { timeoutMs: 15_000 });
    await expectFinalList(stack, () => usernames(stack), names, 15_000);
    expect(stack.discord.messages().every((m) => m.embeds.length <= 10)).toBe(true);
  });

  it('stops within 10 s on SIGTERM with no job left active', async () => {
    stack = await createStack();
    const poller = stack.start('servatrice-poller');
    const notifier = stack.start('notifier');
    await Promise.all([poller.waitFor(/baseline/), notifier.waitFor(/notifier started/)]);
    await stack.register('carol');
    await stack.discord.waitForMessages(1, { timeoutMs: 10_000 });
    const started = Date.now();
    const [p, n] = await Promise.all([poller.kill('SIGTERM'), notifier.kill('SIGTERM')]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(p.code).toBe(0);
    expect(n.code).toBe(0);
    expect(poller.text).toMatch(/"msg":"stopped"/);
    const { Queue } = await import('bullmq');
    for (const name of ['servatrice-poll', 'deliver']) {
      const queue = new Queue(name, { connection: { url: stack.redis.url }, prefix: stack.redis.prefix });
      expect((await queue.getJobCounts('active')).active).toBe(0);
      await queue.close();
    }
  });
});
