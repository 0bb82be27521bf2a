import type { Queryable } from '@herald/db/sql';
import type { NewEvent } from '@herald/pipeline';
import { chainHaltFingerprint } from './fingerprint.js';
import type { LatestBlock } from './types.js';

/** `ibc.haltedAfter`'s default: ten minutes without a new block (Cosmos chains make one every few seconds). */
export const DefaultHaltedAfterMs = 600_000;

interface HaltRow {
  chain_id: string;
  name: string;
  endpoints: number;
  halts: number;
  halted_since: Date | null;
  was_halted_since: Date | null;
  block_advanced_at: Date;
}

/**
 * Judges whether each chain that answered is still making blocks, and returns the events of the
 * changes: ONE `ibc.chain.halted` when its height did not change since the last poll AND its latest
 * block is older than `haltedAfterMs` by the wall clock (ibc-go's expiry clock is the host's block
 * time, so every client judgement on it is frozen: dependency notes §5b ask for this as a condition
 * of its own); ONE `ibc.chain.resumed` when the height changes again. Judging by the block's own
 * time, not by when a poll last saw a new height, keeps a poller that was stopped for a while (or a
 * demo restarted at the same height) from calling a live chain halted. Must run in the poll transaction on rows already locked, BEFORE the new block
 * is stored (it compares with the stored height). Chains missing from `ibc_chains` are ignored.
 */
export async function recordChainHalts(sql: Queryable, reachable: ReadonlyMap<string, LatestBlock>, now: Date, haltedAfterMs: number): Promise<NewEvent[]> {
  const ids = [...reachable.keys()].sort();
  if (ids.length === 0) return [];
  const blocks = ids.map((id) => reachable.get(id)!);
  const { rows } = await sql.query<HaltRow>(
    `WITH old AS (SELECT chain_id, block_height, block_advanced_at, halted_since FROM ibc_chains WHERE chain_id = ANY($1::text[])),
          seen AS (SELECT old.*, u.block_time, (old.block_height IS NULL OR u.height <> old.block_height) AS advanced
                     FROM old JOIN unnest($1::text[], $2::bigint[], $5::timestamptz[]) AS u(chain_id, height, block_time) ON u.chain_id = old.chain_id),
          judged AS (SELECT seen.*,
                            CASE WHEN advanced THEN NULL
                                 WHEN halted_since IS NOT NULL THEN halted_since
                                 WHEN block_time <= $3::timestamptz - make_interval(secs => $4::double precision / 1000) THEN block_time
                            END AS next_halted_since
                       FROM seen)
     UPDATE ibc_chains c SET block_advanced_at = CASE WHEN j.advanced THEN $3::timestamptz ELSE COALESCE(j.block_advanced_at, $3::timestamptz) END,
            halted_since = j.next_halted_since,
            halts = c.halts + (CASE WHEN (j.halted_since IS NULL) <> (j.next_halted_since IS NULL) THEN 1 ELSE 0 END)
       FROM judged j
      WHERE c.chain_id = j.chain_id
     RETURNING c.chain_id, c.name, cardinality(c.rpc) AS endpoints, c.halts, c.halted_since, j.halted_since AS was_halted_since, c.block_advanced_at`,
    [ids, blocks.map((b) => b.height.toString()), now.toISOString(), haltedAfterMs, blocks.map((b) => b.time.toISOString())],
  );
  const events: NewEvent[] = [];
  for (const row of rows) {
    const block = reachable.get(row.chain_id)!;
    const payload = {
      chainId: row.chain_id,
      chainName: row.name,
      error: null,
      endpoints: row.endpoints,
      blockHeight: block.height.toString(),
      blockTime: block.time.toISOString(),
    };
    if (row.was_halted_since === null && row.halted_since !== null) {
      events.push({ fingerprint: chainHaltFingerprint(row.chain_id, row.halts), type: 'ibc.chain.halted', subject: row.chain_id, occurredAt: now, payload: { ...payload, since: row.halted_since.toISOString() } });
    } else if (row.was_halted_since !== null && row.halted_since === null) {
      events.push({ fingerprint: chainHaltFingerprint(row.chain_id, row.halts), type: 'ibc.chain.resumed', subject: row.chain_id, occurredAt: now, payload: { ...payload, since: row.was_halted_since.toISOString() } });
    }
  }
  return events;
}
