/** Shared fixtures for this package's tests (excluded from the build). */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@herald/logging';
import { defineCommand, type CommandCatalog, type CommandContext } from './command.js';
import type { Invocation, Responder } from './dispatch.js';
import type { OutgoingReply } from './reply.js';

export const OWNER_ID = '100000000000000010';
export const MODERATOR_ID = '100000000000000011';
export const MEMBER_ID = '100000000000000012';
export const MODERATOR_ROLE_ID = '100000000000000200';
export const GUILD_ID = '100000000000000001';
export const CHANNEL_ID = '100000000000000100';

/** A logger whose JSON lines the test can read. */
export function captureLogger(): { logger: Logger; entries: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      callback();
    },
  });
  const logger = createLogger({ name: 'bot-test', level: 'debug', destination });
  return { logger, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export type ResponderEvent =
  | { type: 'defer'; ephemeral: boolean }
  | { type: 'reply'; message: OutgoingReply }
  | { type: 'followUp'; message: OutgoingReply };

/** A responder that records what the dispatcher asked of it; `deferred` resolves on the first defer. */
export function recordingResponder(): { responder: Responder; events: ResponderEvent[]; deferred: Promise<void> } {
  const events: ResponderEvent[] = [];
  let onDefer!: () => void;
  const deferred = new Promise<void>((resolve) => {
    onDefer = resolve;
  });
  return {
    events,
    deferred,
    responder: {
      async defer(ephemeral) {
        events.push({ type: 'defer', ephemeral });
        onDefer();
      },
      async reply(message) {
        events.push({ type: 'reply', message });
      },
      async followUp(message) {
        events.push({ type: 'followUp', message });
      },
    },
  };
}

export function invocation(overrides: Partial<Invocation> = {}): Invocation {
  return {
    via: 'slash',
    commandName: 'ping',
    options: {},
    user: { id: MEMBER_ID, username: 'member' },
    memberRoleIds: [],
    guildOwnerId: OWNER_ID,
    channelId: CHANNEL_ID,
    guildId: GUILD_ID,
    ...overrides,
  };
}

/** A command with one option of every kind, like the IBC seed's `register`. */
export const registerWallet = defineCommand({
  name: 'register',
  description: 'Register a wallet for balance alerts.',
  permission: 'everyone',
  options: {
    wallet: { kind: 'string', description: 'The wallet address', required: true, maxLength: 90 },
    chain: { kind: 'string', description: 'The chain id', required: true, choices: [{ name: 'Cosmos Hub', value: 'cosmoshub-4' }, { name: 'Osmosis', value: 'osmosis-1' }] },
    threshold: { kind: 'number', description: 'Alert below this balance', min: 0 },
    days: { kind: 'integer', description: 'Reminder interval in days', min: 1, max: 30 },
    quiet: { kind: 'boolean', description: 'No reminders' },
    owner: { kind: 'user', description: 'Who to notify' },
    team: { kind: 'role', description: 'Role to notify' },
  },
  async run(_ctx, options) {
    return `registered ${options.wallet} on ${options.chain}`;
  },
});

/** Takes the rest of the line, like the DAB seed's `info`. */
export const info = defineCommand({
  name: 'info',
  description: 'Shows what Herald knows about a user.',
  permission: 'everyone',
  options: { name: { kind: 'string', description: 'The user name', required: true, rest: true } },
  async run(_ctx, { name }) {
    return `info about ${name}`;
  },
});

export const ping = defineCommand({
  name: 'ping',
  description: 'Answers pong.',
  permission: 'everyone',
  async run() {
    return 'pong';
  },
});

export const secret = defineCommand({
  name: 'secret',
  description: 'A privileged command.',
  permission: 'privileged',
  async run(ctx: CommandContext<{ ran: string[] }>) {
    ctx.deps.ran.push('secret');
    return 'the secret';
  },
});

/** A command context as the dispatcher would build it. */
export function commandContext<D>(deps: D, catalog: CommandCatalog, overrides: Partial<CommandContext<D>> = {}): CommandContext<D> {
  return {
    deps,
    via: 'slash',
    prefix: '!',
    user: { id: MEMBER_ID, username: 'member' },
    guildId: GUILD_ID,
    channelId: CHANNEL_ID,
    privileged: false,
    privilegedRoleId: MODERATOR_ROLE_ID,
    catalog,
    logger: createLogger({ name: 'bot-test', level: 'silent' }),
    messageId: undefined,
    ...overrides,
  };
}

/** A command that answers only once the test resolves `deps.release`: exercises deferral. */
export const slow = defineCommand({
  name: 'slow',
  description: 'Answers when the test releases it.',
  permission: 'everyone',
  async run(ctx: CommandContext<{ release?: Promise<void> }>) {
    await ctx.deps.release;
    return 'finally';
  },
});

/** The DAB seed's `separator` with its aliases: a word one and a symbol one (prefix only). */
export const separator = defineCommand({
  name: 'separator',
  aliases: ['sep', '='],
  description: 'Posts a separator line.',
  permission: 'everyone',
  async run() {
    return '══════════════════';
  },
});
