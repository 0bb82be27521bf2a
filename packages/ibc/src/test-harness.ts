/** A harness for the poll and wallet tests (excluded from the build): real Postgres, fake chains, real cosmjs. */
import { toBech32 } from '@cosmjs/encoding';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createLogger, type Logger } from '@herald/logging';
import { createOutboxStore, syncDestinations, type OutboxStore } from '@herald/pipeline';
import { createTestDatabase, FakeCosmosChain, type TestDatabase } from '@herald/testkit';
import { syncConfiguredChains } from './chain-store.js';
import { DefaultExpiryThresholds } from './expiry.js';
import type { IbcPollOptions } from './poll.js';
import { createChainRpc } from './rpc/index.js';
import type { ChainSettings } from './settings.js';
import type { Chain, ChainRpc } from './types.js';
import type { WalletPollOptions } from './wallets/monitor.js';

export const T0 = new Date('2026-11-30T12:00:00Z');
export const DAY = 86_400;
export const silent: Logger = createLogger({ name: 'test', level: 'silent' });

export function chainSettings(chain: FakeCosmosChain, prefix: string, denom: string, name = chain.chainId): ChainSettings {
  return { chainId: chain.chainId, name, rpc: chain.endpoints.map((e) => e.url), bech32Prefix: prefix, denom, displayDenom: denom.slice(1).toUpperCase(), exponent: 6 };
}

/** A valid bech32 account address (20 bytes) with `prefix`, distinct per `seed`. */
export function address(prefix: string, seed: number): string {
  return toBech32(prefix, new Uint8Array(20).fill(seed));
}

export interface RecordedRow {
  type: string;
  fingerprint: string;
  subject: string;
  severity: string;
  payload: Record<string, unknown>;
}

export interface IbcFixture {
  pool: SqlPool;
  hub: FakeCosmosChain;
  osmo: FakeCosmosChain;
  outbox: OutboxStore;
  /** One RPC per chain, like the poller's registry; `restart()` makes new ones (a new process). */
  rpcFor: (chain: Chain) => ChainRpc;
  pollOptions(chainId: string, more?: Partial<IbcPollOptions>): IbcPollOptions;
  walletOptions(more?: Partial<WalletPollOptions>): WalletPollOptions;
  /** New outbox and RPC objects over the same database: what a restarted poller has. */
  restart(): void;
  events(): Promise<RecordedRow[]>;
  client(chainId: string, clientId: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A halt threshold no test reaches (a year). */
const NoHalts = 365 * 86_400_000;

/** Two fake chains, `hub-1` (cosmos, uatom) and `osmo-1` (osmo, uosmo), both in ibc_chains; one destination that every event reaches. */
export async function ibcFixture(): Promise<IbcFixture> {
  const [database, hub, osmo] = await Promise.all([
    createTestDatabase('herald_ibc_poll'),
    FakeCosmosChain.start({ chainId: 'hub-1', time: T0 }),
    FakeCosmosChain.start({ chainId: 'osmo-1', time: T0, bech32Prefix: 'osmo' }),
  ]);
  const db: TestDatabase = database;
  const pool = createSqlPool({ url: db.url, max: 6 });
  await syncConfiguredChains(pool, [chainSettings(hub, 'cosmos', 'uatom', 'Cosmos Hub'), chainSettings(osmo, 'osmo', 'uosmo', 'Osmosis')]);
  const destinationId = (await syncDestinations(pool, [{ key: 'd', kind: 'webhook', target: 'https://example.invalid/x', label: 'test' }])).get('d')!;
  let rpcs = new Map<string, ChainRpc>();
  const fixture: IbcFixture = {
    pool,
    hub,
    osmo,
    outbox: createOutboxStore({ pool, routeTo: () => [{ destinationId, mentions: null }] }),
    rpcFor(chain) {
      let rpc = rpcs.get(chain.chainId);
      if (!rpc) rpcs.set(chain.chainId, (rpc = createChainRpc(chain, { timeoutMs: 2000 })));
      return rpc;
    },
    pollOptions: (chainId, more = {}) => ({
      db: pool,
      outbox: fixture.outbox,
      monitor: { chainId, connections: 'all' },
      rpcFor: (chain) => fixture.rpcFor(chain),
      concurrency: 8,
      thresholds: DefaultExpiryThresholds,
      reminderIntervalMs: 0,
      expiredPollIntervalMs: 3_600_000,
      logger: silent,
      now: () => hub.block.time,
      // The poll's clock here is hub-1's block time, which tests move by days while osmo-1 makes no
      // blocks: halts are judged only where a test asks for it.
      haltedAfterMs: NoHalts,
      ...more,
    }),
    walletOptions: (more = {}) => ({ db: pool, outbox: fixture.outbox, rpcFor: (chain) => fixture.rpcFor(chain), concurrency: 4, hysteresis: 0.05, haltedAfterMs: NoHalts, ...more }),
    restart() {
      for (const rpc of rpcs.values()) rpc.close();
      rpcs = new Map();
      fixture.outbox = createOutboxStore({ pool, routeTo: () => [{ destinationId, mentions: null }] });
    },
    async events() {
      const result = await pool.query<RecordedRow>('SELECT type, fingerprint, subject, severity, payload FROM events ORDER BY id');
      return result.rows;
    },
    async client(chainId, clientId) {
      const result = await pool.query('SELECT * FROM ibc_clients WHERE chain_id = $1 AND client_id = $2', [chainId, clientId]);
      return result.rows[0] as Record<string, unknown>;
    },
    async close() {
      for (const rpc of rpcs.values()) rpc.close();
      await pool.end();
      await Promise.all([hub.close(), osmo.close()]);
      await db.drop();
    },
  };
  return fixture;
}
