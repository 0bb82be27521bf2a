/**
 * Drives the fake with the real @discordjs/rest client, proving protocol-level compatibility
 * (bucket learning from headers, 429 retries, 5xx retries, error mapping).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordWebhook } from './index.js';

// @herald/testkit does not declare @discordjs/rest, so load the workspace's copy from
// @herald/discord. Replace with a plain import once testkit lists it as a devDependency.
const requireFromDiscord = createRequire(new URL('../../../discord/package.json', import.meta.url));
const restModule = (await import(pathToFileURL(requireFromDiscord.resolve('@discordjs/rest')).href)) as RestModule;

type Route = `/${string}`;
interface RequestOptions {
  body?: unknown;
  auth?: boolean;
  query?: URLSearchParams;
}
interface RestClient {
  post(route: Route, options?: RequestOptions): Promise<unknown>;
  setToken(token: string): RestClient;
  on(event: 'rateLimited', listener: (info: { retryAfter: number; timeToReset: number }) => void): RestClient;
}
interface RestModule {
  REST: new (options: { api: string; timeout?: number; retries?: number }) => RestClient;
}
interface DiscordMessage {
  id: string;
  content: string;
  channel_id: string;
  webhook_id?: string;
}

let fake: FakeDiscord;
let webhook: FakeDiscordWebhook;
let rest: RestClient;
const waitTrue = () => new URLSearchParams({ wait: 'true' });
const route = (): Route => `/webhooks/${webhook.id}/${webhook.token}`;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  webhook = fake.createWebhook();
  rest = new restModule.REST({ api: fake.apiBaseUrl });
});
afterEach(() => fake.close());

function execute(content: string): Promise<DiscordMessage> {
  return rest.post(route(), { body: { content }, auth: false, query: waitTrue() }) as Promise<DiscordMessage>;
}

describe('fake Discord with the real @discordjs/rest client', () => {
  it('executes a webhook with wait=true and gets the message back', async () => {
    const message = await execute('hello');
    expect(message).toMatchObject({ content: 'hello', channel_id: webhook.channelId, webhook_id: webhook.id });
    expect(fake.messages()).toMatchObject([{ id: message.id, content: 'hello' }]);
  });

  it('learns the bucket from headers and waits instead of hitting 429', async () => {
    fake.setLimits({ webhook: { requests: 5, perMs: 500 } });
    const waits: number[] = [];
    rest.on('rateLimited', (info) => waits.push(info.timeToReset));
    const started = Date.now();
    const sent = await Promise.all(Array.from({ length: 6 }, (_, i) => execute(`m${i}`)));
    expect(sent.map((m) => m.content)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(fake.stats().byStatus[429]).toBeUndefined();
    expect(waits).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    const sixth = fake.messages()[5];
    const first = fake.messages()[0];
    expect((sixth?.createdAt ?? 0) - (first?.createdAt ?? 0)).toBeGreaterThanOrEqual(450);
  });

  it('retries an injected 429 after Retry-After', async () => {
    fake.injectFaults({ webhookId: webhook.id }, [{ status: 429, retryAfterMs: 300 }]);
    const started = Date.now();
    await execute('after 429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(fake.stats()).toEqual({ requests: 2, messages: 1, byStatus: { 429: 1, 200: 1 } });
  });

  it('retries an injected 500 and then succeeds', async () => {
    fake.injectFaults({ webhookId: webhook.id }, [{ status: 500 }]);
    await execute('after 500');
    expect(fake.stats()).toEqual({ requests: 2, messages: 1, byStatus: { 500: 1, 200: 1 } });
  });

  it('maps 404 Unknown Webhook and 400 Invalid Form Body to DiscordAPIError', async () => {
    fake.deleteWebhook(webhook.id);
    await expect(execute('gone')).rejects.toMatchObject({ status: 404, code: 10015 });

    webhook = fake.createWebhook();
    const tooMany = Array.from({ length: 11 }, () => ({ title: 't' }));
    await expect(rest.post(route(), { body: { embeds: tooMany }, auth: false })).rejects.toMatchObject({
      status: 400,
      code: 50035,
      rawError: { errors: { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
    const tooBig = Array.from({ length: 2 }, () => ({ description: 'd'.repeat(3001) }));
    await expect(rest.post(route(), { body: { embeds: tooBig }, auth: false })).rejects.toMatchObject({
      status: 400,
      rawError: { errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } },
    });
    expect(fake.messages()).toEqual([]);
  });

  it('returns the same bot message for a repeated nonce with enforce_nonce', async () => {
    const channel = fake.createChannel();
    rest.setToken('fake-bot-token');
    const body = { content: 'exactly once', nonce: 'delivery-7', enforce_nonce: true };
    const first = (await rest.post(`/channels/${channel.id}/messages`, { body })) as DiscordMessage;
    const second = (await rest.post(`/channels/${channel.id}/messages`, { body })) as DiscordMessage;
    expect(second.id).toBe(first.id);
    expect(fake.messages()).toHaveLength(1);
  });

  it('holds a response until releaseHeld while the message already exists', async () => {
    fake.injectFaults({ webhookId: webhook.id }, [{ hold: true }]);
    const pending = execute('held');
    const [created] = await fake.waitForMessages(1);
    expect(fake.heldCount).toBe(1);
    expect(fake.releaseHeld()).toBe(1);
    expect((await pending).id).toBe(created?.id);
  });

  it('a lost response plus a client retry with a nonce still yields one message', async () => {
    const channel = fake.createChannel();
    const impatient = new restModule.REST({ api: fake.apiBaseUrl, timeout: 150 }).setToken('fake-bot-token');
    fake.injectFaults({ channelId: channel.id }, [{ hold: true }]);
    const body = { content: 'once', nonce: 'lost-response', enforce_nonce: true };
    const message = (await impatient.post(`/channels/${channel.id}/messages`, { body })) as DiscordMessage;
    expect(fake.messages()).toMatchObject([{ id: message.id }]);
    expect(fake.requests().map((r) => r.held === true)).toEqual([true, false]);
  });

  it('drop: a plain close fails the request and creates nothing; a reset is retried by the client', async () => {
    fake.injectFaults({ webhookId: webhook.id }, [{ drop: true }]);
    await expect(execute('dropped')).rejects.toThrow(/other side closed/);
    expect(fake.messages()).toEqual([]);
    expect(fake.stats().byStatus).toEqual({ 0: 1 });

    fake.injectFaults({ webhookId: webhook.id }, [{ drop: true, reset: true }]);
    await execute('after reset');
    expect(fake.messages().map((m) => m.content)).toEqual(['after reset']);
    expect(fake.stats().byStatus).toEqual({ 0: 2, 200: 1 });
  });
});
