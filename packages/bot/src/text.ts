/** Small text helpers for replies that must fit Discord's limits (escaping, truncating and durations: @herald/discord/text). */
import { truncate } from '@herald/discord/text';

/** One line, at most `max` characters, for untrusted text such as error messages. */
export function clip(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/**
 * Packs lines into as few texts of at most `max` characters as needed, in order, never splitting
 * a line (a single line longer than `max` is cut with an ellipsis). Nothing is dropped: this is
 * how a long list becomes several messages (the IBC seed's `$data` lost its last chunk).
 */
export function packLines(lines: readonly string[], max: number): string[] {
  const texts: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current !== '' && current.length + 1 + line.length > max) {
      texts.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '' || texts.length === 0) texts.push(current);
  return texts;
}
