import { FakeReddit } from '../fake-reddit/fake-reddit.js';
import { demoBudget, demoHistoryBase, demoStory, demoUsers, demoScore, type RedditDemoUserSpec } from './scenario.js';
import { WallClockTicker } from '../wall-clock-ticker.js';

export interface RedditDemoOptions {
  /** The demo's clock at start (default: now); `tick(now)` moves the story. */
  start?: Date;
  /** Where the fake Reddit listens (default 127.0.0.1, a free port). */
  host?: string;
  port?: number;
  /** Told what the story does (a comment sinks, an account is suspended or back), one line each. */
  onActivity?: (line: string) => void;
}

const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

const livePhrases = ['Source?', 'This is the way.', 'Came here to say this.', 'Underrated comment.', 'Edit: thanks for the gold, kind stranger!', 'Username checks out.', 'TIL & I am not ashamed > at all.'];

/**
 * How many comments each history holds: more than the listing's 1,000 (the oldest are out of reach,
 * as on Reddit), plus the start's minute since the epoch modulo 100,000. An id names its place in
 * a history (the fake's scheme), so each run's new comments get ids no earlier run gave out: the
 * story's comment is a new one to Herald at every `npm start`, and its high score is announced again.
 */
export function demoHistoryLength(start: Date): number {
  return demoHistoryBase + (Math.floor(start.getTime() / 60_000) % 100_000);
}

/**
 * The demo's simulated Reddit: a fake Reddit (OAuth, listings, `/about`, the `X-Ratelimit-*`
 * budget; see ../fake-reddit) holding the tracked accounts of scenario.ts, whose comments keep
 * arriving, one of them sinking past the high-score threshold, and one account suspended then back
 * (every `demoStory.cycleSeconds`). Deterministic: the same ticks give the same story (tests step
 * it with `tick(date)`; `run()` ticks it in real time for `npm start`). The fake's own clock stays
 * the wall clock (its budget windows and the new comments' dates).
 */
export class RedditDemo {
  private readonly ticker = new WallClockTicker();
  /** Live comments posted so far, per user. */
  private readonly posted = new Map<string, number>();
  /** Story steps done, as `<cycle>:<step>`. */
  private readonly done = new Set<string>();
  /** The sinking comment of each cycle (its short id). */
  private readonly sinking = new Map<number, string>();

  private constructor(
    readonly fake: FakeReddit,
    readonly start: Date,
    private readonly onActivity: (line: string) => void,
  ) {}

  static async start(options: RedditDemoOptions = {}): Promise<RedditDemo> {
    const start = options.start ?? new Date();
    const startUtc = Math.floor(start.getTime() / 1000);
    const count = demoHistoryLength(start);
    const fake = await FakeReddit.start({
      ...(options.host !== undefined && { host: options.host }),
      ...(options.port !== undefined && { port: options.port }),
      budget: { ...demoBudget },
      users: demoUsers.map((user, userIndex) => ({
        name: user.name,
        createdUtc: startUtc - (6 - userIndex) * 365 * 86_400,
        comments: {
          count,
          newestUtc: startUtc - user.newestAgoSeconds,
          intervalSeconds: user.historyIntervalSeconds,
          subreddits: user.subreddits,
          generate: (index: number) => ({ score: demoScore(userIndex, index) }),
        },
      })),
    });
    return new RedditDemo(fake, start, options.onActivity ?? (() => undefined));
  }

  /** The sinking comment's short id in `cycle` (0 = the first), once posted. */
  sinkingComment(cycle = 0): string | undefined {
    return this.sinking.get(cycle);
  }

  /**
   * Moves the story to `now`: every live comment due by then is posted (none by a suspended
   * account), and each story step due by then is done once. Earlier times change nothing.
   */
  tick(now: Date): void {
    const elapsed = seconds(this.start, now);
    if (elapsed < 0) return;
    const cycles = Math.floor(elapsed / demoStory.cycleSeconds);
    for (let cycle = 0; cycle <= cycles; cycle++) this.story(cycle, elapsed - cycle * demoStory.cycleSeconds);
    demoUsers.forEach((user, userIndex) => this.comment(user, userIndex, elapsed));
  }

  /** Ticks with the wall clock every `everyMs` until `stop()` (a chained timeout: ticks never overlap). */
  run(everyMs = 1000): void {
    this.ticker.start((now) => this.tick(now), everyMs);
  }

  stop(): void {
    this.ticker.stop();
  }

  async close(): Promise<void> {
    this.stop();
    await this.fake.close();
  }

  private once(cycle: number, step: string, atSeconds: number, offset: number, action: () => void): void {
    const key = `${cycle}:${step}`;
    if (offset < atSeconds || this.done.has(key)) return;
    this.done.add(key);
    action();
  }

  private story(cycle: number, offset: number): void {
    const { highscore, suspension, threshold } = demoStory;
    this.once(cycle, 'post', highscore.postAtSeconds, offset, () => {
      const comment = this.fake.addComment(highscore.author, { body: highscore.body, subreddit: highscore.subreddit, score: highscore.steps[0]?.score ?? 1 });
      this.sinking.set(cycle, comment.id);
      this.onActivity(`/u/${highscore.author} commented in r/${highscore.subreddit} (${comment.name}): "${highscore.body}"`);
    });
    highscore.steps.forEach((step, i) =>
      this.once(cycle, `score-${i}`, step.atSeconds, offset, () => {
        const id = this.sinking.get(cycle);
        if (id === undefined || i === 0) return;
        this.fake.setScore(id, step.score);
        const crossing = step.score <= threshold && (highscore.steps[i - 1]?.score ?? 0) > threshold;
        this.onActivity(`the comment t1_${id} by /u/${highscore.author} is at ${step.score}${crossing ? ` (past the high-score threshold ${threshold})` : ''}`);
      }),
    );
    this.once(cycle, 'suspend', suspension.suspendAtSeconds, offset, () => {
      this.fake.suspend(suspension.user);
      this.onActivity(`/u/${suspension.user} is suspended (its listing answers 403, /about says is_suspended)`);
    });
    this.once(cycle, 'back', suspension.backAtSeconds, offset, () => {
      this.fake.unsuspend(suspension.user);
      this.onActivity(`/u/${suspension.user} is back (the suspension was lifted)`);
    });
  }

  private comment(user: RedditDemoUserSpec, userIndex: number, elapsed: number): void {
    if (user.commentEverySeconds === undefined) return;
    const due = Math.floor(elapsed / user.commentEverySeconds);
    const posted = this.posted.get(user.name) ?? 0;
    if (due <= posted) return;
    this.posted.set(user.name, due);
    // A suspended account cannot comment: its turns pass.
    if (this.fake.user(user.name).suspended) return;
    for (let n = posted + 1; n <= due; n++) {
      const subreddit = user.subreddits[n % user.subreddits.length] ?? 'AskReddit';
      this.fake.addComment(user.name, { body: livePhrases[(n + userIndex) % livePhrases.length] ?? 'Nice.', score: demoScore(userIndex, n + 7), subreddit });
    }
  }
}
