/** Snowflakes that encode their time, and messages seeded into a channel's past. */
import { SnowflakeUtil } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandInputError, DemoGuild, FakeDiscord } from './index.js';
import { pastSnowflake, snowflake, snowflakeTime } from './snowflake.js';

const DAY = 24 * 60 * 60_000;
const general = DemoGuild.channels.general.id;
let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' } });
});
afterEach(() => fake.close());

describe('snowflakes', () => {
  it('encode their creation time as discord.js reads it, live and past ones alike, and stay unique', () => {
    const now = Date.now();
    expect(Number(SnowflakeUtil.timestampFrom(snowflake(now)))).toBe(now);
    const past = now - 20 * DAY;
    const ids = Array.from({ length: 5000 }, () => pastSnowflake(past));
    expect(new Set(ids).size).toBe(5000);
    expect(Number(SnowflakeUtil.timestampFrom(ids[0]!))).toBe(past);
    // 4096 ids per millisecond: the next ones borrow the following millisecond.
    expect(snowflakeTime(ids[4999]!)).toBe(past + 1);
    // Seeding the past does not hold back live ids.
    expect(snowflakeTime(snowflake())).toBeGreaterThanOrEqual(now);
    // Seeded "now" and a live id in the same millisecond keep creation order.
    const at = Date.now();
    const seededNow = pastSnowflake(at);
    expect(BigInt(snowflake(at))).toBeGreaterThan(BigInt(seededNow));
  });
});

describe('seedMessages', () => {
  it('puts messages into a channel’s past: ids and createdAt agree, newest first in the history, kept apart from messages()', async () => {
    const before = Date.now();
    const seeded = fake.seedMessages('general', [
      { content: 'old', ageMs: 20 * DAY },
      { content: 'recent', authorId: 'moderator', ageMs: 60_000 },
      { content: 'by the bot', authorId: DemoGuild.bot.id, ageMs: 15 * DAY },
    ]);
    expect(seeded.map((m) => m.authorId)).toEqual([DemoGuild.users.member.id, DemoGuild.users.moderator.id, DemoGuild.bot.id]);
    for (const message of seeded) {
      expect(snowflakeTime(message.id)).toBe(message.createdAt);
      expect(message).toMatchObject({ channelId: general, index: -1, seeded: true });
    }
    expect(seeded[0]!.createdAt).toBeLessThanOrEqual(before - 20 * DAY + 1000);

    const channel = await fetch(`${fake.apiBaseUrl}/v10/channels/${general}/messages`, {
      method: 'POST',
      headers: { Authorization: 'Bot t', 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'live' }),
    });
    expect(channel.status).toBe(200);
    expect(fake.channelHistory(general).map((m) => m.content)).toEqual(['live', 'recent', 'by the bot', 'old']);
    expect(fake.messages().map((m) => m.content)).toEqual(['live']);
    expect(fake.message(seeded[0]!.id)?.content).toBe('old');
    expect(fake.deleteMessage(seeded[1]!.id)).toBe(true);
    expect(fake.channelHistory(general).map((m) => m.content)).toEqual(['live', 'by the bot', 'old']);
  });

  it('refuses bad input naming it, and records nothing then', () => {
    expect(() => fake.seedMessages('nowhere', [{ content: 'x', ageMs: 0 }])).toThrow(/no channel nowhere/);
    expect(() => fake.seedMessages('general', [{ content: 'ok', ageMs: 0 }, { content: 'x', ageMs: -1 }])).toThrow(/messages\[1\]\.ageMs/);
    expect(() => fake.seedMessages('general', [{ content: 'x', authorId: 'nobody', ageMs: 0 }])).toThrow(CommandInputError);
    expect(fake.channelHistory(general)).toEqual([]);
  });

  it('has control routes: seed, read one message, read a channel’s history', async () => {
    const post = await fetch(`${fake.url}/_fake/channels/general/messages`, {
      method: 'POST',
      body: JSON.stringify({ messages: [{ content: 'a', ageMs: 3 * DAY }, { content: 'b', ageMs: DAY, authorId: 'owner' }] }),
    });
    expect(post.status).toBe(200);
    const { messages } = (await post.json()) as { messages: Array<{ id: string; createdAt: number }> };
    expect(messages).toHaveLength(2);
    const one = await fetch(`${fake.url}/_fake/messages/${messages[1]!.id}`);
    expect(await one.json()).toMatchObject({ content: 'b', authorId: DemoGuild.users.owner.id });
    const history = await fetch(`${fake.url}/_fake/channels/${general}/history`);
    expect(((await history.json()) as Array<{ content: string }>).map((m) => m.content)).toEqual(['b', 'a']);
    const bad = await fetch(`${fake.url}/_fake/channels/general/messages`, { method: 'POST', body: JSON.stringify({ messages: [{ content: 'x' }] }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.stringMatching(/ageMs/) });
    expect((await fetch(`${fake.url}/_fake/messages/1`)).status).toBe(404);
  });
});
