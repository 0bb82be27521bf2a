import { describe, expect, it } from 'vitest';
import { captureLogger } from '../test-support.js';
import { backoffDelay, loginWithRetry } from './login.js';

describe('login backoff', () => {
  it('doubles from 1 s to a 60 s cap, with ±25% jitter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => backoffDelay(attempt, { random: middle }))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
    expect(backoffDelay(1, { random: () => 0 })).toBe(750);
    expect(backoffDelay(1, { random: () => 0.999999 })).toBe(1250);
    expect(backoffDelay(7, { random: () => 0.999999 })).toBe(60000);
  });

  it('retries until the login succeeds, logging each failure without the token', async () => {
    const { logger, entries } = captureLogger();
    let attempts = 0;
    const login = async () => {
      attempts++;
      if (attempts < 3) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    };
    const ok = await loginWithRetry(login, new AbortController().signal, logger, { initialDelayMs: 1, maxDelayMs: 2 });
    expect(ok).toBe(true);
    expect(attempts).toBe(3);
    expect(entries().map((e) => e.msg)).toEqual(['Discord login failed; retrying', 'Discord login failed; retrying', 'logged in to Discord after retrying']);
  });

  it('stops retrying when aborted', async () => {
    const { logger } = captureLogger();
    const stop = new AbortController();
    let attempts = 0;
    const login = async () => {
      attempts++;
      stop.abort();
      throw new Error('refused');
    };
    await expect(loginWithRetry(login, stop.signal, logger, { initialDelayMs: 60_000 })).resolves.toBe(false);
    expect(attempts).toBe(1);
  });
});
