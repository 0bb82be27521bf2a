import { DiscordAPIError, RateLimitError } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { classifyError, kindForStatus, scrub } from './classify.js';

describe('kindForStatus', () => {
  it('quarantines broken destinations, dead-letters bad requests, retries the rest', () => {
    expect([401, 403, 404].map(kindForStatus)).toEqual(['quarantine', 'quarantine', 'quarantine']);
    expect([400, 405, 413, 422].map(kindForStatus)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect([408, 429, 500, 502, 503, 504].map(kindForStatus)).toEqual(Array(6).fill('transient'));
  });
});

describe('classifyError', () => {
  const apiError = (status: number, code: number, message: string) =>
    new DiscordAPIError({ code, message }, code, status, 'POST', 'http://x/api/v10/webhooks/1/tok', { body: undefined, files: undefined });

  it('dead-letters a message Discord refuses, but quarantines a destination a 400 code blames', () => {
    expect(classifyError(apiError(400, 200000, 'Message was blocked by automatic moderation'))).toMatchObject({ kind: 'invalid', status: 400, code: 200000 });
    expect(classifyError(apiError(400, 50035, 'Invalid Form Body'))).toMatchObject({ kind: 'invalid' });
    expect(classifyError(apiError(413, 40005, 'Request entity too large'))).toMatchObject({ kind: 'invalid' });
    expect(classifyError(apiError(400, 220001, 'Webhooks posted to forum channels must have a thread_name or thread_id'))).toMatchObject({ kind: 'quarantine' });
    expect(classifyError(apiError(400, 50083, 'Thread is archived'))).toMatchObject({ kind: 'quarantine' });
  });

  it('a deleted message (404 Unknown Message) is about the message, never a quarantine; a deleted webhook is', () => {
    expect(classifyError(apiError(404, 10008, 'Unknown Message'))).toMatchObject({ kind: 'invalid', status: 404, code: 10008 });
    expect(classifyError(apiError(404, 10015, 'Unknown Webhook'))).toMatchObject({ kind: 'quarantine', code: 10015 });
  });

  it('treats a surfaced rate limit as transient', () => {
    const error = new RateLimitError({
      timeToReset: 1000, limit: 5, method: 'POST', hash: 'h', url: 'http://x/api/v10/webhooks/1/tok', route: '/webhooks/:id/:token',
      majorParameter: '1/tok', global: true, retryAfter: 1000, sublimitTimeout: 0, scope: 'global',
    });
    expect(classifyError(error)).toEqual({ ok: false, kind: 'transient', status: 429, error: 'Rate limited (global); retry after 1000 ms' });
  });

  it('keeps network causes and removes the token wherever it appears', () => {
    const token = 'sEcReT_tOkEn-123';
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ECONNREFUSED for ${token}`), { code: 'ECONNREFUSED' }) });
    const failure = classifyError(error, [token]);
    expect(failure).toMatchObject({ ok: false, kind: 'transient' });
    expect(failure.error).toBe('TypeError: fetch failed ← Error: connect ECONNREFUSED for ***');
    expect(scrub(`POST https://discord.com/api/webhooks/123/${token}?wait=true`)).toBe('POST https://discord.com/api/webhooks/123/***?wait=true');
  });
});
