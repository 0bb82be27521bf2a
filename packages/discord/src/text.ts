import { truncate } from './fit.js';

export { truncate };

/**
 * Makes text from outside Herald (names, addresses, RPC error messages) display literally in Discord:
 * markdown characters are backslash-escaped (Discord un-escapes any backslash-punctuation pair), `<` is
 * escaped so `<@id>`, `<#id>` and `<t:…>` do not render as mentions or timestamps, line-leading `#`
 * and `-` are escaped so they cannot become headings or lists, and @everyone/@here get a zero-width
 * space so they never read as (or act as) a mass mention. (Pings are also disabled by every body's
 * `allowed_mentions.parse: []`; this keeps them from even looking like one.)
 */
export function escapeDiscordText(text: string): string {
  return text
    .replace(/[\\*_~|`>[\]<]/g, '\\$&')
    .replace(/^(\s*)([#-])/gm, '$1\\$2')
    .replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** Escaped, then truncated to `max` (ending in `…`) without leaving a dangling escape backslash at the cut. */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeDiscordText(text);
  if (escaped.length <= max || max < 2) return truncate(escaped, max);
  let head = truncate(escaped, max).slice(0, -1); // without its ellipsis
  // An odd run of trailing backslashes means the cut separated an escape from its character.
  const trailing = /\\+$/.exec(head)?.[0].length ?? 0;
  if (trailing % 2 === 1) head = head.slice(0, -1);
  return `${head}…`;
}

/**
 * Joins lines with newlines within `max` characters. When they do not all fit, lines are dropped from
 * the end and a last line (`more(n)`, default `… and n more`) says how many, so a cut list is never
 * mistaken for a complete one. A single line longer than `max` is truncated.
 */
export function fitLines(lines: readonly string[], max: number, more: (count: number) => string = (n) => `… and ${n} more`): string {
  const joined = lines.join('\n');
  if (joined.length <= max) return joined;
  // The longest head of lines that still leaves room for the note about the rest.
  let kept = 0;
  let used = 0;
  while (kept < lines.length) {
    const length = lines[kept]!.length;
    if (used + length + 1 + more(lines.length - kept - 1).length > max) break;
    used += length + 1;
    kept++;
  }
  if (kept > 0) return `${lines.slice(0, kept).join('\n')}\n${more(lines.length - kept)}`;
  // Not even the first line fits whole: show as much of it as leaves room for the note.
  const first = lines[0] ?? '';
  if (lines.length === 1) return truncate(first, max);
  const note = more(lines.length - 1);
  const room = max - note.length - 1;
  return room >= 2 ? `${truncate(first, room)}\n${note}` : truncate(more(lines.length), max);
}

export interface DurationFormat {
  /**
   * For short measured times (a round trip): under 1 s in whole ms (`150 ms`), under 2 min with one
   * decimal (`1.5 s`, `45 s`); longer ones as without it. Default false: whole seconds.
   */
  readonly precise?: boolean;
}

/**
 * A duration for people, from seconds: `45 s`, `12 min`, `3 h`, `3 h 5 min`, `2 d`, `2 d 4 h` (negative
 * counts as 0); with `precise`, also `150 ms` and `1.5 s`. The one duration format of Discord messages
 * and the web pages.
 */
export function formatDuration(seconds: number, format: DurationFormat = {}): string {
  if (format.precise && seconds < 120) {
    const ms = Math.max(0, Math.round(seconds * 1000));
    if (ms < 1000) return `${ms} ms`;
    const tenths = Math.round(ms / 100) / 10;
    if (tenths < 120) return `${tenths} s`;
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
