import { PassThrough } from 'node:stream';
import { createLogger } from '@herald/logging';
import { FakeDiscord, type FakeDiscordWebhook as CreatedWebhook } from '@herald/testkit';
import type { RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient, type DiscordClient, type DiscordClientOptions, type RateLimitEvent, type SendResult } from './client.js';
import { packMessages, type PackItem } from './pack.js';
import { parseWebhookTarget, type WebhookTarget } from './webhook.js';

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

/** Small retry count and timeout keep failure paths fast. */
function client(options: Partial<DiscordClientOptions> = {}): DiscordClient {
  const created = createDiscordClient({ apiBaseUrl: fake.apiBaseUrl, retries: 1, timeoutMs: 2000, ...options });
  clients.push(created);
  return created;
}

function webhook(): { hook: CreatedWebhook; target: WebhookTarget } {
  const hook = fake.createWebhook();
  return { hook, target: parseWebhookTarget(hook.url) };
}

function requestsTo(hook: CreatedWebhook): number {
  return fake.requests().filter((r) => r.webhookId === hook.id).length;
}

function expectFailure(result: SendResult, kind: 'transient' | 'invalid' | 'quarantine', token: string) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.kind).toBe(kind);
  expect(result.error).not.toContain(token);
  return result;
}

const body: RESTPostAPIWebhookWithTokenJSONBody = {
  embeds: [{ title: 'New registration', description: 'alice joined', color: 0x2ecc71 }],
  allowed_mentions: { parse: [] },
};

describe('createDiscordClient against the fake Discord', () => {
  it('posts a message, returns its id and channel, and Discord receives the exact body', async () => {
    const { hook, target } = webhook();
    const result = await client().executeWebhook(target, body);
    const [message] = fake.messages({ webhookId: hook.id });
    expect(result).toEqual({ ok: true, messageId: message?.id, channelId: hook.channelId });
    expect(message?.body).toEqual(body);
  });

  it('posts into the thread given in the URL', async () => {
    const hook = fake.createWebhook();
    const target = parseWebhookTarget(`${hook.url}?thread_id=1111111111111111111`);
    const result = await client().executeWebhook(target, body);
    expect(result).toMatchObject({ ok: true, channelId: '1111111111111111111' });
    expect(fake.messages({ webhookId: hook.id })[0]?.threadId).toBe('1111111111111111111');
  });

  it('learns the webhook bucket from the headers: 12 posts under 5 per 2 s, at most one 429', async () => {
    const { hook, target } = webhook();
    const discord = client();
    const before = fake.stats().byStatus[429] ?? 0;
    for (let i = 0; i < 12; i++) {
      expect(await discord.executeWebhook(target, { content: `post ${i}`, allowed_mentions: { parse: [] } })).toMatchObject({ ok: true });
    }
    expect(fake.messages({ webhookId: hook.id }).map((m) => m.content)).toEqual(Array.from({ length: 12 }, (_, i) => `post ${i}`));
    expect((fake.stats().byStatus[429] ?? 0) - before).toBeLessThanOrEqual(1);
    expect(discord.stats().responses[200]).toBe(12);
    expect(discord.stats().rateLimited).toBeGreaterThanOrEqual(2); // waited before posts 6 and 11
  });

  it('waits out an injected 429 and then succeeds, reporting the rate limit without the token', async () => {
    const { hook, target } = webhook();
    const events: RateLimitEvent[] = [];
    const discord = client({ onRateLimited: (event) => events.push(event) });
    fake.injectFaults({ webhookId: hook.id }, [{ status: 429, retryAfterMs: 300 }]);
    const started = Date.now();
    const result = await discord.executeWebhook(target, body);
    expect(result).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(requestsTo(hook)).toBe(2);
    expect(discord.stats()).toMatchObject({ rateLimited: 1, responses: { 429: 1, 200: 1 } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ route: '/webhooks/:id/:token', webhookId: hook.id, global: false });
    expect(JSON.stringify(events)).not.toContain(hook.token);
  });

  it('retries a 500 inside the REST client, and reports transient once retries are used up', async () => {
    const { hook, target } = webhook();
    const discord = client({ retries: 1 });
    fake.injectFaults({ webhookId: hook.id }, [{ status: 500 }]);
    expect(await discord.executeWebhook(target, body)).toMatchObject({ ok: true });

    fake.injectFaults({ webhookId: hook.id }, [{ status: 500 }, { status: 503 }]);
    const failure = expectFailure(await discord.executeWebhook(target, body), 'transient', hook.token);
    expect(failure.status).toBe(503);
    expect(requestsTo(hook)).toBe(4);
    expect(fake.messages({ webhookId: hook.id })).toHaveLength(1);
  });

  it('quarantines a 404 without retrying', async () => {
    const { hook, target } = webhook();
    fake.injectFaults({ webhookId: hook.id }, [{ status: 404 }]);
    const failure = expectFailure(await client({ retries: 3 }).executeWebhook(target, body), 'quarantine', hook.token);
    expect(failure).toMatchObject({ status: 404, code: 10015 });
    expect(requestsTo(hook)).toBe(1);
  });

  it('quarantines a deleted webhook, a wrong token and a missing permission', async () => {
    const discord = client();
    const deleted = webhook();
    fake.deleteWebhook(deleted.hook.id);
    expectFailure(await discord.executeWebhook(deleted.target, body), 'quarantine', deleted.hook.token);

    const wrongToken = webhook();
    const badTarget = { ...wrongToken.target, token: `${wrongToken.hook.token.slice(0, -4)}XXXX` };
    expectFailure(await discord.executeWebhook(badTarget, body), 'quarantine', badTarget.token);

    const forbidden = webhook();
    fake.injectFaults({ webhookId: forbidden.hook.id }, [{ status: 403 }]);
    expect(expectFailure(await discord.executeWebhook(forbidden.target, body), 'quarantine', forbidden.hook.token)).toMatchObject({ status: 403, code: 50013 });
  });

  it('marks a 400 invalid, with Discord’s explanation', async () => {
    const { hook, target } = webhook();
    const discord = client();
    fake.injectFaults({ webhookId: hook.id }, [{ status: 400 }]);
    expectFailure(await discord.executeWebhook(target, body), 'invalid', hook.token);

    const tooLong = expectFailure(await discord.executeWebhook(target, { embeds: [{ title: 't'.repeat(300) }] }), 'invalid', hook.token);
    expect(tooLong).toMatchObject({ status: 400, code: 50035 });
    expect(tooLong.error).toContain('title');
    expect(requestsTo(hook)).toBe(2);
  });

  it('reports a dropped connection as transient', async () => {
    const { hook, target } = webhook();
    fake.injectFaults({ webhookId: hook.id }, [{ drop: true }]);
    const failure = expectFailure(await client({ retries: 0 }).executeWebhook(target, body), 'transient', hook.token);
    expect(failure.status).toBeUndefined();
  });

  it('reports a timeout as transient, although Discord may have stored the message', async () => {
    const { hook, target } = webhook();
    fake.injectFaults({ webhookId: hook.id }, [{ hold: true }]);
    const failure = expectFailure(await client({ retries: 0, timeoutMs: 200 }).executeWebhook(target, body), 'transient', hook.token);
    expect(failure.error).toMatch(/abort/i);
    expect(failure.notSent).toBeUndefined(); // Discord may have it: the engine treats it as in doubt
    expect(fake.messages({ webhookId: hook.id })).toHaveLength(1);
    fake.releaseHeld();
  });

  it('never resends an unanswered webhook post by itself (it has no idempotency key): one request, one message', async () => {
    const { hook, target } = webhook();
    fake.injectFaults({ webhookId: hook.id }, [{ hold: true }]);
    const failure = expectFailure(await client({ retries: 3, timeoutMs: 200 }).executeWebhook(target, body), 'transient', hook.token);
    expect(failure.error).toMatch(/UnansweredRequestError/);
    expect(requestsTo(hook)).toBe(1);
    expect(fake.messages({ webhookId: hook.id })).toHaveLength(1);
    fake.releaseHeld();
    fake.injectFaults({ webhookId: hook.id }, [{ drop: true, reset: true }]);
    expectFailure(await client({ retries: 3 }).executeWebhook(target, body), 'transient', hook.token);
    expect(requestsTo(hook)).toBe(2);
  });

  it('says a request never left when it was aborted while queued', async () => {
    const { hook, target } = webhook();
    const aborted = AbortSignal.abort();
    const failure = expectFailure(await client().executeWebhook(target, body, { signal: aborted }), 'transient', hook.token);
    expect(failure.notSent).toBe(true);
    expect(requestsTo(hook)).toBe(0);
  });

  it('reports a refused connection as transient', async () => {
    const closed = await FakeDiscord.start();
    const apiBaseUrl = closed.apiBaseUrl;
    await closed.close();
    const target = { id: '1234567890123456789', token: 'secret-token-that-must-not-leak' };
    const failure = expectFailure(await client({ apiBaseUrl, retries: 0 }).executeWebhook(target, body), 'transient', target.token);
    expect(failure.error).toContain('ECONNREFUSED');
    expect(failure.notSent).toBe(true); // nothing reached Discord: not in doubt
  });

  it('checks a webhook with GET (and tolerates a versioned base URL)', async () => {
    const { hook, target } = webhook();
    const discord = client({ apiBaseUrl: `${fake.apiBaseUrl}/v10/` });
    expect(await discord.getWebhook(target)).toMatchObject({ ok: true, id: hook.id, channelId: hook.channelId });
    fake.deleteWebhook(hook.id);
    expect(await discord.getWebhook(target)).toMatchObject({ ok: false, kind: 'quarantine', status: 404 });
    expect(fake.messages({ webhookId: hook.id })).toHaveLength(0);
  });

  it('never logs the token', async () => {
    const { hook, target } = webhook();
    const output = new PassThrough();
    const lines: string[] = [];
    output.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const discord = client({ logger: createLogger({ name: 'discord-test', level: 'debug', destination: output }) });
    fake.injectFaults({ webhookId: hook.id }, [{ status: 429, retryAfterMs: 50 }, { status: 404 }]);
    await discord.executeWebhook(target, body);
    const logged = lines.join('');
    expect(logged).toContain('Discord rate limit');
    expect(logged).toContain('Discord request failed');
    expect(logged).not.toContain(hook.token);
  });

  it('delivers whatever packMessages produces, however large the input', async () => {
    const unlimited = await FakeDiscord.start({ limits: { webhook: 'unlimited' } });
    try {
      const hook = unlimited.createWebhook();
      const discord = client({ apiBaseUrl: unlimited.apiBaseUrl });
      const items: PackItem[] = Array.from({ length: 5 }, (_, i) => ({
        key: `event-${i}`,
        embeds: Array.from({ length: 1 + i * 2 }, (_, j) => ({
          title: `${i}.${j} ${'t'.repeat(300)}`,
          description: 'd'.repeat(1500 + 400 * j),
          fields: Array.from({ length: 30 }, (_, k) => ({ name: k % 7 === 0 ? '' : `f${k}`, value: 'v'.repeat(200 * k) })),
          footer: { text: '@everyone '.repeat(300) },
        })),
      }));
      const messages = packMessages(items, { mention: { content: '<@&42> new events', roles: ['42'] } });
      const target = parseWebhookTarget(hook.url);
      for (const message of messages) expect(await discord.executeWebhook(target, message.body)).toMatchObject({ ok: true });
      expect(unlimited.messages({ webhookId: hook.id })).toHaveLength(messages.length);
      expect(unlimited.stats().byStatus[400]).toBeUndefined();
    } finally {
      await unlimited.close();
    }
  });
});
