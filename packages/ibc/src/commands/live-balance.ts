import { formatRunway } from '../amount.js';
import { findChain } from '../chain-store.js';
import type { WalletView } from '../queries.js';
import { describeRpcError, type IbcContext } from './common.js';
import { amountOf, storedBalance, walletChain } from './wallet-text.js';

export type LiveBalance = { ok: true; balance: bigint } | { ok: false; reason: string };

/** Reads a registered wallet's balance from its chain now; a failure is a reason, never a throw. */
export async function readLiveBalance(ctx: IbcContext, wallet: WalletView): Promise<LiveBalance> {
  const chain = await findChain(ctx.deps.db, wallet.chainId);
  if (!chain) return { ok: false, reason: `chain \`${wallet.chainId}\` is no longer configured` };
  try {
    return { ok: true, balance: await ctx.deps.balanceOf(chain, wallet.address) };
  } catch (error) {
    ctx.logger.warn({ err: error, chainId: wallet.chainId }, 'live wallet balance not readable');
    return { ok: false, reason: describeRpcError(error) };
  }
}

/**
 * A wallet's balance for `wallet` and `my_wallets`: the live one when the chain answered, else the
 * stored one, saying it is the last known and why the live read failed.
 */
export function balanceText(wallet: WalletView, live: LiveBalance): string {
  const threshold = `alert below ${amountOf(wallet, wallet.threshold)}`;
  const runway = `runway ${formatRunway(wallet.runwaySeconds)}`;
  if (live.ok) {
    const low = live.balance < wallet.threshold ? ' 🪫 below the threshold' : '';
    return `\`${wallet.address}\` on ${walletChain(wallet)}: **${amountOf(wallet, live.balance)}** now${low} · ${threshold} · ${runway}`;
  }
  return `\`${wallet.address}\` on ${walletChain(wallet)}: the chain could not be read now (${live.reason}); last known ${storedBalance(wallet)} · ${threshold} · ${runway}`;
}
