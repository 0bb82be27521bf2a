import type { Queryable } from '@herald/db/sql';
import { truncate } from '@herald/discord/text';
import type { NewEvent } from '@herald/pipeline';
import { DefaultHaltedAfterMs, recordChainHalts } from './chain-halts.js';
import { chainFingerprint } from './fingerprint.js';
import { MaxStoredErrorLength } from './stored-text.js';
import type { LatestBlock } from './types.js';

/** What one poll learnt about the chains it talked to. */
export interface ChainReachability {
  /** Chains whose every endpoint failed, with the (credential-free) error. */
  unreachable: ReadonlyMap<string, string>;
  /** Chains that answered, with their latest block. */
  reachable: ReadonlyMap<string, LatestBlock>;
}

interface Changed {
  chain_id: string;
  name: string;
  endpoints: number;
  transitions: number;
  since: Date;
  error: string | null;
}

/**
 * Records chain reachability in `ibc_chains` and returns the events of its transitions: ONE
 * `ibc.chain.unreachable` when `unreachable_since` goes from NULL to set (every endpoint failed),
 * ONE `ibc.chain.recovered` when it goes back to NULL. The change and the counter are one
 * statement on rows locked first (`FOR UPDATE`, in chain order), so several polls touching the same
 * chain at once (two monitored chains, the wallet poll) post each transition once. Reachable
 * chains get their latest block and `last_success_at`. Call it first in a poll transaction (lock
 * order: chains, then clients or wallets). Chains missing from `ibc_chains` are ignored. Also
 * judges halts (see recordChainHalts; `haltedAfterMs` is `ibc.haltedAfter`).
 */
export async function recordChainHealth(sql: Queryable, seen: ChainReachability, now: Date, options: { haltedAfterMs?: number } = {}): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  // Every row this poll touches, locked first in one order: polls with different views of which
  // chains are up cannot deadlock each other.
  const all = [...new Set([...seen.unreachable.keys(), ...seen.reachable.keys()])].sort();
  if (all.length > 0) await sql.query('SELECT 1 FROM ibc_chains WHERE chain_id = ANY($1::text[]) ORDER BY chain_id FOR UPDATE', [all]);
  const down = [...seen.unreachable.keys()].filter((id) => !seen.reachable.has(id)).sort();
  if (down.length > 0) {
    const { rows } = await sql.query<Changed>(
      `WITH old AS (SELECT chain_id, unreachable_since FROM ibc_chains WHERE chain_id = ANY($1::text[]) ORDER BY chain_id FOR UPDATE)
       UPDATE ibc_chains c SET unreachable_since = COALESCE(old.unreachable_since, $3::timestamptz), last_error = u.error, updated_at = now(),
              transitions = c.transitions + (CASE WHEN old.unreachable_since IS NULL THEN 1 ELSE 0 END)
         FROM old JOIN unnest($1::text[], $2::text[]) AS u(chain_id, error) ON u.chain_id = old.chain_id
        WHERE c.chain_id = old.chain_id
       RETURNING c.chain_id, c.name, cardinality(c.rpc) AS endpoints, c.transitions, c.unreachable_since AS since, c.last_error AS error,
                 (old.unreachable_since IS NULL) AS began`,
      [down, down.map((id) => truncate(seen.unreachable.get(id)!, MaxStoredErrorLength)), now.toISOString()],
    );
    for (const row of rows as Array<Changed & { began: boolean }>) if (row.began) events.push(chainEvent('ibc.chain.unreachable', row, now));
  }
  const up = [...seen.reachable.keys()].sort();
  // Before the new blocks are stored: halts are judged against the stored height.
  events.push(...(await recordChainHalts(sql, seen.reachable, now, options.haltedAfterMs ?? DefaultHaltedAfterMs)));
  if (up.length > 0) {
    const blocks = up.map((id) => seen.reachable.get(id)!);
    const { rows } = await sql.query<Changed>(
      `WITH old AS (SELECT chain_id, unreachable_since, last_error FROM ibc_chains WHERE chain_id = ANY($1::text[]) ORDER BY chain_id FOR UPDATE)
       UPDATE ibc_chains c SET unreachable_since = NULL, last_error = NULL, block_height = u.height, block_time = u.time::timestamptz,
              last_success_at = $4::timestamptz, updated_at = now(),
              transitions = c.transitions + (CASE WHEN old.unreachable_since IS NOT NULL THEN 1 ELSE 0 END)
         FROM old JOIN unnest($1::text[], $2::bigint[], $3::text[]) AS u(chain_id, height, time) ON u.chain_id = old.chain_id
        WHERE c.chain_id = old.chain_id
       RETURNING c.chain_id, c.name, cardinality(c.rpc) AS endpoints, c.transitions, old.unreachable_since AS since, old.last_error AS error`,
      [up, blocks.map((b) => b.height.toString()), blocks.map((b) => b.time.toISOString()), now.toISOString()],
    );
    for (const row of rows) if (row.since !== null) events.push(chainEvent('ibc.chain.recovered', row, now));
  }
  return events;
}

function chainEvent(type: 'ibc.chain.unreachable' | 'ibc.chain.recovered', row: Changed, now: Date): NewEvent {
  return {
    fingerprint: chainFingerprint(row.chain_id, row.transitions),
    type,
    subject: row.chain_id,
    occurredAt: type === 'ibc.chain.unreachable' ? row.since : now,
    payload: { chainId: row.chain_id, chainName: row.name, error: row.error, since: row.since.toISOString(), endpoints: row.endpoints },
  };
}
