import { afterEach, describe, expect, it } from 'vitest';
import { FakeReddit } from './fake-reddit.js';
import { apiGet, fetchToken, type ListingBody } from './test-support.js';

let fake: FakeReddit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function tokenRequest(f: FakeReddit, authorization: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${f.url}/api/v1/access_token`, { method: 'POST', headers: { Authorization: authorization }, body: new URLSearchParams(form) });
}

describe('fake Reddit: password grant', () => {
  it('issues a bearer token, answers invalid_grant with 200 for a wrong password and 401 for a wrong secret', async () => {
    fake = await FakeReddit.start();
    const form = { grant_type: 'password', username: 'heraldbot', password: 'fake-password' };
    const ok = await tokenRequest(fake, basic('fake-client-id', 'fake-client-secret'), form);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-used')).toBeNull();
    expect(await ok.json()).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600, scope: '*' });

    const wrongPassword = await tokenRequest(fake, basic('fake-client-id', 'fake-client-secret'), { ...form, password: 'nope' });
    expect(wrongPassword.status).toBe(200);
    expect(await wrongPassword.json()).toEqual({ error: 'invalid_grant' });
    expect((await tokenRequest(fake, basic('fake-client-id', 'wrong'), form)).status).toBe(401);
    expect((await tokenRequest(fake, basic('other-id', 'fake-client-secret'), form)).status).toBe(401);
    expect((await tokenRequest(fake, '', form)).status).toBe(401);
    expect(await (await tokenRequest(fake, basic('fake-client-id', 'fake-client-secret'), { grant_type: 'client_credentials' })).json()).toEqual({ error: 'unsupported_grant_type' });
    expect(fake.stats()).toMatchObject({ tokenRequests: 6, apiRequests: 0, byRoute: { 'POST /api/v1/access_token': 6 } });
  });

  it('answers 401 without rate-limit headers to a missing, revoked or expired token', async () => {
    let now = 1_700_000_000_000;
    fake = await FakeReddit.start({ now: () => now, users: [{ name: 'Alice' }], tokenTtlSeconds: 60 });
    expect((await fetch(`${fake.url}/user/Alice/about`)).status).toBe(401);
    const token = await fetchToken(fake);
    expect((await apiGet(fake, token, '/user/Alice/about')).status).toBe(200);
    now += 60_000;
    const expired = await apiGet(fake, token, '/user/Alice/about');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('x-ratelimit-remaining')).toBeNull();
    const fresh = await fetchToken(fake);
    expect(fake.revokeTokens()).toBe(1); // the expired one was revoked too, but was no longer live
    expect((await apiGet(fake, fresh, '/user/Alice/about')).status).toBe(401);
    expect(fake.stats()).toMatchObject({ unauthorized: 3, byStatus: { '200': 3, '401': 3 } });
  });
});

describe('fake Reddit: comment listing', () => {
  it('lists newest first with the fields snoowrap needs, matching the name case-insensitively', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice_B', comments: 3 }] });
    const token = await fetchToken(fake);
    const added = fake.addComment('alice_b', { body: 'fish & <chips>', score: -7, subreddit: 'food' });
    const res = await apiGet(fake, token, '/u/ALICE_B/comments?sort=new&limit=10&raw_json=1');
    expect(res.status).toBe(200);
    const listing = (await res.json()) as ListingBody;
    expect(listing.kind).toBe('Listing');
    expect(listing.data.after).toBeNull();
    expect(listing.data.children).toHaveLength(4);
    const [first, second] = listing.data.children;
    expect(first).toEqual({ kind: 't1', data: expect.objectContaining({ ...added, author: 'Alice_B', replies: '', body: 'fish & <chips>' }) });
    expect(first?.data.name).toBe(`t1_${first?.data.id}`);
    expect(first?.data.permalink).toBe(`/r/food/comments/${String(first?.data.link_id).slice(3)}/thread_${String(first?.data.link_id).slice(3)}/${first?.data.id}/`);
    expect(Number(second?.data.created_utc)).toBeLessThan(Number(first?.data.created_utc));

    const escaped = (await (await apiGet(fake, token, '/user/alice_b/comments?sort=new&limit=1')).json()) as ListingBody;
    expect(escaped.data.children[0]?.data.body).toBe('fish &amp; &lt;chips&gt;');
    expect(escaped.data.after).toBe(first?.data.name);
  });

  it('pages with after, caps limit at 100 and never lists past the 1,000 newest', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Prolific', comments: 1234 }] });
    const token = await fetchToken(fake);
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const listing = (await (await apiGet(fake, token, `/user/Prolific/comments?sort=new&limit=9007199254740991${after ? `&after=${after}` : ''}`)).json()) as ListingBody;
      pages += 1;
      expect(listing.data.children.length).toBeLessThanOrEqual(100);
      ids.push(...listing.data.children.map((c) => c.data.id));
      after = listing.data.after;
    } while (after !== null && pages < 20);
    expect(pages).toBe(10);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(ids[999]).toBe(fake.comments('Prolific', { limit: 100, after: `t1_${ids[899]}` }).children.at(-1)?.id);
    const beyond = (await (await apiGet(fake, token, `/user/Prolific/comments?after=t1_${ids[999]}`)).json()) as ListingBody;
    expect(beyond.data).toMatchObject({ after: null, children: [] });
  });

  it('keeps paging stable when a new comment arrives between pages', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Bob', comments: 30 }] });
    const token = await fetchToken(fake);
    const first = (await (await apiGet(fake, token, '/user/Bob/comments?limit=10')).json()) as ListingBody;
    fake.addComment('Bob');
    const second = (await (await apiGet(fake, token, `/user/Bob/comments?limit=10&after=${first.data.after}`)).json()) as ListingBody;
    expect(second.data.children[0]?.data.created_utc).toBeLessThan(first.data.children[9]?.data.created_utc ?? 0);
    expect(new Set([...first.data.children, ...second.data.children].map((c) => c.data.id)).size).toBe(20);
  });

  it('answers 403 for suspended and hidden profiles and 404 for deleted and unknown users', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Sus', suspended: true }, { name: 'Shy', commentsHidden: true }, { name: 'Gone', deleted: true }] });
    const token = await fetchToken(fake);
    const statuses = await Promise.all(['Sus', 'Shy', 'Gone', 'Nobody'].map(async (name) => (await apiGet(fake as FakeReddit, token, `/user/${name}/comments`)).status));
    expect(statuses).toEqual([403, 403, 404, 404]);
    const forbidden = await apiGet(fake, token, '/user/Sus/comments');
    expect(await forbidden.json()).toEqual({ message: 'Forbidden', error: 403 });
    expect(forbidden.headers.get('x-ratelimit-used')).toBe('5');
  });
});

describe('fake Reddit: /about', () => {
  it('answers the canonical name and creation date, is_suspended alone for suspended accounts, 404 for deleted ones', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'CamelCase', createdUtc: 1_300_000_000 }, { name: 'Shy', commentsHidden: true }] });
    const token = await fetchToken(fake);
    const about = async (name: string): Promise<{ status: number; body: unknown }> => {
      const res = await apiGet(fake as FakeReddit, token, `/user/${name}/about`);
      return { status: res.status, body: await res.json() };
    };
    const normal = await about('camelcase');
    expect(normal).toMatchObject({ status: 200, body: { kind: 't2', data: { name: 'CamelCase', created_utc: 1_300_000_000 } } });
    expect((normal.body as { data: object }).data).not.toHaveProperty('is_suspended');
    expect(await about('Shy')).toMatchObject({ status: 200, body: { data: { name: 'Shy' } } });
    fake.suspend('CAMELCASE');
    expect(await about('camelCase')).toEqual({ status: 200, body: { kind: 't2', data: { name: 'CamelCase', is_suspended: true } } });
    fake.unsuspend('camelcase');
    fake.deleteUser('camelcase');
    expect(await about('CamelCase')).toEqual({ status: 404, body: { message: 'Not Found', error: 404 } });
    fake.undeleteUser('camelcase');
    expect((await about('CamelCase')).status).toBe(200);
    expect(await about('u.n.known')).toMatchObject({ status: 404 });
    expect(fake.stats().byUser).toMatchObject({ camelcase: 4, shy: 1 });
  });
});
