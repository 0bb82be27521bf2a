import { Counter, Gauge, type Registry } from 'prom-client';
import type { Queryable } from '@herald/db/sql';
import { createOutageReporter, type Logger } from '@herald/logging';
import { RedditHttpError, type RedditApi } from './client/types.js';
import { readRedditOverview, RedditUserStates, type RedditOverview } from './read-model.js';

/** The Reddit API calls the scan makes (the token endpoint is not counted by Reddit's budget). */
export type RedditEndpoint = 'comments' | 'about';

/**
 * The budget fields the gauges show: the shape `readBudgetSnapshot` (src/budget/) returns, or any
 * object with these fields. null fields: Reddit has not said yet (no sample).
 */
export interface BudgetGaugeReading {
  limit: number | null;
  remaining: number | null;
  resetAt: Date | null;
}

export interface RedditMetricsOptions {
  /** The process's registry (`startMetricsPublisher(...).registry`): published with `service` and `instance` labels. */
  registry: Registry;
  /** Read at collect time (each publish, every 10 s by default) for the users, lag and comment gauges. */
  db: Queryable;
  /** Read at collect time for the budget gauges (e.g. `() => readBudgetSnapshot(redis, { prefix, clientId })`); omitted, they have no sample. */
  readBudget?: () => Promise<BudgetGaugeReading | null>;
  /** A failing read is logged once per outage (the gauges then have no sample, the counters are still published). */
  logger?: Logger;
  now?: () => Date;
}

export interface RedditMetrics {
  /** `herald_reddit_requests_total{endpoint, status}`: status is the HTTP status, or `error` when no answer came. */
  requests: Counter<'endpoint' | 'status'>;
  /** `herald_reddit_rate_limited_total`: 429s Reddit answered (the budget's goal is 0). */
  rateLimited: Counter;
  /** Counts one answered (HTTP status) or unanswered (`'error'`) request; a 429 counts in both counters. */
  countRequest(endpoint: RedditEndpoint, status: number | 'error'): void;
}

/**
 * The Reddit source's Prometheus series, registered in `registry`:
 * - counters the scan increments: `herald_reddit_requests_total{endpoint,status}`, `herald_reddit_rate_limited_total`;
 * - gauges read at collect time from the shared budget (Redis): `herald_reddit_budget_remaining`,
 *   `herald_reddit_budget_limit` (requests per window, from `X-Ratelimit-Used + Remaining`),
 *   `herald_reddit_budget_reset_seconds` (until the window ends);
 * - gauges read at collect time from Postgres: `herald_reddit_users{state}` (read-model.ts's states,
 *   which add up to every row), `herald_reddit_hidden_users`, `herald_reddit_scan_lag_seconds`,
 *   `herald_reddit_comments_stored`, `herald_reddit_highscores_announced`.
 * The gauges describe shared state, so every poller process reports the same values under its own
 * `instance` label: aggregate them with `max without (instance)`, the counters with `sum`.
 */
export function createRedditMetrics(options: RedditMetricsOptions): RedditMetrics {
  const { registry, db } = options;
  const now = options.now ?? (() => new Date());
  const requests = new Counter({
    name: 'herald_reddit_requests_total',
    help: 'Requests made to Reddit’s API, by endpoint (comments: a user’s listing, about: a user’s profile) and HTTP status (error: no answer).',
    labelNames: ['endpoint', 'status'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({ name: 'herald_reddit_rate_limited_total', help: 'Requests Reddit refused with 429 (the shared budget aims at none).', registers: [registry] });

  const postgres = shared(() => readRedditOverview(db, now()), reporter(options.logger, 'Postgres (Reddit metrics)'));
  const budget = shared(async () => (options.readBudget ? options.readBudget() : null), reporter(options.logger, 'Redis (Reddit budget metrics)'));
  const gauge = <L extends string>(name: string, help: string, labelNames: L[], fill: (g: Gauge<L>, o: RedditOverview) => void) =>
    new Gauge({
      name, help, labelNames, registers: [registry],
      async collect() {
        const o = await postgres();
        withoutSamples(this, labelNames.length > 0);
        if (o) fill(this, o);
      },
    });
  const budgetGauge = (name: string, help: string, value: (b: BudgetGaugeReading) => number | null) =>
    new Gauge({
      name, help, registers: [registry],
      async collect() {
        const b = await budget();
        withoutSamples(this, false);
        const v = b ? value(b) : null;
        if (v !== null) this.set(v);
      },
    });

  gauge('herald_reddit_users', `Tracked Reddit users by state (${RedditUserStates.join(', ')}); each user has one state.`, ['state'], (g, o) => {
    for (const state of RedditUserStates) g.set({ state }, o.users[state]);
  });
  gauge('herald_reddit_hidden_users', 'Registered users hidden from the reports (also counted in herald_reddit_users by state).', [], (g, o) => g.set(o.hidden));
  gauge('herald_reddit_scan_lag_seconds', 'How overdue the most overdue active or new user is, in seconds (0: none overdue).', [], (g, o) => g.set(o.scanLagSeconds ?? 0));
  gauge('herald_reddit_comments_stored', 'Comments of tracked users stored (Postgres’ estimate above 100,000).', [], (g, o) => g.set(o.comments.count));
  gauge('herald_reddit_highscores_announced', 'Comments announced as high scores.', [], (g, o) => g.set(o.highscores));
  budgetGauge('herald_reddit_budget_remaining', 'Requests left in Reddit’s current rate-limit window (X-Ratelimit-Remaining), shared by every poller.', (b) => b.remaining);
  budgetGauge('herald_reddit_budget_limit', 'Requests allowed per rate-limit window (used + remaining as Reddit reported them).', (b) => b.limit);
  budgetGauge('herald_reddit_budget_reset_seconds', 'Seconds until Reddit’s rate-limit window ends (X-Ratelimit-Reset), 0 once past.', (b) =>
    b.resetAt === null ? null : Math.max(0, (b.resetAt.getTime() - now().getTime()) / 1000),
  );

  return {
    requests,
    rateLimited,
    countRequest(endpoint, status) {
      requests.inc({ endpoint, status: String(status) });
      if (status === 429) rateLimited.inc();
    },
  };
}

/**
 * Drops every sample: a value nobody knows is no sample, never a made-up 0 (prom-client's reset()
 * keeps a 0 sample for a gauge without labels; remove() with no labels drops it).
 */
function withoutSamples<L extends string>(g: Gauge<L>, labelled: boolean): void {
  g.reset();
  if (!labelled) g.remove();
}

type Reporter = ((error: unknown) => void) & { ok(): void };

function reporter(logger: Logger | undefined, what: string): Reporter {
  const outage = logger ? createOutageReporter({ logger, what }) : undefined;
  return Object.assign((error: unknown) => outage?.failed(error), { ok: () => outage?.succeeded() });
}

/**
 * One read for every gauge of a collect (prom-client calls each gauge's collect in the same tick);
 * a failed read gives undefined (no samples) rather than failing the whole publish.
 */
function shared<T>(read: () => Promise<T>, report: Reporter): () => Promise<T | undefined> {
  let inflight: Promise<T | undefined> | undefined;
  return () =>
    (inflight ??= read()
      .then((value) => (report.ok(), value))
      .catch((error: unknown) => (report(error), undefined))
      .finally(() => (inflight = undefined)));
}

/**
 * `api` with every call counted in `herald_reddit_requests_total`: 200 when it answered, the HTTP
 * status of a RedditHttpError (a 404 on /about, which answers `not-found`, counts as 404), `error`
 * when no answer came. A 401 answered by a new login and a retry counts once, with the retry's status.
 */
export function countedRedditApi(api: RedditApi, metrics: Pick<RedditMetrics, 'countRequest'>): RedditApi {
  const counted = async <T>(endpoint: RedditEndpoint, call: () => Promise<T>, statusOf: (value: T) => number = () => 200): Promise<T> => {
    try {
      const value = await call();
      metrics.countRequest(endpoint, statusOf(value));
      return value;
    } catch (error) {
      metrics.countRequest(endpoint, error instanceof RedditHttpError ? error.status : 'error');
      throw error;
    }
  };
  return {
    userComments: (name, page) => counted('comments', () => api.userComments(name, page)),
    aboutUser: (name) => counted('about', () => api.aboutUser(name), (about) => (about.kind === 'not-found' ? 404 : 200)),
    close: () => api.close(),
  };
}
