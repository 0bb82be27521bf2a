import type { EventType, Severity } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';

/** An event a source observed, ready to be recorded in the outbox. */
export interface NewEvent {
  fingerprint: string;
  type: EventType;
  /** What the dashboard searches by (e.g. an account name). */
  subject: string;
  occurredAt: Date | null;
  payload: Record<string, unknown>;
  /** Defaults to the type's severity in the catalogue (`defaultSeverity`). */
  severity?: Severity;
}

export interface RecordedEvent {
  id: bigint;
  fingerprint: string;
  /** Where its deliveries go. */
  destinations: number[];
}

export interface CursorState {
  position: bigint;
  /** When a gap just above `position` was first seen, if one is open. */
  gapSince: Date | null;
}

export interface StoredCursor extends CursorState {
  /** When the source was first baselined: nothing that happened before is ever posted. */
  createdAt: Date;
}

/**
 * A run of missing positions (`from`..`to`, inclusive) above or below the cursor: ids the source
 * allocated that were not visible when read. Open (`skippedAt` null): it holds the rows above it.
 * Skipped: the cursor moved past it and it is re-checked for late commits until given up.
 */
export interface PositionGap {
  from: bigint;
  to: bigint;
  /** When the gap was first seen; the grace period and the re-check window count from here. */
  seenAt: Date;
  skippedAt: Date | null;
}

/**
 * What a poll may do inside its transaction. Everything written through one `PollTransaction`
 * commits together or not at all, so a crash can never record events without advancing the
 * cursor, or advance the cursor past events it did not record.
 */
export interface PollTransaction {
  /**
   * The transaction's own connection, for a source that keeps its state in its own tables (e.g.
   * the IBC source's alert states): what it writes through it commits or rolls back with the events.
   */
  readonly sql: Queryable;
  cursor(): Promise<StoredCursor | null>;
  /** Records events (duplicates by fingerprint are ignored) and their deliveries; returns the new ones. */
  record(events: NewEvent[]): Promise<RecordedEvent[]>;
  saveCursor(cursor: CursorState): Promise<void>;
  /** The source's remembered gaps, lowest first. */
  gaps(): Promise<PositionGap[]>;
  /** Replaces the source's remembered gaps (call after `saveCursor`: gaps belong to a cursor). */
  saveGaps(gaps: PositionGap[]): Promise<void>;
}

/** One poll attempt's outcome, as the dashboard, /status and /metrics show it. */
export interface PollOutcome {
  durationMs: number;
  /** Set when the poll failed (redacted, shown to operators); absent when it succeeded. */
  error?: string;
}

export interface OutboxStore {
  /** Runs `fn` in one transaction holding the source's lock (one poll of a source at a time, across replicas). */
  poll<T>(sourceKey: string, fn: (tx: PollTransaction) => Promise<T>): Promise<T>;
  /**
   * Records the outcome of a poll for the dashboard and metrics (outside the poll transaction).
   * Creates the source's row if needed (with no baseline), so a source that has never polled
   * successfully still shows as failing.
   */
  notePoll(sourceKey: string, outcome: PollOutcome): Promise<void>;
}
