/**
 * `purge <names…>` (privileged): the seed's original purge (seed-behaviour §3.6, before v1.26.3),
 * really deleting — a tracked user, unregistered or not, and everything stored about them. Because
 * nothing brings that back, it first answers what would be deleted with a button only the caller
 * may press; the deletion runs on that click, in one transaction, and answers one ✅/❌ per name in
 * the same embed as the other user commands (`perName` of @herald/reddit). The seed's HEAD replaced
 * the command with a pointer to `unregister` because its version was buggy; that soft delete remains.
 */
import { commandsFor, type CommandContext } from '@herald/bot';
import { isDatabaseUnavailable } from '@herald/db/sql';
import { fitLines } from '@herald/discord/text';
import {
  commandNames,
  findPurgeTargets,
  MAX_NAMES,
  namesOption,
  noSuchUser,
  perName,
  purgeUsers,
  refusal,
  type PurgeTarget,
  type RedditCommandDeps,
} from '@herald/reddit/commands';
import { userLink } from '@herald/reddit/render';

const define = commandsFor<RedditCommandDeps>();

/** How long the confirmation button works. */
export const PURGE_CONFIRM_MS = 60_000;
/** The embed colour of the Reddit user commands (Reddit's orange-red). */
const COLOR = 0xff4500;
/** An embed description holds 4,096 characters. */
const MAX_DESCRIPTION = 4096;
/** The answer while Postgres is down (a database outage is not a bug: say so rather than "something went wrong"). */
export const DATABASE_DOWN = 'The database is unavailable right now, so nothing was done; try again in a minute.';

export const purge = define({
  name: 'purge',
  description: 'Deletes tracked Reddit users and all their stored comments for good (asks for confirmation).',
  permission: 'privileged',
  options: { names: namesOption },
  async run(ctx, { names: text }) {
    const names = commandNames(text, '');
    // perName answers an empty or too long list with the other commands' refusal, before any lookup.
    if (names.length === 0 || names.length > MAX_NAMES) return perName(ctx, text, 'Purge', '', async () => undefined);
    const targets = await whileDatabaseUp(() => findPurgeTargets(ctx.deps.db, names.map((argument) => argument.name)));
    if (targets === undefined) return refusal(DATABASE_DOWN);
    if (targets.size === 0) return perName(ctx, text, 'Purge', '', async ({ name }) => noSuchUser(name));

    const found = [...targets.values()];
    const missing = names.filter((argument) => !targets.has(argument.name.toLowerCase())).map((argument) => argument.name);
    return {
      embeds: [{ color: COLOR, title: 'Purge?', description: previewText(found, missing, ctx.user.id) }],
      confirm: {
        label: `Purge ${plural(found.length, 'user')}`,
        style: 'danger',
        expiresInMs: PURGE_CONFIRM_MS,
        run: () => purgeNow(ctx, text, found),
      },
    };
  },
});

/** Runs on the caller's click: deletes what the preview listed, then answers per name. */
async function purgeNow(ctx: CommandContext<RedditCommandDeps>, text: string, found: readonly PurgeTarget[]) {
  const deleted = await whileDatabaseUp(() => purgeUsers(ctx.deps.db, found.map((target) => target.name)));
  if (deleted === undefined) return DATABASE_DOWN;
  ctx.logger.info({ users: [...deleted.values()].map((target) => target.name) }, 'Reddit users purged');
  const reply = await perName(ctx, text, 'Purge', '', async ({ name }) => (deleted.has(name.toLowerCase()) ? undefined : noSuchUser(name)));
  const comments = sum(deleted, 'comments');
  const marks = sum(deleted, 'highscores');
  return { ...reply, content: `Deleted ${plural(deleted.size, 'user')}, ${plural(comments, 'comment')} and ${plural(marks, 'high-score mark')}.` };
}

/** The confirmation's text: each user with what goes with them, the names not stored, who may confirm. */
export function previewText(found: readonly PurgeTarget[], missing: readonly string[], callerId: string): string {
  const lines = found.map(
    (target) =>
      `• ${userLink(target.name)}: ${plural(target.comments, 'comment')}, ${plural(target.highscores, 'high-score mark')}${target.unregistered ? ' (unregistered)' : ''}`,
  );
  const head = 'These users will be deleted for good, with their comments, their high-score marks and who registered them:';
  const tail = [
    ...(missing.length > 0 ? [`Not stored (nothing to delete): ${missing.map((name) => userLink(name)).join(', ')}`] : []),
    `Only <@${callerId}> can confirm, within ${PURGE_CONFIRM_MS / 1000} seconds.`,
  ];
  const room = MAX_DESCRIPTION - head.length - tail.join('\n').length - 2;
  return [head, fitLines(lines, room), ...tail].join('\n');
}

/** `work`'s result, or undefined when Postgres is unavailable; other errors are the dispatcher's to log and answer. */
async function whileDatabaseUp<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return undefined;
    throw error;
  }
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function sum(targets: ReadonlyMap<string, PurgeTarget>, key: 'comments' | 'highscores'): number {
  let total = 0;
  for (const target of targets.values()) total += target[key];
  return total;
}
