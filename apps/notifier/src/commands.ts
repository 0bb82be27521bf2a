import { CommandRegistry, help, status, version, type StatusDeps, type VersionDeps } from '@herald/bot';
import { communityCommands, type CommunityCommandDeps } from '@herald/community';
import { ibcCommands, type IbcCommandDeps } from '@herald/ibc/commands';
import { redditCommands, type RedditCommandDeps } from '@herald/reddit/commands';

/** What the notifier's commands need from the app. A source's commands add their own needs here. */
export type NotifierCommandDeps = VersionDeps & StatusDeps & IbcCommandDeps & RedditCommandDeps & CommunityCommandDeps;

/**
 * Every command the bot answers, as a slash command and (when enabled) a prefix command. Adding
 * one: write a file like packages/bot/src/commands/version.ts (or a source's, like
 * packages/ibc/src/commands/), list it here, re-run register-commands.
 */
export const notifierCommands = new CommandRegistry<NotifierCommandDeps>([
  help,
  version,
  status,
  ...ibcCommands,
  ...withoutClash(redditCommands),
  // Down Arrows Bot's community chores: date, separator (sep, =), sipthebep (sip), ban, delete, invite, purge.
  ...communityCommands,
]);

/** Both seeds had a `register`: IBC's (a relayer wallet) keeps the name, the Reddit source's is `reddit_register` here. */
function withoutClash<C extends { readonly name: string }>(commands: readonly C[]): C[] {
  return commands.map((command) => (command.name === 'register' ? { ...command, name: 'reddit_register' } : command));
}
