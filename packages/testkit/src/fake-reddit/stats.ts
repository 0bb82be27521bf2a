import type { FakeRedditStats, FakeRedditWindowStats } from './types.js';

export type RouteName = 'POST /api/v1/access_token' | 'GET /user/:name/comments' | 'GET /user/:name/about' | 'other';

/** Counters of the requests the fake answered (control requests excluded). */
export class RequestCounters {
  private requests = 0;
  private apiRequests = 0;
  private tokenRequests = 0;
  private tooManyRequests = 0;
  private unauthorized = 0;
  private injectedFaults = 0;
  private byRoute = new Map<string, number>();
  private byStatus = new Map<string, number>();
  private byUser = new Map<string, number>();
  private byUserAgent = new Map<string, number>();

  record(entry: { route: RouteName; status: number | 'dropped'; user?: string; userAgent?: string; injected?: boolean }): void {
    this.requests += 1;
    if (entry.route === 'POST /api/v1/access_token') this.tokenRequests += 1;
    else this.apiRequests += 1;
    if (entry.status === 429) this.tooManyRequests += 1;
    if (entry.status === 401 && entry.route !== 'POST /api/v1/access_token') this.unauthorized += 1;
    if (entry.injected === true) this.injectedFaults += 1;
    bump(this.byRoute, entry.route);
    bump(this.byStatus, String(entry.status));
    if (entry.user !== undefined) bump(this.byUser, entry.user.toLowerCase());
    bump(this.byUserAgent, entry.userAgent ?? '');
  }

  snapshot(windows: FakeRedditWindowStats[]): FakeRedditStats {
    return {
      requests: this.requests,
      apiRequests: this.apiRequests,
      tokenRequests: this.tokenRequests,
      tooManyRequests: this.tooManyRequests,
      unauthorized: this.unauthorized,
      injectedFaults: this.injectedFaults,
      byRoute: Object.fromEntries(this.byRoute),
      byStatus: Object.fromEntries(this.byStatus),
      byUser: Object.fromEntries(this.byUser),
      byUserAgent: Object.fromEntries(this.byUserAgent),
      windows,
    };
  }

  reset(): void {
    this.requests = this.apiRequests = this.tokenRequests = this.tooManyRequests = this.unauthorized = this.injectedFaults = 0;
    this.byRoute = new Map();
    this.byStatus = new Map();
    this.byUser = new Map();
    this.byUserAgent = new Map();
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
