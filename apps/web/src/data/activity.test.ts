import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';
import { createActivityReader } from './activity.js';

const HourMs = 3_600_000;

describe('activity counts for the charts', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  let n = 0;
  const record = (at: number) =>
    env.sql.query(`INSERT INTO events (fingerprint, type, source_key, subject, payload, created_at) VALUES ($1, 't', 's', 'x', '{}', $2)`, [`a.${n++}`, new Date(at)]);

  it('counts a finished hour once, the running hour on every read, and reuses one reading for two seconds', async () => {
    const now = Date.now();
    const hour = Math.floor(now / HourMs) * HourMs;
    const read = createActivityReader(env.sql);
    const hourOf = (activity: Awaited<ReturnType<typeof read>>, start: number) => activity.hours.find((h) => h.start.getTime() === start)!;
    await record(hour - 3 * HourMs + 1000);
    const first = await read(new Date(now));
    expect(first.hours).toHaveLength(24);
    expect(first.days).toHaveLength(30);
    expect(hourOf(first, hour - 3 * HourMs).events).toBe(1);
    expect(hourOf(first, hour).events).toBe(0);
    // Within two seconds the same reading serves every request.
    expect(await read(new Date(now + 1000))).toBe(first);

    await record(hour - 3 * HourMs + 2000); // late into a finished hour: not counted again within the hour
    await record(Math.max(hour, now - 1000)); // into the running hour: counted at the next reading
    const later = await read(new Date(now + 2500));
    expect(later).not.toBe(first);
    expect(hourOf(later, hour - 3 * HourMs).events).toBe(1);
    expect(hourOf(later, hour).events).toBe(1);
    // Today is the sum of its hours so far.
    const today = later.days.at(-1)!;
    expect(today.events).toBe(later.hours.filter((h) => h.start >= today.start).reduce((s, h) => s + h.events, 0));

    // A fresh reader (another app, or after the cache expired) counts the finished hour again.
    expect(hourOf(await createActivityReader(env.sql)(new Date(now + 2500)), hour - 3 * HourMs).events).toBe(2);
  });
});
