/**
 * The Reddit commands in the real bot against the fake Discord, looking users up on the fake Reddit
 * through the real snoowrap client: prefix and slash, privilege, Discord's underscore escaping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandRegistry, help, NOT_ALLOWED, registerCommands, startBot, type Bot } from '@herald/bot';
import { createLogger } from '@herald/logging';
import { FakeDiscord, FakeReddit } from '@herald/testkit';
import { clientFor, RecordingGate } from '../client/test-support.js';
import type { SnoowrapRedditClient } from '../client/snoowrap-client.js';
import type { RedditCommandDeps } from './deps.js';
import { redditCommands } from './index.js';
import { startHarness, storedUser, storeUser, type Harness } from './test-support.js';
import { fetchRest } from '@herald/bot/testing';

const TOKEN = 'fake-bot-token.reddit';
const registry = new CommandRegistry<RedditCommandDeps>([help, ...redditCommands]);

const rest = (apiBaseUrl: string) => fetchRest(apiBaseUrl, TOKEN);

let h: Harness;
let fake: FakeDiscord;
let reddit: FakeReddit;
let client: SnoowrapRedditClient;
let bot: Bot;
beforeAll(async () => {
  reddit = await FakeReddit.start({ users: [{ name: 'New_Face' }, { name: 'Other_Face' }] });
  client = clientFor(reddit, new RecordingGate());
  h = await startHarness({ reddit: client });
  fake = await FakeDiscord.start({ limits: { channel: 'unlimited' } });
  await registerCommands({ rest: rest(fake.apiBaseUrl), registry, guildId: fake.guild.id });
  bot = startBot({
    token: TOKEN,
    apiBaseUrl: fake.apiBaseUrl,
    registry,
    deps: h.deps,
    settings: { prefix: '!', messageContent: true, privilegedRoleId: fake.guild.roles.moderator!.id },
    logger: createLogger({ name: 'reddit-bot-test', level: 'silent' }),
  });
  await bot.ready;
  await fake.waitForGatewayReady();
  await storeUser(h.db, { name: 'Tracked_One' });
});
afterAll(async () => {
  await bot.stop();
  await fake.close();
  await h.close();
  await client.close();
  await reddit.close();
});

/** Types `content` in #general as `author` and waits for the bot's reply to it. */
async function say(author: string, content: string) {
  const typed = fake.dispatchMessage({ authorId: author, content });
  const [reply] = await fake.waitForMessages(1, { filter: { referencedMessageId: typed.messageId } });
  return reply!;
}

describe('the Reddit commands in the bot', () => {
  it('refuses `!unregister` to a member without the privileged role and changes nothing; a moderator may', async () => {
    expect((await say('member', '!unregister Tracked_One')).content).toBe(NOT_ALLOWED);
    expect((await storedUser(h.db, 'Tracked_One'))?.unregistered).toBe(false);

    const { interactionId } = fake.dispatchSlashCommand({ userId: 'member', name: 'unregister', options: { names: 'Tracked_One' } });
    const refused = await fake.waitForInteractionReply(interactionId);
    expect(refused).toMatchObject({ content: NOT_ALLOWED, ephemeral: true });

    const done = await say('moderator', '!unregister tracked_one');
    expect(done.embeds).toEqual([expect.objectContaining({ title: 'Unregister', fields: [{ name: 'tracked\\_one', value: '✅' }] })]);
    expect((await storedUser(h.db, 'Tracked_One'))?.unregistered).toBe(true);

    const back = fake.dispatchSlashCommand({ userId: 'owner', name: 'reregister', options: { names: 'Tracked_One' } });
    expect((await fake.waitForInteractionReply(back.interactionId)).embeds[0]).toMatchObject({ title: 'Reregister' });
    expect((await storedUser(h.db, 'Tracked_One'))?.unregistered).toBe(false);
  });

  it("reads a name as typed although Discord's client escapes its underscores (`Tracked\\_One`)", async () => {
    const reply = await say('member', '!info Tracked\\_One');
    expect(reply.embeds).toEqual([expect.objectContaining({ title: 'Information about /u/Tracked\\_One' })]);
  });

  it('registers with `!register` and with /register (looked up on Reddit; a quick answer needs no deferral)', async () => {
    const typed = await say('member', '!register new\\_face');
    expect(typed.embeds).toEqual([expect.objectContaining({ title: 'Register', fields: [{ name: 'new\\_face', value: '✅' }] })]);
    expect(await storedUser(h.db, 'New_Face')).toMatchObject({ name: 'New_Face', registered_by: fake.guild.users.member!.id });

    const { interactionId } = fake.dispatchSlashCommand({ userId: 'moderator', name: 'register', options: { names: 'hide/other_face' } });
    const reply = await fake.waitForInteractionReply(interactionId);
    expect(reply).toMatchObject({ deferred: false, ephemeral: false });
    expect(reply.embeds[0]).toMatchObject({ title: 'Register', description: `request from <@${fake.guild.users.moderator!.id}>`, fields: [{ name: 'hide/other\\_face', value: '✅' }] });
    expect(await storedUser(h.db, 'Other_Face')).toMatchObject({ hidden: true });
  });
});
