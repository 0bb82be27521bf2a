import type { Logger } from '@herald/logging';
import type { InvocationStyle } from './command.js';
import { decideClick } from './confirm/click.js';
import { ConfirmationStore } from './confirm/store.js';
import { createDispatcher, type Responder } from './dispatch.js';
import type { OptionPrimitive } from './options.js';
import { createPrefixParser } from './prefix.js';
import type { CommandRegistry } from './registry.js';
import { withNote, type OutgoingReply } from './reply.js';
import { usage } from './usage.js';

/** The guild a runner's commands run in: its owner, the privileged role and who holds it. */
export interface RunnerGuild {
  ownerId: string;
  moderatorId: string;
  moderatorRoleId: string;
  channelId: string;
  guildId: string;
}

export interface CommandRunner {
  /**
   * Runs a prefix command line (`!register …`) as `userId`; a parse error answers as the bot does
   * (error + usage). `messageId` is the command message's id (`ctx.messageId`; default: a new snowflake).
   */
  prefix(line: string, userId: string, options?: { messageId?: string }): Promise<OutgoingReply[]>;
  /** Runs a slash command with its options as `userId`. */
  slash(name: string, options: Record<string, OptionPrimitive>, userId: string): Promise<OutgoingReply[]>;
  /**
   * Clicks a reply's confirmation button (`reply.confirmButton.customId`) as `userId`, as the bot
   * would: the clicked message as it becomes (result, or the expired/error note), then any further
   * messages; or the ephemeral refusal for someone else's button.
   */
  click(customId: string, userId: string): Promise<OutgoingReply[]>;
}

/**
 * Runs a registry's commands as the bot would (the real dispatcher and prefix parser), without
 * Discord: each call returns the replies it made, in order. For command tests of every source
 * (`@herald/bot/testing`); the moderator holds the privileged role, the owner owns the guild.
 */
export function createCommandRunner<D>(options: {
  registry: CommandRegistry<D>;
  deps: D;
  logger: Logger;
  prefix: string;
  guild: RunnerGuild;
  /** Pass one with an injected clock to test expiry. */
  confirmations?: ConfirmationStore;
}): CommandRunner {
  const { registry, guild, prefix } = options;
  const confirmations = options.confirmations ?? new ConfirmationStore({ logger: options.logger });
  const dispatcher = createDispatcher({ registry, deps: options.deps, logger: options.logger, prefix, privilegedRoleId: guild.moderatorRoleId, deferAfterMs: 60_000, confirmations });
  // Messages carrying a button, by its custom_id: a click's note is appended to their content.
  const withButtons = new Map<string, OutgoingReply>();
  const remember = (messages: OutgoingReply[]) => {
    for (const message of messages) if (message.confirmButton) withButtons.set(message.confirmButton.customId, message);
    return messages;
  };
  let messageCount = 0;
  const parser = createPrefixParser(registry, prefix);
  const run = async (via: InvocationStyle, commandName: string, parsed: Record<string, OptionPrimitive | undefined>, userId: string, messageId?: string) => {
    const messages: OutgoingReply[] = [];
    // As on Discord, the answer to a deferred interaction keeps the deferral's visibility.
    let deferredEphemeral: boolean | undefined;
    const responder: Responder = {
      defer: async (ephemeral) => void (deferredEphemeral = ephemeral),
      reply: async (message) => void messages.push(deferredEphemeral === undefined ? message : { ...message, ephemeral: deferredEphemeral }),
      followUp: async (message) => void messages.push(message),
    };
    await dispatcher.dispatch(
      {
        via,
        commandName,
        options: parsed,
        user: { id: userId, username: `user-${userId.slice(-2)}` },
        memberRoleIds: userId === guild.moderatorId ? [guild.moderatorRoleId] : [],
        guildOwnerId: guild.ownerId,
        channelId: guild.channelId,
        guildId: guild.guildId,
        ...(messageId === undefined ? {} : { messageId }),
      },
      responder,
    );
    return remember(messages);
  };
  return {
    async prefix(line, userId, prefixOptions = {}) {
      const parsed = parser.parse(line);
      // A snowflake of now (Discord's epoch 2015), unique per call, like a real command message's id.
      const messageId = prefixOptions.messageId ?? String(((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) + BigInt(messageCount++));
      if (parsed.kind === 'ok') return run('prefix', parsed.command.name, parsed.options, userId, messageId);
      if (parsed.kind === 'invalid') {
        return [{ content: `${parsed.error}\nUsage: \`${usage(parsed.command, 'prefix', prefix)}\``, embeds: [], ephemeral: false, allowedMentions: { parse: [] } }];
      }
      throw new Error(`not a command line: ${line} (${parsed.kind})`);
    },
    slash: (name, slashOptions, userId) => run('slash', name, slashOptions, userId),
    async click(customId, userId) {
      const clicked = withButtons.get(customId);
      const decision = decideClick(confirmations, { customId, userId, ephemeral: clicked?.ephemeral ?? false }, options.logger);
      const answer = decision.kind === 'run' ? await decision.answer() : decision.answer;
      switch (answer.kind) {
        case 'ignore':
          return [];
        case 'ephemeral':
          return [{ content: answer.content, embeds: [], ephemeral: true, allowedMentions: { parse: [] } }];
        case 'note': {
          const { confirmButton: _removed, ...rest } = clicked ?? { embeds: [], ephemeral: false, allowedMentions: { parse: [] } };
          return [{ ...rest, content: withNote(clicked?.content, answer.note) }];
        }
        case 'replace':
          return remember([...answer.messages]);
      }
    },
  };
}
