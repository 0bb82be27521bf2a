import { packLines, type CommandReply } from '@herald/bot';

/** Characters per embed description when packing lists: two embeds stay under a message's 6000 in all. */
const CHUNK = 2900;
const EMBEDS_PER_MESSAGE = 2;
/**
 * At most this many messages per answer (each up to ~40 clients or wallets). A scan-all of a hub
 * can find thousands of clients: past this the answer says how many were left out and how to narrow
 * it, rather than flooding the channel (the seed instead dropped its last chunk silently).
 */
export const MAX_LIST_MESSAGES = 25;

/**
 * A long list as several messages of embeds: `title` on the first embed, `header` lines first,
 * every line kept in order across messages (never a lost tail), and an explicit note naming how
 * many lines did not fit in {@link MAX_LIST_MESSAGES} messages and what to do instead.
 */
export function listMessages(input: { title: string; color?: number; header: readonly string[]; lines: readonly string[]; overflowHint: string }): CommandReply[] {
  const capacity = MAX_LIST_MESSAGES * EMBEDS_PER_MESSAGE;
  let texts = packLines([...input.header, ...input.lines], CHUNK);
  if (texts.length > capacity) {
    // Keep whole chunks that fit, then say what is missing in the last one.
    const kept = texts.slice(0, capacity - 1);
    const shownLines = kept.join('\n').split('\n').length - input.header.length;
    const missing = input.lines.length - shownLines;
    texts = [...kept, `… and ${missing} more not shown here: ${input.overflowHint}`];
  }
  const messages: CommandReply[] = [];
  for (let i = 0; i < texts.length; i += EMBEDS_PER_MESSAGE) {
    const embeds = texts.slice(i, i + EMBEDS_PER_MESSAGE).map((description, j) => ({
      ...(i === 0 && j === 0 ? { title: input.title } : {}),
      ...(input.color === undefined ? {} : { color: input.color }),
      description,
    }));
    messages.push({ embeds });
  }
  return messages;
}
