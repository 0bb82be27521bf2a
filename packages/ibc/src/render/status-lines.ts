/**
 * One line per client, wallet or unreachable chain for the status message, most urgent first.
 * Time left is carried forward from the last check to `now` (the client keeps ageing while no poll
 * runs, e.g. while its chain is unreachable), so a refresh every minute keeps it current.
 */
import type { IbcClientState } from '@herald/contracts';
import { formatAmount, formatRunway } from '../amount.js';
import type { ChainView, ClientView, WalletView } from '../queries.js';
import { clientStateIcon, code, discordTime, hoursText, name, walletStateIcon } from './style.js';

/** Urgency: what an operator can still act on first (critical, warning), then what is lost or unknown, then ok. */
const CLIENT_ORDER: readonly IbcClientState[] = ['critical', 'warning', 'frozen', 'expired', 'unknown', 'ok'];
const WALLET_ORDER: readonly WalletView['state'][] = ['low', 'unknown', 'ok'];

/** Seconds left at `now`: the last judged value minus the time since that check. */
export function secondsLeftAt(client: ClientView, now: Date): number | null {
  if (client.secondsLeft === null) return null;
  if (client.lastCheckedAt === null) return client.secondsLeft;
  return client.secondsLeft - Math.max(0, (now.getTime() - client.lastCheckedAt.getTime()) / 1000);
}

export function sortClients(clients: readonly ClientView[], now: Date): ClientView[] {
  const left = (c: ClientView) => secondsLeftAt(c, now) ?? Number.POSITIVE_INFINITY;
  return [...clients].sort((a, b) => CLIENT_ORDER.indexOf(a.state) - CLIENT_ORDER.indexOf(b.state) || left(a) - left(b));
}

export function sortWallets(wallets: readonly WalletView[]): WalletView[] {
  const runway = (w: WalletView) => w.runwaySeconds ?? Number.POSITIVE_INFINITY;
  return [...wallets].sort((a, b) => WALLET_ORDER.indexOf(a.state) - WALLET_ORDER.indexOf(b.state) || runway(a) - runway(b));
}

/** `🔴 `07-tendermint-5` Cosmos Hub → `osmosis-1` · 20.5 h · 6.1 % · expires <t:…:R>` (+ stale marker). */
export function statusClientLine(client: ClientView, now: Date): string {
  const tracked = client.trackedChainId === null ? '?' : code(client.trackedChainId);
  const parts = [`${clientStateIcon[client.state]} ${code(client.clientId)} ${name(client.chainName, 40)} → ${tracked}`];
  const left = secondsLeftAt(client, now);
  if (client.state === 'frozen') parts.push('frozen');
  else if (client.state === 'unknown' && left === null) parts.push('state unknown');
  else if (left !== null) {
    parts.push(hoursText(left));
    if (left > 0 && client.trustingPeriodSeconds) parts.push(`${((left / client.trustingPeriodSeconds) * 100).toFixed(1)} %`);
    if ((client.state === 'warning' || client.state === 'critical') && client.expiresAt !== null) parts.push(`expires ${discordTime(client.expiresAt)}`);
  }
  if (client.stale) parts.push('⏸ stale');
  return parts.join(' · ');
}

/** `🪫 `cosmos1…` Cosmos Hub · 1.2 ATOM / threshold 5 ATOM · low · runway ~3 d` (+ stale marker). */
export function statusWalletLine(wallet: WalletView): string {
  const denom = name(wallet.displayDenom, 32);
  const balance = wallet.balance === null ? 'balance not read yet' : formatAmount(wallet.balance, wallet.exponent, denom);
  const parts = [
    `${walletStateIcon[wallet.state]} ${code(wallet.address)} ${name(wallet.chainName, 40)}`,
    `${balance} / threshold ${formatAmount(wallet.threshold, wallet.exponent, denom)}`,
    wallet.state,
    `runway ${formatRunway(wallet.runwaySeconds)}`,
  ];
  if (wallet.stale) parts.push('⏸ stale');
  return parts.join(' · ');
}

/** `📡 Cosmos Hub (`cosmoshub-4`) unreachable since <t:…:R>`, or `⏸️ … halted since …`. */
export function statusChainLine(chain: ChainView): string {
  if (chain.unreachableSince === null && chain.haltedSince !== null) {
    return `⏸️ ${name(chain.name, 60)} (${code(chain.chainId)}) halted: no new block since ${discordTime(chain.haltedSince)}; time left on its clients stands still`;
  }
  const since = chain.unreachableSince === null ? '' : ` since ${discordTime(chain.unreachableSince)}`;
  return `📡 ${name(chain.name, 60)} (${code(chain.chainId)}) unreachable${since}: its clients and wallets show their last known state`;
}

/** `3 🔴 critical · 1 ⚠️ warning · 38 ✅ ok`: counts per state, in urgency order, zero counts left out. */
export function clientCounts(clients: readonly ClientView[]): string {
  return CLIENT_ORDER.map((state) => [state, clients.filter((c) => c.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${clientStateIcon[state]} ${state}`)
    .join(' · ');
}

export function walletCounts(wallets: readonly WalletView[]): string {
  return WALLET_ORDER.map((state) => [state, wallets.filter((w) => w.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${walletStateIcon[state]} ${state}`)
    .join(' · ');
}
