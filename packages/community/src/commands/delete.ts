/**
 * `delete <n> [offset]` (privileged, seed-behaviour §3.6): deletes the `n` messages before the
 * command, after skipping the `offset` most recent. A prefix command counts back from its own
 * message; a slash command (which has no message) from the newest message of the channel.
 *
 * Fixed from the seed: Discord's bulk delete refuses messages older than 14 days, which made the
 * seed's request fail and disconnected the bot (§3.14.3); they are skipped with a note. The answer
 * says how many were deleted (the seed said nothing).
 */
import { SnowflakeUtil } from 'discord.js';
import { usage, type Command } from '@herald/bot';
import { attempt } from '../discord/errors.js';
import { parseDeleteArguments } from './delete-arguments.js';
import { define, type CommunityCommandDeps } from './deps.js';

/** Discord's bulk-delete limit on a message's age (its id's timestamp). */
export const BULK_DELETE_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
/** Messages this close to the limit are treated as too old: our clock and Discord's may differ a little. */
const CLOCK_MARGIN_MS = 60_000;

export const deleteMessages: Command<CommunityCommandDeps> = define({
  name: 'delete',
  description: 'Deletes the n messages before this one (after skipping `offset` of them).',
  permission: 'privileged',
  ephemeral: true,
  options: {
    count: { kind: 'string', description: 'How many messages to delete (n + offset at most 100)', required: true, maxLength: 30 },
    offset: { kind: 'string', description: 'How many of the most recent messages to keep first (default 0)', rest: true, maxLength: 30 },
  },
  async run(ctx, options) {
    const parsed = parseDeleteArguments(options.count, options.offset);
    // The seed's refusal, then the usage (a malformed command gets its usage).
    if (!parsed.ok) return { content: `${parsed.error}\nUsage: \`${usage(deleteMessages, ctx.via, ctx.prefix)}\``, ephemeral: true };
    const { discord, now } = ctx.deps.community;
    const channelId = ctx.channelId;
    const before = ctx.via === 'prefix' ? ctx.messageId : undefined;

    const history = await attempt('Read Message History', () => discord.history(channelId, { limit: parsed.count + parsed.offset, before }));
    if (!history.ok) return failed(ctx, history);
    const targets = history.value.slice(parsed.offset);
    const oldest = now().getTime() - BULK_DELETE_MAX_AGE_MS + CLOCK_MARGIN_MS;
    const recent = targets.filter((message) => SnowflakeUtil.timestampFrom(message.id) > oldest).map((message) => message.id);
    const skipped = targets.length - recent.length;

    if (recent.length > 0) {
      const deleted = await attempt('Manage Messages', () =>
        recent.length === 1 ? discord.deleteMessage(channelId, recent[0]!) : discord.bulkDelete(channelId, recent),
      );
      if (!deleted.ok) return failed(ctx, deleted);
    }
    ctx.logger.info({ channelId, deleted: recent.length, skipped }, 'messages deleted');
    const lines = [recent.length === 0 ? 'No message was deleted.' : `Deleted ${plural(recent.length, 'message')}.`];
    if (skipped > 0) {
      lines.push(`${plural(skipped, 'message')} older than 14 days ${skipped === 1 ? 'was' : 'were'} skipped (Discord does not allow deleting them in bulk).`);
    }
    return lines.join('\n');
  },
});

function failed(ctx: { logger: { warn(o: object, m: string): void } }, outcome: { failed: string; error: unknown }) {
  ctx.logger.warn({ err: outcome.error }, 'delete refused by Discord');
  return { content: `Nothing was deleted: ${outcome.failed}.`, ephemeral: true };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
