import { redact } from '@herald/logging';
import type { ServatriceAccountRegistered } from '@herald/contracts';
import { escapeAndTruncate } from '@herald/discord/text';

/**
 * The subset of Discord's embed object Herald produces; structurally compatible with
 * `APIEmbed` from discord-api-types, which this package does not depend on.
 */
export interface Embed {
  title?: string;
  description?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  timestamp?: string;
}

export interface WebhookMessage {
  embeds: Embed[];
}

/** Discord's "blurple", the seed's colour. */
export const embedColor = 0x5865f2;
const fieldValueLimit = 1024;

/** The embed announcing one registration. Personal fields appear only if the event carries them. */
export function renderAccountEmbed(payload: ServatriceAccountRegistered): Embed {
  const fields: NonNullable<Embed['fields']> = [
    { name: 'Username', value: payload.name === '' ? '(none)' : escapeAndTruncate(payload.name, fieldValueLimit), inline: false },
  ];
  const realName = payload.realName?.trim();
  if (realName) fields.push({ name: 'Real name', value: escapeAndTruncate(realName, fieldValueLimit), inline: false });
  if (payload.email) fields.push({ name: 'Email', value: escapeAndTruncate(payload.email, fieldValueLimit), inline: false });
  fields.push({ name: 'Registered', value: discordTimestamps(payload.registeredAt), inline: false });

  const embed: Embed = {
    title: 'New account registered',
    color: embedColor,
    fields,
    footer: { text: `Servatrice · ${payload.source} · #${payload.accountId}` },
  };
  if (payload.registeredAt !== null) embed.timestamp = payload.registeredAt;
  return embed;
}

/** `<t:EPOCH:F> (<t:EPOCH:R>)`: Discord shows it in each reader's own time zone, plus "3 minutes ago". */
function discordTimestamps(registeredAt: string | null): string {
  if (registeredAt === null) return '(unknown)';
  const epoch = Math.floor(Date.parse(registeredAt) / 1000);
  return Number.isFinite(epoch) ? `<t:${epoch}:F> (<t:${epoch}:R>)` : '(unknown)';
}

/** The message `--test-webhook` posts (the seed's text). */
export function testWebhookMessage(): WebhookMessage {
  return {
    embeds: [{ title: 'Account monitor test', color: embedColor, description: 'If you can see this, the webhook is configured correctly.' }],
  };
}

/**
 * What `--dry-run` prints per account. It goes to the operator's terminal (and often a log), so
 * personal data is never shown: `<hidden>` says the field would be posted, `(not posted)` that the
 * privacy switch or an empty value leaves it out.
 */
export function dryRunLine(payload: ServatriceAccountRegistered): string {
  const shown = (value: string | undefined) => (value ? '<hidden>' : '(not posted)');
  return redact(
    `[dry-run] would post: id=${payload.accountId} name=${JSON.stringify(payload.name)} ` +
      `realName=${shown(payload.realName)} email=${shown(payload.email)} reg=${payload.registeredAt ?? '(unknown)'}`,
  );
}
