import type { APIAllowedMentions, APIEmbed } from 'discord-api-types/v10';
import { truncate } from '@herald/discord/text';
import type { CommandReply, CommandResult } from './command.js';

const MAX_CONTENT = 2000;
const MAX_EMBEDS = 10;

/** A reply ready for a transport: Discord-sized, and pinging only whom the command named. */
export interface OutgoingReply {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly ephemeral: boolean;
  readonly allowedMentions: APIAllowedMentions;
}

/** One message of a command's answer, ready for a transport. */
export function toOutgoing(result: string | CommandReply, defaultEphemeral: boolean): OutgoingReply {
  const reply = typeof result === 'string' ? { content: result } : result;
  const allowedMentions: APIAllowedMentions = { parse: [] };
  if (reply.mentions?.users?.length) allowedMentions.users = [...reply.mentions.users];
  if (reply.mentions?.roles?.length) allowedMentions.roles = [...reply.mentions.roles];
  const embeds = (reply.embeds ?? []).slice(0, MAX_EMBEDS);
  const content = reply.content === undefined ? undefined : truncate(reply.content, MAX_CONTENT);
  // Discord refuses a message with neither content nor embeds.
  const safeContent = content === undefined || content === '' ? (embeds.length === 0 ? '(no output)' : undefined) : content;
  return {
    ...(safeContent === undefined ? {} : { content: safeContent }),
    embeds,
    ephemeral: reply.ephemeral ?? defaultEphemeral,
    allowedMentions,
  };
}

/** Every message of a command's answer, in order; at least one (an empty list says so). */
export function toOutgoingMessages(result: CommandResult, defaultEphemeral: boolean): OutgoingReply[] {
  const parts: ReadonlyArray<string | CommandReply> = isMessageList(result) ? (result.length === 0 ? [''] : result) : [result];
  return parts.map((part) => toOutgoing(part, defaultEphemeral));
}

function isMessageList(result: CommandResult): result is readonly (string | CommandReply)[] {
  return Array.isArray(result);
}

