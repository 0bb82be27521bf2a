import { z } from 'zod';
import { duration, intFromString } from './blocks.js';

/** Values that mean "keep forever" for a retention age. */
const keepForever = ['0', 'off', 'never', 'forever'];

/** An age (`90d`, `12h`) after which rows are deleted, or null (`0`, `off`): kept forever. */
const age = () =>
  z.union([z.literal(false), z.number(), z.string()]).transform((value, ctx): number | null => {
    if (value === false || value === 0 || (typeof value === 'string' && keepForever.includes(value.trim().toLowerCase()))) return null;
    const parsed = duration({ min: 60_000 }).safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `${parsed.error.issues[0]?.message ?? 'invalid'} (or 0/off to keep forever)` });
      return z.NEVER;
    }
    return parsed.data;
  });

/**
 * `retention:` how long the history is kept (the notifier's maintenance job applies it). Ages are
 * counted from when a row was recorded; an event whose deliveries are not finished is never
 * touched. A delivery goes with its event and an attempt with its delivery, so a table cannot
 * keep its rows longer than the one it belongs to.
 */
export const retentionSection = z
  .strictObject({
    /** Events (what happened), with their deliveries and attempts. */
    events: age().default(90 * 86_400_000),
    /** The delivery ledger: one row per event and destination. */
    deliveries: age().default(90 * 86_400_000),
    /** Every attempt to send a delivery (the dashboard's history of retries). */
    attempts: age().default(30 * 86_400_000),
    /** Account names, real names and e-mail addresses in events are blanked after this; the rows stay for the counts. */
    personalData: age().default(30 * 86_400_000),
    /** How often the job runs. */
    interval: duration({ min: 60_000 }).default(3_600_000),
    /** Rows per statement (each its own short transaction). */
    batchSize: intFromString({ min: 10, max: 10_000 }).default(1000),
  })
  .superRefine((r, ctx) => {
    const longer = (a: number | null, b: number | null) => b !== null && (a === null || a > b);
    if (longer(r.deliveries, r.events)) ctx.addIssue({ code: 'custom', path: ['deliveries'], message: 'must not be longer than retention.events (a delivery is deleted with its event)' });
    if (longer(r.attempts, r.deliveries)) ctx.addIssue({ code: 'custom', path: ['attempts'], message: 'must not be longer than retention.deliveries (an attempt is deleted with its delivery)' });
  })
  .prefault({});

export type RetentionSettings = z.infer<typeof retentionSection>;

/** The environment variables of the `retention:` section. */
export const retentionEnvMapping = {
  RETENTION_EVENTS: 'retention.events',
  RETENTION_DELIVERIES: 'retention.deliveries',
  RETENTION_ATTEMPTS: 'retention.attempts',
  RETENTION_PERSONAL_DATA: 'retention.personalData',
  RETENTION_INTERVAL: 'retention.interval',
  RETENTION_BATCH_SIZE: 'retention.batchSize',
};
