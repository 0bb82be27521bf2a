import { afterEach, describe, expect, it } from 'vitest';
import { createStack, freePort, type Stack } from './harness.js';

let stack: Stack;
afterEach(async () => {
  await stack?.close();
});

const usernames = (s: Stack) =>
  s.discord.messages().flatMap((m) => (m.embeds as Array<{ fields: Array<{ value: string }> }>).map((e) => e.fields[0]!.value));

async function running(s: Stack) {
  const poller = s.start('servatrice-poller');
  const notifier = s.start('notifier');
  await Promise.all([poller.waitFor(/baseline/), notifier.waitFor(/notifier started/)]);
  return { poller, notifier };
}

describe('Discord misbehaving, end to end', () => {
  it('waits out a 429 (Retry-After) and delivers, in order', async () => {
    stack = await createStack();
    await running(stack);
    stack.discord.injectFaults({ webhookId: stack.webhook.id }, [{ status: 429, retryAfterMs: 700 }]);
    await stack.register('a');
    await stack.register('b');
    await expect.poll(() => usernames(stack), { timeout: 15_000 }).toEqual(['a', 'b']);
    const statuses = stack.discord.requests().filter((r) => r.webhookId === stack.webhook.id).map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });

  it('survives a run of 5xx answers: retried later, nothing skipped, order kept', async () => {
    stack = await createStack();
    await running(stack);
    stack.discord.injectFaults({ webhookId: stack.webhook.id }, Array.from({ length: 6 }, () => ({ status: 503 as const })));
    for (const name of ['x1', 'x2', 'x3']) await stack.register(name);
    await expect.poll(() => usernames(stack), { timeout: 40_000, interval: 200 }).toEqual(['x1', 'x2', 'x3']);
  }, 60_000);

  it('quarantines a deleted webhook after one request, shows it, and delivers once resumed', async () => {
    stack = await createStack();
    await running(stack);
    stack.discord.setPermanentStatus({ webhookId: stack.webhook.id }, 404);
    await stack.register('lost-then-found');
    await expect.poll(() => stack.discord.requests().filter((r) => r.webhookId === stack.webhook.id).length, { timeout: 10_000 }).toBe(1);
    const port = await freePort();
    const web = stack.start('web', [], { HERALD_WEB_PORT: String(port), HERALD_WEB_HOST: '127.0.0.1', HERALD_ADMIN_USER: 'admin', HERALD_ADMIN_PASSWORD: 'pw' });
    await web.waitFor(/listening/i);
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(base + '/')).text(), { timeout: 10_000 }).toMatch(/quarantined/);
    // More events and reconciliation cycles do not touch Discord again (no 404 loop).
    await stack.register('still-waiting');
    await new Promise((r) => setTimeout(r, 3000)); // three reconcile periods: proving an absence needs time to pass
    expect(stack.discord.requests().filter((r) => r.webhookId === stack.webhook.id)).toHaveLength(1);
    // The operator fixes the webhook and resumes the destination from the dashboard.
    stack.discord.setPermanentStatus({ webhookId: stack.webhook.id }, null);
    const html = await (await fetch(base + '/')).text();
    const id = /\/admin\/destinations\/(\d+)\/resume/.exec(html)?.[1];
    expect(id).toBeDefined();
    const resume = await fetch(`${base}/admin/destinations/${id}/resume`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}`, accept: 'application/json' },
    });
    expect(resume.status).toBe(200);
    await expect.poll(() => usernames(stack), { timeout: 20_000 }).toEqual(['lost-then-found', 'still-waiting']);
  }, 60_000);
});
