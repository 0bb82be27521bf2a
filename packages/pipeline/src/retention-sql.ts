import { personalData, type PersonalData } from '@herald/contracts';
import { bucketParams, foldedBeforeSql, foldLatencySql } from './metrics-latency.js';

/**
 * The statements of one retention batch. Each walks its table oldest first by primary key (ids grow
 * with time: every row is inserted with `now()`), from just after the previous batch's last id, so
 * no batch scans what an earlier one deleted and no index on a time column is needed. A batch
 * looks at the next `$2` rows (its window), deletes or redacts those older than the cutoff, and
 * reports whether the window reached rows younger than it (then the table is done).
 *
 * Rows are locked with FOR UPDATE SKIP LOCKED: a row the pipeline is writing is skipped (it is
 * picked up by a later run), never waited for, and the pipeline never waits long for retention
 * either: each statement is its own transaction over at most a window's rows.
 *
 * Parameters: $1 last id seen (text), $2 window size, $3 age in ms.
 * (An unfinished delivery is never deleted, nor is a delivered one before the latency histogram folded it.)
 */
const cutoff = `((now() AT TIME ZONE 'UTC') - $3::bigint * interval '1 millisecond')`;

/** Deliveries that can still change (pending, sending, or any status added later) are unfinished. */
const finished = `('delivered', 'dead')`;
/**
 * A delivered delivery is deleted only once the latency histogram has folded it (see foldLatencySql):
 * the histogram's counters then never go down, and nothing is counted twice.
 */
const notFolded = (d: string) => `(${d}.status = 'delivered' AND ${d}.delivered_at >= ${foldedBeforeSql})`;

const report = (time: string) => `
  SELECT (SELECT max(id) FROM win)::text AS last_id,
         (SELECT count(*) FROM win)::int AS seen,
         (SELECT count(*) FROM win WHERE ${time} >= ${cutoff})::int AS young`;

export const RedactedText = '(removed)';

/** A constant as an SQL string literal (the names below come from code, but quoting keeps them honest). */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A payload without its type's personal fields: removed ones dropped, replaced ones (where present) set to RedactedText. */
function redactedPayload(rule: PersonalData): string {
  let expression = 'e.payload';
  for (const field of rule.remove) expression = `(${expression} - ${literal(field)})`;
  for (const field of rule.replace) expression = `jsonb_set(${expression}, ${literal(`{${field}}`)}, to_jsonb(${literal(RedactedText)}::text), false)`;
  return expression;
}

/** What each event type loses is declared once, with the event catalogue (`personalData` in @herald/contracts). */
const rules = Object.entries(personalData) as Array<[string, PersonalData]>;
const payloadCases = rules
  .filter(([, rule]) => rule.remove.length + rule.replace.length > 0)
  .map(([type, rule]) => `WHEN ${literal(type)} THEN ${redactedPayload(rule)}`);
const subjectTypes = rules.filter(([, rule]) => rule.subject).map(([type]) => literal(type));
const redact = `
  payload = CASE e.type ${payloadCases.join(' ')} ELSE e.payload END,
  subject = CASE WHEN e.type IN (${subjectTypes.join(', ')}) THEN ${literal(RedactedText)} ELSE e.subject END,
  -- A fingerprint names what the event is about (reddit.user.<name>.…, ibc.wallet.<address>.…). It only
  -- keeps a source from recording an event twice, which no source does this long after: the event id
  -- keeps it unique.
  fingerprint = CASE WHEN e.type IN (${subjectTypes.join(', ')}) THEN 'redacted.' || e.id ELSE e.fingerprint END,
  redacted_at = now() AT TIME ZONE 'UTC'`;

const { negated, ascending } = bucketParams();
/** The fold's parameters after its margin ($1): the latency bucket bounds. */
export const foldParams = [negated, ascending];

export const RetentionSql = {
  attempts: `
    WITH win AS (SELECT id, at FROM delivery_attempts WHERE id > $1::bigint ORDER BY id LIMIT $2),
    doomed AS (SELECT a.id FROM delivery_attempts a JOIN win USING (id) WHERE win.at < ${cutoff} FOR UPDATE OF a SKIP LOCKED),
    gone AS (DELETE FROM delivery_attempts a USING doomed WHERE a.id = doomed.id RETURNING a.id)
    ${report('at')}, (SELECT count(*) FROM gone)::int AS attempts`,

  /** Finished deliveries (with their attempts). */
  deliveries: `
    WITH win AS (SELECT id, created_at FROM deliveries WHERE id > $1::bigint ORDER BY id LIMIT $2),
    doomed AS (SELECT d.id FROM deliveries d JOIN win USING (id)
               WHERE win.created_at < ${cutoff} AND d.status IN ${finished} AND NOT ${notFolded('d')} FOR UPDATE OF d SKIP LOCKED),
    attempts AS (DELETE FROM delivery_attempts a USING doomed WHERE a.delivery_id = doomed.id RETURNING a.id),
    gone AS (DELETE FROM deliveries d USING doomed WHERE d.id = doomed.id RETURNING d.id)
    ${report('created_at')}, (SELECT count(*) FROM gone)::int AS deliveries, (SELECT count(*) FROM attempts)::int AS attempts`,

  /** Events none of whose deliveries is unfinished (or not yet folded), with their deliveries and attempts. */
  events: `
    WITH win AS (SELECT id, created_at FROM events WHERE id > $1::bigint ORDER BY id LIMIT $2),
    doomed AS (SELECT e.id FROM events e JOIN win USING (id)
               WHERE win.created_at < ${cutoff}
                 AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND (d.status NOT IN ${finished} OR ${notFolded('d')}))
               FOR UPDATE OF e SKIP LOCKED),
    attempts AS (DELETE FROM delivery_attempts a USING deliveries d, doomed WHERE a.delivery_id = d.id AND d.event_id = doomed.id RETURNING a.id),
    gone_deliveries AS (DELETE FROM deliveries d USING doomed WHERE d.event_id = doomed.id RETURNING d.id),
    gone AS (DELETE FROM events e USING doomed WHERE e.id = doomed.id RETURNING e.id)
    ${report('created_at')}, (SELECT count(*) FROM gone)::int AS events,
      (SELECT count(*) FROM gone_deliveries)::int AS deliveries, (SELECT count(*) FROM attempts)::int AS attempts`,

  /** Walks only events not yet redacted (a partial index), so redacted history costs nothing. */
  personalData: `
    WITH win AS (SELECT id, created_at FROM events WHERE redacted_at IS NULL AND id > $1::bigint ORDER BY id LIMIT $2),
    doomed AS (SELECT e.id FROM events e JOIN win USING (id)
               WHERE win.created_at < ${cutoff} AND e.redacted_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status NOT IN ${finished})
               FOR UPDATE OF e SKIP LOCKED),
    done AS (UPDATE events e SET ${redact} FROM doomed WHERE e.id = doomed.id RETURNING e.id)
    ${report('created_at')}, (SELECT count(*) FROM done)::int AS redacted`,

  /**
   * Members' display names the bot has seen (the dashboard shows mentions by them), not seen again
   * for the personalData age (the notifier refreshes `updated_at` at most daily while it sees them);
   * role names are not personal and stay. Walked by id, where old rows are anywhere: never `young`.
   */
  discordNames: `
    WITH win AS (SELECT id, updated_at FROM discord_names WHERE kind = 'user' AND id COLLATE "C" > $1::text ORDER BY id COLLATE "C" LIMIT $2),
    doomed AS (SELECT n.id FROM discord_names n JOIN win USING (id) WHERE n.kind = 'user' AND win.updated_at < ${cutoff} FOR UPDATE OF n SKIP LOCKED),
    gone AS (DELETE FROM discord_names n USING doomed WHERE n.kind = 'user' AND n.id = doomed.id RETURNING n.id)
    SELECT (SELECT max(id COLLATE "C") FROM win) AS last_id, (SELECT count(*) FROM win)::int AS seen, 0 AS young,
           (SELECT count(*) FROM gone)::int AS names`,

  /** Not a batch: moves the next slice of delivered deliveries into the latency histogram's folded part. */
  foldLatency: foldLatencySql(),
} as const;

export type RetentionStep = keyof typeof RetentionSql;
