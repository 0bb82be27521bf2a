/**
 * Privileged gateway intents: an application must be allowed them (Developer Portal → Bot →
 * Privileged Gateway Intents) or Discord closes an IDENTIFY asking for one with 4014
 * "Disallowed intent(s)." (https://discord.com/developers/docs/events/gateway#privileged-intents).
 */
import { GatewayIntentBits } from 'discord-api-types/v10';

/** The privileged intents by discord.js's names, with their bits. */
export const PRIVILEGED_INTENTS = {
  GuildMembers: GatewayIntentBits.GuildMembers,
  GuildPresences: GatewayIntentBits.GuildPresences,
  MessageContent: GatewayIntentBits.MessageContent,
} as const;

export type PrivilegedIntent = keyof typeof PRIVILEGED_INTENTS;

export const PRIVILEGED_INTENT_NAMES = Object.keys(PRIVILEGED_INTENTS) as PrivilegedIntent[];

export function isPrivilegedIntent(value: unknown): value is PrivilegedIntent {
  return typeof value === 'string' && (PRIVILEGED_INTENT_NAMES as string[]).includes(value);
}

/** The bits of the privileged intents NOT in `allowed`: an IDENTIFY with any of them is refused. */
export function disallowedMask(allowed: readonly PrivilegedIntent[]): number {
  return PRIVILEGED_INTENT_NAMES.filter((name) => !allowed.includes(name)).reduce((mask, name) => mask | PRIVILEGED_INTENTS[name], 0);
}

/**
 * Parses the CLI's `--privileged-intents` value: `all`, `none`, or a comma-separated list of names.
 * Returns the names, or a message naming what is wrong.
 */
export function parsePrivilegedIntents(text: string): PrivilegedIntent[] | string {
  const trimmed = text.trim();
  if (trimmed === 'all') return [...PRIVILEGED_INTENT_NAMES];
  if (trimmed === 'none' || trimmed === '') return [];
  const names = trimmed.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !isPrivilegedIntent(n));
  if (unknown.length > 0) return `unknown privileged intent(s) ${unknown.join(', ')}; use all, none or some of ${PRIVILEGED_INTENT_NAMES.join(', ')}`;
  return names as PrivilegedIntent[];
}
