import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeControl } from './control.js';
import { Faults } from './faults.js';
import { edgeError, readBody, write } from './http.js';
import { listComments, pageLimit, type ListingPage } from './listing.js';
import { RequestBudget } from './ratelimit.js';
import { routeApi, routeOf } from './routes.js';
import { RequestCounters } from './stats.js';
import { routeToken } from './token-route.js';
import { TokenRegistry, type FakeRedditAccount, type FakeRedditClient } from './tokens.js';
import type {
  FakeRedditBudget, FakeRedditCommentData, FakeRedditFault, FakeRedditNewComment, FakeRedditStats, FakeRedditUserInfo, FakeRedditUserInput,
} from './types.js';
import { FakeUserStore } from './users.js';

export interface FakeRedditOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** OAuth apps; default one: `fake-client-id` / `fake-client-secret`. */
  clients?: FakeRedditClient[];
  /** Accounts for the password grant; default one: `HeraldBot` / `fake-password`. */
  accounts?: FakeRedditAccount[];
  /** Default 100 requests per 60,000 ms (Reddit's free tier, per client id). */
  budget?: FakeRedditBudget;
  /** `expires_in` of issued tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** The clock (ms since the epoch) for windows, token expiry and default dates; default Date.now. */
  now?: () => number;
  /** Seed of generated comments and of `failRate`; default 1. */
  seed?: number;
  users?: FakeRedditUserInput[];
}

const TOKEN_PATH = '/api/v1/access_token';
const CONTROL_PREFIX = '/_fake';

/**
 * A protocol-level fake of Reddit's OAuth API for Herald's tests, benchmarks and demo: the token
 * endpoint (password grant) and `/user/<name>/comments|about`, with Reddit's 1,000-item listing
 * cap, its per-client request budget and `X-Ratelimit-*` headers, and control over users, faults,
 * latency, tokens and the clock, in process (these methods) or over HTTP (`/_fake/...`, README.md).
 * Both `https://www.reddit.com` and `https://oauth.reddit.com` map to `url`.
 */
export class FakeReddit {
  readonly url: string;
  readonly client: FakeRedditClient;
  readonly account: FakeRedditAccount;
  private readonly users: FakeUserStore;
  private readonly tokens: TokenRegistry;
  private readonly budget: RequestBudget;
  private readonly faults = new Faults();
  private readonly counters = new RequestCounters();
  private readonly timers = new Set<NodeJS.Timeout>();
  private clockOffsetMs = 0;

  private constructor(
    private readonly server: Server,
    private readonly clients: readonly FakeRedditClient[],
    private readonly accounts: readonly FakeRedditAccount[],
    options: FakeRedditOptions,
  ) {
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${host}:${address.port}`;
    const baseNow = options.now ?? Date.now;
    const now = (): number => baseNow() + this.clockOffsetMs;
    this.now = now;
    this.client = clients[0] as FakeRedditClient;
    this.account = accounts[0] as FakeRedditAccount;
    this.users = new FakeUserStore(options.seed ?? 1, () => Math.floor(now() / 1000));
    this.tokens = new TokenRegistry(now, options.tokenTtlSeconds ?? 3600);
    this.budget = new RequestBudget(options.budget ?? { requests: 100, windowMs: 60_000 }, now);
    for (const user of options.users ?? []) this.users.add(user);
  }

  /** Starts the fake; rejects with EADDRINUSE when the port is taken. */
  static async start(options: FakeRedditOptions = {}): Promise<FakeReddit> {
    const clients = options.clients ?? [{ id: 'fake-client-id', secret: 'fake-client-secret' }];
    const accounts = options.accounts ?? [{ username: 'HeraldBot', password: 'fake-password' }];
    if (clients.length === 0 || accounts.length === 0) throw new RangeError('the fake needs at least one client and one account');
    const server = createServer();
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
    const fake = new FakeReddit(server, clients, accounts, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch(() => write(res, { status: 500, body: { message: 'fake reddit failed', error: 500 } }));
    });
    return fake;
  }

  /** The fake's clock, ms since the epoch (options.now plus any `advanceClock`). */
  readonly now: () => number;

  // ---- users and comments ----
  addUser(input: FakeRedditUserInput): FakeRedditUserInfo { return this.users.add(input); }
  user(name: string): FakeRedditUserInfo { return this.users.info(name); }
  listUsers(): FakeRedditUserInfo[] { return this.users.list(); }
  /** Adds a comment as the user's newest. */
  addComment(name: string, comment: FakeRedditNewComment = {}): FakeRedditCommentData { return this.users.addComment(name, comment); }
  /** Changes a comment's score (short id or `t1_` fullname). */
  setScore(commentId: string, score: number): FakeRedditCommentData { return this.users.setScore(commentId, score); }
  /** What the listing would show (newest first, 1,000-item cap), whatever the user's state; raw bodies. */
  comments(name: string, page: { after?: string; limit?: number } = {}): ListingPage {
    return listComments(this.users, this.users.get(name), page.after ?? null, pageLimit(page.limit === undefined ? null : String(page.limit)));
  }
  suspend(name: string): FakeRedditUserInfo { return this.users.update(name, { suspended: true }); }
  unsuspend(name: string): FakeRedditUserInfo { return this.users.update(name, { suspended: false }); }
  /** The account is deleted: 404 on `/about` and the listing. */
  deleteUser(name: string): FakeRedditUserInfo { return this.users.update(name, { deleted: true }); }
  undeleteUser(name: string): FakeRedditUserInfo { return this.users.update(name, { deleted: false }); }
  /** The profile hides its comments (403 on the listing, `/about` normal), or shows them again. */
  hideComments(name: string, hidden = true): FakeRedditUserInfo { return this.users.update(name, { commentsHidden: hidden }); }

  // ---- faults, latency, tokens, budget, clock ----
  /** The next `count` requests in scope (default the API) answer a 5xx (default 503) or drop the connection. */
  failNext(count: number, fault?: FakeRedditFault): void { this.faults.failNext(count, fault); }
  /** A seeded fraction of requests in scope fail (0 stops it). */
  failRate(fraction: number, fault?: FakeRedditFault, seed?: number): void { this.faults.failRate(fraction, fault, seed); }
  /** Every request waits `ms` before it is handled (counted and budgeted when handled). */
  setLatency(ms: number): void { this.faults.setLatency(ms); }
  /** Clears queued faults, the failure rate and the latency. */
  clearFaults(): void { this.faults.clear(); }
  /** Revokes every token issued so far (or one); later use answers 401. Returns how many were live. */
  revokeTokens(token?: string): number { return this.tokens.revoke(token); }
  get requestBudget(): FakeRedditBudget { return this.budget.current; }
  setBudget(budget: FakeRedditBudget): void { this.budget.set(budget); }
  /** Moves the fake's clock forward (or back, with a negative `ms`). */
  advanceClock(ms: number): void { this.clockOffsetMs += ms; }

  // ---- counters ----
  stats(): FakeRedditStats { return this.counters.snapshot(this.budget.stats()); }
  resetStats(): void {
    this.counters.reset();
    this.budget.reset();
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      write(res, routeControl(this, method, url.pathname.slice(CONTROL_PREFIX.length), url.searchParams, rawBody));
      return;
    }
    const kind = url.pathname === TOKEN_PATH ? 'token' : 'api';
    const target = { ...(kind === 'token' ? { route: 'POST /api/v1/access_token' as const } : routeOf(url)), userAgent: req.headers['user-agent'] ?? '' };
    if (this.faults.latencyMs > 0) await this.delay(this.faults.latencyMs);
    const fault = this.faults.decide(kind);
    if (fault !== undefined) {
      this.counters.record({ ...target, status: fault.reset ? 'dropped' : fault.status, injected: true });
      if (fault.reset) req.socket.resetAndDestroy();
      else write(res, edgeError(fault.status));
      return;
    }
    const routed = kind === 'token'
      ? { ...target, answer: routeToken({ clients: this.clients, accounts: this.accounts, tokens: this.tokens }, method, req.headers.authorization, rawBody) }
      : routeApi({ users: this.users, tokens: this.tokens, budget: this.budget }, { method, url, authorization: req.headers.authorization });
    this.counters.record({ route: routed.route, status: routed.answer.status, userAgent: target.userAgent, ...(routed.user !== undefined && { user: routed.user }) });
    write(res, routed.answer);
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** Starts a fake Reddit (see {@link FakeReddit}). */
export function startFakeReddit(options: FakeRedditOptions = {}): Promise<FakeReddit> {
  return FakeReddit.start(options);
}
