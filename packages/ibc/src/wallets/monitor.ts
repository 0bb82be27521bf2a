import type { IbcWalletAlert } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';
import type { NewEvent, OutboxStore, RecordedEvent } from '@herald/pipeline';
import { DefaultHaltedAfterMs } from '../chain-halts.js';
import { recordChainHealth } from '../chain-health.js';
import { loadChains } from '../chain-store.js';
import { walletFingerprint } from '../fingerprint.js';
import type { ChainSettings } from '../settings.js';
import type { Chain, ChainRpc } from '../types.js';
import { decideWalletTransition, resolveLevel } from './balance-state.js';
import { readBalances } from './read-balances.js';
import { DefaultRunwayWindowMs, measureRunway } from './runway.js';
import { addSamples, listWalletAddresses, lockWallets, pruneSamples, saveWallets, type WalletUpdate } from './wallet-store.js';

/** The outbox source key of the wallet poll. */
export const walletSourceKey = 'ibc:wallets';

/** Balance samples are kept a week (the runway uses the last day; pages may show more). */
export const DefaultSampleRetentionMs = 7 * 24 * 3_600_000;

export interface WalletPollOptions {
  /** Herald's Postgres, for reads outside the poll transaction (wallets, chains). */
  db: Queryable;
  /** This process's `ibc.chains`: they win over the `ibc_chains` rows (see loadChains). */
  configuredChains?: readonly ChainSettings[];
  /** `ibc.haltedAfter` (see recordChainHalts). */
  haltedAfterMs?: number;
  outbox: OutboxStore;
  /** The RPC of a chain; chains are re-read from `ibc_chains` every poll, so `register_chain` needs no restart. */
  rpcFor: (chain: Chain) => ChainRpc;
  /** Requests in flight at once over all chains. */
  concurrency: number;
  /** `ibc.walletHysteresis`: a low wallet resolves at threshold × (1 + this). */
  hysteresis: number;
  runwayWindowMs?: number;
  sampleRetentionMs?: number;
  now?: () => Date;
}

export interface WalletPollSummary {
  wallets: number;
  read: number;
  low: number;
  failed: number;
  unreachable: string[];
  requests: number;
  ms: number;
}

/**
 * One poll of every registered relayer wallet (the `ibc.wallets` job): reads each balance in its
 * chain's base denom (exact base units), then in ONE transaction records the chains' reachability
 * (unreachable/recovered events, shared with the client polls), a balance sample per wallet, its
 * spend rate and runway (see `measureRunway`), its state with hysteresis and the event of its
 * transition (`ibc.wallet.low` / `ibc.wallet.resolved`, once each, mentioning the owner), and prunes
 * old samples. A wallet whose chain is down keeps its last balance and state (no alert; `last_error`
 * says why). Throws on Postgres errors (nothing written).
 */
export async function pollWallets(options: WalletPollOptions): Promise<{ recorded: RecordedEvent[]; summary: WalletPollSummary }> {
  const started = performance.now();
  const [wallets, chains] = await Promise.all([listWalletAddresses(options.db), loadChains(options.db, options.configuredChains)]);
  const reads = await readBalances(wallets, chains, options.rpcFor, options.concurrency);
  const now = (options.now ?? (() => new Date()))();
  const windowMs = options.runwayWindowMs ?? DefaultRunwayWindowMs;

  const { recorded, low } = await options.outbox.poll(walletSourceKey, async (tx) => {
    const events: NewEvent[] = await recordChainHealth(tx.sql, reads, now, { haltedAfterMs: options.haltedAfterMs ?? DefaultHaltedAfterMs });
    const stored = await lockWallets(tx.sql, wallets.map((w) => w.address));
    // A wallet deregistered (or registered again on another chain) since its read is left alone.
    const readChain = new Map(wallets.map((w) => [w.address, w.chainId]));
    const current = (address: string) => stored.get(address)?.chainId === readChain.get(address);
    const balances = new Map([...reads.balances].filter(([address]) => current(address)));
    const samples = await addSamples(tx.sql, balances, now, new Date(now.getTime() - windowMs));
    const updates: WalletUpdate[] = [];
    for (const [address, balance] of balances) {
      const wallet = stored.get(address)!;
      const chain = chains.get(wallet.chainId)!;
      const runway = measureRunway(samples.get(address) ?? [], balance, windowMs);
      const next = decideWalletTransition(wallet.state, balance, wallet.threshold, options.hysteresis);
      const transitions = next.event ? wallet.transitions + 1 : wallet.transitions;
      updates.push({ address, state: next.state, transitions, balance, ...runway });
      if (!next.event) continue;
      const payload: IbcWalletAlert = {
        chainId: chain.chainId,
        chainName: chain.name,
        address,
        ownerId: wallet.ownerId,
        balance: balance.toString(),
        threshold: wallet.threshold.toString(),
        resolveAt: resolveLevel(wallet.threshold, options.hysteresis).toString(),
        denom: chain.denom,
        displayDenom: chain.displayDenom,
        exponent: chain.exponent,
        runwaySeconds: runway.runwaySeconds,
      };
      events.push({
        fingerprint: walletFingerprint(address, wallet.createdAt, transitions),
        type: next.event === 'low' ? 'ibc.wallet.low' : 'ibc.wallet.resolved',
        subject: `${chain.chainId}/${address}`,
        occurredAt: now,
        payload,
      });
    }
    const failures = new Map([...reads.failures].filter(([address]) => current(address)));
    await saveWallets(tx.sql, updates, failures, now);
    await pruneSamples(tx.sql, new Date(now.getTime() - (options.sampleRetentionMs ?? DefaultSampleRetentionMs)));
    return { recorded: await tx.record(events), low: updates.filter((u) => u.state === 'low').length };
  });

  const summary: WalletPollSummary = {
    wallets: wallets.length,
    read: reads.balances.size,
    low,
    failed: reads.failures.size,
    unreachable: [...reads.unreachable.keys()],
    requests: reads.requests,
    ms: Math.round(performance.now() - started),
  };
  return { recorded, summary };
}
