import type { ChainView, ClientView, WalletView } from '@herald/ibc/read-model';
import type { IbcOverview } from './data.js';
import { withoutUrlSecrets } from './display.js';
import { displayAmount } from './tables.js';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
const str = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;

/** A JSON object schema whose every property is required (the serializer then drops anything unlisted). */
const object = (properties: Record<string, unknown>) => ({ type: 'object', required: Object.keys(properties), properties }) as const;

const chainSchema = object({
  chainId: str, name: str, origin: str, endpoints: { type: 'integer' }, reachable: { type: 'boolean' },
  unreachableSince: nullableString, haltedSince: nullableString, lastError: nullableString, blockHeight: nullableString, blockTime: nullableString, lastSuccessAt: nullableString,
});
const clientSchema = object({
  chainId: str, chainName: str, clientId: str, trackedChainId: nullableString, trackedChainName: nullableString,
  connectionId: nullableString, counterpartyConnectionId: nullableString, counterpartyClientId: nullableString,
  state: str, status: nullableString, trustingPeriodSeconds: nullableNumber, latestHeight: nullableString,
  lastUpdateAt: nullableString, expiresAt: nullableString, hostTime: nullableString, secondsLeft: nullableNumber, percentLeft: nullableNumber,
  lastCheckedAt: nullableString, lastError: nullableString, stateSince: str, stale: { type: 'boolean' },
});
const walletSchema = object({
  address: str, chainId: str, chainName: str, ownerId: str, denom: str, displayDenom: str, exponent: { type: 'integer' },
  balance: nullableString, threshold: str, spendPerDay: nullableString, balanceDisplay: nullableString, thresholdDisplay: str,
  state: str, runwaySeconds: nullableNumber, balanceAt: nullableString, lastError: nullableString, stale: { type: 'boolean' },
});
const warningSchema = object({ key: str, message: str, firstSeenAt: str, lastSeenAt: str });

/**
 * `GET /api/ibc`: amounts in exact base units as decimal strings (plus display strings), times in
 * ISO-8601 UTC, chains without their RPC URLs, owners as Discord ids.
 */
export const ibcApiSchema = object({
  chains: { type: 'array', items: chainSchema },
  clients: { type: 'array', items: clientSchema },
  wallets: { type: 'array', items: walletSchema },
  warnings: { type: 'array', items: warningSchema },
});

const chainJson = (c: ChainView) => ({
  chainId: c.chainId, name: c.name, origin: c.origin, endpoints: c.endpoints, reachable: c.unreachableSince === null,
  unreachableSince: iso(c.unreachableSince), haltedSince: iso(c.haltedSince), lastError: withoutUrlSecrets(c.lastError), blockHeight: c.blockHeight?.toString() ?? null,
  blockTime: iso(c.blockTime), lastSuccessAt: iso(c.lastSuccessAt),
});

const clientJson = (c: ClientView) => ({
  ...c,
  lastUpdateAt: iso(c.lastUpdateAt), expiresAt: iso(c.expiresAt), hostTime: iso(c.hostTime), lastCheckedAt: iso(c.lastCheckedAt),
  stateSince: c.stateSince.toISOString(), lastError: withoutUrlSecrets(c.lastError),
});

const walletJson = (w: WalletView) => ({
  ...w,
  balance: w.balance?.toString() ?? null, threshold: w.threshold.toString(), spendPerDay: w.spendPerDay?.toString() ?? null,
  balanceDisplay: w.balance === null ? null : displayAmount(w.balance, w), thresholdDisplay: displayAmount(w.threshold, w),
  balanceAt: iso(w.balanceAt), lastError: withoutUrlSecrets(w.lastError),
});

/** The overview as JSON-safe values (bigints as strings, dates as ISO strings, errors scrubbed of URLs). */
export function ibcJson(data: IbcOverview) {
  return {
    chains: data.chains.map(chainJson),
    clients: data.clients.map(clientJson),
    wallets: data.wallets.map(walletJson),
    warnings: data.warnings.map((w) => ({ key: w.key, message: withoutUrlSecrets(w.message) ?? '', firstSeenAt: w.firstSeenAt.toISOString(), lastSeenAt: w.lastSeenAt.toISOString() })),
  };
}
