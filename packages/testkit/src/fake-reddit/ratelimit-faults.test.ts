import { afterEach, describe, expect, it } from 'vitest';
import { FakeReddit } from './fake-reddit.js';
import { apiGet, fetchToken, rateHeaders } from './test-support.js';

let fake: FakeReddit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const WINDOW_START = 28_333_333 * 60_000; // a multiple of 60 s

describe('fake Reddit: request budget', () => {
  it('counts per fixed window with Reddit-style headers, refuses with 429 past the budget and resets at the window edge', async () => {
    let now = WINDOW_START + 12_345;
    fake = await FakeReddit.start({ now: () => now, budget: { requests: 3, windowMs: 60_000 }, users: [{ name: 'Alice' }] });
    const token = await fetchToken(fake);
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const res = await apiGet(fake, token, '/user/Alice/about');
      seen.push({ status: res.status, ...rateHeaders(res) });
    }
    expect(seen).toEqual([
      { status: 200, used: '1', remaining: '2.0', reset: '47' },
      { status: 200, used: '2', remaining: '1.0', reset: '47' },
      { status: 200, used: '3', remaining: '0.0', reset: '47' },
      { status: 429, used: '3', remaining: '0.0', reset: '47' },
    ]);
    now = WINDOW_START + 60_000 - 1_500; // reset is rounded down: 1.5 s → 1
    expect(rateHeaders(await apiGet(fake, token, '/user/Alice/about'))).toMatchObject({ remaining: '0.0', reset: '1' });
    now = WINDOW_START + 60_000;
    const next = await apiGet(fake, token, '/user/Alice/about');
    expect({ status: next.status, ...rateHeaders(next) }).toEqual({ status: 200, used: '1', remaining: '2.0', reset: '60' });
    expect(fake.stats()).toMatchObject({
      tooManyRequests: 2,
      apiRequests: 6,
      windows: [
        { clientId: 'fake-client-id', window: 28_333_333, startMs: WINDOW_START, served: 3, refused: 2 },
        { clientId: 'fake-client-id', window: 28_333_334, startMs: WINDOW_START + 60_000, served: 1, refused: 0 },
      ],
    });
  });

  it('keeps one budget per OAuth client id, and the budget can change while running', async () => {
    const clients = [{ id: 'one', secret: 's1' }, { id: 'two', secret: 's2' }];
    fake = await FakeReddit.start({ clients, budget: { requests: 1, windowMs: 3_600_000 }, now: () => WINDOW_START, users: [{ name: 'Alice' }] });
    const [one, two] = [await fetchToken(fake, clients[0]), await fetchToken(fake, clients[1])];
    expect((await apiGet(fake, one, '/user/Alice/about')).status).toBe(200);
    expect((await apiGet(fake, two, '/user/Alice/about')).status).toBe(200);
    expect((await apiGet(fake, one, '/user/Alice/about')).status).toBe(429);
    fake.setBudget({ requests: 5, windowMs: 3_600_000 });
    expect(rateHeaders(await apiGet(fake, one, '/user/Alice/about'))).toMatchObject({ used: '2', remaining: '3.0' });
  });
});

describe('fake Reddit: faults and latency', () => {
  it('answers injected 5xx (HTML, no rate headers, not budgeted) for the next N API requests', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }] });
    const token = await fetchToken(fake);
    fake.failNext(2, { status: 502 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await apiGet(fake, token, '/user/Alice/about'));
    expect(statuses.map((r) => r.status)).toEqual([502, 502, 200]);
    expect(statuses[0]?.headers.get('content-type')).toContain('text/html');
    expect(rateHeaders(statuses[0] as Response).used).toBeNull();
    expect(rateHeaders(statuses[2] as Response).used).toBe('1');
    expect(fake.stats()).toMatchObject({ injectedFaults: 2, byStatus: { '502': 2, '200': 2 } });
  });

  it('can fail the token endpoint, drop connections and fail a seeded fraction reproducibly', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }] });
    fake.failNext(1, { scope: 'token', status: 500 });
    await expect(fetchToken(fake)).rejects.toThrow(); // the HTML page is not JSON
    const token = await fetchToken(fake);
    fake.failNext(1, { reset: true });
    await expect(apiGet(fake, token, '/user/Alice/about')).rejects.toThrow(/fetch failed/);
    expect(fake.stats().byStatus).toMatchObject({ dropped: 1 });

    const pattern = async (): Promise<number[]> => {
      (fake as FakeReddit).failRate(0.5, { status: 503 }, 42);
      const out = [];
      for (let i = 0; i < 12; i++) out.push((await apiGet(fake as FakeReddit, token, '/user/Alice/about')).status);
      return out;
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
    fake.clearFaults();
    expect((await apiGet(fake, token, '/user/Alice/about')).status).toBe(200);
  });

  it('delays answers by the injected latency', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }] });
    const token = await fetchToken(fake);
    fake.setLatency(150);
    const started = performance.now();
    expect((await apiGet(fake, token, '/user/Alice/about')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });
});

describe('fake Reddit: scale and determinism', () => {
  it('holds 500 users × 1,000 comments cheaply, generated identically from the same seed', async () => {
    const users = Array.from({ length: 500 }, (_, i) => ({ name: `user_${i}`, comments: 1000 }));
    const started = performance.now();
    fake = await FakeReddit.start({ seed: 7, users });
    expect(performance.now() - started).toBeLessThan(1000);
    const again = await FakeReddit.start({ seed: 7, users });
    try {
      const last = fake.comments('user_499', { limit: 100 });
      expect(last.children).toHaveLength(100);
      expect(again.comments('user_499', { limit: 100 })).toEqual(last);
      const scores = new Set(fake.comments('user_3', { limit: 100 }).children.map((c) => Math.sign(c.score)));
      expect(scores).toEqual(new Set([1, -1]));
      const ids = new Set(users.slice(0, 50).flatMap((u) => fake?.comments(u.name, { limit: 100 }).children.map((c) => c.id)));
      expect(ids.size).toBe(5000);
      const comment = fake.setScore(`t1_${last.children[3]?.id}`, -2500);
      expect(fake.comments('user_499', { limit: 4 }).children[3]).toEqual(comment);
    } finally {
      await again.close();
    }
  });
});
