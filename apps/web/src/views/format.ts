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

function relativeTime(seconds: number): string {
  const delta = Math.round(seconds - Date.now() / 1000);
  return delta <= 0 ? `${formatDuration(-delta)} ago` : `in ${formatDuration(delta)}`;
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
