/** Small text helpers for replies that must fit Discord's limits. */

/** Joins lines with newlines, dropping lines from the end (and saying how many) to stay within `max`. */
export function fitLines(lines: readonly string[], max: number): string {
  const total = lines.reduce((sum, line) => sum + line.length, 0) + Math.max(0, lines.length - 1);
  if (total <= max) return lines.join('\n');
  // Keep the longest head of lines that still leaves room for the "… and N more" line.
  let kept = 0;
  let used = 0;
  for (const line of lines) {
    const more = `… and ${lines.length - kept - 1} more`;
    if (used + line.length + 1 + more.length > max) break;
    used += line.length + 1;
    kept++;
  }
  const text = [...lines.slice(0, kept), `… and ${lines.length - kept} more`].join('\n');
  return text.length <= max ? text : text.slice(-max);
}

/** One line, at most `max` characters, for untrusted text such as error messages. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** Keeps operator-chosen names from turning into Discord formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|]/g, '\\$&');
}

/** `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 120) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
