/** Paging and summing up recorded messages, for the control API's readers (the demo page). */
import {
  MESSAGE_PAGE_LIMITS,
  type ChannelSummary,
  type FakeChannel,
  type FakeWebhook,
  type MessagePage,
  type MessagePageQuery,
  type RecordedMessage,
} from './types.js';

/** Position of the first message whose index is at least `index` (`messages` is in index order). */
function firstAtOrAfter(messages: readonly RecordedMessage[], index: number): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((messages[middle]?.index ?? Infinity) < index) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One page of `matching` (the recorded messages that pass the query's filter, in index order) as
 * `query` asks, newest first. The fake keeps every message in memory; what must stay bounded is what
 * crosses the wire and what a page shows. Throws RangeError for a limit outside 1..max or both
 * `before` and `after`.
 */
export function messagePage(matching: readonly RecordedMessage[], query: Omit<MessagePageQuery, 'filter'> = {}): MessagePage {
  const { limit = MESSAGE_PAGE_LIMITS.default, before, after } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > MESSAGE_PAGE_LIMITS.max) {
    throw new RangeError(`limit must be an integer from 1 to ${MESSAGE_PAGE_LIMITS.max}`);
  }
  if (before !== undefined && after !== undefined) throw new RangeError('give before or after, not both');
  let start: number;
  let end: number;
  if (after !== undefined) {
    // The `limit` messages just after `after`: the oldest of the newer ones, as Discord pages forward.
    start = firstAtOrAfter(matching, after + 1);
    end = Math.min(matching.length, start + limit);
  } else {
    end = before === undefined ? matching.length : firstAtOrAfter(matching, before);
    start = Math.max(0, end - limit);
  }
  return { messages: matching.slice(start, end).reverse(), newer: end < matching.length, older: start > 0, total: matching.length };
}

/** Every channel with its webhooks' names and how many messages it holds, guild channels first as created. */
export function channelSummaries(
  channels: Iterable<FakeChannel>,
  webhooks: Iterable<FakeWebhook>,
  messages: readonly RecordedMessage[],
): ChannelSummary[] {
  const counts = new Map<string, number>();
  for (const message of messages) counts.set(message.channelId, (counts.get(message.channelId) ?? 0) + 1);
  const hooks = [...webhooks];
  return [...channels].map((channel) => ({
    ...channel,
    webhooks: hooks.filter((w) => w.channelId === channel.id).map(({ id, name }) => ({ id, name })),
    messages: counts.get(channel.id) ?? 0,
  }));
}
