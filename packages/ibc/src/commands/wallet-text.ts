/** How wallets read in command replies (`wallets`, `wallet`, `my_wallets`, `register`). */
import { clip } from '@herald/bot';
import { walletStateIcon } from '../render/style.js';
import { escapeDiscordText } from '@herald/discord/text';
import { formatAmount, formatRunway, formatUtc } from '../amount.js';
import type { WalletView } from '../queries.js';
import { chainLabel } from './common.js';

/** `1.5 ATOM` for a wallet's chain. */
export function amountOf(wallet: Pick<WalletView, 'exponent' | 'displayDenom'>, base: bigint): string {
  return formatAmount(base, wallet.exponent, escapeDiscordText(wallet.displayDenom));
}

/** The stored balance: `**1.5 ATOM** (read 2026-11-30 12:05 UTC)`, or that it was never read. */
export function storedBalance(wallet: WalletView): string {
  if (wallet.balance === null) return 'balance not read yet';
  const at = wallet.balanceAt === null ? '' : ` (read ${formatUtc(wallet.balanceAt)})`;
  return `**${amountOf(wallet, wallet.balance)}**${at}`;
}

/**
 * One line of the `wallets` list: state, address, chain, owner (a mention: replies never ping),
 * balance, threshold, runway, and a stale marker when the chain is unreachable now.
 */
export function walletLine(wallet: WalletView): string {
  const parts = [
    `${walletStateIcon[wallet.state]} **${wallet.state}** \`${wallet.address}\` on ${walletChain(wallet)}`,
    `owner <@${wallet.ownerId}>`,
    storedBalance(wallet),
    `alert below ${amountOf(wallet, wallet.threshold)}`,
    `runway ${formatRunway(wallet.runwaySeconds)}`,
  ];
  if (wallet.stale) parts.push('⏸ stale (chain unreachable)');
  if (wallet.lastError !== null) parts.push(`error: ${escapeDiscordText(clip(wallet.lastError, 100))}`);
  return parts.join(' · ');
}

/** The wallet's chain: `Cosmos Hub (`cosmoshub-4`)`. */
export function walletChain(wallet: Pick<WalletView, 'chainId' | 'chainName'>): string {
  return chainLabel({ chainId: wallet.chainId, name: wallet.chainName });
}
