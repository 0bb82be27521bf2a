import type { Queryable } from '@herald/db/sql';
import { truncate } from '@herald/discord/text';
import { MaxConfigWarningLength } from './stored-text.js';
import type { ConfigWarning } from './types.js';

/**
 * Replaces what one monitored chain's scan says about the configuration (e.g. "counterparty chain
 * X is not in ibc.chains") in `ibc_config_warnings`: its warnings are upserted (the monitored chain
 * added to `found_by`); warnings it no longer finds lose it, and a warning no scan finds any more is
 * deleted. Several monitored chains may find the same warning (same key): it is one row. Returns
 * the warnings that are new (not in the table before), so the caller logs each once, when it is
 * first seen, rather than every poll. A scan that did not complete (`complete: false`: the monitored
 * chain was unreachable) only adds: what it did not see may still be true.
 */
export async function recordConfigWarnings(
  sql: Queryable,
  monitoredChainId: string,
  warnings: readonly ConfigWarning[],
  options: { complete: boolean } = { complete: true },
): Promise<ConfigWarning[]> {
  const unique = [...new Map(warnings.map((w) => [w.key, w])).values()];
  const keys = unique.map((w) => w.key);
  if (options.complete) await forgetUnseen(sql, monitoredChainId, keys);
  if (unique.length === 0) return [];
  const { rows } = await sql.query<{ key: string; inserted: boolean }>(
    `INSERT INTO ibc_config_warnings (key, message, found_by, first_seen_at, last_seen_at)
     SELECT k, m, ARRAY[$3::text], now(), now() FROM unnest($1::text[], $2::text[]) AS x(k, m)
     ON CONFLICT (key) DO UPDATE SET message = excluded.message, last_seen_at = now(),
       found_by = CASE WHEN $3 = ANY(ibc_config_warnings.found_by) THEN ibc_config_warnings.found_by
                       ELSE array_append(ibc_config_warnings.found_by, $3) END
     RETURNING key, (xmax = 0) AS inserted`,
    [keys, unique.map((w) => truncate(w.message, MaxConfigWarningLength)), monitoredChainId],
  );
  const fresh = new Set(rows.filter((r) => r.inserted).map((r) => r.key));
  return unique.filter((w) => fresh.has(w.key));
}

/** Drops the monitored chain from the warnings its scan no longer finds; deletes those no scan finds. */
async function forgetUnseen(sql: Queryable, monitoredChainId: string, keys: string[]): Promise<void> {
  await sql.query(
    `UPDATE ibc_config_warnings SET found_by = array_remove(found_by, $1) WHERE $1 = ANY(found_by) AND NOT (key = ANY($2::text[]))`,
    [monitoredChainId, keys],
  );
  await sql.query('DELETE FROM ibc_config_warnings WHERE cardinality(found_by) = 0');
}
