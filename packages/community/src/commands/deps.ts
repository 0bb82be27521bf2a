import { commandsFor, type CommandContext } from '@herald/bot';
import type { CommunityDiscord } from '../discord/chores.js';

/** What the community commands need from the app (the notifier), under one key so they cannot clash with other sources' deps. */
export interface CommunityCommandDeps {
  readonly community: CommunityChores;
}

export interface CommunityChores {
  /** The Discord requests (the bot's REST client in the notifier). */
  readonly discord: CommunityDiscord;
  /** `community.generalChannel`: where `invite` invites to; undefined when not configured. */
  readonly generalChannel: string | undefined;
  /** `reports.timezone` (IANA): the zone `date` answers in. */
  readonly timezone: string;
  now(): Date;
}

export const define = commandsFor<CommunityCommandDeps>();
export type CommunityContext = CommandContext<CommunityCommandDeps>;
