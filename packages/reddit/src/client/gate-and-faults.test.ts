import { FakeReddit } from '@herald/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RedditNetworkError } from './errors.js';
import { clientFor, RecordingGate, rejectionOf } from './test-support.js';
import { RedditHttpError, type RedditApi } from './types.js';

let fake: FakeReddit | undefined;
let client: RedditApi | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
  fake = client = undefined;
});

const WINDOW_START = 28_333_333 * 60_000;

describe('SnoowrapRedditClient and the request gate', () => {
  it('hands every answer\'s X-Ratelimit-* headers and status to the gate, 429 included', async () => {
    const now = WINDOW_START + 15_500;
    fake = await FakeReddit.start({ now: () => now, budget: { requests: 2, windowMs: 60_000 }, users: [{ name: 'Alice' }] });
    const gate = new RecordingGate();
    client = clientFor(fake, gate, { now: () => 42 });
    await client.aboutUser('Alice');
    await client.userComments('Alice', { limit: 1 });
    const error = await rejectionOf(client.aboutUser('Alice'));
    expect(error).toMatchObject({ status: 429, path: '/user/Alice/about' });
    expect(gate.releases).toEqual([
      { status: 200, headers: { used: 1, remaining: 1, resetSeconds: 44, receivedAt: 42 } },
      { status: 200, headers: { used: 2, remaining: 0, resetSeconds: 44, receivedAt: 42 } },
      { status: 429, headers: { used: 2, remaining: 0, resetSeconds: 44, receivedAt: 42 } },
    ]);
    expect(fake.stats().tooManyRequests).toBe(1);
  });

  it('lets the gate, not snoowrap\'s limiter, decide at a window edge', async () => {
    let now = WINDOW_START; // remaining 0 with 59 s to go: snoowrap alone would refuse or wait 59 s
    fake = await FakeReddit.start({ now: () => now, budget: { requests: 1, windowMs: 60_000 }, users: [{ name: 'Alice' }] });
    const gate = new RecordingGate();
    client = clientFor(fake, gate);
    await client.aboutUser('Alice');
    expect(gate.releases[0]?.headers).toMatchObject({ remaining: 0, resetSeconds: 60 });
    await expect(client.aboutUser('Alice')).rejects.toMatchObject({ status: 429 }); // sent, and refused by "Reddit"
    now = WINDOW_START + 60_000;
    const started = performance.now();
    expect(await client.aboutUser('Alice')).toMatchObject({ kind: 'found' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fake.stats()).toMatchObject({ apiRequests: 3, tooManyRequests: 1 });
    expect(gate.acquired).toBe(3);
  });

  it('never retries by itself: a 502 reaches the caller once and is counted once by Reddit', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice', comments: 3 }] });
    const gate = new RecordingGate();
    client = clientFor(fake, gate);
    fake.failNext(1, { status: 502 });
    const error = await rejectionOf(client.userComments('Alice', { limit: 3 }));
    expect(error).toBeInstanceOf(RedditHttpError);
    expect(error).toMatchObject({ status: 502, path: '/user/Alice/comments' });
    expect(fake.stats()).toMatchObject({ apiRequests: 1, byStatus: { '502': 1 } });
    expect(gate.releases).toEqual([{ status: 502, headers: undefined }]);
    fake.failNext(1, { status: 503 });
    await expect(client.aboutUser('Alice')).rejects.toMatchObject({ status: 503 });
    expect(fake.stats().apiRequests).toBe(2);
  });

  it('releases with no headers when no answer came, and keeps secrets out of the error', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }] });
    const gate = new RecordingGate();
    client = clientFor(fake, gate);
    await client.aboutUser('Alice');
    fake.failNext(1, { reset: true });
    const error = await rejectionOf(client.aboutUser('Alice'));
    expect(error).toBeInstanceOf(RedditNetworkError);
    expect(error).toMatchObject({ path: '/user/Alice/about', code: 'ECONNRESET' });
    expect(gate.releases.at(-1)).toEqual({ headers: undefined, status: undefined });
    const dump = `${JSON.stringify(error)} ${(error as Error).message} ${String((error as Error).stack)}`;
    for (const secret of [fake.client.secret, fake.account.password, 'fake-reddit-token-1']) expect(dump).not.toContain(secret);
  });

  it('times out a slow answer after requestTimeoutMs, the login included', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }] });
    const gate = new RecordingGate();
    client = clientFor(fake, gate, { requestTimeoutMs: 100, retry: { times: 1, initialMs: 1, maxIntervalMs: 1 } });
    await client.aboutUser('Alice');
    fake.setLatency(1000);
    await expect(client.aboutUser('Alice')).rejects.toMatchObject({ name: 'RedditNetworkError', code: 'ESOCKETTIMEDOUT' });
    expect(gate.releases.at(-1)).toEqual({ headers: undefined, status: undefined });
    const slowLogin = clientFor(fake, gate, { requestTimeoutMs: 100, retry: { times: 1, initialMs: 1, maxIntervalMs: 1 } });
    await expect(slowLogin.aboutUser('Alice')).rejects.toMatchObject({ name: 'RedditNetworkError', path: '/api/v1/access_token' });
    await slowLogin.close();
  });

  it('close() stops a login retry loop and refuses later calls', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }] });
    fake.failNext(100, { scope: 'token', status: 503 });
    client = clientFor(fake, new RecordingGate(), { retry: { times: 10, initialMs: 60_000, maxIntervalMs: 60_000 } });
    const pending = rejectionOf(client.aboutUser('Alice'));
    await vi.waitFor(() => expect(fake?.stats().tokenRequests).toBe(1));
    await client.close();
    expect(await pending).toMatchObject({ message: 'the Reddit client is closed' });
    await expect(client.aboutUser('Alice')).rejects.toThrow('the Reddit client is closed');
    expect(fake.stats().tokenRequests).toBe(1);
  });
});
