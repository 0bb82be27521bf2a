import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { redact } from '@herald/logging';
import { escapeDiscordText, fitLines, formatDuration } from '@herald/discord/text';
import { clip } from '../text.js';

/** What `/status` shows; the notifier app provides it. */
export interface StatusReport {
  generatedAt: Date;
  sources: Array<{ key: string; lastSuccessAt: Date | null; lagSeconds: number | null; lastError: string | null; failingSince?: Date | null }>;
  queues: Array<{ name: string; waiting: number; delayed: number; active: number; failed: number }>;
  openDeliveries: number;
  destinations: Array<{
    label: string;
    kind: string;
    status: string;
    failureStreak: number;
    lastError: string | null;
    quarantineReason: string | null;
  }>;
  /**
   * The bot's `disabledFeatures`: what is off because Discord refused a privileged intent
   * (e.g. 'welcome messages (community.welcome)'). Shown, with the fix, when not empty.
   */
  botFeaturesOff?: readonly string[];
}

const FIELD_VALUE_MAX = 1024;
const ERROR_MAX = 150;
const GREEN = 0x2ecc71;
const ORANGE = 0xe67e22;

/** One embed, within Discord's limits (1024 per field, 6000 in all): four fields and a title. */
export function renderStatusEmbed(report: StatusReport): APIEmbed {
  const unhealthy = report.destinations.filter(isUnhealthy);
  const sourceErrors = report.sources.filter((s) => s.lastError !== null);
  const fields: APIEmbedField[] = [
    { name: 'Sources', value: fitLines(report.sources.map(sourceLine), FIELD_VALUE_MAX) || 'No sources reported.' },
    { name: 'Queues', value: fitLines(report.queues.map(queueLine), FIELD_VALUE_MAX) || 'No queues reported.' },
    { name: 'Open deliveries', value: String(report.openDeliveries) },
    {
      name: 'Destinations',
      value: unhealthy.length === 0 ? 'All destinations healthy' : fitLines(unhealthy.map(destinationLine), FIELD_VALUE_MAX),
    },
  ];
  const off = report.botFeaturesOff ?? [];
  if (off.length > 0) {
    const fix = 'Discord refused their privileged intents: enable them in the Developer Portal (Bot → Privileged Gateway Intents) and restart.';
    fields.push({ name: 'Bot features off', value: fitLines([fix, ...off.map((name) => `• ${escapeDiscordText(name)}`)], FIELD_VALUE_MAX) });
  }
  return {
    title: 'Herald status',
    color: unhealthy.length === 0 && sourceErrors.length === 0 && off.length === 0 ? GREEN : ORANGE,
    fields,
    timestamp: report.generatedAt.toISOString(),
  };
}

function sourceLine(source: StatusReport['sources'][number]): string {
  const polled = source.lastSuccessAt ? `last poll ${relative(source.lastSuccessAt)}` : 'never polled successfully';
  const lag = source.lagSeconds === null ? '' : ` · lag ${formatDuration(source.lagSeconds)}`;
  const failing = source.failingSince ? ` · **failing** since ${relative(source.failingSince)}` : '';
  const error = source.lastError === null ? '' : `\n  ⚠ ${safeError(source.lastError)}`;
  return `**${escapeDiscordText(source.key)}** — ${polled}${lag}${failing}${error}`;
}

function queueLine(queue: StatusReport['queues'][number]): string {
  return `**${escapeDiscordText(queue.name)}** — ${queue.waiting} waiting · ${queue.delayed} delayed · ${queue.active} active · ${queue.failed} failed`;
}

function isUnhealthy(destination: StatusReport['destinations'][number]): boolean {
  return isQuarantined(destination) || destination.failureStreak > 0 || destination.status === 'failing';
}

function isQuarantined(destination: StatusReport['destinations'][number]): boolean {
  return destination.status === 'quarantined' || destination.quarantineReason !== null;
}

/** Names a destination by its label only: targets (webhook URLs, channel ids) never reach a channel. */
function destinationLine(destination: StatusReport['destinations'][number]): string {
  const name = `**${escapeDiscordText(clip(destination.label, 80))}** (${escapeDiscordText(clip(destination.kind, 20))})`;
  if (isQuarantined(destination)) {
    const reason = destination.quarantineReason ?? destination.lastError;
    return `${name} — quarantined${reason ? `: ${safeError(reason)}` : ''}`;
  }
  const streak = destination.failureStreak > 0 ? ` (${destination.failureStreak} in a row)` : '';
  return `${name} — failing${streak}${destination.lastError ? `: ${safeError(destination.lastError)}` : ''}`;
}

/** Error text comes from HTTP clients and may quote a URL with its token: drop URLs altogether. */
function safeError(text: string): string {
  // Clip first: redact()'s patterns are slow on very long text. A URL cut short is still removed whole.
  const short = clip(text, ERROR_MAX * 2).replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>');
  return escapeDiscordText(clip(redact(short), ERROR_MAX));
}

function relative(date: Date): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:R>`;
}
