import type { Message, SendableChannels } from 'discord.js';
import type { Logger } from '@herald/logging';
import type { Dispatcher, Responder, SentMessage } from '../dispatch.js';
import type { PrefixParser } from '../prefix.js';
import type { CommandRegistry } from '../registry.js';
import { toOutgoing } from '../reply.js';
import { invocationName, usage } from '../usage.js';
import { quote } from '../values.js';
import { messageOptions } from './messages.js';
import { memberRoleIds } from './slash.js';

/** A name that was probably meant as a command (lower-case word), as opposed to chatter like "!1000". */
const LOOKS_LIKE_A_COMMAND = /^[a-z][-_a-z0-9]{1,31}$/;

/**
 * Answers in the command's channel as a reply to the command message (so readers see what it
 * answers), without pinging its author (`repliedUser: false`); still posted if that message is gone.
 */
export function channelResponder(channel: SendableChannels, commandMessageId: string): { responder: Responder; sent: Message[] } {
  const sent: Message[] = [];
  const responder: Responder = {
    // A prefix command has no "thinking…" state: the typing indicator says the bot is on it.
    async defer() {
      await channel.sendTyping();
    },
    async reply(message) {
      const posted = await channel.send({ ...messageOptions(message), reply: { messageReference: commandMessageId, failIfNotExists: false } });
      sent.push(posted);
      return editable(posted);
    },
    // The rest of a long answer follows in the same channel; only the first message quotes the command.
    async followUp(message) {
      const posted = await channel.send(messageOptions(message));
      sent.push(posted);
      return editable(posted);
    },
  };
  return { responder, sent };
}

function editable(message: Message): SentMessage {
  return {
    async edit(reply) {
      await message.edit(messageOptions(reply, { clearButtons: true }));
    },
  };
}

/**
 * The seeds' tidy-up, opt-in: once a prefix command is answered its message is deleted after a
 * delay, and so are the bot's error replies (usage, refusals), keeping busy channels readable.
 * Deleting members' messages needs Manage Messages; a failure is only logged.
 */
export function tidyUp(afterMs: number | undefined, logger: Logger): (messages: Message[]) => void {
  return (messages) => {
    if (afterMs === undefined || afterMs <= 0) return;
    for (const message of messages) {
      setTimeout(() => {
        message.delete().catch((err: unknown) => logger.warn({ err, messageId: message.id }, 'could not tidy up a command message'));
      }, afterMs).unref();
    }
  };
}

/** What the bot answers to a prefix message that is not a valid command, or undefined to stay silent. */
export function prefixProblemReply(
  parsed: ReturnType<PrefixParser<never>['parse']>,
  registry: CommandRegistry<never>,
  prefix: string,
): string | undefined {
  const helpHint = registry.get('help') ? ` Type \`${prefix}help\` for the list.` : '';
  if (parsed.kind === 'unknown') {
    if (parsed.suggestion !== undefined) {
      return `Unknown command ${quote(prefix + parsed.name)}. Did you mean \`${invocationName({ name: parsed.suggestion }, 'prefix', prefix)}\`?${helpHint}`;
    }
    return LOOKS_LIKE_A_COMMAND.test(parsed.name) ? `Unknown command ${quote(prefix + parsed.name)}.${helpHint}` : undefined;
  }
  if (parsed.kind === 'invalid') return `${parsed.error}\nUsage: \`${usage(parsed.command, 'prefix', prefix)}\``;
  return undefined;
}

export async function handleMessage(
  message: Message,
  parser: PrefixParser<never>,
  registry: CommandRegistry<never>,
  dispatcher: Dispatcher,
  logger: Logger,
  tidy: (messages: Message[]) => void = () => undefined,
): Promise<void> {
  // Bots (ourselves included) and webhooks never trigger commands: no loops between bots.
  if (message.author.bot || message.webhookId !== null || !message.inGuild()) return;
  // Discord's clients send a typed `_` as `\_` (markdown escaping); the seeds undid that before parsing.
  const parsed = parser.parse(message.content.replaceAll('\\_', '_'));
  if (parsed.kind === 'not-a-command') return;
  if (!message.channel.isSendable()) return;
  const { responder, sent } = channelResponder(message.channel, message.id);
  if (parsed.kind !== 'ok') {
    const text = prefixProblemReply(parsed, registry, parser.prefix);
    if (text !== undefined) await responder.reply(toOutgoing(text, false)).catch((err: unknown) => logger.warn({ err }, 'could not answer a prefix command'));
    tidy(sent);
    return;
  }
  const ownerId = message.guild.ownerId;
  let roles = memberRoleIds(message.member);
  // MESSAGE_CREATE usually carries the member; fetch it only when a privilege decision needs it.
  if (!message.member && parsed.command.permission === 'privileged' && message.author.id !== ownerId) {
    roles = memberRoleIds(await message.guild.members.fetch(message.author.id).catch(() => null));
  }
  const outcome = await dispatcher.dispatch(
    {
      via: 'prefix',
      commandName: parsed.command.name,
      options: parsed.options,
      user: { id: message.author.id, username: message.author.username, bot: message.author.bot },
      memberRoleIds: roles,
      guildOwnerId: ownerId,
      channelId: message.channelId,
      guildId: message.guildId,
      messageId: message.id,
    },
    responder,
  );
  // Answered: the command has done its job. Refused or failed: the error reply has been read.
  if (outcome === 'answered') tidy([message]);
  else if (outcome === 'refused' || outcome === 'failed') tidy(sent);
}
