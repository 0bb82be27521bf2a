import { Redis } from 'ioredis';
import { FakeDiscord, createTestRedisPrefix } from '@herald/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient, type DiscordClient } from './client.js';
import { createInvalidRequestBudget } from './invalid-budget.js';
import { parseWebhookTarget } from './webhook.js';

let fake: FakeDiscord;
const clients: DiscordClient[] = [];

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

function client(options: { botToken?: string; retries?: number } = {}): DiscordClient {
  const created = createDiscordClient({ apiBaseUrl: fake.apiBaseUrl, retries: options.retries ?? 1, timeoutMs: 2000, ...options });
  clients.push(created);
  return created;
}

const none = { parse: [] };

describe('editing messages through the Discord client', () => {
  it('edits a webhook message in place: same id, one message, the edit counted', async () => {
    const hook = fake.createWebhook();
    const target = parseWebhookTarget(hook.url);
    const discord = client();
    const posted = await discord.executeWebhook(target, { content: 'v1', allowed_mentions: none });
    if (!posted.ok) throw new Error(posted.error);
    const edited = await discord.editWebhookMessage(target, posted.messageId, { content: 'v2', allowed_mentions: none });
    expect(edited).toEqual({ ok: true, messageId: posted.messageId, channelId: hook.channelId });
    expect(fake.messages({ webhookId: hook.id })).toMatchObject([{ id: posted.messageId, content: 'v2', edits: 1 }]);
  });

  it('edits in the thread named by the webhook URL', async () => {
    const hook = fake.createWebhook();
    const target = parseWebhookTarget(`${hook.url}?thread_id=2222222222222222222`);
    const discord = client();
    const posted = await discord.executeWebhook(target, { content: 'v1' });
    if (!posted.ok) throw new Error(posted.error);
    expect(await discord.editWebhookMessage(target, posted.messageId, { content: 'v2' })).toMatchObject({ ok: true, channelId: '2222222222222222222' });
  });

  it('reports a deleted message as invalid with code 10008 (not a quarantine), without the token', async () => {
    const hook = fake.createWebhook();
    const target = parseWebhookTarget(hook.url);
    const discord = client();
    const posted = await discord.executeWebhook(target, { content: 'v1' });
    if (!posted.ok) throw new Error(posted.error);
    fake.deleteMessage(posted.messageId);
    const result = await discord.editWebhookMessage(target, posted.messageId, { content: 'v2' });
    expect(result).toMatchObject({ ok: false, kind: 'invalid', status: 404, code: 10008 });
    if (result.ok) throw new Error('unreachable');
    expect(result.error).not.toContain(hook.token);
    // A deleted webhook is the destination's fault: quarantine.
    fake.deleteWebhook(hook.id);
    expect(await discord.editWebhookMessage(target, posted.messageId, { content: 'v2' })).toMatchObject({ ok: false, kind: 'quarantine', code: 10015 });
  });

  it('edits a bot channel message', async () => {
    const channel = fake.createChannel();
    const discord = client({ botToken: 'bot-token' });
    const posted = await discord.createChannelMessage(channel.id, { content: 'v1' });
    if (!posted.ok) throw new Error(posted.error);
    expect(await discord.editChannelMessage(channel.id, posted.messageId, { content: 'v2' })).toEqual({ ok: true, messageId: posted.messageId, channelId: channel.id });
    expect(fake.message(posted.messageId)).toMatchObject({ content: 'v2', edits: 1 });
    fake.deleteMessage(posted.messageId);
    expect(await discord.editChannelMessage(channel.id, posted.messageId, { content: 'v3' })).toMatchObject({ ok: false, code: 10008 });
  });

  it('waits out the edit bucket instead of getting 429s: 7 edits, at most one 429', async () => {
    const hook = fake.createWebhook();
    const target = parseWebhookTarget(hook.url);
    const discord = client();
    const posted = await discord.executeWebhook(target, { content: 'v0' });
    if (!posted.ok) throw new Error(posted.error);
    const before = fake.stats().byStatus[429] ?? 0;
    for (let i = 1; i <= 7; i++) expect(await discord.editWebhookMessage(target, posted.messageId, { content: `v${i}` })).toMatchObject({ ok: true });
    expect(fake.message(posted.messageId)).toMatchObject({ content: 'v7', edits: 7 });
    expect((fake.stats().byStatus[429] ?? 0) - before).toBeLessThanOrEqual(1);
  });

  it('holds edits while the invalid-request budget is stopped (the request never leaves)', async () => {
    const space = createTestRedisPrefix();
    const redis = new Redis(space.url, { maxRetriesPerRequest: 1 });
    try {
      const hook = fake.createWebhook();
      const target = parseWebhookTarget(hook.url);
      const budget = createInvalidRequestBudget({ redis, prefix: space.prefix, windowMs: 60_000, slowAt: 1, stopAt: 1 });
      const discord = createDiscordClient({ apiBaseUrl: fake.apiBaseUrl, retries: 0, timeoutMs: 300, invalidRequests: budget });
      clients.push(discord);
      const posted = await discord.executeWebhook(target, { content: 'v0' });
      if (!posted.ok) throw new Error(posted.error);
      await budget.record();
      const requests = fake.requests().length;
      expect(await discord.editWebhookMessage(target, posted.messageId, { content: 'v1' })).toMatchObject({ ok: false, kind: 'transient', notSent: true });
      expect(fake.requests().length).toBe(requests);
      expect(fake.message(posted.messageId)?.content).toBe('v0');
    } finally {
      await space.cleanup();
      redis.disconnect();
    }
  });
});
