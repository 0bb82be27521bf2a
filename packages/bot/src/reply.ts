import type { APIAllowedMentions, APIEmbed } from 'discord-api-types/v10';
import { truncate } from '@herald/discord/text';
import type { CommandReply, CommandResult, Confirmation } from './command.js';
import type { ConfirmButton } from './confirm/store.js';

const MAX_CONTENT = 2000;
const MAX_EMBEDS = 10;

/** A reply ready for a transport: Discord-sized, and pinging only whom the command named. */
export interface OutgoingReply {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly ephemeral: boolean;
  readonly allowedMentions: APIAllowedMentions;
  /** A confirmation button under the message (only when the command asked for one). */
  readonly confirmButton?: ConfirmButton;
}

/** Registers a reply's confirmation (for the invoker) and returns its button. */
export type AttachConfirmation = (confirmation: Confirmation) => ConfirmButton;

/**
 * One message of a command's answer, ready for a transport. A `confirm` becomes a button through
 * `attach`; without `attach` (a transport that cannot show buttons) it is dropped.
 */
export function toOutgoing(result: string | CommandReply, defaultEphemeral: boolean, attach?: AttachConfirmation): OutgoingReply {
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
    ...(reply.confirm && attach ? { confirmButton: attach(reply.confirm) } : {}),
  };
}

/** Every message of a command's answer, in order; at least one (an empty list says so). */
export function toOutgoingMessages(result: CommandResult, defaultEphemeral: boolean, attach?: AttachConfirmation): OutgoingReply[] {
  const parts: ReadonlyArray<string | CommandReply> = isMessageList(result) ? (result.length === 0 ? [''] : result) : [result];
  return parts.map((part) => toOutgoing(part, defaultEphemeral, attach));
}

function isMessageList(result: CommandResult): result is readonly (string | CommandReply)[] {
  return Array.isArray(result);
}

/**
 * `content` with `note` appended on its own paragraph, within Discord's 2000 characters (the
 * content is cut, never the note): how an expired or failed confirmation is marked on its message.
 */
export function withNote(content: string | undefined, note: string): string {
  if (content === undefined || content === '') return note;
  return `${truncate(content, MAX_CONTENT - note.length - 2)}\n\n${note}`;
}
