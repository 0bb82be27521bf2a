import { GoTemplateError } from '@herald/config';
import { FakeReddit } from '@herald/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidRedditNameError } from './names.js';
import { clientFor, RecordingGate, rejectionOf } from './test-support.js';
import { RedditHttpError, RedditLoginError, type RedditApi } from './types.js';

let fake: FakeReddit | undefined;
let client: RedditApi | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
  fake = client = undefined;
});

async function start(options: Parameters<typeof FakeReddit.start>[0] = {}): Promise<{ f: FakeReddit; gate: RecordingGate; c: RedditApi }> {
  fake = await FakeReddit.start(options);
  const gate = new RecordingGate();
  client = clientFor(fake, gate);
  return { f: fake, gate, c: client };
}

describe('SnoowrapRedditClient: comments', () => {
  it('logs in once and maps a page of the listing, with the rendered User-Agent', async () => {
    const { f, c } = await start({ users: [{ name: 'Alice_B', comments: 3 }] });
    const newest = f.addComment('Alice_B', { body: 'fish & <chips>', score: -12, subreddit: 'food', createdUtc: 1_800_000_000 });
    const page = await c.userComments('alice_b', { limit: 2 });
    expect(page.comments[0]).toEqual({
      id: newest.id, author: 'Alice_B', score: -12, permalink: newest.permalink, subreddit: 'food', createdUtc: 1_800_000_000, body: 'fish & <chips>',
    });
    expect(page.comments).toHaveLength(2);
    expect(page.after).toBe(`t1_${page.comments[1]?.id}`);
    const rest = await c.userComments('alice_b', { limit: 100, after: page.after ?? '' });
    expect(rest.comments.map((x) => x.id)).toEqual(f.comments('Alice_B', { after: page.after ?? '', limit: 100 }).children.map((x) => x.id));
    expect(rest.after).toBeNull();
    expect(f.stats()).toMatchObject({ tokenRequests: 1, apiRequests: 2, byUserAgent: { 'linux:herald-test:v9.9.9 (by /u/HeraldBot)': 3 } });
  });

  it('pages until Reddit\'s 1,000-item cap ends the listing, every request through the gate', async () => {
    const { f, gate, c } = await start({ users: [{ name: 'Prolific', comments: 1500 }] });
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<RedditApi['userComments']>> = await c.userComments('Prolific', { limit: 100, ...(after !== null && { after }) });
      ids.push(...page.comments.map((x) => x.id));
      after = page.after;
    } while (after !== null && ids.length < 2000);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(gate.acquired).toBe(10);
    expect(gate.releases).toHaveLength(10);
    expect(f.stats().apiRequests).toBe(10);
  });

  it('rejects a listing answered 403 (suspended, hidden) or 404 (deleted) with RedditHttpError', async () => {
    const { c } = await start({ users: [{ name: 'Sus', suspended: true }, { name: 'Shy', commentsHidden: true }, { name: 'Gone', deleted: true }] });
    const statuses = [];
    for (const name of ['Sus', 'Shy', 'Gone', 'Nobody']) {
      const error = await rejectionOf(c.userComments(name, { limit: 5 }));
      expect(error).toBeInstanceOf(RedditHttpError);
      statuses.push([(error as RedditHttpError).status, (error as RedditHttpError).path]);
    }
    expect(statuses).toEqual([[403, '/user/Sus/comments'], [403, '/user/Shy/comments'], [404, '/user/Gone/comments'], [404, '/user/Nobody/comments']]);
  });

  it('rejects invalid names and limits before any request', async () => {
    const { f, gate, c } = await start();
    const error = await rejectionOf(c.userComments('not a name', { limit: 5 }));
    expect(error).toBeInstanceOf(InvalidRedditNameError);
    expect((error as Error).message).toBe('user name "not a name" is an invalid Reddit user name');
    await expect(c.aboutUser('a'.repeat(21))).rejects.toBeInstanceOf(InvalidRedditNameError);
    await expect(c.aboutUser('')).rejects.toBeInstanceOf(InvalidRedditNameError);
    await expect(c.userComments('ok', { limit: 101 })).rejects.toBeInstanceOf(RangeError);
    expect(gate.acquired).toBe(0);
    expect(f.stats().requests).toBe(0);
  });
});

describe('SnoowrapRedditClient: /about', () => {
  it('tells normal, suspended, deleted and unknown users apart', async () => {
    const { c } = await start({ users: [{ name: 'CamelCase', createdUtc: 1_234_567_890 }, { name: 'Sus', suspended: true }, { name: 'Gone', deleted: true }, { name: 'Shy', commentsHidden: true }] });
    expect(await c.aboutUser('camelcase')).toEqual({ kind: 'found', name: 'CamelCase', createdUtc: 1_234_567_890, suspended: false });
    expect(await c.aboutUser('SUS')).toEqual({ kind: 'found', name: 'Sus', suspended: true });
    expect(await c.aboutUser('Shy')).toMatchObject({ kind: 'found', name: 'Shy', suspended: false });
    expect(await c.aboutUser('gone')).toEqual({ kind: 'not-found' });
    expect(await c.aboutUser('nobody')).toEqual({ kind: 'not-found' });
  });
});

describe('SnoowrapRedditClient: login', () => {
  it('fails with RedditLoginError, once, for a wrong password or a wrong client secret', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }] });
    const gate = new RecordingGate();
    const wrongPassword = clientFor(fake, gate, { password: 'wrong' });
    const error = await rejectionOf(wrongPassword.aboutUser('Alice'));
    expect(error).toBeInstanceOf(RedditLoginError);
    expect((error as Error).message).toMatch(/invalid_grant/);
    const wrongSecret = clientFor(fake, gate, { clientSecret: 'wrong' });
    await expect(wrongSecret.userComments('Alice', { limit: 1 })).rejects.toThrow(/client id or secret \(HTTP 401/);
    expect(fake.stats()).toMatchObject({ tokenRequests: 2, apiRequests: 0 });
    expect(gate.acquired).toBe(0);
    await Promise.all([wrongPassword.close(), wrongSecret.close()]);
  });

  it('logs in again after a 401 and retries the request once, through the gate', async () => {
    const { f, gate, c } = await start({ users: [{ name: 'Alice' }] });
    await c.aboutUser('Alice');
    expect(f.revokeTokens()).toBe(1);
    expect(await c.aboutUser('Alice')).toMatchObject({ kind: 'found' });
    expect(f.stats()).toMatchObject({ tokenRequests: 2, unauthorized: 1, apiRequests: 3 });
    expect(gate.releases.map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('sends the token request and API requests to apiBase (a trailing slash is fine)', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }] });
    client = clientFor(fake, new RecordingGate(), { apiBase: `${fake.url}/` });
    expect(await client.aboutUser('alice')).toMatchObject({ kind: 'found', name: 'Alice' });
    expect(fake.stats().byRoute).toEqual({ 'POST /api/v1/access_token': 1, 'GET /user/:name/about': 1 });
    expect(() => clientFor(fake as FakeReddit, new RecordingGate(), { userAgent: { template: '{{.Host}}:bot', version: '1' } })).toThrow(GoTemplateError);
  });

  it('shares one login between concurrent calls', async () => {
    const { f, c } = await start({ users: [{ name: 'Alice', comments: 5 }] });
    await Promise.all(Array.from({ length: 5 }, () => c.userComments('Alice', { limit: 5 })));
    expect(f.stats()).toMatchObject({ tokenRequests: 1, apiRequests: 5 });
  });

  it('retries a failing token endpoint retry.times times, then gives up with the last error', async () => {
    const { f, c } = await start({ users: [{ name: 'Alice' }] });
    f.failNext(2, { scope: 'token', status: 503 });
    expect(await c.aboutUser('Alice')).toMatchObject({ kind: 'found' });
    expect(f.stats().tokenRequests).toBe(3);
    f.revokeTokens();
    f.failNext(3, { scope: 'token', status: 500 });
    const error = await rejectionOf(c.aboutUser('Alice'));
    expect(error).toBeInstanceOf(RedditHttpError);
    expect(error).toMatchObject({ status: 500, path: '/api/v1/access_token' });
    expect(f.stats().tokenRequests).toBe(6);
  });
});
