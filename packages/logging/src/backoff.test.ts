import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoffDelayMs', () => {
  it('doubles from the initial delay up to the maximum, counting failures from 1', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 40, 1e6].map((n) => backoffDelayMs(n, { initialMs: 1000, maxMs: 10_000 }));
    expect(delays).toEqual([1000, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('spreads the delay by the jitter shares, and past the maximum only when not capped', () => {
    const options = { initialMs: 1000, maxMs: 8000, jitter: { down: 0.25, up: 0.5 } };
    expect(backoffDelayMs(1, { ...options, random: () => 0 })).toBe(750);
    expect(backoffDelayMs(1, { ...options, random: () => 0.5 })).toBe(1125);
    expect(backoffDelayMs(1, { ...options, random: () => 0.999_999 })).toBe(1500);
    expect(backoffDelayMs(9, { ...options, random: () => 0.999_999 })).toBe(12_000);
    expect(backoffDelayMs(9, { ...options, random: () => 0.999_999, capJittered: true })).toBe(8000);
    expect(backoffDelayMs(9, { ...options, random: () => 0, capJittered: true })).toBe(6000);
  });

  it('uses Math.random when no source is given, staying within the spread', () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelayMs(3, { initialMs: 1000, maxMs: 60_000, jitter: { down: 0.1, up: 0.1 } });
      expect(delay).toBeGreaterThanOrEqual(3600);
      expect(delay).toBeLessThanOrEqual(4400);
    }
  });
});
