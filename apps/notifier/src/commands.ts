import { CommandRegistry, help, status, version, type StatusDeps, type VersionDeps } from '@herald/bot';
import { ibcCommands, type IbcCommandDeps } from '@herald/ibc/commands';

/** What the notifier's commands need from the app. A source's commands add their own needs here. */
export type NotifierCommandDeps = VersionDeps & StatusDeps & IbcCommandDeps;

/**
 * Every command the bot answers, as a slash command and (when enabled) a prefix command. Adding
 * one: write a file like packages/bot/src/commands/version.ts (or a source's, like
 * packages/ibc/src/commands/), list it here, re-run register-commands.
 */
export const notifierCommands = new CommandRegistry<NotifierCommandDeps>([help, version, status, ...ibcCommands]);
