/** The CLI's `useradd` on the fake Reddit through the real snoowrap client, against a real Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, FakeReddit, type TestDatabase } from '@herald/testkit';
import { clientFor, RecordingGate } from '../client/test-support.js';
import type { SnoowrapRedditClient } from '../client/snoowrap-client.js';
import { addUsers } from './useradd.js';

let fake: FakeReddit;
let client: SnoowrapRedditClient;
let database: TestDatabase;
let db: SqlPool;
beforeAll(async () => {
  fake = await FakeReddit.start({ users: [{ name: 'First_One' }, { name: 'Second' }, { name: 'Hidden_Guy' }, { name: 'Banned_Guy', suspended: true }] });
  client = clientFor(fake, new RecordingGate());
  database = await createTestDatabase('herald_reddit_useradd');
  db = createSqlPool({ url: database.url });
});
afterAll(async () => {
  await db.end();
  await database.drop();
  await client.close();
  await fake.close();
});

const stored = async () =>
  (await db.query<{ name: string; hidden: boolean; suspended: boolean; registered_by: string | null }>('SELECT name, hidden, suspended, registered_by FROM reddit_users ORDER BY name')).rows;

describe('addUsers (useradd)', () => {
  it("splits on spaces and commas, honours the hide prefix, and adds suspended accounts flagged (the seed's forced mode)", async () => {
    const results = await addUsers('first_one,u/second hide/hidden_guy,,banned_guy nobody bad.name FIRST_ONE', { db, aboutUser: (n) => client.aboutUser(n) });
    expect(results.map((r) => r.line)).toEqual([
      '✅ First_One: added',
      '✅ Second: added',
      '✅ Hidden_Guy: added (hidden)',
      '✅ Banned_Guy: added (suspended)',
      '❌ nobody: not found',
      '❌ bad.name: user name "bad.name" is an invalid Reddit user name',
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, false, false]);
    expect(await stored()).toEqual([
      { name: 'Banned_Guy', hidden: false, suspended: true, registered_by: null },
      { name: 'First_One', hidden: false, suspended: false, registered_by: null },
      { name: 'Hidden_Guy', hidden: true, suspended: false, registered_by: null },
      { name: 'Second', hidden: false, suspended: false, registered_by: null },
    ]);
  });

  it('says a stored user already exists, and refuses suspended accounts when not forced', async () => {
    await fake.addUser({ name: 'Also_Banned', suspended: true });
    const results = await addUsers('second also_banned', { db, aboutUser: (n) => client.aboutUser(n), forced: false });
    expect(results.map((r) => r.line)).toEqual(['❌ second: user "second" already exists', '❌ also_banned: user "Also_Banned" can\'t be added, forced mode not enabled']);
  });

  it('says when Reddit refuses the login itself (wrong credentials) rather than "could not be reached"', async () => {
    const refused = clientFor(fake, new RecordingGate(), { password: 'not-the-password' });
    try {
      const results = await addUsers('someone', { db, aboutUser: (n) => refused.aboutUser(n) });
      expect(results.map((r) => r.line)).toEqual(["❌ someone: Reddit refused Herald's login (check the reddit credentials: client id, secret, username, password)"]);
    } finally {
      await refused.close();
    }
  });

  it('resolves to no result for no names', async () => {
    expect(await addUsers(' , ', { db, aboutUser: (n) => client.aboutUser(n) })).toEqual([]);
  });
});
