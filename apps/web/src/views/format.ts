import { redact } from '@herald/logging';

/** `2026-11-21 12:00:03 UTC`: one unambiguous format for every time on the pages. */
export function formatTime(date: Date | string | null | undefined): string {
  if (!date) return '—';
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `4s`, `3m 05s`, `2h 10m`, `3d 4h`: short enough for a table cell. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

/** Text from the database or another service, made safe to show: no tokens, no e-mail addresses. */
export function shown(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : redact(text);
}

/**
 * What a Discord client shows for message text, in plain text: `<t:1700000000:F>` timestamps
 * become dates and markdown escapes (`player\_1`) lose their backslash. Used by the demo sink page.
 */
export function discordDisplayText(text: string): string {
  return text
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, seconds: string, style?: string) =>
      style === 'R' ? relativeTime(Number(seconds)) : formatTime(new Date(Number(seconds) * 1000)),
    )
    .replace(/\\([\\*_~|`>#\-[\]<@])/g, '$1');
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
