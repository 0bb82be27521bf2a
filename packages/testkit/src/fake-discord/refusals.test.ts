import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordWebhook } from './index.js';

let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(() => fake.close());

function execute(webhook: FakeDiscordWebhook, content: string): Promise<Response> {
  return fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}?wait=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content }),
  });
}

async function control(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${fake.url}/_fake${path}`, {
    method,
    ...(body !== undefined && { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Every rate-limit or timing header a client could learn a wait from. */
function timingHeaders(res: Response): string[] {
  return [...res.headers.keys()].filter((h) => h === 'retry-after' || h.startsWith('x-ratelimit'));
}

const automod = { code: 200000, message: 'Message was blocked by automatic moderation' };

describe('fake Discord refusals without timing, and content rules', () => {
  it('answers a one-shot header-less 429 like a Cloudflare edge block, then serves normally', async () => {
    const webhook = fake.createWebhook();
    fake.injectFaults({ webhookId: webhook.id }, [{ status: 429, headerless: true }]);
    const refused = await execute(webhook, 'a');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await refused.text()).toBe('error code: 1015');
    expect(timingHeaders(refused)).toEqual([]);
    expect((await execute(webhook, 'b')).status).toBe(200);
    expect(fake.messages().map((m) => m.content)).toEqual(['b']);
  });

  it('keeps a sticky header-less 429 on every request of the target until it expires', async () => {
    const webhook = fake.createWebhook();
    const other = fake.createWebhook();
    fake.setStickyFault({ webhookId: webhook.id }, { status: 429, headerless: true }, 300);
    const started = Date.now();
    for (const content of ['a', 'b']) expect((await execute(webhook, content)).status).toBe(429);
    expect((await fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}`)).status).toBe(429);
    expect((await execute(other, 'other')).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, started + 320 - Date.now()))); // the expiry is the event under test
    expect((await execute(webhook, 'c')).status).toBe(200);
    expect(fake.messages().map((m) => m.content)).toEqual(['other', 'c']);
  });

  it('keeps a sticky fault until cleared, through the control API too', async () => {
    const webhook = fake.createWebhook();
    expect(await control('POST', '/sticky-fault', { target: { webhookId: webhook.id }, fault: { status: 429, headerless: true } })).toBe(200);
    expect((await execute(webhook, 'a')).status).toBe(429);
    fake.reset(); // a sticky fault models the target's state, like a permanent status: reset keeps it
    expect((await execute(webhook, 'b')).status).toBe(429);
    expect(await control('POST', '/sticky-fault', { target: { webhookId: webhook.id }, fault: null })).toBe(200);
    expect((await execute(webhook, 'c')).status).toBe(200);
    expect(await control('POST', '/sticky-fault', { target: { webhookId: webhook.id }, fault: { hold: true } })).toBe(400);
    expect(await control('POST', '/sticky-fault', { target: {}, fault: null })).toBe(400);
    expect(await control('POST', '/sticky-fault', { target: { webhookId: webhook.id }, fault: { status: 503 }, forMs: -1 })).toBe(400);
  });

  it('answers a one-shot 400 with a Discord JSON error code and message', async () => {
    const webhook = fake.createWebhook();
    fake.injectFaults({ webhookId: webhook.id }, [{ status: 400, body: automod }]);
    const refused = await execute(webhook, 'a');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(automod);
    expect(fake.messages()).toEqual([]);
  });

  it('refuses every message containing a text with the rule body, until the rules are cleared', async () => {
    const webhook = fake.createWebhook();
    fake.addContentRule({ contains: 'badword', status: 400, body: automod });
    const bad = await execute(webhook, 'hello badword_guy');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(automod);
    // Every message, every time: the rule is not consumed, and other messages pass.
    expect((await execute(webhook, 'badword again')).status).toBe(400);
    expect((await execute(webhook, 'good_guy')).status).toBe(200);
    fake.clearContentRules();
    expect((await execute(webhook, 'badword_guy')).status).toBe(200);
    expect(fake.messages().map((m) => m.content)).toEqual(['good_guy', 'badword_guy']);
  });

  it('adds and clears content rules through the control API, scoped to a target when given', async () => {
    const webhook = fake.createWebhook();
    const other = fake.createWebhook();
    expect(await control('POST', '/content-rules', { contains: 'badword', status: 400, body: automod, target: { webhookId: webhook.id } })).toBe(200);
    const refused = await execute(webhook, 'badword');
    expect(await refused.json()).toEqual(automod);
    expect((await execute(other, 'badword')).status).toBe(200);
    expect(await control('POST', '/content-rules', { contains: '', status: 400 })).toBe(400);
    expect(await control('POST', '/content-rules', { contains: 'x', status: 429 })).toBe(400);
    expect(await control('DELETE', '/content-rules')).toBe(200);
    expect((await execute(webhook, 'badword')).status).toBe(200);
  });
});
