import { DemoGuild } from '../fake-discord/guild.js';

/**
 * The demo's Reddit story, as data: five tracked accounts with long histories (past Reddit's
 * 1,000-item listing cap, so the poller back-fills each across passes), four of them commenting
 * while the demo runs. With the settings of settings.ts (a 20 s scan interval, the resurrections
 * watcher every minute, a budget of 30 requests a minute), a newcomer sees within about seven
 * minutes: the back-fill using the whole budget (first ~2 min), a comment sinking past −1,000 and
 * announced once (~3 min), an account suspended (~4 min) and back (~6–7 min), announced once each.
 * The story repeats every `cycleSeconds` with a new comment and a new suspension.
 */

export interface RedditDemoUserSpec {
  /** Reddit's canonical case (the fake answers any case; Herald stores this one). */
  name: string;
  /** As a member would type it to register (any case, `u/`, the hide prefix): Herald finds the canonical name. */
  registeredAs: string;
  /** Hidden from the reports and the compendium: registered with the hide prefix. */
  hidden: boolean;
  /** The Discord member who registered it (a member of the fake Discord's demo server). */
  registeredBy: string;
  /** Seconds between two live comments while the demo runs; none when absent. */
  commentEverySeconds?: number;
  /** Their newest comment before the demo was this long before the start (seconds). */
  newestAgoSeconds: number;
  /** Seconds between two comments of their history. */
  historyIntervalSeconds: number;
  subreddits: readonly string[];
}

const hour = 3600;
const day = 24 * hour;

export const demoUsers: readonly RedditDemoUserSpec[] = [
  { name: 'Chatty_Cathy', registeredAs: 'chatty_cathy', hidden: false, registeredBy: DemoGuild.users.member.id, commentEverySeconds: 40, newestAgoSeconds: 600, historyIntervalSeconds: 2 * hour, subreddits: ['AskReddit', 'CasualConversation', 'tea'] },
  { name: 'DownvoteDan', registeredAs: 'u/downvotedan', hidden: false, registeredBy: DemoGuild.users.member.id, commentEverySeconds: 75, newestAgoSeconds: 1800, historyIntervalSeconds: 3 * hour, subreddits: ['unpopularopinion', 'pineapple', 'pizza'] },
  { name: 'Suspicious_Sam', registeredAs: '/u/Suspicious_Sam', hidden: false, registeredBy: DemoGuild.users.moderator.id, commentEverySeconds: 60, newestAgoSeconds: 900, historyIntervalSeconds: 4 * hour, subreddits: ['conspiracy', 'UFOs', 'AskReddit'] },
  { name: 'quiet_quinn', registeredAs: 'hide/quiet_quinn', hidden: true, registeredBy: DemoGuild.users.moderator.id, commentEverySeconds: 150, newestAgoSeconds: 5 * hour, historyIntervalSeconds: 6 * hour, subreddits: ['books', 'gardening'] },
  // Silent for 100 days (past the 2,200 h inactivity threshold): inactive once the inactivity job has run.
  { name: 'Old_Timer', registeredAs: 'old_timer', hidden: false, registeredBy: DemoGuild.users.owner.id, newestAgoSeconds: 100 * day, historyIntervalSeconds: day, subreddits: ['history', 'OldSchoolCool'] },
];

/** One step of the comment that sinks: its score `atSeconds` after the cycle's start. */
export interface ScoreStep {
  atSeconds: number;
  score: number;
}

/**
 * The story of each cycle (seconds after the cycle's start; the first cycle starts with the demo):
 * `highscore.author` posts a comment at `postAtSeconds` that sinks step by step past the demo's
 * threshold (−1,000) and on; `suspension.user` is suspended, then back.
 */
export const demoStory = {
  cycleSeconds: 30 * 60,
  threshold: -1000,
  highscore: {
    author: 'DownvoteDan',
    subreddit: 'unpopularopinion',
    body: 'Pineapple belongs on pizza, and so do anchovies. Fight me.',
    postAtSeconds: 45,
    steps: [
      { atSeconds: 45, score: 3 },
      { atSeconds: 80, score: -85 },
      { atSeconds: 115, score: -320 },
      { atSeconds: 150, score: -690 },
      { atSeconds: 185, score: -1_040 },
      { atSeconds: 220, score: -1_330 },
      { atSeconds: 280, score: -1_720 },
    ] satisfies ScoreStep[],
  },
  suspension: { user: 'Suspicious_Sam', suspendAtSeconds: 240, backAtSeconds: 360 },
} as const;

/** The fake's request budget: small, so the dashboard shows it used up while the histories are back-filled. */
export const demoBudget = { requests: 30, windowMs: 60_000 } as const;

/** Histories hold at least this many comments (more than the listing shows). */
export const demoHistoryBase = 1000;

/** The accounts (by their index in demoUsers) whose every 9th comment is downvoted hard: the weekly reports' material. */
const downvotedUsers = new Set([1, 2]);

/**
 * A score for history or live comment `index` of a user: −20..99, except every 9th comment of
 * DownvoteDan and Suspicious_Sam at −50..−449 (so the weekly reports and the compendium have weeks
 * to show); never near the high-score threshold, so the only high score is the story's (the fake's
 * own generator draws a few below −1,000).
 */
export function demoScore(userIndex: number, index: number): number {
  if (downvotedUsers.has(userIndex) && index % 9 === userIndex) return -(50 + ((index * 29) % 400));
  return ((index * 37 + userIndex * 11) % 120) - 20;
}
