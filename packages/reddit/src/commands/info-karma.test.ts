/** `info` and `karma` on stored data (no Reddit request), against a real Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, contentOf, embedOf, fieldsOf, NOW, startHarness, storeComments, storeUser, type Harness } from './test-support.js';
import { NOT_FULLY_SCANNED } from './karma.js';

const CREATED = new Date('2015-06-01T08:30:00Z');
const SCANNED = new Date('2026-12-02T11:59:00Z');
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ reddit: undefined });
  await storeUser(h.db, { name: 'Down_Voted', createdAt: CREATED, lastScanAt: SCANNED, registeredBy: ALICE, isNew: false, hidden: true });
  await storeUser(h.db, { name: 'Fresh' });
  await storeUser(h.db, { name: 'Dropped', unregistered: true });
  await storeUser(h.db, { name: 'Banned', suspended: true, notFound: true, inactive: true });
  await storeComments(h.db, 'Down_Voted', [10, 0, -3, -1200, 5]);
});
afterAll(() => h.close());

describe('info', () => {
  it("shows the seed's fields, dates as Discord timestamps, last scan and who registered", async () => {
    const embed = embedOf(await h.prefix('!info /u/down_voted'));
    expect(embed.title).toBe('Information about /u/Down\\_Voted');
    expect(fieldsOf(embed)).toEqual([
      ['Created', `<t:${unix(CREATED)}:F>`],
      ['Added', `<t:${unix(NOW)}:F>`],
      ['Hidden', 'true'],
      ['Suspended', 'false'],
      ['Deleted', 'false'],
      ['Active', 'true'],
      ['Last scan', `<t:${unix(SCANNED)}:F>`],
      ['Registered by', `<@${ALICE}>`],
    ]);
    expect(embed.fields?.every((f) => f.inline === true)).toBe(true);
  });

  it('leaves out Last scan before the first scan (the seed showed 1970) and Registered by when unknown', async () => {
    const names = fieldsOf(embedOf(await h.slash('info', { name: 'u/FRESH' }))).map(([name]) => name);
    expect(names).toEqual(['Created', 'Added', 'Hidden', 'Suspended', 'Deleted', 'Active']);
  });

  it('shows an unknown creation date (suspended accounts) and the state flags', async () => {
    expect(fieldsOf(embedOf(await h.prefix('!info banned')))).toEqual([
      ['Created', 'unknown'],
      ['Added', `<t:${unix(NOW)}:F>`],
      ['Hidden', 'false'],
      ['Suspended', 'true'],
      ['Deleted', 'true'],
      ['Active', 'false'],
    ]);
  });

  it('says an unknown or unregistered user is not in the database', async () => {
    expect(contentOf(await h.prefix('!info nobody_here'))).toBe('user "nobody\\_here" not found in the database.');
    expect(contentOf(await h.prefix('!info Dropped'))).toBe('user "Dropped" not found in the database.');
  });
});

describe('karma', () => {
  it('sums the stored comments: positive = total − negative, inline', async () => {
    const embed = embedOf(await h.prefix('!karma u/DOWN_VOTED'));
    expect(embed.title).toBe('Karma for /u/Down\\_Voted');
    expect(embed.description).toBeUndefined();
    expect(fieldsOf(embed)).toEqual([
      ['Positive', '15'],
      ['Negative', '-1203'],
      ['Total', '-1188'],
    ]);
    expect(embed.fields?.every((f) => f.inline === true)).toBe(true);
  });

  it('warns while the user is not back-filled, and counts zero without comments', async () => {
    const embed = embedOf(await h.slash('karma', { name: '/u/fresh' }));
    expect(embed.description).toBe(NOT_FULLY_SCANNED);
    expect(fieldsOf(embed)).toEqual([
      ['Positive', '0'],
      ['Negative', '0'],
      ['Total', '0'],
    ]);
  });

  it('takes one name only, and says when it is unknown', async () => {
    expect(contentOf(await h.prefix('!karma Fresh Down_Voted'))).toBe('Only one username at a time is accepted.');
    expect(contentOf(await h.slash('karma', { name: 'a b' }))).toBe('Only one username at a time is accepted.');
    expect(contentOf(await h.prefix('!karma nobody'))).toBe('user nobody not found.');
    expect(contentOf(await h.prefix('!karma Dropped'))).toBe('user Dropped not found.');
  });

  it('answers its usage without a name', async () => {
    expect(contentOf(await h.prefix('!karma'))).toBe('Missing `name`.\nUsage: `!karma <name...>`');
  });
});
