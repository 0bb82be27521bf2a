import { failpoint, type Logger } from '@herald/logging';
import type { NewEvent, OutboxStore, PollTransaction, RecordedEvent, StoredCursor } from '@herald/pipeline';
import { accountEvent, type AccountEventOptions } from './events.js';
import type { AccountReader, AccountRow } from './reader.js';

export interface PollOptions extends AccountEventOptions {
  reader: AccountReader;
  outbox: OutboxStore;
  logger: Logger;
  /** Rows read per query; a full batch means "poll again at once". */
  batchSize: number;
  /**
   * How long an id gap (an id allocated by an insert that has not committed yet) holds the cursor
   * back before it is taken as permanent (a rolled-back insert, a deleted account).
   */
  gapGraceMs: number;
  now?: () => Date;
}

export interface PollResult {
  recorded: RecordedEvent[];
  /** A full batch was read: there is probably more waiting. */
  more: boolean;
  baseline?: bigint;
}

export function sourceKey(source: string): string {
  return `servatrice:${source}`;
}

/**
 * One poll of a Servatrice server: reads accounts above the cursor with one indexed query and, in
 * one Postgres transaction, records them as events and advances the cursor. The first poll
 * records a baseline and posts nothing (the seed's behaviour).
 */
export async function pollOnce(options: PollOptions): Promise<PollResult> {
  const now = options.now ?? (() => new Date());
  return options.outbox.poll(sourceKey(options.source), async (tx) => {
    const cursor = await tx.cursor();
    if (!cursor) {
      const maxId = (await options.reader.maxId()) ?? 0;
      await tx.saveCursor({ position: BigInt(maxId), gapSince: null });
      options.logger.info({ source: options.source, baseline: maxId }, `first run: baseline at id=${maxId}; posting nothing before it`);
      return { recorded: [], more: false, baseline: BigInt(maxId) };
    }
    const { rows, maxId } = await options.reader.readAfter(Number(cursor.position), options.batchSize);
    if (maxId !== null && BigInt(maxId) < cursor.position) return rescanAfterReset(options, tx, cursor, maxId);
    if (maxId === null && cursor.position > 0n) return rescanAfterReset(options, tx, cursor, 0);
    const recorded = await tx.record(rows.map((row) => toNewEvent(row, options)));
    const advanced = advanceCursor(cursor, rows, now(), options.gapGraceMs);
    if (advanced.skippedGap) options.logger.info({ source: options.source, at: String(cursor.position + 1n) }, 'id gap outlived the grace period; treating it as permanent');
    await tx.saveCursor({ position: advanced.position, gapSince: advanced.gapSince });
    if (recorded.length > 0) failpoint('poll.before-commit');
    return { recorded, more: rows.length === options.batchSize };
  });
}

/**
 * Moves the cursor over contiguous ids only. Auto-increment ids are allocated at insert time, so
 * a lower id can become visible after a higher one; jumping over it would lose that account
 * forever (a seed bug). A gap is waited out for `gapGraceMs`, then skipped.
 */
export function advanceCursor(
  cursor: { position: bigint; gapSince: Date | null },
  rows: Array<{ id: number }>,
  now: Date,
  gapGraceMs: number,
): { position: bigint; gapSince: Date | null; skippedGap: boolean } {
  let position = cursor.position;
  let skippedGap = false;
  for (const row of rows) {
    const id = BigInt(row.id);
    if (id === position + 1n) {
      position = id;
      continue;
    }
    const waitingSince = position === cursor.position ? cursor.gapSince : null;
    if (waitingSince && now.getTime() - waitingSince.getTime() >= gapGraceMs) {
      position = id;
      skippedGap = true;
      continue;
    }
    return { position, gapSince: waitingSince ?? now, skippedGap };
  }
  return { position, gapSince: null, skippedGap };
}

/**
 * The table's ids went below the cursor: it was truncated, or newest rows were deleted and the
 * auto-increment counter reset. Without this, every new account with an id at or below the old
 * cursor would be skipped silently (a seed bug). Rescan from the start, recording only accounts
 * registered after Herald's baseline; those already recorded are recognised by fingerprint.
 */
async function rescanAfterReset(options: PollOptions, tx: PollTransaction, cursor: StoredCursor, maxId: number): Promise<PollResult> {
  options.logger.warn(
    { source: options.source, cursor: String(cursor.position), maxId },
    'account ids went backwards (table truncated or auto-increment reset); rescanning accounts registered since the baseline',
  );
  const notBefore = cursor.createdAt.getTime() - 60 * 60_000; // an hour of margin for clock skew between the servers
  const recorded: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const { rows } = await options.reader.readAfter(after, options.batchSize);
    const fresh = rows.filter((row) => row.registrationDate === null || Date.parse(row.registrationDate) >= notBefore);
    recorded.push(...(await tx.record(fresh.map((row) => toNewEvent(row, options)))));
    if (rows.length < options.batchSize) break;
    after = rows.at(-1)!.id;
  }
  await tx.saveCursor({ position: BigInt(maxId), gapSince: null });
  return { recorded, more: false };
}

/** `--backfill N`: records the last N accounts (already recorded ones are skipped by fingerprint). */
export async function backfill(options: PollOptions, count: number): Promise<PollResult> {
  return options.outbox.poll(sourceKey(options.source), async (tx) => {
    const rows = await options.reader.latest(count);
    const recorded = await tx.record(rows.map((row) => toNewEvent(row, options)));
    const cursor = await tx.cursor();
    const top = BigInt(rows.at(-1)?.id ?? (await options.reader.maxId()) ?? 0);
    if (!cursor || cursor.position < top) await tx.saveCursor({ position: top, gapSince: null });
    options.logger.info({ source: options.source, requested: count, recorded: recorded.length }, 'backfill recorded');
    return { recorded, more: false };
  });
}

/** `--dry-run`: what the next poll would record, without writing anything. */
export async function previewPoll(options: Pick<PollOptions, 'reader' | 'batchSize'> & AccountEventOptions, cursor: StoredCursor | null): Promise<
  { baseline: number } | { events: ReturnType<typeof accountEvent>[] }
> {
  if (!cursor) return { baseline: (await options.reader.maxId()) ?? 0 };
  const { rows } = await options.reader.readAfter(Number(cursor.position), options.batchSize);
  return { events: rows.map((row) => accountEvent(row, options)) };
}

function toNewEvent(row: AccountRow, options: AccountEventOptions): NewEvent {
  const event = accountEvent(row, options);
  return { ...event, payload: { ...event.payload } };
}
