import { describe, expect, it } from 'vitest';
import { measureRunway } from './runway.js';

const t0 = Date.parse('2026-12-01T00:00:00Z');
const sample = (hours: number, balance: bigint) => ({ at: new Date(t0 + hours * 3_600_000), balance });

describe('measureRunway', () => {
  it('measures base units spent per day from successive samples and the runway of the balance', () => {
    // 1,000,000 spent over 12 h → 2,000,000 a day; 4,000,000 left lasts 2 days.
    const runway = measureRunway([sample(0, 5_000_000n), sample(6, 4_500_000n), sample(12, 4_000_000n)], 4_000_000n);
    expect(runway).toEqual({ spendPerDay: 2_000_000n, runwaySeconds: 2 * 86_400 });
  });

  it('does not count a top-up as negative spending', () => {
    const runway = measureRunway([sample(0, 1000n), sample(12, 500n), sample(13, 10_500n), sample(24, 10_000n)], 10_000n);
    expect(runway.spendPerDay).toBe(1000n);
    expect(runway.runwaySeconds).toBe(10 * 86_400);
  });

  it('has no runway when nothing is spent, and no rate from fewer than two samples', () => {
    expect(measureRunway([sample(0, 10n), sample(1, 10n), sample(2, 20n)], 20n)).toEqual({ spendPerDay: 0n, runwaySeconds: null });
    expect(measureRunway([sample(0, 10n)], 10n)).toEqual({ spendPerDay: null, runwaySeconds: null });
    expect(measureRunway([], 10n)).toEqual({ spendPerDay: null, runwaySeconds: null });
  });

  it('measures over the last 24 h only, and stays exact for 18-decimal tokens', () => {
    const wei = 10n ** 18n;
    const samples = [sample(0, 1000n * wei), sample(10, 10n * wei), sample(30, 9n * wei), sample(54, 7n * wei)];
    const runway = measureRunway(samples, 7n * wei);
    expect(runway).toEqual({ spendPerDay: 2n * wei, runwaySeconds: 3.5 * 86_400 });
  });

  it('has zero runway for an empty wallet that spends', () => {
    expect(measureRunway([sample(0, 100n), sample(1, 0n)], 0n).runwaySeconds).toBe(0);
  });
});

describe('runway cap', () => {
  it('caps the runway at 100 years (a huge balance that barely moves)', () => {
    expect(measureRunway([sample(0, 10n ** 30n + 1n), sample(24, 10n ** 30n)], 10n ** 30n).runwaySeconds).toBe(100 * 365 * 86_400);
  });
});
