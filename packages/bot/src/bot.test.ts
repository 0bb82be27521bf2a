import { afterEach, describe, expect, it } from 'vitest';
import { GatewayIntentBits, REST } from 'discord.js';
import { FakeDiscord } from '@herald/testkit';
import { commandsFor, defineCommand } from './command.js';
import { startBot, type Bot, type BotSettings } from './bot.js';
import { NOT_ALLOWED } from './dispatch.js';
import { registerCommands } from './register.js';
import { CommandRegistry } from './registry.js';
import { help } from './commands/help.js';
import { status } from './commands/status.js';
import type { StatusReport } from './commands/status-embed.js';
import { version } from './commands/version.js';
import { captureLogger, slow } from './test-support.js';

const TOKEN = 'fake-bot-token.never-logged';

type Deps = { version: string; status(): Promise<StatusReport>; release?: Promise<void> };


/** Repeats its text: lets a test make the bot itself say "!version". */
const echo = defineCommand({
  name: 'echo',
  description: 'Repeats the text.',
  permission: 'everyone',
  options: { text: { kind: 'string', description: 'What to say', required: true, rest: true } },
  async run(_ctx, { text }) {
    return text;
  },
});

/** Autocompletes queue names from the status report (commandsFor types the deps of both handlers). */
const queue = commandsFor<Deps>()({
  name: 'queue',
  description: 'Shows one queue.',
  permission: 'everyone',
  options: {
    name: {
      kind: 'string',
      description: 'Queue name',
      required: true,
      async autocomplete(ctx, partial) {
        const { queues } = await ctx.deps.status();
        return queues.filter((q) => q.name.startsWith(partial)).map((q) => ({ name: q.name, value: q.name }));
      },
    },
  },
  async run(_ctx, { name }) {
    return `queue ${name}`;
  },
});

/** A list too long for one message: numbered lines, three messages. */
const many = defineCommand({
  name: 'many',
  description: 'Answers in three messages.',
  permission: 'everyone',
  async run() {
    return [1, 2, 3].map((part) => ({ embeds: [{ title: `part ${part}`, description: `line ${part}` }] }));
  },
});

const registry = new CommandRegistry<Deps>([help, version, status, slow, echo, queue, many]);
const NAMES = ['help', 'version', 'status', 'slow', 'echo', 'queue', 'many'];

const report: StatusReport = {
  generatedAt: new Date('2026-11-21T12:00:00Z'),
  sources: [{ key: 'servatrice', lastSuccessAt: new Date('2026-11-21T11:59:00Z'), lagSeconds: 2, lastError: null }],
  queues: ['events', 'deliveries', 'delayed-events'].map((name) => ({ name, waiting: 0, delayed: 0, active: 0, failed: 0 })),
  openDeliveries: 0,
  destinations: [],
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Bots first, then the fakes they talk to.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  deps: Deps;
  logs: () => Array<Record<string, unknown>>;
}

async function startFake(): Promise<FakeDiscord> {
  // Unlimited: a test sends more than Discord's 5 messages per 5 s to one channel.
  const fake = await FakeDiscord.start({ limits: { channel: 'unlimited' } });
  cleanups.push(() => fake.close());
  return fake;
}

function launch(
  fake: FakeDiscord, settings: Partial<BotSettings> = {}, extra: { loginRetry?: { initialDelayMs: number; maxDelayMs: number } } = {}): Harness {
  const { logger, entries } = captureLogger();
  const deps: Deps = { version: '1.2.3', status: async () => report };
  const bot = startBot({
    token: TOKEN,
    apiBaseUrl: fake.apiBaseUrl,
    registry,
    deps,
    settings: { prefix: '!', messageContent: true, privilegedRoleId: fake.guild.roles.moderator!.id, ...settings },
    logger,
    deferAfterMs: 100,
    ...extra,
  });
  cleanups.push(() => bot.stop());
  return { fake, bot, deps, logs: entries };
}

async function ready(settings: Partial<BotSettings> = {}): Promise<Harness> {
  const fake = await startFake();
  await registerCommands({ rest: new REST({ api: fake.apiBaseUrl }).setToken(TOKEN), registry, guildId: fake.guild.id });
  const harness = launch(fake, settings);
  await harness.bot.ready;
  await fake.waitForGatewayReady();
  return harness;
}

async function slash(fake: FakeDiscord, userId: string, name: string, options?: Record<string, string>) {
  const { interactionId } = fake.dispatchSlashCommand({ userId, name, ...(options ? { options } : {}) });
  return fake.waitForInteractionReply(interactionId);
}

describe('startBot against the fake Discord', () => {
  it('answers /help and /version', async () => {
    const { fake } = await ready();
    const helpReply = await slash(fake, 'member', 'help');
    expect(helpReply).toMatchObject({ deferred: false, ephemeral: true });
    expect(helpReply.content).toContain('`/version` — Shows the Herald and Node.js versions.');
    expect(helpReply.content).not.toContain('/status');

    const detail = await slash(fake, 'member', 'help', { command: 'status' });
    expect(detail.content).toContain('Usage: `/status`');

    const versionReply = await slash(fake, 'member', 'version');
    expect(versionReply).toMatchObject({ ephemeral: false, content: `Herald 1.2.3 (Node.js ${process.version})` });
  });

  it('refuses /status to a member and answers the moderator role and the owner', async () => {
    const { fake } = await ready();
    expect(await slash(fake, 'member', 'status')).toMatchObject({ content: NOT_ALLOWED, ephemeral: true });
    for (const user of ['moderator', 'owner']) {
      const reply = await slash(fake, user, 'status');
      expect(reply.embeds[0]).toMatchObject({ title: 'Herald status' });
      expect(reply.embeds[0]?.fields?.find((f) => f.name === 'Destinations')?.value).toBe('All destinations healthy');
    }
  });

  it('defers a slow command and then edits the reply', async () => {
    const { fake, deps } = await ready();
    deps.release = new Promise<void>((resolve) => {
      // The command finishes once Discord has seen the deferral: no timing guesswork.
      const onRequest = (request: { method: string; path: string }) => {
        if (request.method === 'POST' && request.path.includes('/callback')) {
          fake.off('request', onRequest);
          resolve();
        }
      };
      fake.on('request', onRequest);
    });
    const reply = await slash(fake, 'member', 'slow');
    expect(reply).toMatchObject({ deferred: true, content: 'finally', ephemeral: false });
  });

  it('answers prefix commands with MessageContent, and ignores bots', async () => {
    const { fake } = await ready();
    const general = fake.guild.channels.general!.id;
    fake.dispatchMessage({ authorId: 'member', content: '!version' });
    const [versionMessage] = await fake.waitForMessages(1, { filter: { channelId: general } });
    expect(versionMessage?.content).toBe(`Herald 1.2.3 (Node.js ${process.version})`);
    expect(versionMessage?.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    fake.dispatchMessage({ authorId: 'member', content: '!help' });
    const [, helpMessage] = await fake.waitForMessages(2, { filter: { channelId: general } });
    expect(helpMessage?.content).toMatch(/^\*\*Commands\*\*\n`!help \[command\]`/);

    fake.dispatchMessage({ authorId: 'member', content: '!verison' });
    fake.dispatchMessage({ authorId: 'member', content: '!version now' });
    fake.dispatchMessage({ authorId: 'member', content: '!status' });
    fake.dispatchMessage({ authorId: 'moderator', content: '!status' });
    const messages = await fake.waitForMessages(6, { filter: { channelId: general } });
    expect(messages.slice(2).map((m) => m.content || (m.embeds[0] as { title?: string } | undefined)?.title)).toEqual([
      'Unknown command `!verison`. Did you mean `!version`? Type `!help` for the list.',
      '`!version` takes no arguments.\nUsage: `!version`',
      NOT_ALLOWED,
      'Herald status',
    ]);
  });

  it('tidies up when asked to, like the seeds: answered command messages and error replies are deleted after the delay', async () => {
    const { fake } = await ready({ tidyAfterMs: 30 });
    const general = fake.guild.channels.general!.id;
    const deletes = () => fake.requests().filter((r) => r.method === 'DELETE' && r.status === 204).map((r) => r.path.split('/').pop());
    const answered = fake.dispatchMessage({ authorId: 'member', content: '!version' });
    const [versionReply] = await fake.waitForMessages(1, { filter: { channelId: general } });
    await expect.poll(deletes).toEqual([answered.messageId]);
    fake.dispatchMessage({ authorId: 'member', content: '!status' });
    const [, refusal] = await fake.waitForMessages(2, { filter: { channelId: general } });
    expect(refusal!.content).toBe(NOT_ALLOWED);
    await expect.poll(deletes).toEqual([answered.messageId, refusal!.id]);
    // The answer itself stays.
    expect(fake.messages({ channelId: general })[0]).toMatchObject({ id: versionReply!.id });
    expect(fake.messages({ channelId: general })[0]!.deletedAt).toBeUndefined();
  });

  it('ignores its own messages, which the gateway echoes back', async () => {
    const { fake } = await ready();
    const general = fake.guild.channels.general!.id;
    fake.dispatchMessage({ authorId: 'member', content: '!echo !version' });
    await fake.waitForMessages(1, { filter: { channelId: general } });
    // Had the bot answered its own "!version", that answer would come before this one.
    fake.dispatchMessage({ authorId: 'member', content: '!echo done' });
    const messages = await fake.waitForMessages(2, { filter: { channelId: general } });
    expect(messages.map((m) => m.content)).toEqual(['!version', 'done']);
  });

  it('reads `\\_` as `_`, since Discord clients escape typed underscores (as the seeds did)', async () => {
    const { fake } = await ready();
    fake.dispatchMessage({ authorId: 'member', content: '!echo some\\_user\\_name' });
    const [reply] = await fake.waitForMessages(1, { filter: { channelId: fake.guild.channels.general!.id } });
    expect(reply!.content).toBe('some_user_name');
  });

  it('sends a long answer as a reply and follow-ups (slash) or further channel messages (prefix), in order', async () => {
    const { fake, logs } = await ready();
    const { interactionId } = fake.dispatchSlashCommand({ userId: 'member', name: 'many' });
    await fake.waitForInteractionReply(interactionId);
    // The dispatcher logs how many messages it will send, then sends them one after another: once
    // that many have arrived, nothing more can come, and the count is final.
    const planned = () => logs().find((e) => e.msg === 'command answered' && e.via === 'slash' && e.command === 'many')?.messages;
    await expect.poll(planned).toBeDefined();
    expect(planned()).toBe(3);
    await expect.poll(() => fake.messages().filter((m) => m.interactionId === interactionId).length).toBeGreaterThanOrEqual(3);
    const titles = (messages: Array<{ embeds: unknown[] }>) => messages.map((m) => (m.embeds[0] as { title?: string }).title);
    expect(titles(fake.messages().filter((m) => m.interactionId === interactionId))).toEqual(['part 1', 'part 2', 'part 3']);

    const general = fake.guild.channels.general!.id;
    const command = fake.dispatchMessage({ authorId: 'member', content: '!many' });
    // The slash answer's three messages are in the same channel.
    const messages = (await fake.waitForMessages(6, { filter: { channelId: general } })).slice(3);
    expect(logs().filter((e) => e.msg === 'command answered' && e.command === 'many').map((e) => [e.via, e.messages])).toEqual([['slash', 3], ['prefix', 3]]);
    expect(titles(messages)).toEqual(['part 1', 'part 2', 'part 3']);
    // Only the first quotes the command message.
    expect(messages.map((m) => m.referencedMessageId)).toEqual([command.messageId, undefined, undefined]);
  });

  it('answers autocomplete from the option handler', async () => {
    const { fake } = await ready();
    const choices = await fake.dispatchAutocomplete({ userId: 'member', name: 'queue', options: { name: 'de' }, focused: 'name' });
    expect(choices).toEqual([
      { name: 'deliveries', value: 'deliveries' },
      { name: 'delayed-events', value: 'delayed-events' },
    ]);
    expect((await slash(fake, 'member', 'queue', { name: 'events' })).content).toBe('queue events');
  });

  it('works without MessageContent: slash only, no privileged intent requested', async () => {
    const { fake } = await ready({ messageContent: false });
    expect(fake.gatewayStats().intents).toEqual([GatewayIntentBits.Guilds]);
    fake.dispatchMessage({ authorId: 'member', content: '!version' });
    const reply = await slash(fake, 'member', 'version');
    expect(reply.content).toMatch(/^Herald 1\.2\.3/);
    // The slash reply is the only message: the prefix command went unanswered.
    expect(fake.messages().map((m) => m.interactionId)).toEqual([reply.interactionId]);
  });

  it('registers guild commands or global ones, finding the application id itself', async () => {
    const fake = await startFake();
    const rest = new REST({ api: fake.apiBaseUrl }).setToken(TOKEN);
    await expect(registerCommands({ rest, registry, guildId: fake.guild.id })).resolves.toEqual({
      scope: 'guild',
      count: NAMES.length,
      applicationId: fake.guild.applicationId,
    });
    expect(fake.applicationCommands(fake.guild.id).map((c) => c.name)).toEqual(NAMES);
    expect(fake.applicationCommands()).toEqual([]);
    await expect(registerCommands({ rest, registry })).resolves.toEqual({ scope: 'global', count: NAMES.length, applicationId: fake.guild.applicationId });
    expect(fake.applicationCommands().map((c) => c.name)).toEqual(NAMES);
  });

  it('keeps retrying the login while the gateway refuses, and never logs the token', async () => {
    const fake = await startFake();
    await registerCommands({ rest: new REST({ api: fake.apiBaseUrl }).setToken(TOKEN), registry, guildId: fake.guild.id });
    fake.disconnectGateway({ refuseForMs: 400 });
    const { bot, logs } = launch(fake, {}, { loginRetry: { initialDelayMs: 50, maxDelayMs: 200 } });
    await bot.ready;
    expect(fake.gatewayStats()).toMatchObject({ identifies: 1, readySessions: 1 });
    expect(fake.gatewayStats().refused).toBeGreaterThan(0);
    expect((await slash(fake, 'member', 'version')).content).toMatch(/^Herald/);
    expect(logs().some((e) => e.msg === 'Discord login failed; retrying')).toBe(true);
    expect(JSON.stringify(logs())).not.toContain(TOKEN);
  });

  it('reconnects after the gateway drops it, logging the reconnection', async () => {
    const { fake, logs } = await ready();
    fake.disconnectGateway({ code: 4000, refuseForMs: 200 });
    await fake.waitForGatewayReady({ timeoutMs: 10_000 });
    expect((await slash(fake, 'member', 'version')).content).toMatch(/^Herald/);
    const entries = logs().map((e) => `${String(e.level)} ${String(e.msg)}`);
    expect(entries).toEqual(expect.arrayContaining(['40 Discord gateway connection lost; reconnecting', '30 Discord gateway session resumed']));
  });

  it('stops cleanly before it ever connected', async () => {
    const fake = await startFake();
    fake.disconnectGateway({ refuseForMs: 60_000 });
    const { bot } = launch(fake, {}, { loginRetry: { initialDelayMs: 50, maxDelayMs: 50 } });
    await bot.stop();
    await expect(bot.ready).rejects.toThrow(/stopped before it was ready/);
  });
});
