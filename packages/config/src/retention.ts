import { z } from 'zod';
import { duration, formatDurationMs, intFromString } from './blocks.js';
import { mentioning } from './errors.js';

/** Values that mean "keep forever" for a retention age. */
const keepForever = ['0', 'off', 'never', 'forever'];

const day = 86_400_000;

/** An age (`90d`, `12h`, at least 1m) after which rows are deleted, or null (`0`, `off`): kept forever. */
const age = () =>
  z.union([z.literal(false), z.number(), z.string()]).transform((value, ctx): number | null => {
    if (value === false || value === 0 || (typeof value === 'string' && keepForever.includes(value.trim().toLowerCase()))) return null;
    const parsed = duration({ min: 60_000, or: '0/off to keep forever' }).safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'invalid' });
      return z.NEVER;
    }
    return parsed.data;
  });

/** Whether age `a` keeps rows longer than age `b` (null: forever). */
const longer = (a: number | null, b: number | null) => b !== null && (a === null || a > b);
/** The shorter of two ages (null: forever). */
const shorter = (a: number | null, b: number | null) => (longer(a, b) ? b : a);
const shown = (age: number | null) => (age === null ? 'forever' : formatDurationMs(age));
const parentEnv = { events: 'RETENTION_EVENTS', deliveries: 'RETENTION_DELIVERIES' };

/**
 * `retention:` how long the history is kept (the notifier's maintenance job applies it). Ages are
 * counted from when a row was recorded; an event whose deliveries are not finished is never
 * touched. A delivery goes with its event and an attempt with its delivery, so a table cannot
 * keep its rows longer than the one it belongs to: an age left unset is its default (90d for
 * deliveries, 30d for attempts) cut to the age of the table it belongs to (`events: 1d` alone keeps
 * deliveries and attempts 1d too); an age that was set and is longer is refused, naming both settings
 * as they were written (`RETENTION_DELIVERIES: 60d is longer than RETENTION_EVENTS (30d) …`).
 */
export const retentionSection = z
  .strictObject({
    /** Events (what happened), with their deliveries and attempts. Default 90d. */
    events: age().optional(),
    /** The delivery ledger: one row per event and destination. Default 90d, at most `events`. */
    deliveries: age().optional(),
    /** Every attempt to send a delivery (the dashboard's history of retries). Default 30d, at most `deliveries`. */
    attempts: age().optional(),
    /** Account names, real names and e-mail addresses in events are blanked after this; the rows stay for the counts. */
    personalData: age().default(30 * day),
    /** How often the job runs. */
    interval: duration({ min: 60_000 }).default(3_600_000),
    /** Rows per statement (each its own short transaction). */
    batchSize: intFromString({ min: 10, max: 10_000 }).default(1000),
  })
  .transform((r, ctx) => {
    const events = r.events === undefined ? 90 * day : r.events;
    const deliveries = r.deliveries === undefined ? shorter(90 * day, events) : r.deliveries;
    const attempts = r.attempts === undefined ? shorter(30 * day, deliveries) : r.attempts;
    let refused = false;
    const outlives = (child: 'deliveries' | 'attempts', value: number | null, parent: 'events' | 'deliveries', limit: number | null, why: string) => {
      refused = true;
      // A parent left unset is named both ways it could be set, with the value it has by default.
      const parentAge = r[parent] === undefined ? `${parentEnv[parent]}), ${shown(limit)} by default` : `${shown(limit)})`;
      ctx.addIssue({ code: 'custom', path: [child], message: `${value === null ? 'keeping rows forever' : shown(value)} is longer than retention.${parent} (${parentAge}: ${why}`, params: mentioning(`retention.${parent}`) });
    };
    // Only an age that was set can be too long: a default is cut to fit.
    if (r.deliveries !== undefined && longer(deliveries, events)) outlives('deliveries', deliveries, 'events', events, 'a delivery is deleted with its event');
    if (r.attempts !== undefined && longer(attempts, deliveries)) outlives('attempts', attempts, 'deliveries', deliveries, 'an attempt is deleted with its delivery');
    if (refused) return z.NEVER;
    return { events, deliveries, attempts, personalData: r.personalData, interval: r.interval, batchSize: r.batchSize };
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
