import { describe, expect, it } from 'vitest';
import type { PositionGap } from '@herald/pipeline';
import { advance, capGaps, dueForRecheck, withoutFound } from './gaps.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const after = (ms: number) => new Date(t0.getTime() + ms);
const rows = (...ids: number[]) => ids.map((id) => ({ id }));
const open = (from: number, to: number, seenAt = t0): PositionGap => ({ from: BigInt(from), to: BigInt(to), seenAt, skippedAt: null });
const skipped = (from: number, to: number, seenAt = t0, skippedAt = t0): PositionGap => ({ from: BigInt(from), to: BigInt(to), seenAt, skippedAt });

describe('advance', () => {
  it('moves over contiguous ids and holds every row above a new gap', () => {
    expect(advance(5n, rows(6, 7, 9, 10), [], t0, 1000, true)).toEqual({ position: 7n, count: 2, open: [open(8, 8)], skipped: [] });
  });

  it('skips a gap once it has been seen for the grace period, and remembers it as skipped', () => {
    expect(advance(5n, rows(7, 8), [open(6, 6)], after(1000), 1000, true)).toEqual({
      position: 8n,
      count: 2,
      open: [],
      skipped: [skipped(6, 6, t0, after(1000))],
    });
  });

  it('gives each gap its own grace, counted from when it was first seen', () => {
    // 6 was seen at t0, 9 only now: the rows above 9 wait for its own grace.
    const result = advance(5n, rows(7, 8, 10), [open(6, 6)], after(1000), 1000, true);
    expect(result).toMatchObject({ position: 8n, count: 2, open: [open(9, 9, after(1000))] });
  });

  it('keeps the first-seen time when a gap is partly filled', () => {
    const result = advance(5n, rows(8, 11), [open(6, 10, t0)], after(500), 1000, true);
    expect(result.open).toEqual([open(6, 7, t0), open(9, 10, t0)]);
    expect(result.count).toBe(0);
  });

  it('keeps open gaps above an incomplete read (a full batch) as they were', () => {
    const result = advance(5n, rows(6, 7), [open(20, 21)], t0, 1000, false);
    expect(result.open).toEqual([open(20, 21)]);
    expect(advance(5n, rows(6, 7), [open(20, 21)], t0, 1000, true).open).toEqual([]);
  });
});

describe('skipped gaps', () => {
  it('splits a gap around the ids a re-check found', () => {
    expect(withoutFound([skipped(10, 20)], rows(10, 14, 15, 20))).toEqual([skipped(11, 13), skipped(16, 19)]);
    expect(withoutFound([skipped(10, 10)], rows(10))).toEqual([]);
  });

  it('re-checks a gap until its window from first sight ends', () => {
    const young = skipped(1, 1, after(1));
    expect(dueForRecheck([skipped(1, 1), young], after(1000), 1000)).toEqual({ recheck: [young], expired: [skipped(1, 1)] });
  });

  it('keeps the newest gaps when over the cap', () => {
    const gaps = [skipped(1, 1, after(2)), skipped(3, 3, after(0)), skipped(5, 5, after(1))];
    expect(capGaps(gaps, 2)).toEqual({ kept: [skipped(5, 5, after(1)), skipped(1, 1, after(2))], dropped: [skipped(3, 3, after(0))] });
  });
});
