/** Listing, deleting, bulk-deleting and reacting to channel messages with the real @discordjs/rest client. */
import { DiscordAPIError, HTTPError, REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoGuild, FakeDiscord } from './index.js';
import { snowflake } from './snowflake.js';

const DAY = 24 * 60 * 60_000;
const general = DemoGuild.channels.general.id;
let fake: FakeDiscord;
let rest: REST;

beforeEach(async () => {
  fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' } });
  rest = new REST({ api: fake.apiBaseUrl, retries: 0 }).setToken('token');
});
afterEach(() => fake.close());

interface ApiMessage {
  id: string;
  content: string;
  author: { id: string };
  reactions?: Array<{ count: number; me: boolean; emoji: { name: string } }>;
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: number | string; raw: unknown }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return { status: error.status, code: error.code, raw: error.rawError };
}

function seedNumbered(count: number, ageMs = 60_000): string[] {
  // Oldest first: m0 is the oldest.
  return fake.seedMessages('general', Array.from({ length: count }, (_, i) => ({ content: `m${i}`, ageMs: ageMs + (count - i) * 1000 }))).map((m) => m.id);
}

describe('GET /channels/:id/messages', () => {
  it('pages newest first with limit, before, after and around, members’ and the bot’s messages alike', async () => {
    const ids = seedNumbered(10);
    const list = (query: Record<string, string>) =>
      rest.get(Routes.channelMessages(general), { query: new URLSearchParams(query) }) as Promise<ApiMessage[]>;
    expect((await list({})).map((m) => m.content)).toEqual(['m9', 'm8', 'm7', 'm6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
    expect((await list({ limit: '3' })).map((m) => m.content)).toEqual(['m9', 'm8', 'm7']);
    expect((await list({ limit: '3', before: ids[7]! })).map((m) => m.content)).toEqual(['m6', 'm5', 'm4']);
    expect((await list({ limit: '3', after: ids[2]! })).map((m) => m.content)).toEqual(['m5', 'm4', 'm3']);
    expect((await list({ limit: '4', around: ids[5]! })).map((m) => m.content)).toEqual(['m7', 'm6', 'm5', 'm4']);
    const [newest] = await list({ limit: '1' });
    expect(newest?.author.id).toBe(DemoGuild.users.member.id);
  });

  it('refuses a limit outside 1-100, a bad cursor and mixed cursors with 50035', async () => {
    for (const query of [{ limit: '0' }, { limit: '101' }, { limit: 'x' }, { before: 'abc' }, { before: '1', after: '2' }]) {
      const refused = await refusal(rest.get(Routes.channelMessages(general), { query: new URLSearchParams(query) }));
      expect(refused, JSON.stringify(query)).toMatchObject({ status: 400, code: 50035 });
    }
    expect(await refusal(rest.get(Routes.channelMessages('123456789012345678')))).toMatchObject({ status: 404, code: 10003 });
  });
});

describe('deleting messages', () => {
  it('deletes anyone’s message; an unknown or already deleted one is 404 10008', async () => {
    const [id] = seedNumbered(1);
    await rest.delete(Routes.channelMessage(general, id!));
    expect(fake.message(id!)?.deletedAt).toBeGreaterThan(0);
    expect(await refusal(rest.delete(Routes.channelMessage(general, id!)))).toMatchObject({ status: 404, code: 10008 });
    expect(await refusal(rest.delete(Routes.channelMessage(general, '123456789012345678')))).toMatchObject({ status: 404, code: 10008 });
  });

  it('bulk-deletes 2-100 ids, ignoring unknown ones; refuses the lot when one is older than 14 days', async () => {
    const recent = seedNumbered(3);
    const [old] = fake.seedMessages('general', [{ content: 'old', ageMs: 15 * DAY }]).map((m) => m.id);
    const tooOld = await refusal(rest.post(Routes.channelBulkDelete(general), { body: { messages: [...recent, old] } }));
    expect(tooOld).toMatchObject({ status: 400, code: 50034, raw: { message: 'You can only bulk delete messages that are under 14 days old.' } });
    expect(fake.channelHistory(general)).toHaveLength(4);

    // An unknown id is ignored, but the 14-day rule reads any id's time: an unknown old one refuses the lot.
    const unknownOld = await refusal(rest.post(Routes.channelBulkDelete(general), { body: { messages: [recent[0], '123456789012345678'] } }));
    expect(unknownOld).toMatchObject({ status: 400, code: 50034 });
    await rest.post(Routes.channelBulkDelete(general), { body: { messages: [recent[0], recent[1], snowflake()] } });
    expect(fake.channelHistory(general).map((m) => m.content)).toEqual(['m2', 'old']);

    for (const messages of [[recent[2]], Array.from({ length: 101 }, (_, i) => String(1_000_000_000_000_000n + BigInt(i))), [recent[2], recent[2]], ['x', recent[2]]]) {
      const refused = await refusal(rest.post(Routes.channelBulkDelete(general), { body: { messages } }));
      expect(refused).toMatchObject({ status: 400, code: 50035 });
    }
    expect(fake.channelHistory(general)).toHaveLength(2);
  });
});

describe('reactions', () => {
  it('records the bot’s unicode reactions on the message and shows them in GET; garbage is 10014', async () => {
    const { id } = fake.seedMessages('general', [{ content: 'https://reddit.com/r/x/comments/a/b/c', ageMs: 0 }])[0]!;
    for (const emoji of ['🔥', '☠', '👍🏽', '🔥']) await rest.put(Routes.channelMessageOwnReaction(general, id, encodeURIComponent(emoji)));
    expect(fake.message(id)?.reactions).toEqual([
      { emoji: '🔥', userIds: [DemoGuild.bot.id] },
      { emoji: '☠', userIds: [DemoGuild.bot.id] },
      { emoji: '👍🏽', userIds: [DemoGuild.bot.id] },
    ]);
    const shown = (await rest.get(Routes.channelMessage(general, id))) as ApiMessage;
    expect(shown.reactions?.[0]).toMatchObject({ count: 1, me: true, emoji: { name: '🔥' } });

    for (const garbage of ['abc', encodeURIComponent('not:123'), '%E0%A4%A']) {
      expect(await refusal(rest.put(Routes.channelMessageOwnReaction(general, id, garbage)))).toMatchObject({ status: 400, code: 10014 });
    }
    expect(await refusal(rest.put(Routes.channelMessageOwnReaction(general, '123456789012345678', '🔥')))).toMatchObject({ status: 404, code: 10008 });
    await rest.delete(Routes.channelMessageOwnReaction(general, id, encodeURIComponent('☠')));
    expect(fake.message(id)?.reactions?.find((r) => r.emoji === '☠')?.userIds).toEqual([]);
  });
});

describe('faults on the chore routes', () => {
  it('a route-scoped fault fails only that route; a channel-wide permanent status fails them all', async () => {
    const ids = seedNumbered(2);
    fake.injectFaults({ channelId: general, route: 'messages.bulk-delete' }, [{ status: 403 }]);
    expect(await refusal(rest.post(Routes.channelBulkDelete(general), { body: { messages: ids } }))).toMatchObject({ status: 403, code: 50013 });
    await rest.put(Routes.channelMessageOwnReaction(general, ids[0]!, '🔥'));
    await rest.post(Routes.channelBulkDelete(general), { body: { messages: ids } });
    expect(fake.channelHistory(general)).toEqual([]);

    fake.setStickyFault({ channelId: general, route: 'messages.list' }, { status: 500 });
    const serverError = await rest.get(Routes.channelMessages(general)).catch((e: unknown) => e);
    expect(serverError).toBeInstanceOf(HTTPError);
    expect((serverError as HTTPError).status).toBe(500);
    fake.setStickyFault({ channelId: general, route: 'messages.list' }, null);
    fake.setPermanentStatus({ channelId: general }, 403);
    expect(await refusal(rest.get(Routes.channelMessages(general)))).toMatchObject({ status: 403, code: 50013 });
  });
});
