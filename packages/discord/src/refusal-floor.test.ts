import { describe, expect, it } from 'vitest';
import { isTimingless429, RefusalFloor } from './refusal-floor.js';

const headers = (h: Record<string, string>) => new Headers(h);

describe('isTimingless429', () => {
  it('is a 429 without a positive Retry-After, whatever else it carries', () => {
    expect(isTimingless429(429, headers({}))).toBe(true);
    expect(isTimingless429(429, headers({ 'Retry-After': '0', 'X-RateLimit-Remaining': '0' }))).toBe(true);
    expect(isTimingless429(429, headers({ 'Retry-After': 'soon' }))).toBe(true);
    expect(isTimingless429(429, headers({ 'Retry-After': '0.5' }))).toBe(false);
    expect(isTimingless429(503, headers({}))).toBe(false);
  });
});

describe('RefusalFloor', () => {
  it('doubles from the base up to the cap, with jitter only on top of the floor', () => {
    const low = new RefusalFloor({ baseMs: 1000, maxMs: 8000, jitter: 0.5, random: () => 0 });
    expect([1, 2, 3, 4, 5, 9].map((n) => low.delayFor(n))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    const high = new RefusalFloor({ baseMs: 1000, maxMs: 8000, jitter: 0.5, random: () => 0.999 });
    expect(high.delayFor(1)).toBe(1500);
    expect(high.delayFor(9)).toBe(11_996);
  });

  it('holds every request for the floor after a refusal, lets one probe out per floor, and opens on an answer', async () => {
    const floor = new RefusalFloor({ baseMs: 100, jitter: 0 });
    const t0 = Date.now();
    await floor.wait();
    expect(Date.now() - t0).toBeLessThan(50);
    expect(floor.refused()).toBe(100);
    const passed: number[] = [];
    await Promise.all([0, 1].map(() => floor.wait().then(() => passed.push(Date.now() - t0))));
    passed.sort((a, b) => a - b);
    expect(passed[0]).toBeGreaterThanOrEqual(95);
    expect(passed[1]! - passed[0]!).toBeGreaterThanOrEqual(95); // the second waits a floor behind the probe
    floor.answered();
    const t1 = Date.now();
    await floor.wait();
    expect(Date.now() - t1).toBeLessThan(50);
    expect(floor.streak).toBe(0);
  });

  it('gives up waiting when the signal aborts', async () => {
    const floor = new RefusalFloor({ baseMs: 10_000 });
    floor.refused();
    await expect(floor.wait(AbortSignal.timeout(20))).rejects.toThrow();
  });
});
