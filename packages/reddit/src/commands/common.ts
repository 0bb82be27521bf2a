/** What the Reddit user commands share: the typed `define`, the name options, the per-name result embed. */
import type { APIEmbed } from 'discord-api-types/v10';
import { commandsFor, type CommandContext, type CommandReply } from '@herald/bot';
import { escapeAndTruncate } from '@herald/discord/text';
import { MAX_NAMES, commandNames, type NameArgument } from '../users/names.js';
import type { RedditCommandDeps } from './deps.js';

export const define = commandsFor<RedditCommandDeps>();
export type RedditContext = CommandContext<RedditCommandDeps>;

/** Reddit's orange-red, as the source's other embeds. */
export const COLOR = 0xff4500;

/** A name typed by someone, shown literally and short enough that 25 of them fit one embed (6,000 characters). */
export const shownName = (name: string): string => escapeAndTruncate(name, 40);

/** `<names…>`: the rest of a prefix line, or one slash option holding the names separated by spaces. */
export const namesOption = {
  kind: 'string',
  description: 'Reddit user names separated by spaces (name, u/name or /u/name), at most 25',
  required: true,
  rest: true,
  maxLength: 1500,
} as const;

/** `<name>`: one Reddit user name (the rest of a prefix line). */
export const nameOption = {
  kind: 'string',
  description: 'A Reddit user name (name, u/name or /u/name)',
  required: true,
  rest: true,
  maxLength: 100,
} as const;

/** A refusal of the whole command (nothing was done): visible to the caller alone on slash. */
export function refusal(content: string): CommandReply {
  return { content, ephemeral: true };
}

/**
 * Runs `each` for every name of `text`, one after the other, and answers the seed's embed
 * (seed-behaviour §3.6): `title`, `request from <@caller>`, one field per name, `✅` or
 * `❌ <reason>` (`each` resolves to the reason, or undefined for success). Empty arguments are
 * dropped and duplicates answered once; more than 25 names (an embed's field limit, §3.14.7) are
 * refused before anything is done. `hidePrefix` is recognised (register) or not ('' elsewhere).
 */
export async function perName(
  ctx: RedditContext,
  text: string,
  title: string,
  hidePrefix: string,
  each: (argument: NameArgument) => Promise<string | undefined>,
): Promise<CommandReply> {
  const names = commandNames(text, hidePrefix);
  if (names.length === 0) return refusal('Give at least one Reddit user name, e.g. `spez` or `u/spez`.');
  if (names.length > MAX_NAMES) {
    return refusal(`At most ${MAX_NAMES} names at a time (a Discord embed holds ${MAX_NAMES} fields), got ${names.length}. Nothing was done.`);
  }
  const fields: NonNullable<APIEmbed['fields']> = [];
  for (const argument of names) {
    const reason = await each(argument);
    fields.push({ name: argument.shown === '' ? '(empty)' : shownName(argument.shown), value: reason === undefined ? '✅' : `❌ ${reason}` });
  }
  return { embeds: [{ color: COLOR, title, description: `request from <@${ctx.user.id}>`, fields }] };
}

/** The seed's `no user named "<name>"` of unregister, reregister, hide and unhide. */
export const noSuchUser = (name: string): string => `no user named "${shownName(name)}"`;
