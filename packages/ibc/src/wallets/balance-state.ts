/** A wallet's alert state: `unknown` until its balance was first read. */
export type WalletState = 'ok' | 'low' | 'unknown';

/** Precision of the hysteresis fraction in the exact comparison (parts per million). */
const Ppm = 1_000_000n;

/**
 * The balance at or above which a low wallet is resolved: threshold × (1 + hysteresis), rounded
 * up to a whole base unit, in exact bigint arithmetic (hysteresis kept to the ppm).
 */
export function resolveLevel(threshold: bigint, hysteresis: number): bigint {
  const ppm = BigInt(Math.round(Math.max(0, hysteresis) * Number(Ppm)));
  return threshold + (threshold * ppm + Ppm - 1n) / Ppm;
}

/**
 * A wallet's next state and the event it posts (`ibc.wallet.low` / `ibc.wallet.resolved`), once per
 * transition: ok or unknown → low when the balance is below the threshold (so a wallet registered
 * while already low alerts at its first check); low → ok only once the balance reaches
 * threshold × (1 + hysteresis), so a balance hovering at the threshold does not flap; unknown → ok
 * silently.
 */
export function decideWalletTransition(prior: WalletState, balance: bigint, threshold: bigint, hysteresis: number): { state: WalletState; event: 'low' | 'resolved' | null } {
  if (prior === 'low') return balance >= resolveLevel(threshold, hysteresis) ? { state: 'ok', event: 'resolved' } : { state: 'low', event: null };
  if (balance < threshold) return { state: 'low', event: 'low' };
  return { state: 'ok', event: null };
}
