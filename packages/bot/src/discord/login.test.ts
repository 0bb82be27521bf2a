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
    // A token in Discord's format (base64 bot id . timestamp . HMAC), and the ways a failed login could carry it:
    // in the message, in the request headers an HTTP error keeps, and in a request URL.
    const token = 'MTAwMDAwMDAwMDAwMDAwMDAy.GhJk3a.abcdefghijklmnopqrstuvwxyz0123456789AB';
    const failures = [
      new Error(`401: Unauthorized (token ${token})`),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { headers: { Authorization: `Bot ${token}` } }),
      Object.assign(new Error('GET /gateway/bot failed'), { request: { url: `https://discord.com/api/v10/gateway/bot?t=${token}` } }),
    ];
    let attempts = 0;
    const login = async () => {
      const failure = failures[attempts++];
      if (failure) throw failure;
    };
    const ok = await loginWithRetry(login, new AbortController().signal, logger, { initialDelayMs: 1, maxDelayMs: 2 });
    expect(ok).toBe(true);
    expect(attempts).toBe(4);
    const logged = entries();
    expect(logged.map((e) => e.msg)).toEqual([
      'Discord login failed; retrying',
      'Discord login failed; retrying',
      'Discord login failed; retrying',
      'logged in to Discord after retrying',
    ]);
    // Each failure is logged with its error (so the operator sees why), and no line holds the token or its secret part.
    expect(logged.slice(0, 3).map((e) => e.err)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('401: Unauthorized (token ') }),
      expect.objectContaining({ message: 'connect ECONNREFUSED 127.0.0.1:1', headers: { Authorization: expect.any(String) } }),
      expect.objectContaining({ message: 'GET /gateway/bot failed', request: { url: expect.stringContaining('/gateway/bot?t=') } }),
    ]);
    for (const line of logged.map((e) => JSON.stringify(e))) {
      expect(line).not.toContain(token);
      expect(line).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789AB');
    }
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
