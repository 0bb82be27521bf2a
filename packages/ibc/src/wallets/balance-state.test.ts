import { describe, expect, it } from 'vitest';
import { decideWalletTransition, resolveLevel } from './balance-state.js';

describe('wallet balance transitions', () => {
  it('goes low once when the balance falls below the threshold', () => {
    expect(decideWalletTransition('ok', 999n, 1000n, 0.05)).toEqual({ state: 'low', event: 'low' });
    expect(decideWalletTransition('ok', 1000n, 1000n, 0.05)).toEqual({ state: 'ok', event: null });
    expect(decideWalletTransition('low', 10n, 1000n, 0.05)).toEqual({ state: 'low', event: null });
  });

  it('alerts a wallet registered while already low at its first check; a first check above is silent', () => {
    expect(decideWalletTransition('unknown', 5n, 1000n, 0.05)).toEqual({ state: 'low', event: 'low' });
    expect(decideWalletTransition('unknown', 5000n, 1000n, 0.05)).toEqual({ state: 'ok', event: null });
  });

  it('resolves only at threshold × (1 + hysteresis): no flapping around the threshold', () => {
    expect(resolveLevel(1000n, 0.05)).toBe(1050n);
    expect(resolveLevel(1001n, 0.05)).toBe(1052n); // 1051.05 rounded up to a whole base unit
    expect(resolveLevel(1000n, 0)).toBe(1000n);
    let state: 'ok' | 'low' | 'unknown' = 'ok';
    const events: string[] = [];
    for (const balance of [990n, 1001n, 999n, 1049n, 1000n, 1050n, 1040n, 1001n]) {
      const next = decideWalletTransition(state, balance, 1000n, 0.05);
      state = next.state;
      if (next.event) events.push(`${next.event}@${balance}`);
    }
    expect(events).toEqual(['low@990', 'resolved@1050']);
  });

  it('is exact for 18-decimal balances', () => {
    const threshold = 2n * 10n ** 18n;
    expect(resolveLevel(threshold, 0.05)).toBe(2_100_000_000_000_000_000n);
    expect(decideWalletTransition('low', 2_099_999_999_999_999_999n, threshold, 0.05).event).toBeNull();
  });
});
