import { captureLogs } from '@herald/logging/testing';
import { describe, expect, it } from 'vitest';
import { createPollGuard } from './poll-guard.js';

describe('createPollGuard', () => {
  it('backs off a failing poll (doubling up to the maximum), logs the outage once, notes every attempt, and recovers', async () => {
    const { lines, logger } = captureLogs('t');
    let clock = 0;
    let down = true;
    let polls = 0;
    const notes: Array<{ error?: string }> = [];
    const guard = createPollGuard({
      poll: async () => {
        polls++;
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:3306');
        return 'ok';
      },
      logger,
      whatFailed: () => 'Servatrice database',
      backoff: { initialMs: 1000, maxMs: 4000 },
      note: async (o) => void notes.push(o),
      now: () => clock,
    });
    // A scheduled job every second for 20 s of outage: attempts at 0, 1, 3, 7, 11, 15, 19 s.
    const attempts: number[] = [];
    for (clock = 0; clock < 20_000; clock += 1000) {
      const before = polls;
      const result = await guard.run();
      if (polls > before) attempts.push(clock / 1000);
      expect(result.status).not.toBe('ok');
    }
    expect(attempts).toEqual([0, 1, 3, 7, 11, 15, 19]);
    expect(notes).toHaveLength(7);
    expect(notes.every((n) => n.error?.includes('ECONNREFUSED'))).toBe(true);
    down = false;
    clock = 23_000;
    expect(await guard.run()).toEqual({ status: 'ok', result: 'ok' });
    expect(notes.at(-1)).not.toHaveProperty('error');
    expect(guard.failures).toBe(0);
    expect(lines.map((l) => l.msg)).toEqual(['Servatrice database unavailable; retrying until it is back', 'Servatrice database is back']);
  });

  it('never runs two polls at once and survives a failing note', async () => {
    const { logger } = captureLogs('t');
    let release: () => void = () => undefined;
    const guard = createPollGuard({
      poll: () => new Promise<void>((resolve) => (release = resolve)),
      logger,
      whatFailed: () => 'x',
      note: async () => {
        throw new Error('Postgres down too');
      },
    });
    const first = guard.run();
    expect(await guard.run()).toEqual({ status: 'skipped', reason: 'in-flight', retryInMs: 0 });
    release();
    expect(await first).toEqual({ status: 'ok', result: undefined });
  });
});
