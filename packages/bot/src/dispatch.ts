import type { Logger } from '@herald/logging';
import type { CommandContext, CommandResult, InvocationStyle, InvocationUser } from './command.js';
import type { ParsedOptions } from './options.js';
import type { CommandRegistry } from './registry.js';
import { toOutgoing, toOutgoingMessages, withNote, type OutgoingReply } from './reply.js';
import { CONFIRM_EXPIRED, ConfirmationStore } from './confirm/store.js';
import { DEFAULT_PREFIX } from './prefix.js';
import { invocationName } from './usage.js';

/** A command call, whether it came from a slash interaction or a prefix message. */
export interface Invocation {
  readonly via: InvocationStyle;
  readonly commandName: string;
  readonly options: ParsedOptions;
  readonly user: InvocationUser;
  readonly memberRoleIds: readonly string[];
  readonly guildOwnerId: string | null;
  readonly channelId: string;
  readonly guildId: string | null;
  /** Prefix: the command message's id (becomes `ctx.messageId`); absent for slash. */
  readonly messageId?: string;
}

/** A message a responder sent, which can be edited later (to remove an expired confirmation button). */
export interface SentMessage {
  /** Replaces the message's content, embeds and buttons with `message`'s. */
  edit(message: OutgoingReply): Promise<void>;
}

/** How the transport answers: a slash interaction (defer → edit) or a channel (typing → send). */
export interface Responder {
  defer(ephemeral: boolean): Promise<void>;
  /**
   * Sends the final answer; after `defer` this edits the deferred reply. Returns the sent message
   * when the transport can edit it later (then an unclicked confirmation button is removed at expiry).
   */
  reply(message: OutgoingReply): Promise<SentMessage | void>;
  /** Sends one more message after the reply (an answer of several messages), in order. */
  followUp(message: OutgoingReply): Promise<SentMessage | void>;
}

export type DispatchOutcome = 'ignored' | 'unknown' | 'refused' | 'answered' | 'failed';

export interface DispatcherOptions<D> {
  readonly registry: CommandRegistry<D>;
  readonly deps: D;
  readonly logger: Logger;
  /** Used in usage text of prefix invocations. Default `!`. */
  readonly prefix?: string;
  /** Members with this role may use privileged commands; the guild owner always may. */
  readonly privilegedRoleId?: string;
  /** Defer when a command has not answered by then; Discord allows 3 s. Default 1500. */
  readonly deferAfterMs?: number;
  /**
   * Where replies' confirmation buttons are kept until clicked; share it with the click handler.
   * Default: a store of the dispatcher's own (its buttons can then never be confirmed).
   */
  readonly confirmations?: ConfirmationStore;
}

export interface Dispatcher {
  /** Never rejects: command and transport errors are logged and answered where possible. */
  dispatch(invocation: Invocation, responder: Responder): Promise<DispatchOutcome>;
  isPrivileged(invocation: Pick<Invocation, 'user' | 'memberRoleIds' | 'guildOwnerId'>): boolean;
}

export const NOT_ALLOWED = 'You are not allowed to use this command.';
export const DEFAULT_DEFER_AFTER_MS = 1500;

export function createDispatcher<D>(options: DispatcherOptions<D>): Dispatcher {
  const { registry, deps, logger, privilegedRoleId } = options;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const confirmations = options.confirmations ?? new ConfirmationStore({ logger });
  if (privilegedRoleId === undefined) {
    logger.info("no privileged role has been set, only the server's owner can use privileged commands");
  }

  const isPrivileged: Dispatcher['isPrivileged'] = ({ user, memberRoleIds, guildOwnerId }) =>
    (guildOwnerId !== null && user.id === guildOwnerId) || (privilegedRoleId !== undefined && memberRoleIds.includes(privilegedRoleId));

  async function send(responder: Responder, message: OutgoingReply, log: Logger): Promise<void> {
    try {
      await responder.reply(message);
    } catch (err) {
      log.warn({ err }, 'could not send the command reply');
    }
  }

  /** The reply, then each follow-up in order; after a failure the rest is not sent (it would arrive out of order). */
  async function sendAll(responder: Responder, messages: readonly OutgoingReply[], log: Logger): Promise<void> {
    for (const [index, message] of messages.entries()) {
      try {
        const sent = await (index === 0 ? responder.reply(message) : responder.followUp(message));
        if (message.confirmButton && sent) {
          const { confirmButton, ...rest } = message;
          confirmations.whenExpired(confirmButton.customId, () => sent.edit({ ...rest, content: withNote(message.content, CONFIRM_EXPIRED) }));
        }
      } catch (err) {
        for (const unsent of messages.slice(index)) if (unsent.confirmButton) confirmations.forget(unsent.confirmButton.customId);
        log.warn({ err, sent: index, unsent: messages.length - index }, index === 0 ? 'could not send the command reply' : 'could not send a follow-up message');
        return;
      }
    }
  }

  async function dispatch(invocation: Invocation, responder: Responder): Promise<DispatchOutcome> {
    if (invocation.user.bot === true) return 'ignored';
    const shown = invocationName({ name: invocation.commandName }, invocation.via, prefix);
    const ephemeralNotice = invocation.via === 'slash';
    const command = registry.get(invocation.commandName);
    const log = logger.child({ command: invocation.commandName, via: invocation.via, userId: invocation.user.id });
    if (!command) {
      log.warn('unknown command invoked');
      const text = `Unknown command \`${shown}\`; run the register command to update the bot's commands.`;
      await send(responder, toOutgoing(text, ephemeralNotice), log);
      return 'unknown';
    }
    const privileged = isPrivileged(invocation);
    if (command.permission === 'privileged' && !privileged) {
      log.info('privileged command refused');
      await send(responder, toOutgoing(NOT_ALLOWED, ephemeralNotice), log);
      return 'refused';
    }

    const ctx: CommandContext<D> = {
      deps,
      via: invocation.via,
      prefix,
      user: invocation.user,
      guildId: invocation.guildId,
      channelId: invocation.channelId,
      privileged,
      privilegedRoleId,
      catalog: registry,
      logger: log,
      messageId: invocation.messageId,
    };
    const started = Date.now();
    // A synchronous throw inside `run` becomes a rejection here, like an async one.
    const outcome = Promise.resolve()
      .then(() => command.run(ctx, invocation.options))
      .then(
        (result): { ok: true; result: CommandResult } => ({ ok: true, result }),
        (error: unknown): { ok: false; error: unknown } => ({ ok: false, error }),
      );

    const defer = async () => {
      try {
        await responder.defer(command.ephemeral);
      } catch (err) {
        log.warn({ err }, 'could not defer the command reply');
      }
    };
    if (command.slow) {
      await defer();
    } else {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deferAfterMs);
      });
      const first = await Promise.race([outcome, late]);
      clearTimeout(timer);
      if (first === 'late') await defer();
    }

    const settled = await outcome;
    if (!settled.ok) {
      log.error({ err: settled.error, ms: Date.now() - started }, 'command failed');
      await send(responder, toOutgoing(`Something went wrong running \`${shown}\`; the error was logged.`, ephemeralNotice), log);
      return 'failed';
    }
    const messages = toOutgoingMessages(settled.result, command.ephemeral, (confirmation) => confirmations.add(invocation.user.id, confirmation));
    log.info({ ms: Date.now() - started, messages: messages.length }, 'command answered');
    await sendAll(responder, messages, log);
    return 'answered';
  }

  return { dispatch, isPrivileged };
}
