import { formatDuration as formatSeconds } from '@herald/discord/text';
import { redact } from '@herald/logging';

/** `2026-11-21 12:00:03 UTC`: one unambiguous format for every time on the pages. */
export function formatTime(date: Date | string | null | undefined): string {
  if (!date) return '—';
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h` (@herald/discord/text's one format); `—` when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  return seconds == null || !Number.isFinite(seconds) ? '—' : formatSeconds(seconds);
}

/** Text from the database or another service, made safe to show: no tokens, no e-mail addresses. */
export function shown(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : redact(text);
}

/**
 * What a Discord client shows for message text, in plain text: `<t:1700000000:F>` timestamps
 * become dates and markdown escapes (`player\_1`) lose their backslash. Escapes follow Discord's
 * rule (simple-markdown's, as discord-markdown-parser uses it): a backslash before any character that
 * is not a letter, digit or space is dropped, and an escaped `<t:…>` is no timestamp. That covers everything `escapeDiscordText` escapes
 * (`\ * _ ~ | \` > [ ] <`, a line-leading `#` or `-`) and what people type (`1\.`, `\:emoji\:`).
 */
export function discordDisplayText(text: string): string {
  // One pass, so an escaped `\<t:…>` stays text, as in Discord.
  return text.replace(/\\([^0-9A-Za-z\s])|<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, escaped?: string, seconds?: string, style?: string) => {
    if (escaped !== undefined) return escaped;
    return style === 'R' ? relativeTime(Number(seconds)) : formatTime(new Date(Number(seconds) * 1000));
  });
}

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
// Discord renders `<t:…:R>` with moment.js's `fromNow`, whose rounding thresholds these are
// (45 s, 45 min, 22 h, 26 d, 11 months): "3 years ago", "in 2 days", not "1111 d 23 h ago".
const relativeSteps: { unit: Intl.RelativeTimeFormatUnit; seconds: number; below: number }[] = [
  { unit: 'second', seconds: 1, below: 45 },
  { unit: 'minute', seconds: 60, below: 45 },
  { unit: 'hour', seconds: 3600, below: 22 },
  { unit: 'day', seconds: 86_400, below: 26 },
  { unit: 'month', seconds: 2_629_746, below: 11 },
  { unit: 'year', seconds: 31_556_952, below: Infinity },
];

/** `<t:…:R>` as a Discord client shows it at `nowMs`: "3 years ago", "in 2 days", "5 seconds ago". */
export function relativeTime(seconds: number, nowMs = Date.now()): string {
  const delta = seconds - nowMs / 1000;
  const step = relativeSteps.find((s) => Math.round(Math.abs(delta) / s.seconds) < s.below) ?? relativeSteps.at(-1)!;
  return relativeFormat.format(Math.round(delta / step.seconds), step.unit);
}

// One formatter: Number#toLocaleString builds a new one (ICU) on every call, ~100 times per dashboard.
const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `1,234,567`: counts on the dashboard. */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** `11-30 12:00:03`: a compact UTC time for dense tables (the full time goes in a title). */
export function formatShortTime(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return d.toISOString().slice(5, 19).replace('T', ' ');
}
