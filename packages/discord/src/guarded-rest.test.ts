import { Redis } from 'ioredis';
import { FakeDiscord, createTestRedisPrefix, type TestRedisPrefix } from '@herald/testkit';
import { Routes } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient, type DiscordClient, type DiscordClientOptions } from './client.js';
import { createInvalidRequestBudget } from './invalid-budget.js';
import { invalidRequestKey } from './invalid-budget-redis.js';
import { parseWebhookTarget } from './webhook.js';

let fake: FakeDiscord;
let space: TestRedisPrefix;
let redis: Redis;
const clients: DiscordClient[] = [];

beforeAll(async () => {
  fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' } });
  space = createTestRedisPrefix();
  redis = new Redis(space.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await fake.close();
  await space.cleanup();
  redis.disconnect();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

/** A 200 ms floor without jitter: waits of 200, 400, 800 ms after refusals 1, 2, 3 in a row. */
function client(options: Partial<DiscordClientOptions> = {}): DiscordClient {
  const created = createDiscordClient({ apiBaseUrl: fake.apiBaseUrl, retries: 1, timeoutMs: 2000, refusalFloor: { baseMs: 200, jitter: 0 }, ...options });
  clients.push(created);
  return created;
}

const body = { content: 'hello', allowed_mentions: { parse: [] } };

describe('429s without Retry-After (a Cloudflare edge block)', () => {
  it('waits a growing floor between attempts instead of retrying at once, then delivers once', async () => {
    const hook = fake.createWebhook();
    fake.setStickyFault({ webhookId: hook.id }, { status: 429, headerless: true }, 1000);
    const discord = client();
    const result = await discord.executeWebhook(parseWebhookTarget(hook.url), body);
    expect(result.ok).toBe(true);
    const statuses = fake.requests().filter((r) => r.webhookId === hook.id).map((r) => r.status);
    // Attempts at ~0, 200, 600 ms are refused; the one at ~1400 ms gets through. Without the floor: hundreds.
    expect(statuses).toEqual([429, 429, 429, 200]);
    expect(fake.messages({ webhookId: hook.id })).toHaveLength(1);
    expect(discord.stats().refusedWithoutTiming).toBe(3);
  });

  it('holds every request of the process, including raw REST calls as discord.js makes them', async () => {
    const channel = fake.createChannel();
    fake.injectFaults({ channelId: channel.id }, [{ status: 429, headerless: true }]);
    const discord = client({ botToken: 'bot-token', refusalFloor: { baseMs: 300, jitter: 0 } });
    const t0 = Date.now();
    await discord.rest.post(Routes.channelMessages(channel.id), { body });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(fake.requests().filter((r) => r.channelId === channel.id).map((r) => r.status)).toEqual([429, 200]);
  });

  it('gives up when the caller aborts, with a transient failure', async () => {
    const hook = fake.createWebhook();
    fake.setStickyFault({ webhookId: hook.id }, { status: 429, headerless: true });
    const result = await client().executeWebhook(parseWebhookTarget(hook.url), body, { signal: AbortSignal.timeout(500) });
    expect(result).toMatchObject({ ok: false, kind: 'transient' });
    expect(fake.requests().filter((r) => r.webhookId === hook.id).length).toBeLessThanOrEqual(2);
    fake.setStickyFault({ webhookId: hook.id }, null);
  });
});

describe('the invalid request budget in the client', () => {
  it('counts 401, 403 and 429 answers in Redis, and not the others', async () => {
    const prefix = `${space.prefix}-count`;
    // The client records without waiting (off the request's path): the test keeps each recording to await it.
    const budget = createInvalidRequestBudget({ redis, prefix });
    const recordings: Array<Promise<void>> = [];
    const record = () => {
      const recording = budget.record();
      recordings.push(recording);
      return recording;
    };
    const discord = client({ invalidRequests: { ...budget, record } });
    const hook = fake.createWebhook();
    fake.injectFaults({ webhookId: hook.id }, [{ status: 401 }, { status: 403 }, { status: 400 }, { status: 429, headerless: true }, { status: 429, retryAfterMs: 10 }]);
    const target = parseWebhookTarget(hook.url);
    for (let i = 0; i < 4; i++) await discord.executeWebhook(target, body);
    expect(fake.requests().filter((r) => r.webhookId === hook.id).map((r) => r.status)).toEqual([401, 403, 400, 429, 429, 200]);
    await Promise.all(recordings);
    expect(recordings).toHaveLength(4);
    expect(await redis.zcard(invalidRequestKey(prefix))).toBe(4);
    await redis.del(invalidRequestKey(prefix));
  });

  it('sends nothing while the shared count is past the stop threshold, and resumes when it drains', async () => {
    const prefix = `${space.prefix}-stop`;
    await redis.zadd(invalidRequestKey(prefix), Date.now() - 700, 'a', Date.now() - 700, 'b');
    const discord = client({ invalidRequests: createInvalidRequestBudget({ redis, prefix, windowMs: 1200, slowAt: 1, stopAt: 2 }) });
    const hook = fake.createWebhook();
    const t0 = Date.now();
    const result = await discord.executeWebhook(parseWebhookTarget(hook.url), body);
    expect(result.ok).toBe(true);
    const [request] = fake.requests().filter((r) => r.webhookId === hook.id);
    expect(request!.time - t0).toBeGreaterThanOrEqual(400); // the entries leave the window ~500 ms after t0
    await redis.del(invalidRequestKey(prefix));
  });

  it("holds the library's own retries after 429s with Retry-After too: nothing past the stop threshold", async () => {
    const prefix = `${space.prefix}-retries`;
    const discord = client({ retries: 0, timeoutMs: 600, invalidRequests: createInvalidRequestBudget({ redis, prefix, windowMs: 60_000, slowAt: 3, stopAt: 5 }) });
    const hook = fake.createWebhook();
    fake.setStickyFault({ webhookId: hook.id }, { status: 429, retryAfterMs: 20 });
    const result = await discord.executeWebhook(parseWebhookTarget(hook.url), body);
    fake.setStickyFault({ webhookId: hook.id }, null);
    expect(result).toMatchObject({ ok: false, kind: 'transient' });
    // The library retried on its own after each Retry-After; the budget slowed it from 3 and never let it past 5.
    const sent = fake.requests().filter((r) => r.webhookId === hook.id).length;
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThanOrEqual(5);
    await redis.del(invalidRequestKey(prefix));
  });
});
