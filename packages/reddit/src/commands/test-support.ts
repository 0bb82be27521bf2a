/** A harness for the Reddit command tests (excluded from the build): real Postgres, the bot's dispatcher and prefix parser. */
import type { APIEmbed } from 'discord-api-types/v10';
import { CommandRegistry, help, type OptionPrimitive, type OutgoingReply } from '@herald/bot';
import { createCommandRunner } from '@herald/bot/testing';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { captureLogs } from '@herald/logging/testing';
import { createTestDatabase } from '@herald/testkit';
import type { RedditApi } from '../client/types.js';
import { createRedditCommandDeps, type RedditCommandDeps } from './deps.js';
import { redditCommands } from './index.js';

export const GUILD_OWNER = '300000000000000001';
export const MODERATOR = '300000000000000002';
export const ALICE = '300000000000000003';
export const MODERATOR_ROLE = '300000000000000100';
export const NOW = new Date('2026-12-02T12:00:00Z');

export interface Harness {
  db: SqlPool;
  deps: RedditCommandDeps;
  logs: () => Array<Record<string, unknown>>;
  /** Runs a prefix command line (`!register …`) as `user`; parse errors answer like the bot does. */
  prefix(line: string, user?: string): Promise<OutgoingReply[]>;
  /** Runs a slash command with its options as `user`. */
  slash(name: string, options?: Record<string, OptionPrimitive>, user?: string): Promise<OutgoingReply[]>;
  close(): Promise<void>;
}

/** `reddit`: the Reddit client `register` looks users up with; undefined = the source is not configured. */
export async function startHarness(options: { reddit: Pick<RedditApi, 'aboutUser'> | undefined }): Promise<Harness> {
  const database = await createTestDatabase('herald_reddit_cmd');
  const db = createSqlPool({ url: database.url });
  const { logger, lines } = captureLogs();
  const deps = createRedditCommandDeps({ db, reddit: options.reddit, now: () => NOW });
  const registry = new CommandRegistry<RedditCommandDeps>([help, ...redditCommands]);
  const runner = createCommandRunner({ registry, deps, logger, prefix: '!', guild: { ownerId: GUILD_OWNER, moderatorId: MODERATOR, moderatorRoleId: MODERATOR_ROLE, channelId: '300000000000000200', guildId: '300000000000000300' } });

  return {
    db,
    deps,
    logs: () => lines,
    prefix: (line, user = ALICE) => runner.prefix(line, user),
    slash: (name, slashOptions = {}, user = ALICE) => runner.slash(name, slashOptions, user),
    async close() {
      await db.end();
      await database.drop();
    },
  };
}

/** The only embed of a one-message answer. */
export function embedOf(messages: readonly OutgoingReply[]): APIEmbed {
  expectOne(messages);
  const embed = messages[0]!.embeds[0];
  if (!embed) throw new Error(`no embed in the answer: ${JSON.stringify(messages)}`);
  return embed;
}

/** The content of a one-message answer. */
export function contentOf(messages: readonly OutgoingReply[]): string {
  expectOne(messages);
  return messages[0]!.content ?? '';
}

/** An embed's fields as `name → value`, in order. */
export function fieldsOf(embed: APIEmbed): Array<[string, string]> {
  return (embed.fields ?? []).map((f) => [f.name, f.value]);
}

function expectOne(messages: readonly OutgoingReply[]): void {
  if (messages.length !== 1) throw new Error(`expected one message, got ${messages.length}: ${JSON.stringify(messages)}`);
}

/** Stores a tracked user directly (as the scanner or an earlier registration would have). */
export async function storeUser(
  db: SqlPool,
  user: { name: string; hidden?: boolean; unregistered?: boolean; isNew?: boolean; lastScanAt?: Date; registeredBy?: string; createdAt?: Date; suspended?: boolean; notFound?: boolean; inactive?: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO reddit_users (name, created_at, added_at, hidden, unregistered, is_new, last_scan_at, registered_by, suspended, not_found, inactive)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      user.name,
      user.createdAt ?? null,
      NOW,
      user.hidden ?? false,
      user.unregistered ?? false,
      user.isNew ?? true,
      user.lastScanAt ?? null,
      user.registeredBy ?? null,
      user.suspended ?? false,
      user.notFound ?? false,
      user.inactive ?? false,
    ],
  );
}

/** Stores comments of `author` with these scores. */
export async function storeComments(db: SqlPool, author: string, scores: readonly number[]): Promise<void> {
  for (const [i, score] of scores.entries()) {
    await db.query(
      `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ($1, $2, $3, $4, 'test', $5, 'body')`,
      [`${author.toLowerCase()}${i}`, author, score, `/r/test/comments/x/y/${i}/`, NOW],
    );
  }
}

/** A user row as stored, or undefined. */
export async function storedUser(db: SqlPool, name: string) {
  const { rows } = await db.query<{ name: string; hidden: boolean; unregistered: boolean; suspended: boolean; registered_by: string | null; created_at: Date | null; added_at: Date }>(
    'SELECT name, hidden, unregistered, suspended, registered_by, created_at, added_at FROM reddit_users WHERE lower(name) = lower($1)',
    [name],
  );
  return rows[0];
}
