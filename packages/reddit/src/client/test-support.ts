import type { FakeReddit } from '@herald/testkit';
import { SnoowrapRedditClient, type SnoowrapClientOptions } from './snoowrap-client.js';
import type { RateLimitHeaders, RequestGate, RequestSlot } from './types.js';

/** A trivial in-memory gate: always grants, records every release (the real one is src/budget/). */
export class RecordingGate implements RequestGate {
  acquired = 0;
  readonly releases: Array<{ headers: RateLimitHeaders | undefined; status: number | undefined }> = [];

  async acquire(signal?: AbortSignal): Promise<RequestSlot> {
    signal?.throwIfAborted();
    this.acquired += 1;
    return {
      release: async (headers, status) => {
        this.releases.push({ headers, status });
      },
    };
  }
}

export const TEST_UA = { template: '{{.OS}}:herald-test:v{{.Version}} (by /u/HeraldBot)', version: '9.9.9', platform: 'linux' as const };

/** A client for `fake`'s default app and account, with fast login retries. */
export function clientFor(fake: FakeReddit, gate: RequestGate, overrides: Partial<SnoowrapClientOptions> = {}): SnoowrapRedditClient {
  return new SnoowrapRedditClient({
    clientId: fake.client.id,
    clientSecret: fake.client.secret,
    username: fake.account.username,
    password: fake.account.password,
    userAgent: TEST_UA,
    gate,
    apiBase: fake.url,
    retry: { times: 2, initialMs: 1, maxIntervalMs: 5 },
    ...overrides,
  });
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
