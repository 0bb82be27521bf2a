import { afterEach, describe, expect, it } from 'vitest';
import { GatewayIntentBits, REST, type GuildMember, type PartialGuildMember } from 'discord.js';
import { FakeDiscord } from '@herald/testkit';
import { defineCommand } from './command.js';
import { startBot, type Bot, type BotSettings } from './bot.js';
import type { GatewayFeature } from './features.js';
import { disallowedIntentsMessage, planIntents } from './intents.js';
import { registerCommands } from './register.js';
import { CommandRegistry } from './registry.js';
import { version } from './commands/version.js';
import { captureLogger } from './test-support.js';

const TOKEN = 'fake-bot-token.features';

const echo = defineCommand({
  name: 'echo',
  description: 'Repeats the text.',
  permission: 'everyone',
  options: { text: { kind: 'string', description: 'What to say', required: true, rest: true } },
  async run(_ctx, { text }) {
    return text;
  },
});
const registry = new CommandRegistry<{ version: string }>([version, echo]);

/** Features that record what they saw; `links` handles reddit links, as the seed's link logging does. */
function recordingFeatures() {
  const seen = { messages: [] as string[], joined: [] as string[], left: [] as Array<{ id: string; partial: boolean }> };
  const links: GatewayFeature = {
    name: 'reddit link logging (community.logChannel)',
    intents: ['GuildMessages', 'MessageContent'],
    async onMessage(message) {
      seen.messages.push(message.content);
      if (message.content.includes('crash')) throw new Error('link logging broke');
      return message.content.includes('reddit.com/r/');
    },
  };
  const welcome: GatewayFeature = {
    name: 'welcome messages (community.welcome)',
    intents: ['GuildMembers'],
    async onMemberAdd(member: GuildMember) {
      seen.joined.push(member.user.username);
      if (member.user.username === 'troublemaker') throw new Error('welcome broke');
    },
  };
  const goodbye: GatewayFeature = {
    name: 'goodbye messages (community.goodbyeChannel)',
    intents: ['GuildMembers'],
    async onMemberRemove(member: GuildMember | PartialGuildMember) {
      seen.left.push({ id: member.id, partial: member.partial });
    },
  };
  return { seen, features: [links, welcome, goodbye] };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function launch(options: { allowed?: Array<'GuildMembers' | 'MessageContent'>; settings?: Partial<BotSettings>; features: readonly GatewayFeature[] }) {
  const fake = await FakeDiscord.start({
    limits: { channel: 'unlimited' },
    ...(options.allowed === undefined ? {} : { allowedPrivilegedIntents: options.allowed }),
  });
  cleanups.push(() => fake.close());
  await registerCommands({ rest: new REST({ api: fake.apiBaseUrl }).setToken(TOKEN), registry, guildId: fake.guild.id });
  const { logger, entries } = captureLogger();
  const bot: Bot = startBot({
    token: TOKEN,
    apiBaseUrl: fake.apiBaseUrl,
    registry,
    deps: { version: '1.2.3' },
    settings: { prefix: '!', messageContent: true, messageContentSetting: 'discord.bot.messageContent', ...options.settings },
    logger,
    features: options.features,
    loginRetry: { initialDelayMs: 50, maxDelayMs: 200, reidentifyDelayMs: 0 },
  });
  cleanups.push(() => bot.stop());
  await bot.ready;
  await fake.waitForGatewayReady();
  return { fake, bot, logs: entries };
}

async function slashVersion(fake: FakeDiscord): Promise<string | undefined> {
  const { interactionId } = fake.dispatchSlashCommand({ userId: 'owner', name: 'version' });
  return (await fake.waitForInteractionReply(interactionId)).content;
}

const bits = (intents: number) => Object.entries(GatewayIntentBits).filter(([, bit]) => typeof bit === 'number' && (intents & bit) !== 0).map(([name]) => name).sort();

describe('gateway features against the fake Discord', () => {
  it('asks for Guilds plus the features\' and prefix commands\' intents', async () => {
    const { fake, bot } = await launch({ features: recordingFeatures().features });
    expect(fake.gatewayStats().intents.map(bits)).toEqual([['GuildMembers', 'GuildMessages', 'Guilds', 'MessageContent']]);
    expect(bot.disabledFeatures).toEqual([]);
  });

  it('offers guild messages to features first: a handled one is no command, others still are', async () => {
    const { seen, features } = recordingFeatures();
    const { fake, logs } = await launch({ features });
    const general = fake.guild.channels.general!.id;
    fake.dispatchMessage({ authorId: 'member', content: '!echo https://www.reddit.com/r/x/comments/abc/t/def' });
    fake.dispatchMessage({ authorId: 'member', content: '!echo crash but still a command' });
    fake.dispatchMessage({ authorId: 'member', content: '!echo plain' });
    const replies = await fake.waitForMessages(2, { filter: { channelId: general } });
    expect(replies.map((m) => m.content)).toEqual(['crash but still a command', 'plain']);
    // A last member message: once the feature has seen it, the bot's own echoed replies would have been offered too.
    fake.dispatchMessage({ authorId: 'member', content: 'bye' });
    await expect.poll(() => seen.messages.at(-1)).toBe('bye');
    expect(seen.messages).toEqual([
      '!echo https://www.reddit.com/r/x/comments/abc/t/def',
      '!echo crash but still a command',
      '!echo plain',
      'bye',
    ]);
    expect(logs()).toContainEqual(
      expect.objectContaining({ msg: 'reddit link logging (community.logChannel) failed on a message', err: expect.objectContaining({ message: 'link logging broke' }) }),
    );
  });

  it('calls member handlers on join and leave; a failing handler is logged and the bot carries on', async () => {
    const { seen, features } = recordingFeatures();
    const { fake, bot, logs } = await launch({ features });
    const newbie = fake.memberJoin({ username: 'newbie' });
    fake.memberJoin({ username: 'troublemaker' });
    await expect.poll(() => seen.joined).toEqual(['newbie', 'troublemaker']);
    const member = fake.guild.users.member!.id;
    fake.memberLeave(newbie.id);
    fake.memberLeave('member');
    await expect.poll(() => seen.left).toEqual([
      { id: newbie.id, partial: false },
      { id: member, partial: false },
    ]);
    // A member the client never cached (large guilds do not send every member) still arrives, as a partial.
    const moderator = fake.guild.users.moderator!.id;
    bot.client.guilds.cache.get(fake.guild.id)!.members.cache.delete(moderator);
    fake.memberLeave('moderator');
    await expect.poll(() => seen.left.at(-1)).toEqual({ id: moderator, partial: true });
    await expect.poll(() => logs().map((e) => e.msg)).toContain('welcome messages (community.welcome) (member joined) failed');
    expect(await slashVersion(fake)).toMatch(/^Herald 1\.2\.3/);
    // Gateway events arrive in order: with the slash command answered, every join and leave was
    // handled, so the lists are final (each handler called once per event).
    expect(seen.joined).toEqual(['newbie', 'troublemaker']);
    expect(seen.left).toEqual([
      { id: newbie.id, partial: false },
      { id: member, partial: false },
      { id: moderator, partial: true },
    ]);
  });
});

describe('privileged intents refused (close 4014)', () => {
  it('names each refused intent and who needs it once, then runs without them: slash works, those features are off', async () => {
    const { seen, features } = recordingFeatures();
    const counted: string[] = [];
    const counter: GatewayFeature = {
      name: 'message counter',
      intents: ['GuildMessages'],
      async onMessage(message) {
        counted.push(message.id);
        return false;
      },
    };
    const { fake, bot, logs } = await launch({ allowed: [], features: [...features, counter] });

    const prefix = { name: 'prefix commands (discord.bot.messageContent)', intents: ['GuildMessages', 'MessageContent'] as const };
    const errors = logs().filter((e) => e.level === 50);
    expect(errors.map((e) => e.msg)).toEqual([disallowedIntentsMessage(planIntents([prefix, ...features, counter]))]);
    expect(String(errors[0]!.msg)).toContain(
      'Server Members Intent: welcome messages (community.welcome), goodbye messages (community.goodbyeChannel); ' +
        'Message Content Intent: prefix commands (discord.bot.messageContent), reddit link logging (community.logChannel) — enable them at https://discord.com/developers/applications',
    );
    const off = ['prefix commands (discord.bot.messageContent)', 'reddit link logging (community.logChannel)', 'welcome messages (community.welcome)', 'goodbye messages (community.goodbyeChannel)'];
    expect(bot.disabledFeatures).toEqual(off);
    for (const name of off) expect(logs().map((e) => e.msg)).toContain(`${name} is off: Discord refused the privileged intent it needs`);
    expect(fake.gatewayStats().intents.map(bits)).toEqual([['GuildMessages', 'Guilds']]);

    expect(await slashVersion(fake)).toMatch(/^Herald 1\.2\.3/);
    // The feature without a privileged intent still gets messages; the disabled ones and prefix commands do not.
    const { messageId } = fake.dispatchMessage({ authorId: 'member', content: '!version' });
    await expect.poll(() => counted).toEqual([messageId]);
    fake.memberJoin({ username: 'newbie' });
    fake.memberLeave('member');
    // Gateway events arrive in order: once this slash command is answered, earlier events were handled.
    expect(await slashVersion(fake)).toMatch(/^Herald/);
    expect(counted).toEqual([messageId]);
    expect(seen).toEqual({ messages: [], joined: [], left: [] });
    // Only the two slash replies: the "!version" went unanswered.
    expect(fake.messages({ channelId: fake.guild.channels.general!.id }).filter((m) => m.authorId === fake.guild.bot.id).map((m) => m.interactionId !== undefined)).toEqual([true, true]);
  });

  it('also falls back when Discord refuses them on a later reconnect', async () => {
    const { seen, features } = recordingFeatures();
    const { fake, bot, logs } = await launch({ features });
    fake.setAllowedPrivilegedIntents([]);
    fake.disconnectGateway({ code: 4014 });
    await expect.poll(() => bot.disabledFeatures.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await fake.waitForGatewayReady({ timeoutMs: 10_000 });
    expect(await slashVersion(fake)).toMatch(/^Herald 1\.2\.3/);
    expect(bot.disabledFeatures).toEqual([
      'prefix commands (discord.bot.messageContent)',
      'reddit link logging (community.logChannel)',
      'welcome messages (community.welcome)',
      'goodbye messages (community.goodbyeChannel)',
    ]);
    // Every feature here needs a privileged intent: Guilds alone is left.
    expect(fake.gatewayStats().intents.map(bits).at(-1)).toEqual(['Guilds']);
    expect(logs().filter((e) => e.level === 50).map((e) => String(e.msg))).toEqual([expect.stringContaining('close code 4014')]);
    fake.memberJoin({ username: 'late' });
    expect(await slashVersion(fake)).toMatch(/^Herald/);
    expect(seen.joined).toEqual([]);
  });

  it('does not touch an app that asks for no privileged intent', async () => {
    const { fake, bot } = await launch({ allowed: [], settings: { messageContent: false }, features: [] });
    expect(fake.gatewayStats().intents.map(bits)).toEqual([['Guilds']]);
    expect(bot.disabledFeatures).toEqual([]);
  });
});
