/**
 * What the event list can be narrowed to, shared by the dashboard and `/api/events`. Values arrive
 * validated by the route's JSON schema (see routes/events-query.ts); this is their typed form.
 */
export const EventStatusFilters = ['delivered', 'pending', 'dead'] as const;
export type EventStatusFilter = (typeof EventStatusFilters)[number];

export interface EventFilter {
  /** Case-insensitive substring of the subject (e.g. an account name), matched literally. */
  q?: string | undefined;
  /** A source key, e.g. `servatrice:default` or `ibc:cosmoshub-4`. */
  source?: string | undefined;
  /** Events with at least one delivery in this state (restricted to `destination` when both are given). */
  status?: EventStatusFilter | undefined;
  /** Events with a delivery to this destination id. */
  destination?: number | undefined;
  /** Recorded at or after this instant. */
  from?: Date | undefined;
  /** Recorded before this instant. */
  to?: Date | undefined;
}

/** Where a page starts: the first (newest) page, or the events older than / newer than an id. */
export type EventCursor = { before: bigint } | { after: bigint } | Record<string, never>;

/** The ledger statuses a status filter stands for: "pending" includes a send in progress. */
export function statusesOf(status: EventStatusFilter | undefined): string[] {
  if (status === 'pending') return ['pending', 'sending'];
  if (status) return [status];
  return ['pending', 'sending', 'delivered', 'dead'];
}
