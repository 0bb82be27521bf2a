import { describe, expect, it } from 'vitest';
import type { RedditComment } from '../client/types.js';
import { pageOutcome } from './save-page.js';
import { nextDue } from './schedule.js';
import type { UserScanState } from './tracked-user.js';

const hour = 3_600_000;
const now = Date.UTC(2026, 10, 30, 12);
const comment = (ageMs: number, id = String(ageMs)): RedditComment => ({ id, author: 'a', score: 1, permalink: '/r/x/comments/1/t/2/', subreddit: 'x', createdUtc: (now - ageMs) / 1000, body: '' });
const user = (over: Partial<UserScanState> = {}): UserScanState => ({ name: 'a', lastScanAt: new Date(now - hour), batchSize: 10, position: '', isNew: false, inactive: false, ...over });
const window = hour + 24 * hour;

describe('one page of a listing (seed-behaviour §3.3 SaveCommentsUpdateUser)', () => {
  it('counts the recent comments as the next batch size and stops paging once older ones are reached', () => {
    expect(pageOutcome(user(), [comment(hour), comment(2 * hour), comment(30 * hour)], 't1_x', now, window)).toEqual({ batchSize: 2, position: '', isNew: false });
  });

  it('all recent (0 of 0 too): batch size 100, and a user who is not new keeps paging', () => {
    expect(pageOutcome(user(), [comment(hour), comment(2 * hour)], 't1_x', now, window)).toEqual({ batchSize: 100, position: 't1_x', isNew: false });
    expect(pageOutcome(user(), [], null, now, window)).toEqual({ batchSize: 100, position: '', isNew: false });
  });

  it('a new user pages past old comments until the listing ends, then is no longer new', () => {
    expect(pageOutcome(user({ isNew: true }), [comment(900 * hour)], 't1_old', now, window)).toEqual({ batchSize: 0, position: 't1_old', isNew: true });
    expect(pageOutcome(user({ isNew: true, position: 't1_old' }), [comment(901 * hour)], null, now, window)).toEqual({ batchSize: 0, position: '', isNew: false });
  });
});

describe('when a user is due again', () => {
  const settings = { scanIntervalMs: 60_000, fullScanIntervalMs: 6 * hour };
  const at = new Date(now);
  it('at once while a listing is left mid-way; an active user after the scan interval; an inactive one after the full-scan interval', () => {
    expect(nextDue({ position: 't1_x', inactive: false }, at, settings)).toEqual(at);
    expect(nextDue({ position: '', inactive: false }, at, settings).getTime()).toBe(now + 60_000);
    expect(nextDue({ position: '', inactive: true }, at, settings).getTime()).toBe(now + 6 * hour);
  });
});
