/**
 * Relayer wallet alerts. The low-balance alert pings the wallet's owner (the one Discord user who
 * registered it: `pings`, which the pipeline puts in the content and in allowed_mentions), and says
 * exactly what to do: which address, on which chain, how much of which denom to send, and how long
 * the balance lasts at the measured spend rate. Amounts are exact (bigint base units, shown with
 * the chain's display denom); the seed showed a float rounded to 3 decimals.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { IbcWalletAlert } from '@herald/contracts';
import type { RenderedEvent } from '@herald/pipeline';
import { formatAmount, formatRunway } from '../amount.js';
import { chainText, code, IbcColor, name, walletStateIcon } from './style.js';

/**
 * `amount` rounded up to `digits` significant digits (1,234,567 → 1,240,000 at 3): a top-up that is
 * easy to type and never less than what is missing.
 */
export function roundUpSignificant(amount: bigint, digits = 3): bigint {
  if (amount <= 0n) return 0n;
  const length = amount.toString().length;
  if (length <= digits) return amount;
  const step = 10n ** BigInt(length - digits);
  return ((amount + step - 1n) / step) * step;
}

/** What to send to reach `target` (the level that resolves the alert): target − balance, rounded up (0 when not below). */
export function topUpAmount(balance: bigint, target: bigint): bigint {
  return roundUpSignificant(target > balance ? target - balance : 0n);
}

function amount(alert: IbcWalletAlert, base: bigint): string {
  return formatAmount(base, alert.exponent, name(alert.displayDenom, 32));
}

function runwayText(alert: IbcWalletAlert): string {
  return alert.runwaySeconds === null ? 'unknown (no spending measured yet)' : `${formatRunway(alert.runwaySeconds)} at the recent spend rate`;
}

/** `ibc.wallet.low`: pings the owner; the address, balance, threshold, top-up, denom and runway. */
export function renderWalletLow(alert: IbcWalletAlert): RenderedEvent {
  const balance = BigInt(alert.balance);
  const threshold = BigInt(alert.threshold);
  // Enough to clear the alert, not merely to touch the threshold (the poller resolves only above its hysteresis).
  const topUp = topUpAmount(balance, BigInt(alert.resolveAt ?? alert.threshold));
  const embed: APIEmbed = {
    title: `${walletStateIcon.low} Low balance: relayer wallet on ${name(alert.chainName || alert.chainId, 150)}`,
    description:
      `Wallet ${code(alert.address)} on ${chainText(alert.chainId, alert.chainName)} has **${amount(alert, balance)}**, ` +
      `below its alert threshold of **${amount(alert, threshold)}**. Relaying stops when it runs out of fees.\n` +
      `Send at least **${amount(alert, topUp)}** (denom ${code(alert.denom)}) to ${code(alert.address)}; ` +
      'that brings it back above the threshold with a small margin, which resolves the alert.',
    color: IbcColor.lowBalance,
    fields: [
      { name: 'Balance', value: amount(alert, balance), inline: true },
      { name: 'Threshold', value: amount(alert, threshold), inline: true },
      { name: 'Top up at least', value: `${amount(alert, topUp)} (${code(alert.denom)})`, inline: true },
      { name: 'Runway', value: runwayText(alert), inline: true },
      // A mention inside an embed only shows the name; the ping itself is the message content.
      { name: 'Owner', value: `<@${alert.ownerId}>`, inline: true },
    ],
    footer: { text: `Herald · IBC wallet · ${alert.chainId}` },
  };
  return { embeds: [embed], pings: { users: [alert.ownerId] } };
}

/** `ibc.wallet.resolved`: back above the threshold (with the poller's hysteresis). Pings nobody. */
export function renderWalletResolved(alert: IbcWalletAlert): APIEmbed {
  const balance = BigInt(alert.balance);
  return {
    title: `${walletStateIcon.ok} Wallet topped up: relayer wallet on ${name(alert.chainName || alert.chainId, 150)}`,
    description: `Wallet ${code(alert.address)} on ${chainText(alert.chainId, alert.chainName)} has **${amount(alert, balance)}** again, above its threshold of **${amount(alert, BigInt(alert.threshold))}**.`,
    color: IbcColor.resolved,
    fields: [
      { name: 'Balance', value: amount(alert, balance), inline: true },
      { name: 'Runway', value: runwayText(alert), inline: true },
      { name: 'Owner', value: `<@${alert.ownerId}>`, inline: true },
    ],
    footer: { text: `Herald · IBC wallet · ${alert.chainId}` },
  };
}
