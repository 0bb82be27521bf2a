/** `register` looking users up on the fake Reddit through the real snoowrap client, against a real Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeReddit } from '@herald/testkit';
import { clientFor, RecordingGate } from '../client/test-support.js';
import type { SnoowrapRedditClient } from '../client/snoowrap-client.js';
import { ALICE, contentOf, embedOf, fieldsOf, MODERATOR, NOW, startHarness, storedUser, type Harness } from './test-support.js';

const CREATED_UTC = 1_262_304_000; // 2010-01-01

let fake: FakeReddit;
let client: SnoowrapRedditClient;
let h: Harness;
beforeAll(async () => {
  fake = await FakeReddit.start({
    users: [
      { name: 'Spez_Fan', createdUtc: CREATED_UTC },
      { name: 'Quiet_One' },
      { name: 'Banned_Guy', suspended: true },
      { name: 'Gone_Away', deleted: true },
      { name: 'Comes_Back' },
      { name: 'Flaky' },
    ],
  });
  client = clientFor(fake, new RecordingGate());
  h = await startHarness({ reddit: client });
});
afterAll(async () => {
  await h.close();
  await client.close();
  await fake.close();
});

const aboutRequests = () => fake.stats().byRoute['GET /user/:name/about'] ?? 0;

describe('register, looking users up on Reddit', () => {
  it("stores Reddit's canonical case, creation date and who registered, hidden with the hide prefix", async () => {
    const embed = embedOf(await h.prefix('!register spez_fan hide/u/QUIET_ONE', ALICE));
    expect(embed).toMatchObject({ title: 'Register', description: `request from <@${ALICE}>` });
    expect(fieldsOf(embed)).toEqual([
      ['spez\\_fan', '✅'],
      ['hide/u/QUIET\\_ONE', '✅'],
    ]);
    expect(await storedUser(h.db, 'spez_fan')).toMatchObject({
      name: 'Spez_Fan',
      hidden: false,
      suspended: false,
      registered_by: ALICE,
      created_at: new Date(CREATED_UTC * 1000),
      added_at: NOW,
    });
    expect(await storedUser(h.db, 'quiet_one')).toMatchObject({ name: 'Quiet_One', hidden: true, registered_by: ALICE });
  });

  it('says an account already registered exists, in any case, without asking Reddit again', async () => {
    const before = aboutRequests();
    expect(fieldsOf(embedOf(await h.slash('register', { names: 'SPEZ_FAN' })))).toEqual([['SPEZ\\_FAN', '❌ user "SPEZ\\_FAN" already exists']]);
    expect(aboutRequests()).toBe(before);
  });

  it('answers not found for an unknown or deleted account, and refuses a suspended one (forced mode is the CLI only)', async () => {
    const embed = embedOf(await h.prefix('!register nobody_at_all /u/gone_away banned_guy'));
    expect(fieldsOf(embed)).toEqual([
      ['nobody\\_at\\_all', '❌ not found'],
      ['gone\\_away', '❌ not found'],
      ['banned\\_guy', '❌ user "Banned\\_Guy" can\'t be added, forced mode not enabled'],
    ]);
    for (const name of ['nobody_at_all', 'Gone_Away', 'Banned_Guy']) expect(await storedUser(h.db, name)).toBeUndefined();
  });

  it('makes no request for names Reddit would refuse, and asks only once for a name typed twice', async () => {
    const before = aboutRequests();
    const embed = embedOf(await h.prefix('!register bad.name  Comes_Back u/comes_back this_is_longer_than_20'));
    expect(fieldsOf(embed)).toEqual([
      ['bad.name', '❌ user name "bad.name" is an invalid Reddit user name'],
      ['Comes\\_Back', '✅'],
      ['this\\_is\\_longer\\_than\\_20', '❌ user name "this\\_is\\_longer\\_than\\_20" is an invalid Reddit user name'],
    ]);
    expect(aboutRequests()).toBe(before + 1);
  });

  it('points a user unregistered before to reregister (no unique-constraint error), and reregister brings it back', async () => {
    expect(fieldsOf(embedOf(await h.prefix('!unregister Comes_Back', MODERATOR)))).toEqual([['Comes\\_Back', '✅']]);
    expect(fieldsOf(embedOf(await h.prefix('!register comes_back')))).toEqual([
      ['comes\\_back', '❌ user "Comes\\_Back" was unregistered: use reregister to track it again'],
    ]);
    expect(fieldsOf(embedOf(await h.prefix('!reregister comes_back', MODERATOR)))).toEqual([['comes\\_back', '✅']]);
    expect(embedOf(await h.prefix('!info comes_back')).title).toBe('Information about /u/Comes\\_Back');
  });

  it('says why when Reddit fails (an error status, no answer), registers nothing, and works once Reddit answers again', async () => {
    fake.failNext(1, { status: 503 });
    expect(fieldsOf(embedOf(await h.prefix('!register flaky')))).toEqual([['flaky', '❌ bad response status when looking up flaky: 503']]);
    fake.failNext(1, { reset: true });
    expect(fieldsOf(embedOf(await h.prefix('!register flaky')))).toEqual([['flaky', '❌ Reddit could not be reached to look up "flaky"; try again later']]);
    expect(await storedUser(h.db, 'Flaky')).toBeUndefined();
    expect(fieldsOf(embedOf(await h.prefix('!register flaky')))).toEqual([['flaky', '✅']]);
  });

  it('shows who registered a user in info', async () => {
    const embed = embedOf(await h.slash('info', { name: 'Spez_Fan' }));
    expect(fieldsOf(embed)).toContainEqual(['Registered by', `<@${ALICE}>`]);
    expect(fieldsOf(embed)).toContainEqual(['Created', `<t:${CREATED_UTC}:F>`]);
  });

  it('refuses 26 names before asking Reddit anything', async () => {
    const before = aboutRequests();
    const names = Array.from({ length: 26 }, (_, i) => `someone_${i}`).join(' ');
    expect(contentOf(await h.slash('register', { names }))).toMatch(/^At most 25 names at a time/);
    expect(aboutRequests()).toBe(before);
  });
});
