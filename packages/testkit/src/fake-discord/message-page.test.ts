import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordChannelSummary, type FakeDiscordMessagePage, type FakeDiscordWebhook } from './index.js';

let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' } });
});
afterEach(() => fake.close());

async function execute(webhook: FakeDiscordWebhook, content: string): Promise<void> {
  const res = await fetch(`${fake.apiBaseUrl}/v10/webhooks/${webhook.id}/${webhook.token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content }),
  });
  expect(res.status).toBe(204);
}

async function page(query: string): Promise<{ status: number; body: FakeDiscordMessagePage & { error?: string } }> {
  const res = await fetch(`${fake.url}/_fake/messages/page${query}`);
  return { status: res.status, body: (await res.json()) as FakeDiscordMessagePage & { error?: string } };
}

const contents = (p: FakeDiscordMessagePage) => p.messages.map((m) => m.content);

describe('GET /_fake/messages/page', () => {
  it('pages newest first, before and after a message index, and says what lies on either side', async () => {
    const webhook = fake.createWebhook();
    for (let i = 0; i < 7; i++) await execute(webhook, `m${i}`);

    const newest = (await page('?limit=3')).body;
    expect(contents(newest)).toEqual(['m6', 'm5', 'm4']);
    expect(newest).toMatchObject({ newer: false, older: true, total: 7 });

    const older = (await page(`?limit=3&before=${newest.messages.at(-1)!.index}`)).body;
    expect(contents(older)).toEqual(['m3', 'm2', 'm1']);
    expect(older).toMatchObject({ newer: true, older: true });

    const oldest = (await page(`?limit=3&before=${older.messages.at(-1)!.index}`)).body;
    expect(contents(oldest)).toEqual(['m0']);
    expect(oldest).toMatchObject({ newer: true, older: false });

    // Back from the oldest page: the three just newer than m0, still newest first.
    const back = (await page(`?limit=3&after=${oldest.messages[0]!.index}`)).body;
    expect(contents(back)).toEqual(['m3', 'm2', 'm1']);
    expect(back).toMatchObject({ newer: true, older: true });

    // Without a limit: Discord's default of 50, so a long history never comes back whole.
    for (let i = 7; i < 60; i++) await execute(webhook, `m${i}`);
    const defaults = (await page('')).body;
    expect(defaults.messages).toHaveLength(50);
    expect(defaults).toMatchObject({ older: true, total: 60 });
  });

  it('filters by channel and webhook, counting only what matches', async () => {
    const feed = fake.createChannel({ name: 'feed' });
    const a = fake.createWebhook({ channelId: feed.id, name: 'signups' });
    const b = fake.createWebhook();
    for (const [webhook, content] of [[a, 'a1'], [b, 'b1'], [a, 'a2'], [b, 'b2']] as const) await execute(webhook, content);

    const inFeed = (await page(`?channelId=${feed.id}&limit=1`)).body;
    expect(contents(inFeed)).toEqual(['a2']);
    expect(inFeed).toMatchObject({ total: 2, older: true, newer: false });
    const fromB = (await page(`?webhookId=${b.id}&before=${inFeed.messages[0]!.index}`)).body;
    expect(contents(fromB)).toEqual(['b1']);
    expect(fromB).toMatchObject({ total: 2, older: false, newer: true });
    expect((await page('?channelId=1')).body).toEqual({ messages: [], newer: false, older: false, total: 0 });
  });

  it('refuses a limit outside 1..100, a malformed cursor, and before with after', async () => {
    for (const [query, error] of [
      ['?limit=0', 'limit must be an integer from 1 to 100'],
      ['?limit=101', 'limit must be an integer from 1 to 100'],
      ['?limit=ten', 'limit must be a message index (a non-negative integer)'],
      ['?before=-1', 'before must be a message index (a non-negative integer)'],
      ['?before=1&after=2', 'give before or after, not both'],
    ] as const) {
      const res = await page(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toBe(error);
    }
  });
});

describe('GET /_fake/channels', () => {
  it("lists the guild's channels and webhooks' channels with webhook names (no tokens) and message counts", async () => {
    const feed = fake.createChannel({ name: 'feed' });
    const webhook = fake.createWebhook({ channelId: feed.id, name: 'signups' });
    await execute(webhook, 'one');
    await execute(webhook, 'two');
    const res = await fetch(`${fake.url}/_fake/channels`);
    const channels = (await res.json()) as FakeDiscordChannelSummary[];
    expect(channels.map((c) => [c.name, c.webhooks.map((w) => w.name), c.messages])).toEqual([
      ['general', [], 0],
      ['alerts', [], 0],
      ['feed', ['signups'], 2],
    ]);
    expect(JSON.stringify(channels)).not.toContain(webhook.token);
  });
});
