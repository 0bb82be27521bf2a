import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordChannel } from './index.js';

let fake: FakeDiscord;
let channel: FakeDiscordChannel;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  channel = fake.createChannel({ name: 'ops' });
});
afterEach(() => fake.close());

function send(body: unknown, channelId = channel.id, authorization: string | null = 'Bot fake-token'): Promise<Response> {
  return fetch(`${fake.apiBaseUrl}/v10/channels/${channelId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorization !== null && { Authorization: authorization }) },
    body: JSON.stringify(body),
  });
}

describe('fake Discord bot channel messages', () => {
  it('creates a message and answers the message object', async () => {
    const res = await send({ content: 'pong', tts: false, enforce_nonce: false });
    expect(res.status).toBe(200);
    const message = (await res.json()) as Record<string, unknown>;
    expect(message).toMatchObject({ type: 0, channel_id: channel.id, content: 'pong', author: { bot: true } });
    expect(message).not.toHaveProperty('webhook_id');
    expect(fake.messages({ channelId: channel.id })).toMatchObject([{ id: message.id, content: 'pong' }]);
  });

  it('requires a Bot authorization header', async () => {
    for (const authorization of [null, 'Bearer abc', 'Bot ']) {
      const res = await send({ content: 'x' }, channel.id, authorization);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    }
  });

  it('answers 404 Unknown Channel for unregistered channels', async () => {
    const res = await send({ content: 'x' }, '123456789012345678');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Unknown Channel', code: 10003 });
  });

  it('returns the existing message for a repeated nonce with enforce_nonce', async () => {
    const first = (await (await send({ content: 'once', nonce: 'job-42', enforce_nonce: true })).json()) as { id: string };
    const again = await send({ content: 'once', nonce: 'job-42', enforce_nonce: true });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    // Without enforce_nonce, Discord creates a new message even for a known nonce.
    const loose = (await (await send({ content: 'twice', nonce: 'job-42' })).json()) as { id: string };
    expect(loose.id).not.toBe(first.id);
    expect(fake.messages().map((m) => m.nonce)).toEqual(['job-42', 'job-42']);
  });

  it('limits each channel to 5 messages per 5 s by default', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send({ content: `${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const ok = await send({ content: 'other channel' }, fake.createChannel().id);
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(Number(ok.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(4.9);
  });

  it('consumes channel faults and permanent statuses', async () => {
    fake.injectFaults({ channelId: channel.id }, [{ status: 404 }]);
    const faulted = await send({ content: 'x' });
    expect([faulted.status, await faulted.json()]).toEqual([404, { message: 'Unknown Channel', code: 10003 }]);
    fake.setPermanentStatus({ channelId: channel.id }, 403);
    expect((await send({ content: 'x' })).status).toBe(403);
    expect(fake.messages()).toEqual([]);
  });

  it('validates bodies the same way as webhooks', async () => {
    const res = await send({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 50035, errors: { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
  });
});
