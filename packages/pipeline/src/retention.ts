import { setTimeout as sleep } from 'node:timers/promises';
import type { Queryable } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import { Counter, type Registry } from 'prom-client';
import { foldParams, RetentionSql, type RetentionStep } from './retention-sql.js';

export { RedactedText } from './retention-sql.js';

/** Ages in ms after which rows go (null: kept forever); see `retention:` in @herald/config. */
export interface RetentionPolicy {
  events: number | null;
  deliveries: number | null;
  attempts: number | null;
  personalData: number | null;
  /** Rows each statement looks at (and at most deletes or redacts). */
  batchSize: number;
}

export interface RetentionOptions {
  db: Queryable;
  policy: RetentionPolicy;
  logger: Logger;
  metrics?: RetentionMetrics;
  /** A run stops after about this long (at least one statement per table) and reports `finished: false`; the caller continues it later. */
  budgetMs?: number;
  /** A pause between statements, so a large backlog never takes the database's full attention. */
  pauseMs?: number;
}

export const DefaultRetentionOptions = { budgetMs: 20_000, pauseMs: 20 } as const;

export interface RetentionResult {
  /** Rows deleted; `discordNames`: members' names not seen for the personalData age. */
  deleted: { events: number; deliveries: number; attempts: number; discordNames: number };
  redacted: number;
  /** Delivered deliveries whose latency moved to the histogram's folded part (see foldLatencySql). */
  folded: number;
  /** Batches run (one statement each; the latency fold's statements are not counted). */
  statements: number;
  /** False when the time budget ran out with old rows left. */
  finished: boolean;
  durationMs: number;
}

/** Rows deleted per table and events redacted, for /metrics (registered in the service's own registry). */
export interface RetentionMetrics {
  deleted: Counter<'table'>;
  redacted: Counter;
}

export function createRetentionMetrics(registry: Registry): RetentionMetrics {
  return {
    deleted: new Counter({ name: 'herald_retention_deleted_rows_total', help: 'Rows deleted by retention, per table.', labelNames: ['table'], registers: [registry] }),
    redacted: new Counter({ name: 'herald_retention_redacted_events_total', help: 'Events whose personal data retention removed.', registers: [registry] }),
  };
}

type BatchRow = { last_id: string | null; seen: number; young: number; events?: number; deliveries?: number; attempts?: number; names?: number; redacted?: number };

/**
 * Folds the latency of deliveries delivered more than 10 minutes ago into the histogram's stored
 * part (see foldLatencySql), then applies the retention policy: attempts, then deliveries, then events older than their age are
 * deleted, then personal data of events older than `personalData` is blanked (the rows stay, so
 * counts and charts keep them; what each event type loses: `personalData` in @herald/contracts) and
 * members' names the bot has not seen for that long are deleted. Nothing of an event with an unfinished delivery is touched.
 * Work goes in batches of `policy.batchSize` rows, each one short statement (see retention-sql.ts);
 * running it again right after changes nothing. Logs one line per run.
 */
export async function runRetention(options: RetentionOptions): Promise<RetentionResult> {
  const { db, policy, logger, metrics } = options;
  const budgetMs = options.budgetMs ?? DefaultRetentionOptions.budgetMs;
  const pauseMs = options.pauseMs ?? DefaultRetentionOptions.pauseMs;
  const started = Date.now();
  const result: RetentionResult = { deleted: { events: 0, deliveries: 0, attempts: 0, discordNames: 0 }, redacted: 0, folded: 0, statements: 0, finished: true, durationMs: 0 };
  // First the latency fold, whatever the ages: it is what lets /metrics read only recent deliveries.
  result.finished = await foldLatency(db, started, budgetMs, result);
  const steps: Array<[Exclude<RetentionStep, 'foldLatency'>, number | null]> = [
    ['attempts', policy.attempts],
    ['deliveries', policy.deliveries],
    ['events', policy.events],
    ['personalData', policy.personalData],
    ['discordNames', policy.personalData],
  ];

  for (const [step, ageMs] of result.finished ? steps : []) {
    if (ageMs === null) continue;
    let after = '0';
    for (;;) {
      const params: unknown[] = [after, policy.batchSize, Math.round(ageMs)];
      const { rows } = await db.query<BatchRow>(RetentionSql[step], params);
      const row = rows[0]!;
      result.statements++;
      count(result, metrics, row);
      if (row.last_id === null || row.seen < policy.batchSize || row.young > 0) break;
      after = row.last_id;
      // Checked after a statement, so every run makes progress however small its budget.
      if (Date.now() - started >= budgetMs) {
        result.finished = false;
        break;
      }
      if (pauseMs > 0) await sleep(pauseMs);
    }
    if (!result.finished) break;
  }
  result.durationMs = Date.now() - started;
  // One line per run (hourly by default), also when nothing was old enough: it shows retention is on.
  logger.info(
    { deleted: result.deleted, redacted: result.redacted, folded: result.folded, statements: result.statements, finished: result.finished, durationMs: result.durationMs },
    result.finished ? 'retention: history trimmed' : 'retention: time budget used; continuing in the next run',
  );
  return result;
}

/** Deliveries delivered this long ago are final: their `delivered_at` (a statement's start) has long been committed. */
export const FoldMarginMs = 10 * 60_000;

/** Folds slice after slice (a day each) until the watermark is 10 minutes behind now; false if the budget ran out first. */
async function foldLatency(db: Queryable, started: number, budgetMs: number, result: RetentionResult): Promise<boolean> {
  for (;;) {
    const { rows } = await db.query<{ moved: number; more: boolean }>(RetentionSql.foldLatency, [FoldMarginMs, ...foldParams]);
    result.folded += rows[0]!.moved;
    if (!rows[0]!.more) return true;
    if (Date.now() - started >= budgetMs) return false;
  }
}

const tableOf = { events: 'events', deliveries: 'deliveries', attempts: 'delivery_attempts', discordNames: 'discord_names' } as const;

function count(result: RetentionResult, metrics: RetentionMetrics | undefined, row: BatchRow): void {
  const deleted = { events: row.events ?? 0, deliveries: row.deliveries ?? 0, attempts: row.attempts ?? 0, discordNames: row.names ?? 0 };
  for (const key of Object.keys(tableOf) as Array<keyof typeof tableOf>) {
    result.deleted[key] += deleted[key];
    if (deleted[key] > 0) metrics?.deleted.inc({ table: tableOf[key] }, deleted[key]);
  }
  result.redacted += row.redacted ?? 0;
  if ((row.redacted ?? 0) > 0) metrics?.redacted.inc(row.redacted);
}
