import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordWebhook, type FakeDiscordMessage } from './index.js';

let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(() => fake.close());

async function control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${fake.url}/_fake${path}`, {
    method,
    ...(body !== undefined && { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

function execute(webhook: FakeDiscordWebhook, content: string): Promise<Response> {
  return fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content }),
  });
}

describe('fake Discord HTTP control API', () => {
  it('creates webhooks and channels, lists messages after an index, and reports stats', async () => {
    const channel = await control('POST', '/channels', { name: 'feed' });
    const channelId = (channel.json as { id: string }).id;
    const a = (await control('POST', '/webhooks', { channelId, name: 'A' })).json as FakeDiscordWebhook;
    const b = (await control('POST', '/webhooks', {})).json as FakeDiscordWebhook;
    expect(a.channelId).toBe(channelId);
    expect(a.url).toBe(`https://discord.com/api/webhooks/${a.id}/${a.token}`);

    for (const [webhook, content] of [[a, 'a1'], [b, 'b1'], [a, 'a2']] as const) await execute(webhook, content);
    const all = (await control('GET', '/messages')).json as FakeDiscordMessage[];
    expect(all.map((m) => [m.index, m.content])).toEqual([[0, 'a1'], [1, 'b1'], [2, 'a2']]);
    const afterFirst = (await control('GET', '/messages?after=0')).json as FakeDiscordMessage[];
    expect(afterFirst.map((m) => m.content)).toEqual(['b1', 'a2']);
    const onlyA = (await control('GET', `/messages?webhookId=${a.id}`)).json as FakeDiscordMessage[];
    expect(onlyA.map((m) => m.content)).toEqual(['a1', 'a2']);
    const byChannel = (await control('GET', `/messages?channelId=${channelId}&after=1`)).json as FakeDiscordMessage[];
    expect(byChannel.map((m) => m.content)).toEqual(['a2']);
    expect((await control('GET', '/stats')).json).toEqual({ requests: 3, messages: 3, byStatus: { 204: 3 } });
    expect(((await control('GET', '/requests')).json as unknown[]).length).toBe(3);
  });

  it('injects faults, changes limits, releases held responses and resets', async () => {
    const webhook = fake.createWebhook();
    expect((await control('POST', '/faults', { target: { webhookId: webhook.id }, faults: [{ status: 502 }, { hold: true }] })).json)
      .toEqual({ queued: 2 });
    expect((await execute(webhook, 'x')).status).toBe(502);
    const held = execute(webhook, 'held');
    await fake.waitForMessages(1);
    expect((await control('POST', '/release')).json).toEqual({ released: 1 });
    expect((await held).status).toBe(204);

    await control('POST', '/limits', { webhook: { requests: 1, perMs: 60_000 } });
    // Changing limits starts a fresh window, so the first request still fits.
    expect((await execute(webhook, 'first')).status).toBe(204);
    expect((await execute(webhook, 'over')).status).toBe(429);
    await control('POST', '/limits', { webhook: 'unlimited' });
    expect((await execute(webhook, 'fine')).status).toBe(204);

    expect((await control('POST', '/reset')).json).toEqual({ ok: true });
    expect(fake.stats()).toEqual({ requests: 0, messages: 0, byStatus: {} });
    // Indexes keep counting after a reset so pollers using ?after= never miss messages.
    await execute(webhook, 'after reset');
    expect(fake.messages()[0]?.index).toBe(3);
  });

  it('sets permanent statuses, deletes webhooks and rejects bad input', async () => {
    const webhook = fake.createWebhook();
    await control('POST', '/permanent-status', { target: { webhookId: webhook.id }, status: 503 });
    expect((await execute(webhook, 'x')).status).toBe(503);
    await control('POST', '/permanent-status', { target: { webhookId: webhook.id }, status: null });
    expect((await control('DELETE', `/webhooks/${webhook.id}`)).json).toEqual({ deleted: true });
    expect((await execute(webhook, 'x')).status).toBe(404);

    expect((await control('POST', '/faults', { target: {}, faults: [] })).status).toBe(400);
    expect((await control('POST', '/faults', { target: { webhookId: '1' }, faults: [{ status: 418 }] })).status).toBe(400);
    expect((await control('POST', '/limits', { webhook: { requests: 0, perMs: 1 } })).status).toBe(400);
    expect((await control('GET', '/nope')).status).toBe(404);
  });
});

describe('fake Discord recording', () => {
  it('waitForMessages resolves when the messages arrive and emits message events', async () => {
    const webhook = fake.createWebhook();
    const seen: string[] = [];
    fake.on('message', (m) => seen.push(m.content));
    const waiting = fake.waitForMessages(2, { filter: { webhookId: webhook.id } });
    await execute(fake.createWebhook(), 'other webhook');
    await execute(webhook, 'one');
    await execute(webhook, 'two');
    expect((await waiting).map((m) => m.content)).toEqual(['one', 'two']);
    expect(seen).toEqual(['other webhook', 'one', 'two']);
  });

  it('waitForMessages rejects on timeout saying how many it saw', async () => {
    const webhook = fake.createWebhook();
    await execute(webhook, 'only one');
    await expect(fake.waitForMessages(2, { filter: { webhookId: webhook.id }, timeoutMs: 50 })).rejects.toThrow(
      `waitForMessages: expected 2 message(s) matching {"webhookId":"${webhook.id}"} within 50 ms but saw 1`,
    );
  });

  it('close() ends pending waits and held sockets', async () => {
    const webhook = fake.createWebhook();
    fake.injectFaults({ webhookId: webhook.id }, [{ hold: true }]);
    const held = execute(webhook, 'never answered');
    const waiting = expect(fake.waitForMessages(5)).rejects.toThrow('closed after 1 of 5');
    await fake.waitForMessages(1);
    expect(fake.heldCount).toBe(1);
    await fake.close();
    await expect(held).rejects.toThrow();
    await waiting;
  });
});
