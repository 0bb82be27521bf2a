import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordMessage, type FakeDiscordWebhook } from './index.js';

let fake: FakeDiscord;
let webhook: FakeDiscordWebhook;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  webhook = fake.createWebhook();
});
afterEach(() => fake.close());

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${fake.apiBaseUrl}/v10${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

async function post(body: unknown, query = '?wait=true'): Promise<string> {
  const res = await call('POST', `/webhooks/${webhook.id}/${webhook.token}${query}`, body);
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

const messagePath = (id: string, hook: FakeDiscordWebhook = webhook) => `/webhooks/${hook.id}/${hook.token}/messages/${id}`;
const bot = { Authorization: 'Bot fake-token' };

describe('fake Discord message edits (webhook)', () => {
  it('PATCH replaces the given fields in place, keeps the others, and is counted', async () => {
    const id = await post({ content: 'status v1', embeds: [{ title: 'one' }], username: 'Herald' });
    const edits: FakeDiscordMessage[] = [];
    fake.on('edit', (m) => edits.push(m));
    const res = await call('PATCH', messagePath(id), { embeds: [{ title: 'two' }] });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ id, content: 'status v1', embeds: [{ title: 'two' }], webhook_id: webhook.id });
    expect(answer.edited_timestamp).not.toBeNull();
    const [message] = fake.messages({ webhookId: webhook.id });
    expect(fake.messages()).toHaveLength(1);
    expect(message).toMatchObject({ id, content: 'status v1', embeds: [{ title: 'two' }], edits: 1, body: { username: 'Herald' } });
    expect(message?.editedAt).toBeGreaterThan(0);
    expect(edits.map((m) => m.id)).toEqual([id]);

    await call('PATCH', messagePath(id), { content: null });
    expect(fake.message(id)).toMatchObject({ content: '', edits: 2 });
  });

  it('answers 404 Unknown Message for a deleted, unknown or other webhook\'s message, and 10015 for a deleted webhook', async () => {
    const id = await post({ content: 'x' });
    const other = fake.createWebhook();
    expect(await (await call('PATCH', messagePath(id, other), { content: 'y' })).json()).toEqual({ message: 'Unknown Message', code: 10008 });
    expect(fake.deleteMessage(id)).toBe(true);
    expect(fake.deleteMessage(id)).toBe(false);
    const gone = await call('PATCH', messagePath(id), { content: 'y' });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ message: 'Unknown Message', code: 10008 });
    expect((await call('GET', messagePath(id))).status).toBe(404);
    expect((await call('PATCH', messagePath('123456789012345678'), { content: 'y' })).status).toBe(404);
    fake.deleteWebhook(webhook.id);
    expect(await (await call('PATCH', messagePath(id), { content: 'y' })).json()).toEqual({ message: 'Unknown Webhook', code: 10015 });
  });

  it('validates the edited message like a new one and leaves it unchanged when refused', async () => {
    const id = await post({ content: 'keep me' });
    const tooLong = await call('PATCH', messagePath(id), { content: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: 50035 });
    const empty = await call('PATCH', messagePath(id), { content: null });
    expect(await empty.json()).toMatchObject({ code: 50006 });
    expect((await call('PATCH', messagePath(id), '{nope')).status).toBe(400);
    expect(fake.message(id)).toMatchObject({ content: 'keep me' });
    expect(fake.message(id)?.edits).toBeUndefined();
  });

  it('finds a message in a thread only with its thread_id, and GET/DELETE work like Discord', async () => {
    const id = await post({ content: 'in thread' }, '?wait=true&thread_id=1111111111111111111');
    expect((await call('PATCH', messagePath(id), { content: 'y' })).status).toBe(404);
    expect((await call('PATCH', `${messagePath(id)}?thread_id=1111111111111111111`, { content: 'y' })).status).toBe(200);
    const got = await call('GET', `${messagePath(id)}?thread_id=1111111111111111111`);
    expect(await got.json()).toMatchObject({ id, content: 'y', channel_id: '1111111111111111111' });
    expect((await call('DELETE', `${messagePath(id)}?thread_id=1111111111111111111`)).status).toBe(204);
    expect(fake.message(id)?.deletedAt).toBeGreaterThan(0);
  });

  it('applies injected faults and its own rate-limit bucket to edits', async () => {
    const id = await post({ content: 'x' });
    fake.injectFaults({ webhookId: webhook.id }, [{ status: 500 }]);
    expect((await call('PATCH', messagePath(id), { content: 'y' })).status).toBe(500);
    expect(fake.message(id)?.content).toBe('x');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call('PATCH', messagePath(id), { content: `v${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Posting is counted in another bucket.
    expect((await call('POST', `/webhooks/${webhook.id}/${webhook.token}?wait=true`, { content: 'new' })).status).toBe(200);
  });
});

describe('fake Discord message edits (bot channel)', () => {
  it('the bot edits its own message; a webhook post in the channel is not its to edit', async () => {
    const channel = webhook.channelId;
    const res = await call('POST', `/channels/${channel}/messages`, { content: 'bot v1' }, bot);
    const { id } = (await res.json()) as { id: string };
    const edited = await call('PATCH', `/channels/${channel}/messages/${id}`, { content: 'bot v2' }, bot);
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ id, content: 'bot v2', author: { bot: true } });
    expect(fake.message(id)).toMatchObject({ content: 'bot v2', edits: 1 });

    const hookMessage = await post({ content: 'from webhook' });
    expect((await call('PATCH', `/channels/${channel}/messages/${hookMessage}`, { content: 'x' }, bot)).status).toBe(403);
    expect((await call('PATCH', `/channels/${channel}/messages/${id}`, { content: 'x' })).status).toBe(401);
    fake.deleteMessage(id);
    const gone = await call('PATCH', `/channels/${channel}/messages/${id}`, { content: 'x' }, bot);
    expect(await gone.json()).toEqual({ message: 'Unknown Message', code: 10008 });
  });

  it('deletes a message through the control API', async () => {
    const id = await post({ content: 'x' });
    const res = await fetch(`${fake.url}/_fake/messages/${id}`, { method: 'DELETE' });
    expect(await res.json()).toEqual({ deleted: true });
    expect(fake.message(id)?.deletedAt).toBeGreaterThan(0);
  });
});
