/**
 * Link logging's handler against the fake Discord (its REST requests through @discordjs/rest): the
 * reaction on the member's message, the repost in the log channel, `nolog`, and a failed reaction.
 * The gateway plumbing (which messages reach a feature) is @herald/bot's, tested there and end to end.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { captureLogs } from '@herald/logging/testing';
import { DemoGuild, FakeDiscord } from '@herald/testkit';
import { restChores } from './discord/chores.js';
import { communityFeatures, logRedditLink, type CommunityFeatureOptions } from './features.js';
import { LINK_REACTIONS } from './link-log.js';

const general = DemoGuild.channels.general!.id;
const log = DemoGuild.channels.alerts!.id;
const link = 'https://old.reddit.com/r/Down\\_Arrows/comments/abc/t/def/';

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start({ limits: { channel: 'unlimited' } });
  rest = new REST({ api: fake.apiBaseUrl, retries: 0 }).setToken('community-test');
});
afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake.close();
});
beforeEach(() => fake.reset());

function options(settings: CommunityFeatureOptions['settings'], logger = captureLogs().logger): CommunityFeatureOptions {
  return { settings, discord: restChores(rest), prefix: '!', logger, random: () => 0.3 };
}

/** A member's message in the fake's history, as the gateway would hand it to the bot. */
function typed(content: string, channelId = general) {
  const [message] = fake.seedMessages(channelId, [{ content, authorId: 'member', ageMs: 0 }]);
  return { id: message!.id, channelId, content, author: { id: DemoGuild.users.member!.id, username: 'member', discriminator: '0' } };
}

const reactionsOn = (id: string) => (fake.message(id)?.reactions ?? []).map((r) => [r.emoji, r.userIds]);

describe('link logging', () => {
  it('reacts to a Reddit comment link in the general channel and reposts it to the log channel, pinging nobody', async () => {
    const message = typed(`lol ${link} <@${DemoGuild.users.owner!.id}>`);
    expect(await logRedditLink(message, options({ generalChannel: general, logChannel: log }))).toBe(true);
    expect(reactionsOn(message.id)).toEqual([[LINK_REACTIONS[2], [DemoGuild.bot.id]]]);
    const [repost] = fake.messages({ channelId: log });
    expect(repost!.content).toBe(`member: lol https://old.reddit.com/r/Down_Arrows/comments/abc/t/def/ <@${DemoGuild.users.owner!.id}>`);
    expect((repost!.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], users: [] });
  });

  it('leaves alone nolog, other channels and other links; reacts only without a log channel', async () => {
    const handled = async (content: string, settings: CommunityFeatureOptions['settings'], channelId = general) =>
      logRedditLink(typed(content, channelId), options(settings));
    expect(await handled(`${link} !NOLOG`, { generalChannel: general, logChannel: log })).toBe(false);
    expect(await handled(link, { generalChannel: general, logChannel: log }, log)).toBe(false);
    expect(await handled('https://redd.it/abc', { generalChannel: general, logChannel: log })).toBe(false);
    expect(fake.messages()).toEqual([]);

    const quiet = typed(link);
    expect(await logRedditLink(quiet, options({ generalChannel: general }))).toBe(true);
    expect(reactionsOn(quiet.id)).toHaveLength(1);
    expect(fake.messages()).toEqual([]);
  });

  it('still reposts when the reaction is refused, and logs the refusal', async () => {
    const { logger, lines } = captureLogs();
    fake.injectFaults({ channelId: general, route: 'reactions' }, [{ status: 403, body: { code: 50013, message: 'Missing Permissions' } }]);
    const message = typed(link);
    expect(await logRedditLink(message, options({ generalChannel: general, logChannel: log }, logger))).toBe(true);
    expect(reactionsOn(message.id)).toEqual([]);
    expect(fake.messages({ channelId: log })).toHaveLength(1);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'could not react to a logged Reddit link' }));
  });
});

describe('which features the settings turn on', () => {
  it('asks for the intents each needs, and nothing without settings', () => {
    const features = (settings: CommunityFeatureOptions['settings']) => communityFeatures(options(settings)).map((f) => [f.name, f.intents]);
    expect(features({})).toEqual([]);
    expect(features({ generalChannel: general, welcome: 'Hi <@{{.Member.ID}}>', goodbyeChannel: log })).toEqual([
      ['Reddit link logging (community.generalChannel)', ['GuildMessages', 'MessageContent']],
      ['welcome messages (community.welcome)', ['GuildMembers']],
      ['goodbye messages (community.goodbyeChannel)', ['GuildMembers']],
    ]);
  });
});
