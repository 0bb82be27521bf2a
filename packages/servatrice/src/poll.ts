import { failpoint, type Logger } from '@herald/logging';
import type { NewEvent, OutboxStore, PollTransaction, PositionGap, RecordedEvent, StoredCursor } from '@herald/pipeline';
import { accountEvent, type AccountEventOptions } from './events.js';
import { advance, capGaps, DefaultMaxRememberedGaps, dueForRecheck, gapLabel, withoutFound, type GapPolicy } from './gaps.js';
import type { AccountReader, AccountRow } from './reader.js';

export interface PollOptions extends AccountEventOptions {
  reader: AccountReader;
  outbox: OutboxStore;
  logger: Logger;
  /** Rows read per query; a full batch means "poll again at once". */
  batchSize: number;
  /**
   * How long an id gap (an id allocated by an insert that has not committed yet) holds the rows
   * above it before the cursor moves past it; the gap is then re-checked (see `gapRecheckMs`).
   */
  gapGraceMs: number;
  /** How long a skipped gap is re-checked for a late commit (from when it was first seen). Default 24 h. */
  gapRecheckMs?: number;
  /** Most skipped gaps remembered per source. Default `DefaultMaxRememberedGaps` (100). */
  maxRememberedGaps?: number;
  now?: () => Date;
}

export interface PollResult {
  recorded: RecordedEvent[];
  /** A full batch was read and recorded: there is probably more waiting. */
  more: boolean;
  baseline?: bigint;
}

export function sourceKey(source: string): string {
  return `servatrice:${source}`;
}

/**
 * One poll of a Servatrice server, in one Postgres transaction: reads accounts above the cursor
 * (one indexed query) and re-checks skipped id gaps (one more, only while some are remembered);
 * records, in id order, the accounts below the first gap still within its grace period; advances
 * the cursor and saves the gaps. Accounts found by the re-check are recorded when found (late,
 * so out of order, and logged as late). The first poll records a baseline and posts nothing (the
 * seed's behaviour). Errors of the reader (ServatriceDatabaseError) or Postgres propagate; nothing
 * is then written.
 */
export async function pollOnce(options: PollOptions): Promise<PollResult> {
  const now = (options.now ?? (() => new Date()))();
  return options.outbox.poll(sourceKey(options.source), async (tx) => {
    const cursor = await tx.cursor();
    if (!cursor) {
      const maxId = (await options.reader.maxId()) ?? 0;
      await tx.saveCursor({ position: BigInt(maxId), gapSince: null });
      await tx.saveGaps([]);
      options.logger.info({ source: options.source, baseline: maxId }, `first run: baseline at id=${maxId}; posting nothing before it`);
      return { recorded: [], more: false, baseline: BigInt(maxId) };
    }
    const { rows, maxId } = await options.reader.readAfter(Number(cursor.position), options.batchSize);
    if (maxId !== null && BigInt(maxId) < cursor.position) return rescanAfterReset(options, tx, cursor, maxId);
    if (maxId === null && cursor.position > 0n) return rescanAfterReset(options, tx, cursor, 0);

    const stored = await tx.gaps();
    const policy = gapPolicy(options);
    const { recheck, expired } = dueForRecheck(stored.filter((g) => g.skippedAt !== null), now, policy.recheckMs);
    const late = recheck.length === 0 ? [] : await options.reader.readRanges(recheck.map((g) => ({ from: Number(g.from), to: Number(g.to) })), options.batchSize);
    const advanced = advance(cursor.position, rows, stored, now, policy.graceMs, rows.length < options.batchSize);
    const { kept, dropped } = capGaps([...withoutFound(recheck, late), ...advanced.skipped], policy.maxRemembered);

    const lateIds = new Set(late.map((row) => row.id));
    const ready = [...late, ...rows.slice(0, advanced.count).filter((row) => !lateIds.has(row.id))];
    const recorded = await tx.record(ready.map((row) => toNewEvent(row, options)));
    reportGaps(options, { late, stored, skipped: advanced.skipped, expired, dropped, now });
    const gaps = [...advanced.open, ...kept].sort((a, b) => (a.from < b.from ? -1 : 1));
    const gapSince = advanced.open.reduce<Date | null>((min, g) => (min === null || g.seenAt < min ? g.seenAt : min), null);
    await tx.saveCursor({ position: advanced.position, gapSince });
    if (!sameGaps(stored, gaps)) await tx.saveGaps(gaps);
    if (recorded.length > 0) failpoint('poll.before-commit');
    return { recorded, more: rows.length === options.batchSize && advanced.count === rows.length };
  });
}

function gapPolicy(options: PollOptions): GapPolicy {
  return {
    graceMs: options.gapGraceMs,
    recheckMs: options.gapRecheckMs ?? 24 * 3_600_000,
    maxRemembered: options.maxRememberedGaps ?? DefaultMaxRememberedGaps,
  };
}

/** The log lines of gap handling: a late account (info), a skipped gap (info), a gap given up (warn). */
function reportGaps(
  options: PollOptions,
  g: { late: AccountRow[]; stored: PositionGap[]; skipped: PositionGap[]; expired: PositionGap[]; dropped: PositionGap[]; now: Date },
): void {
  const source = options.source;
  for (const row of g.late) {
    const gap = g.stored.find((s) => BigInt(row.id) >= s.from && BigInt(row.id) <= s.to);
    const lateBySeconds = gap ? Math.round((g.now.getTime() - gap.seenAt.getTime()) / 1000) : undefined;
    options.logger.info({ source, accountId: row.id, lateBySeconds }, 'account committed late (found by the gap re-check); posting it now, after accounts with higher ids');
  }
  for (const gap of g.skipped) {
    options.logger.info({ source, ids: gapLabel(gap) }, 'id gap outlived the grace period; posting the accounts above it and re-checking the gap for a late commit');
  }
  if (g.expired.length > 0) {
    options.logger.warn({ source, ids: g.expired.map(gapLabel) }, 'gave up on id gap(s) after the re-check window: an account committed later than that would not be posted');
  }
  if (g.dropped.length > 0) {
    options.logger.warn({ source, ids: g.dropped.map(gapLabel), max: gapPolicy(options).maxRemembered }, 'too many id gaps to re-check; gave up on the oldest');
  }
}

function sameGaps(a: PositionGap[], b: PositionGap[]): boolean {
  const key = (gaps: PositionGap[]) => gaps.map((g) => `${g.from}-${g.to}-${g.seenAt.getTime()}-${g.skippedAt?.getTime() ?? ''}`).join(',');
  return key(a) === key(b);
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
  await tx.saveGaps([]); // the old ids are gone; the rescan covered everything below maxId
  return { recorded, more: false };
}

/** `--backfill N`: records the last N accounts (already recorded ones are skipped by fingerprint). */
export async function backfill(options: PollOptions, count: number): Promise<PollResult> {
  return options.outbox.poll(sourceKey(options.source), async (tx) => {
    const rows = await options.reader.latest(count);
    const recorded = await tx.record(rows.map((row) => toNewEvent(row, options)));
    const cursor = await tx.cursor();
    const top = BigInt(rows.at(-1)?.id ?? (await options.reader.maxId()) ?? 0);
    if (!cursor || cursor.position < top) {
      await tx.saveCursor({ position: top, gapSince: null });
      // Open gaps the cursor jumps over may still commit: re-check them like skipped ones.
      const now = (options.now ?? (() => new Date()))();
      await tx.saveGaps((await tx.gaps()).map((g) => (g.skippedAt === null && g.from <= top ? { ...g, skippedAt: now } : g)));
    }
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
