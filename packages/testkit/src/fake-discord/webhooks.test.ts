import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordWebhook } from './index.js';

let fake: FakeDiscord;
let webhook: FakeDiscordWebhook;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  webhook = fake.createWebhook({ name: 'Alerts' });
});
afterEach(() => fake.close());

function execute(body: unknown, query = '?wait=true', target: FakeDiscordWebhook = webhook): Promise<Response> {
  return fetch(`${fake.apiBaseUrl}/v10/webhooks/${target.id}/${target.token}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('fake Discord webhooks', () => {
  it('creates webhooks with real-format ids, tokens and URLs', () => {
    expect(webhook.id).toMatch(/^\d{18,19}$/);
    expect(webhook.token).toMatch(/^[A-Za-z0-9_-]{68}$/);
    expect(webhook.url).toBe(`https://discord.com/api/webhooks/${webhook.id}/${webhook.token}`);
    expect(fake.apiBaseUrl).toBe(`${fake.url}/api`);
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers wait=true with the message object and records it', async () => {
    const embeds = [{ title: 'New user', fields: [{ name: 'name', value: 'alice' }] }];
    const res = await execute({ content: 'hello', embeds, username: 'Herald' });
    expect(res.status).toBe(200);
    const message = (await res.json()) as Record<string, unknown>;
    expect(message).toMatchObject({
      type: 0,
      channel_id: webhook.channelId,
      webhook_id: webhook.id,
      content: 'hello',
      embeds,
      author: { id: webhook.id, username: 'Herald', bot: true },
    });
    expect(message.id).toMatch(/^\d{18,19}$/);
    expect(Date.parse(String(message.timestamp))).not.toBeNaN();
    const [recorded] = fake.messages();
    expect(recorded).toMatchObject({ id: message.id, channelId: webhook.channelId, webhookId: webhook.id, content: 'hello', embeds });
    expect(recorded?.body).toEqual({ content: 'hello', embeds, username: 'Herald' });
  });

  it('answers 204 without wait and records thread_id', async () => {
    const res = await execute({ content: 'in a thread' }, '?thread_id=123456789012345678');
    expect(res.status).toBe(204);
    expect(fake.messages()[0]).toMatchObject({ content: 'in a thread', threadId: '123456789012345678' });
  });

  it('answers GET with the webhook object', async () => {
    const res = await fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}`);
    expect(await res.json()).toEqual({
      id: webhook.id,
      type: 1,
      channel_id: webhook.channelId,
      guild_id: fake.webhook(webhook.id)?.guildId,
      name: 'Alerts',
      avatar: null,
      token: webhook.token,
      application_id: null,
    });
  });

  it('answers 404 Unknown Webhook for an unknown id or token, and after deletion', async () => {
    const unknownId = await execute({ content: 'x' }, '', { ...webhook, id: '123456789012345678' });
    const wrongToken = await execute({ content: 'x' }, '', { ...webhook, token: 'nope' });
    fake.deleteWebhook(webhook.id);
    const deleted = await execute({ content: 'x' });
    for (const res of [unknownId, wrongToken, deleted]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: 'Unknown Webhook', code: 10015 });
    }
    expect(fake.stats()).toEqual({ requests: 3, messages: 0, byStatus: { 404: 3 } });
  });

  it('answers 400 like Discord for invalid bodies and creates nothing', async () => {
    const empty = await execute({ content: '' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ message: 'Cannot send an empty message', code: 50006 });
    const tooLong = await execute({ content: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: 50035, message: 'Invalid Form Body', errors: { content: {} } });
    const notJson = await fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}`, { method: 'POST', body: '{' });
    expect(await notJson.json()).toEqual({ message: 'The request body contains invalid JSON.', code: 50109 });
    expect(fake.messages()).toEqual([]);
  });

  it('sends rate-limit headers and a 429 on the 6th request within 2 s', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await execute({ content: `m${i}` }, '');
      expect(res.status).toBe(204);
      remaining.push(res.headers.get('x-ratelimit-remaining') ?? '');
      expect(res.headers.get('x-ratelimit-limit')).toBe('5');
      expect(Number(res.headers.get('x-ratelimit-reset-after'))).toBeLessThanOrEqual(2);
      expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d+\.\d{3}$/);
      expect(res.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await execute({ content: 'too many' }, '');
    expect(limited.status).toBe(429);
    const retryAfter = limited.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+\.\d{3}$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await limited.json()).toEqual({ message: 'You are being rate limited.', retry_after: Number(retryAfter), global: false });
    expect(fake.messages()).toHaveLength(5);
    // Buckets are per webhook: another webhook is unaffected.
    const other = fake.createWebhook();
    expect((await execute({ content: 'other' }, '', other)).status).toBe(204);
  });

  it('never answers 429 when unlimited, and limits can change at runtime', async () => {
    fake.setLimits({ webhook: 'unlimited' });
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => execute({ content: `${i}` }, '').then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([204]));
    fake.setLimits({ webhook: { requests: 1, perMs: 60_000 } });
    expect((await execute({ content: 'a' }, '')).status).toBe(204);
    expect((await execute({ content: 'b' }, '')).status).toBe(429);
  });

  it('answers a permanent status to every request until cleared', async () => {
    fake.setPermanentStatus({ webhookId: webhook.id }, 404);
    const res = await execute({ content: 'x' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Unknown Webhook', code: 10015 });
    expect((await fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}`)).status).toBe(404);
    fake.setPermanentStatus({ webhookId: webhook.id }, null);
    expect((await execute({ content: 'x' })).status).toBe(200);
  });

  it('serves injected status faults in order with Discord-like bodies', async () => {
    fake.injectFaults({ webhookId: webhook.id }, [{ status: 500 }, { status: 403 }, { status: 400, body: { custom: true } }]);
    const first = await execute({ content: 'x' });
    expect([first.status, await first.json()]).toEqual([500, { message: '500: Internal Server Error', code: 0 }]);
    const second = await execute({ content: 'x' });
    expect([second.status, await second.json()]).toEqual([403, { message: 'Missing Permissions', code: 50013 }]);
    const third = await execute({ content: 'x' });
    expect([third.status, await third.json()]).toEqual([400, { custom: true }]);
    expect((await execute({ content: 'x' })).status).toBe(200);
    expect(fake.messages()).toHaveLength(1);
  });

  it('records requests with the token redacted', async () => {
    await execute({ content: 'x' });
    const [request] = fake.requests();
    expect(request).toMatchObject({ method: 'POST', status: 200, webhookId: webhook.id });
    expect(request?.path).toBe(`/api/v10/webhooks/${webhook.id}/[token]?wait=true`);
    expect(JSON.stringify(fake.requests())).not.toContain(webhook.token);
  });
});
