import { GatewayIntentBits } from 'discord.js';
import type { FeatureIntent } from './features.js';

/** Something the bot does that needs gateway intents: prefix commands or a feature. */
export interface IntentConsumer {
  /** As named to the operator, e.g. 'prefix commands (discord.bot.messageContent)'. */
  readonly name: string;
  readonly intents: readonly FeatureIntent[];
}

/**
 * Privileged intents as the Developer Portal names them (Bot → Privileged Gateway Intents):
 * https://discord.com/developers/docs/events/gateway#privileged-intents
 */
const PRIVILEGED: ReadonlyMap<FeatureIntent, string> = new Map([
  ['GuildMembers', 'Server Members Intent'],
  ['MessageContent', 'Message Content Intent'],
]);

export const PORTAL_HINT = 'enable them at https://discord.com/developers/applications → Bot → Privileged Gateway Intents';

/** The intents to identify with, and what each privileged one is for. */
export interface IntentPlan {
  /** Guilds plus every consumer's intents, as discord.js bits. */
  readonly intents: readonly GatewayIntentBits[];
  /** Each privileged intent asked for, with the consumers that need it (in the order given). */
  readonly privileged: ReadonlyArray<{ readonly portalName: string; readonly neededBy: readonly string[] }>;
}

/** Guilds (slash commands, the guild's owner and roles) plus what `consumers` need. */
export function planIntents(consumers: readonly IntentConsumer[]): IntentPlan {
  const wanted = new Set<FeatureIntent>(consumers.flatMap((c) => c.intents));
  const intents = [GatewayIntentBits.Guilds, ...[...wanted].map((name) => GatewayIntentBits[name])];
  const privileged = [...PRIVILEGED]
    .filter(([intent]) => wanted.has(intent))
    .map(([intent, portalName]) => ({ portalName, neededBy: consumers.filter((c) => c.intents.includes(intent)).map((c) => c.name) }));
  return { intents, privileged };
}

/** The plan without privileged intents, and the consumers that are then off (close 4014: Discord refused them). */
export function withoutPrivileged<C extends IntentConsumer>(consumers: readonly C[]): { plan: IntentPlan; disabled: readonly C[] } {
  const needsPrivilege = (c: IntentConsumer) => c.intents.some((intent) => PRIVILEGED.has(intent));
  return { plan: planIntents(consumers.filter((c) => !needsPrivilege(c))), disabled: consumers.filter(needsPrivilege) };
}

/**
 * The one error logged when Discord refuses the privileged intents, e.g. "… Server Members Intent:
 * welcome messages (community.welcome); Message Content Intent: prefix commands
 * (discord.bot.messageContent) — enable them at …". Discord's close (4014) does not say which
 * intent is missing, so every privileged one asked for is named.
 */
export function disallowedIntentsMessage(plan: IntentPlan): string {
  const needs = plan.privileged.map((p) => `${p.portalName}: ${p.neededBy.join(', ')}`).join('; ');
  return (
    `Discord refused the bot's privileged gateway intents (close code 4014, "Disallowed intent(s)"). ${needs} — ${PORTAL_HINT}, ` +
    'then restart Herald. Until then the bot runs without them: slash commands work, these features are off.'
  );
}

/** Whether a discord.js login error is Discord's 4014 "Disallowed intent(s)" close. */
export function isDisallowedIntents(error: unknown): boolean {
  return error instanceof Error && /disallowed intents/i.test(error.message);
}
