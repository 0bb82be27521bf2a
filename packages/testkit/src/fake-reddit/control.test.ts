import { afterEach, describe, expect, it } from 'vitest';
import { FakeReddit } from './fake-reddit.js';
import { apiGet, fetchToken, rateHeaders, type ListingBody } from './test-support.js';

let fake: FakeReddit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${fake?.url}/_fake${path}`, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('fake Reddit control API over HTTP', () => {
  it('adds users and comments, changes scores and states', async () => {
    fake = await FakeReddit.start({ now: () => 1_700_000_000_000 });
    const token = await fetchToken(fake);
    expect(await control('POST', '/users', { name: 'Dora', createdUtc: 1_400_000_000, comments: { count: 3, intervalSeconds: 60, subreddits: ['x'] } }))
      .toEqual({ status: 200, body: { name: 'Dora', createdUtc: 1_400_000_000, suspended: false, deleted: false, commentsHidden: false, commentCount: 3 } });
    const added = await control('POST', '/users/dora/comments', { body: 'hello', score: 5 });
    expect(added.body).toMatchObject({ author: 'Dora', body: 'hello', score: 5, created_utc: 1_700_000_001 }); // one second after the newest generated one
    expect(await control('POST', `/comments/${String(added.body.name)}`, { score: -1500 })).toMatchObject({ status: 200, body: { id: added.body.id, score: -1500 } });
    const listing = (await (await apiGet(fake, token, '/user/dora/comments?limit=2')).json()) as ListingBody;
    expect(listing.data.children.map((c) => [c.data.body, c.data.score])).toEqual([['hello', -1500], [expect.stringContaining('Comment 3 by Dora in r/x'), expect.any(Number)]]);
    expect((await control('GET', '/users/Dora/comments?limit=1')).body).toMatchObject({ children: [{ id: added.body.id }], after: added.body.name });

    expect((await control('POST', '/users/Dora', { suspended: true })).body).toMatchObject({ suspended: true });
    expect((await apiGet(fake, token, '/user/Dora/comments')).status).toBe(403);
    expect((await control('POST', '/users/Dora', { suspended: false, commentsHidden: true })).body).toMatchObject({ suspended: false, commentsHidden: true });
    expect((await control('POST', '/users/Dora', { commentsHidden: false, deleted: true })).body).toMatchObject({ deleted: true });
    expect((await apiGet(fake, token, '/user/Dora/about')).status).toBe(404);
    expect((await control('GET', '/users')).body).toMatchObject([{ name: 'Dora', deleted: true }]);
  });

  it('sets faults, latency, budget and the clock, revokes tokens and reports stats', async () => {
    fake = await FakeReddit.start({ now: () => 1_700_000_000_000, users: [{ name: 'Eve' }] });
    let token = await fetchToken(fake);
    expect((await control('POST', '/faults', { count: 1, status: 504 })).status).toBe(200);
    expect((await apiGet(fake, token, '/user/Eve/about')).status).toBe(504);
    await control('POST', '/faults', { fraction: 1, scope: 'all' });
    expect((await apiGet(fake, token, '/user/Eve/about')).status).toBe(503);
    await control('POST', '/faults/clear');
    expect((await control('POST', '/budget', { requests: 1, windowMs: 10_000 })).body).toEqual({ requests: 1, windowMs: 10_000 });
    expect((await control('GET', '/budget')).body).toEqual({ requests: 1, windowMs: 10_000 });
    expect((await apiGet(fake, token, '/user/Eve/about')).status).toBe(200);
    expect((await apiGet(fake, token, '/user/Eve/about')).status).toBe(429);
    expect(await control('POST', '/clock', { advanceMs: 10_000 })).toEqual({ status: 200, body: { now: 1_700_000_010_000 } });
    expect(rateHeaders(await apiGet(fake, token, '/user/Eve/about'))).toMatchObject({ used: '1', reset: '10' });
    expect((await control('POST', '/latency', { ms: 0 })).status).toBe(200);
    expect(await control('POST', '/tokens/revoke')).toEqual({ status: 200, body: { revoked: 1 } });
    expect((await apiGet(fake, token, '/user/Eve/about')).status).toBe(401);
    token = await fetchToken(fake);
    const stats = (await control('GET', '/stats')).body;
    expect(stats).toMatchObject({ requests: 8, apiRequests: 6, tokenRequests: 2, tooManyRequests: 1, unauthorized: 1, injectedFaults: 2, byUser: { eve: 6 } });
    await control('POST', '/stats/reset');
    expect((await control('GET', '/stats')).body).toMatchObject({ requests: 0, windows: [] });
  });

  it('answers 400 or 404 with a message to bad control requests', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Eve' }] });
    expect(await control('POST', '/users', { name: 'eve' })).toEqual({ status: 400, body: { error: 'user "eve" already exists' } });
    expect(await control('POST', '/users', { name: 'no spaces' })).toMatchObject({ status: 400 });
    expect(await control('POST', '/users', { name: 'X', comments: 'lots' })).toMatchObject({ status: 400, body: { error: 'comments must be a number or an object' } });
    expect(await control('GET', '/users/nobody')).toEqual({ status: 404, body: { error: 'no user named "nobody"' } });
    expect(await control('POST', '/comments/zzzzzzz', { score: 1 })).toMatchObject({ status: 404 });
    expect(await control('POST', '/faults', { count: 1, status: 404 })).toEqual({ status: 400, body: { error: 'fault.status must be a 5xx status' } });
    expect(await control('POST', '/budget', { requests: 1 })).toEqual({ status: 400, body: { error: 'windowMs must be a number' } });
    expect(await control('POST', '/nothing')).toEqual({ status: 404, body: { error: 'no control route POST /nothing' } });
  });
});
