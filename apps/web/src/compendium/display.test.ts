import { describe, expect, it } from 'vitest';
import { weeksEndingWith } from './chart.js';
import { average } from './view-parts.js';

describe('the weekly chart', () => {
  it('lists the Mondays of the weeks ending with the current one, across a year end', () => {
    expect(weeksEndingWith('2027-01-04', 3)).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']);
    expect(weeksEndingWith('2026-11-30', 52)).toHaveLength(52);
    expect(weeksEndingWith('2026-11-30', 52)[0]).toBe('2025-12-08');
  });
});

describe('averages', () => {
  it("round halves away from zero (Go's math.Round), never show -0, and N/A without comments", () => {
    expect(average(-150.5)).toBe('-151');
    expect(average(2.5)).toBe('3');
    expect(average(-0.4)).toBe('0');
    expect(average(-1234.4)).toBe('-1,234');
    expect(average(null)).toBe('N/A');
  });
});
