/**
 * A channel's history: messages seeded in the past (so a bot's delete command meets Discord's
 * 14-day bulk-delete rule) and the paging of `GET /channels/:id/messages` (before/after/around,
 * newest first, https://discord.com/developers/docs/resources/message#get-channel-messages).
 */
import { CommandInputError } from './command-input.js';
import { findChannel, findGuildUser } from './guild.js';
import type { FakeState } from './routes.js';
import { compareSnowflakes, pastSnowflake } from './snowflake.js';
import type { RecordedMessage } from './types.js';
import { LIMITS } from './validate.js';

/** One message to put into a channel's history. */
export interface SeedMessageInput {
  content: string;
  /** A member's (or a former member's, or the bot's) id, key ('member') or username. Default 'member' (or the first member). */
  authorId?: string;
  /** How long ago it was written, in ms (≥ 0); its id encodes that time. */
  ageMs: number;
}

/**
 * Records `inputs` in the channel (an id, or a guild channel's key or name) as if they had been
 * written `ageMs` ago, without any gateway dispatch. Returns them in input order. Throws
 * CommandInputError naming the first bad input; nothing is recorded then.
 */
export function seedMessages(state: FakeState, channelRef: string, inputs: readonly SeedMessageInput[], now: number = Date.now()): RecordedMessage[] {
  const channelId = findChannel(state.guild, channelRef)?.id ?? channelRef;
  if (!state.store.channels.has(channelId)) throw new CommandInputError(`no channel ${channelRef} in the fake`);
  if (!Array.isArray(inputs)) throw new CommandInputError('messages must be an array of { content, authorId?, ageMs }');
  const planned = inputs.map((input, i) => {
    const at = `messages[${i}]`;
    if (typeof input !== 'object' || input === null) throw new CommandInputError(`${at} must be { content, authorId?, ageMs }`);
    if (typeof input.content !== 'string' || input.content.length > LIMITS.content) {
      throw new CommandInputError(`${at}.content must be a string of at most ${LIMITS.content} characters`);
    }
    if (typeof input.ageMs !== 'number' || !Number.isFinite(input.ageMs) || input.ageMs < 0) {
      throw new CommandInputError(`${at}.ageMs must be a number of ms ≥ 0, got ${JSON.stringify(input.ageMs)}`);
    }
    const ref = input.authorId ?? defaultAuthor(state);
    const author = findGuildUser(state.guild, ref) ?? state.members.user(ref);
    if (author === undefined) throw new CommandInputError(`${at}.authorId: no user ${ref} in the fake guild`);
    return { content: input.content, authorId: author.id, createdAt: now - input.ageMs };
  });
  return planned.map(({ content, authorId, createdAt }) =>
    state.store.addHistoryMessage({
      id: pastSnowflake(createdAt),
      channelId,
      content,
      embeds: [],
      createdAt,
      body: { content },
      authorId,
      seeded: true,
    }),
  );
}

function defaultAuthor(state: FakeState): string {
  const users = state.guild.users;
  return users.member?.id ?? Object.values(users).find((u) => u.id !== state.guild.ownerId)?.id ?? state.guild.ownerId;
}

/** `GET /channels/:id/messages`'s query once validated: at most one of before/after/around. */
export interface HistoryQuery {
  /** 1-100. */
  limit: number;
  before?: string;
  after?: string;
  around?: string;
}

/**
 * One page of `history` (newest first) as Discord answers it, newest first: the `limit` messages
 * just older than `before`, just newer than `after` (the oldest of those), centred on `around`
 * (the message itself included when it exists), or the newest ones.
 */
export function historyPage(history: readonly RecordedMessage[], query: HistoryQuery): RecordedMessage[] {
  const { limit, before, after, around } = query;
  if (before !== undefined) return history.filter((m) => compareSnowflakes(m.id, before) < 0).slice(0, limit);
  if (after !== undefined) return history.filter((m) => compareSnowflakes(m.id, after) > 0).slice(-limit);
  if (around !== undefined) {
    const newer = history.filter((m) => compareSnowflakes(m.id, around) > 0);
    const rest = history.filter((m) => compareSnowflakes(m.id, around) <= 0);
    // Half the page (rounded down) newer than `around`, the rest at or before it.
    const newerCount = Math.min(newer.length, Math.floor(limit / 2));
    return [...newer.slice(newer.length - newerCount), ...rest.slice(0, limit - newerCount)];
  }
  return history.slice(0, limit);
}
