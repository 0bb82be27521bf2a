import type { Logger } from '@herald/logging';
import type { InvocationStyle } from './command.js';
import { createDispatcher, type Responder } from './dispatch.js';
import type { OptionPrimitive } from './options.js';
import { createPrefixParser } from './prefix.js';
import type { CommandRegistry } from './registry.js';
import type { OutgoingReply } from './reply.js';
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
  /** Runs a prefix command line (`!register …`) as `userId`; a parse error answers as the bot does (error + usage). */
  prefix(line: string, userId: string): Promise<OutgoingReply[]>;
  /** Runs a slash command with its options as `userId`. */
  slash(name: string, options: Record<string, OptionPrimitive>, userId: string): Promise<OutgoingReply[]>;
}

/**
 * Runs a registry's commands as the bot would (the real dispatcher and prefix parser), without
 * Discord: each call returns the replies it made, in order. For command tests of every source
 * (`@herald/bot/testing`); the moderator holds the privileged role, the owner owns the guild.
 */
export function createCommandRunner<D>(options: { registry: CommandRegistry<D>; deps: D; logger: Logger; prefix: string; guild: RunnerGuild }): CommandRunner {
  const { registry, guild, prefix } = options;
  const dispatcher = createDispatcher({ registry, deps: options.deps, logger: options.logger, prefix, privilegedRoleId: guild.moderatorRoleId, deferAfterMs: 60_000 });
  const parser = createPrefixParser(registry, prefix);
  const run = async (via: InvocationStyle, commandName: string, parsed: Record<string, OptionPrimitive | undefined>, userId: string) => {
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
      },
      responder,
    );
    return messages;
  };
  return {
    async prefix(line, userId) {
      const parsed = parser.parse(line);
      if (parsed.kind === 'ok') return run('prefix', parsed.command.name, parsed.options, userId);
      if (parsed.kind === 'invalid') {
        return [{ content: `${parsed.error}\nUsage: \`${usage(parsed.command, 'prefix', prefix)}\``, embeds: [], ephemeral: false, allowedMentions: { parse: [] } }];
      }
      throw new Error(`not a command line: ${line} (${parsed.kind})`);
    },
    slash: (name, slashOptions, userId) => run('slash', name, slashOptions, userId),
  };
}
