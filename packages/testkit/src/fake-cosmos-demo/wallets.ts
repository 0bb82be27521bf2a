import type { DemoWalletSpec } from './scenario.js';

/** A demo wallet as the simulation goes: its spec plus its current balance and when it went low. */
export interface DemoWallet extends DemoWalletSpec {
  /** Current balance (base units). */
  current: bigint;
  lowSince: Date | null;
  lastSpentAt: Date | null;
}

export function demoWallet(spec: DemoWalletSpec): DemoWallet {
  return { ...spec, current: spec.balance, lowSince: null, lastSpentAt: null };
}

/**
 * Pays the fees of the time since the last call (`spendPerSecond`, never below 0: a relayer without
 * funds pays nothing), then tops the wallet up to `topUpTo` once it has been below its threshold for
 * `topUpAfterSeconds`. Exact integer arithmetic on base units (milliseconds of block time).
 */
export function spend(wallet: DemoWallet, now: Date, start: Date): 'spent' | 'topped-up' {
  const last = wallet.lastSpentAt ?? start;
  const ms = Math.max(0, Math.round(now.getTime() - last.getTime()));
  wallet.lastSpentAt = now;
  const spent = (wallet.spendPerSecond * BigInt(ms)) / 1000n;
  wallet.current = wallet.current > spent ? wallet.current - spent : 0n;
  if (wallet.current < wallet.threshold) wallet.lowSince ??= now;
  if (wallet.topUpAfterSeconds === undefined || wallet.lowSince === null) return 'spent';
  if (now.getTime() - wallet.lowSince.getTime() < wallet.topUpAfterSeconds * 1000) return 'spent';
  wallet.current = wallet.topUpTo ?? wallet.balance;
  wallet.lowSince = null;
  return 'topped-up';
}
