import { ibcClientStates } from '@herald/contracts';
import type { WalletView } from '@herald/ibc/read-model';
import type { GaugeFactory } from './registry.js';

const clientLabels = ['chain_id', 'client_id', 'tracked_chain_id'] as const;
const walletLabels = ['chain_id', 'address', 'denom'] as const;

/**
 * Display units as a float (1 ATOM, not 1,000,000 uatom): Prometheus values are float64, and base
 * units of an 18-decimal token exceed its exact integers, while display units compare directly
 * with the thresholds people register.
 */
export function displayUnits(amount: bigint, exponent: number): number {
  const scale = 10n ** BigInt(exponent);
  // Whole and fractional parts apart, so a large balance keeps its fraction as well as a float can.
  return Number(amount / scale) + Number(amount % scale) / Number(scale);
}

const walletKey = (w: WalletView) => ({ chain_id: w.chainId, address: w.address, denom: w.displayDenom });

/**
 * The IBC series (label names as rly users asked for: chain, client, tracked chain, wallet address;
 * cosmos/relayer#1212 and #1230). Values are those of the poller's last check, read from Postgres at
 * scrape time; a client or wallet never read yet has no sample rather than a made-up 0.
 */
export function registerIbcGauges(gauge: GaugeFactory): void {
  gauge(
    'herald_ibc_client_seconds_to_expiry',
    "Seconds left before the light client expires (last update + trusting period − the host chain's block time), as of the last check; negative once expired.",
    [...clientLabels],
    (g, s) => {
      for (const c of s.ibc?.clients ?? []) if (c.secondsLeft !== null) g.set(clientKey(c), c.secondsLeft);
    },
  );
  gauge('herald_ibc_client_trusting_period_seconds', "The light client's trusting period (seconds_to_expiry / this = fraction left).", [...clientLabels], (g, s) => {
    for (const c of s.ibc?.clients ?? []) if (c.trustingPeriodSeconds !== null) g.set(clientKey(c), c.trustingPeriodSeconds);
  });
  gauge('herald_ibc_client_expiry_timestamp_seconds', 'Unix time at which the light client expires (its last update + trusting period).', [...clientLabels], (g, s) => {
    for (const c of s.ibc?.clients ?? []) if (c.expiresAt !== null) g.set(clientKey(c), c.expiresAt.getTime() / 1000);
  });
  gauge(
    'herald_ibc_client_state',
    `1 for the light client's current state (${ibcClientStates.join(', ')}), 0 for the others.`,
    [...clientLabels, 'state'],
    (g, s) => {
      for (const c of s.ibc?.clients ?? []) for (const state of ibcClientStates) g.set({ ...clientKey(c), state }, state === c.state ? 1 : 0);
    },
  );
  gauge('herald_ibc_wallet_balance', 'Relayer wallet balance in display units (denom label: the display denom, e.g. ATOM), as of the last read.', [...walletLabels], (g, s) => {
    for (const w of s.ibc?.wallets ?? []) if (w.balance !== null) g.set(walletKey(w), displayUnits(w.balance, w.exponent));
  });
  gauge('herald_ibc_wallet_threshold', 'The low-balance threshold registered for the wallet, in display units.', [...walletLabels], (g, s) => {
    for (const w of s.ibc?.wallets ?? []) g.set(walletKey(w), displayUnits(w.threshold, w.exponent));
  });
  gauge('herald_ibc_wallet_runway_seconds', 'How long the balance lasts at the spend rate measured from successive reads (no sample while not spending).', [...walletLabels], (g, s) => {
    for (const w of s.ibc?.wallets ?? []) if (w.runwaySeconds !== null) g.set(walletKey(w), w.runwaySeconds);
  });
  gauge('herald_ibc_chain_up', "1 when the chain's last poll reached an RPC endpoint, 0 when every endpoint failed (no sample before the first poll).", ['chain_id'], (g, s) => {
    for (const c of s.ibc?.chains ?? []) {
      if (c.unreachableSince !== null) g.set({ chain_id: c.chainId }, 0);
      else if (c.lastSuccessAt !== null) g.set({ chain_id: c.chainId }, 1);
    }
  });
  gauge('herald_ibc_chain_halted', '1 while the chain answers but has made no new block for ibc.haltedAfter, else 0 (no sample before the first poll).', ['chain_id'], (g, s) => {
    for (const c of s.ibc?.chains ?? []) if (c.lastSuccessAt !== null) g.set({ chain_id: c.chainId }, c.haltedSince === null ? 0 : 1);
  });
  gauge('herald_ibc_chain_block_timestamp_seconds', "Unix time of the chain's latest block at the last poll (a chain that stops advancing has halted).", ['chain_id'], (g, s) => {
    for (const c of s.ibc?.chains ?? []) if (c.blockTime !== null) g.set({ chain_id: c.chainId }, c.blockTime.getTime() / 1000);
  });
}

function clientKey(c: { chainId: string; clientId: string; trackedChainId: string | null }) {
  return { chain_id: c.chainId, client_id: c.clientId, tracked_chain_id: c.trackedChainId ?? '' };
}
