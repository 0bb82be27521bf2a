import Snoowrap from 'snoowrap';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeReddit } from './fake-reddit.js';

let fake: FakeReddit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** dependency-notes §4 way A: snoowrap forces https://www|oauth.reddit.com, so point them at the fake. */
function localSnoowrap(f: FakeReddit, password = f.account.password): Snoowrap {
  class LocalSnoowrap extends Snoowrap {
    override rawRequest(options: Parameters<Snoowrap['rawRequest']>[0]): ReturnType<Snoowrap['rawRequest']> {
      const baseUrl = String((options as { baseUrl?: string }).baseUrl).replace(/^https:\/\/(www|oauth)\.reddit\.com/, f.url);
      return super.rawRequest({ ...options, baseUrl } as typeof options);
    }
  }
  const r = new LocalSnoowrap({ userAgent: 'test:herald-fake:v0 (by /u/HeraldBot)', clientId: f.client.id, clientSecret: f.client.secret, username: f.account.username, password });
  // Not retryErrorCodes: [] — snoowrap 1.23.0 then catches every error in its retry handler and
  // replaces errors without a response (invalid_grant, network) by a TypeError.
  r.config({ warnings: false, maxRetryAttempts: 1 });
  return r;
}

interface StatusError {
  statusCode?: number;
  message: string;
}

/** snoowrap's objects are typed as thenables of themselves (TS1062 when awaited): read them as plain data. */
function plain<T>(thenable: unknown): Promise<T> {
  return thenable as Promise<T>;
}

async function failure(call: () => Promise<unknown>): Promise<StatusError> {
  try {
    await call();
  } catch (error) {
    return error as StatusError;
  }
  throw new Error('expected a rejection');
}

describe('fake Reddit with the real snoowrap 1.23.0', () => {
  it('logs in, lists a user\'s comments and fetches every page up to the 1,000-item cap', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice', comments: 1500 }] });
    const r = localSnoowrap(fake);
    const page = await r.getUser('alice').getComments({ sort: 'new', limit: 25 });
    expect(page).toHaveLength(25);
    expect(page[0]?.author.name).toBe('Alice');
    expect(page[0]?.body).toBe(fake.comments('Alice', { limit: 1 }).children[0]?.body);
    const all = await page.fetchAll();
    expect(all).toHaveLength(1000);
    expect(all.isFinished).toBe(true);
    expect(fake.stats()).toMatchObject({ tokenRequests: 1, byRoute: { 'GET /user/:name/comments': 11 } });
  });

  it('reads /about of normal, suspended and deleted users as snoowrap sees them', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Normal', createdUtc: 1_200_000_000 }, { name: 'Sus', suspended: true }, { name: 'Gone', deleted: true }] });
    const r = localSnoowrap(fake);
    const normal = await plain<{ name: string; created_utc: number; is_suspended?: boolean }>(r.getUser('normal').fetch());
    expect({ name: normal.name, created: normal.created_utc, suspended: normal.is_suspended }).toEqual({ name: 'Normal', created: 1_200_000_000, suspended: undefined });
    const sus = await plain<{ name: string; is_suspended: boolean; created_utc?: number }>(r.getUser('sus').fetch());
    expect({ name: sus.name, is_suspended: sus.is_suspended, created: sus.created_utc }).toEqual({ name: 'Sus', is_suspended: true, created: undefined });
    expect((await failure(() => plain(r.getUser('gone').fetch()))).statusCode).toBe(404);
    expect((await failure(() => plain(r.getUser('sus').getComments({ limit: 5 })))).statusCode).toBe(403);
  });

  it('fails a wrong password with invalid_grant and answers 429 past the budget', async () => {
    fake = await FakeReddit.start({ users: [{ name: 'Alice' }], budget: { requests: 1, windowMs: 3_600_000 } });
    expect((await failure(() => plain(localSnoowrap(fake as FakeReddit, 'wrong').getUser('alice').fetch()))).message).toMatch(/Invalid grant/);
    const r = localSnoowrap(fake);
    await plain(r.getUser('alice').fetch());
    r.ratelimitRemaining = 1; // snoowrap would refuse on its own otherwise; the fake must be what answers
    expect((await failure(() => plain(r.getUser('alice').fetch()))).statusCode).toBe(429);
    expect(fake.stats().tooManyRequests).toBe(1);
  });
});
