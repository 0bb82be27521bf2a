import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoGuild } from '../fake-discord/guild.js';
import { FAKE_REDDIT_LISTING_CAP } from '../fake-reddit/index.js';
import { demoStory, demoUsers } from './scenario.js';
import { demoRedditRegistrations, demoRedditSettings } from './settings.js';
import { demoHistoryLength, RedditDemo } from './simulator.js';

const start = new Date('2026-11-30T12:00:00Z');
const at = (s: number) => new Date(start.getTime() + s * 1000);
const { highscore, suspension, cycleSeconds, threshold } = demoStory;

describe('RedditDemo (the demo’s simulated Reddit)', () => {
  let demo: RedditDemo;
  const activity: string[] = [];

  beforeAll(async () => {
    demo = await RedditDemo.start({ start, onActivity: (line) => activity.push(line) });
  });
  afterAll(async () => {
    await demo.close();
  });

  it('serves the five tracked accounts, each with a history past the 1,000-item listing cap and no high score in it', () => {
    expect(demo.fake.listUsers().map((u) => [u.name, u.suspended, u.commentCount])).toEqual(demoUsers.map((u) => [u.name, false, demoHistoryLength(start)]));
    for (const user of demoUsers) {
      let after: string | undefined;
      let listed = 0;
      let lowest = Infinity;
      for (let page = 0; page < 11; page++) {
        const { children, after: next } = demo.fake.comments(user.name, { limit: 100, ...(after !== undefined && { after }) });
        listed += children.length;
        lowest = Math.min(lowest, ...children.map((c) => c.score));
        if (next === null) break;
        after = next;
      }
      expect(listed, user.name).toBe(FAKE_REDDIT_LISTING_CAP);
      // No high score (the story's is the only one), and downvoted comments for the reports where meant.
      expect(lowest, user.name).toBeGreaterThan(threshold);
      expect(lowest <= -50, user.name).toBe(['DownvoteDan', 'Suspicious_Sam'].includes(user.name));
    }
    const newest = demo.fake.comments('Old_Timer', { limit: 1 }).children[0]!;
    expect(start.getTime() / 1000 - newest.created_utc).toBe(100 * 86_400);
  });

  it('gives each run a history of another length, so the new comments of a later run have ids no earlier run gave out', () => {
    expect(demoHistoryLength(at(60))).toBe(demoHistoryLength(start) + 1);
    expect(demoHistoryLength(start)).toBeGreaterThanOrEqual(1000);
  });

  it('the settings point Herald at the fake with its credentials, and the registrations are the demo server’s members’', () => {
    const settings = demoRedditSettings(demo.fake);
    expect(settings).toMatchObject({ apiBase: demo.fake.url, clientId: 'fake-client-id', username: 'HeraldBot', highscoreThreshold: -1000, resurrectionsInterval: '1m' });
    const registrations = demoRedditRegistrations(demo.fake);
    expect(registrations.map((r) => [r.registeredAs, r.name, r.hidden])).toEqual(demoUsers.map((u) => [u.registeredAs, u.name, u.hidden]));
    const members = Object.values(DemoGuild.users).map((u) => u.id);
    for (const r of registrations) expect(members).toContain(r.registeredBy);
  });

  it('posts the story’s comment, which sinks past the threshold once, then on', () => {
    demo.tick(at(highscore.postAtSeconds - 1));
    expect(demo.sinkingComment()).toBeUndefined();
    demo.tick(at(highscore.postAtSeconds));
    const id = demo.sinkingComment()!;
    expect(demo.fake.comments(highscore.author, { limit: 1 }).children[0]).toMatchObject({ id, body: highscore.body, score: 3 });
    const scores: number[] = [];
    for (let s = highscore.postAtSeconds; s <= 300; s += 5) {
      demo.tick(at(s));
      scores.push(demo.fake.comments(highscore.author, { limit: 5 }).children.find((c) => c.id === id)!.score);
    }
    // Falling, and past the threshold from the step at 185 s on.
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.filter((score) => score <= threshold).length).toBeGreaterThan(0);
    expect(activity.filter((line) => line.includes('past the high-score threshold'))).toEqual([`the comment t1_${id} by /u/${highscore.author} is at -1040 (past the high-score threshold ${threshold})`]);
  });

  it('suspends one account (which stops commenting) and lifts the suspension later', () => {
    demo.tick(at(suspension.suspendAtSeconds));
    expect(demo.fake.user(suspension.user).suspended).toBe(true);
    const during = demo.fake.user(suspension.user).commentCount;
    demo.tick(at(suspension.backAtSeconds - 1));
    expect(demo.fake.user(suspension.user)).toMatchObject({ suspended: true, commentCount: during });
    demo.tick(at(suspension.backAtSeconds));
    expect(demo.fake.user(suspension.user).suspended).toBe(false);
    expect(activity.filter((line) => line.startsWith(`/u/${suspension.user}`))).toEqual([
      `/u/${suspension.user} is suspended (its listing answers 403, /about says is_suspended)`,
      `/u/${suspension.user} is back (the suspension was lifted)`,
    ]);
  });

  it('keeps the tracked accounts commenting (the silent one stays silent)', () => {
    const history = demoHistoryLength(start);
    demo.tick(at(400));
    const counts = Object.fromEntries(demo.fake.listUsers().map((u) => [u.name, u.commentCount - history]));
    expect(counts).toEqual({ Chatty_Cathy: 10, DownvoteDan: 5 + 1, Suspicious_Sam: 6 - 2, quiet_quinn: 2, Old_Timer: 0 });
  });

  it('repeats the story each cycle with a new comment', () => {
    demo.tick(at(cycleSeconds + highscore.postAtSeconds));
    expect(demo.sinkingComment(1)).toBeDefined();
    expect(demo.sinkingComment(1)).not.toBe(demo.sinkingComment(0));
    demo.tick(at(cycleSeconds + suspension.suspendAtSeconds));
    expect(demo.fake.user(suspension.user).suspended).toBe(true);
  });
});
