import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelayMs, type Logger } from '@herald/logging';
import type { GatedSnoowrap } from './gated-snoowrap.js';
import { RedditLoginError } from './types.js';

/** The seed's `reddit.retry_connection` (seed-behaviour §3.10: times 10, max_interval 5m) applied to logging in. */
export interface LoginRetry {
  /** Retries after the first failed attempt. */
  times: number;
  /** The doubling wait stops here (ms). */
  maxIntervalMs: number;
  /** Wait after the first failure (ms); default 1000. */
  initialMs?: number;
}

/** A token is renewed this long before it expires, so snoowrap never logs in by itself mid-request. */
const RENEW_BEFORE_MS = 60_000;

/** snoowrap's token fields (typed as always-strings in its typings, but null before the first login). */
interface TokenFields {
  accessToken: string | null;
  tokenExpiration: number | null;
}

/**
 * Keeps snoowrap's access token valid: logs in (password grant) when there is none or it expires
 * within a minute, one login at a time for all callers. A failed login is retried `retry.times`
 * times with Herald's back-off (`backoffDelayMs`, ±25% jitter, never above `maxIntervalMs`);
 * RedditLoginError (wrong credentials) is never retried, and after the last retry the last error
 * (RedditHttpError for the token endpoint, RedditNetworkError) is thrown. `signal` stops the loop.
 */
export class TokenKeeper {
  #inflight: Promise<void> | undefined;

  constructor(
    private readonly r: GatedSnoowrap,
    private readonly retry: LoginRetry,
    private readonly signal: AbortSignal,
    private readonly logger: Logger | undefined,
    private readonly random: (() => number) | undefined,
  ) {}

  /** The token in use (to pass to {@link invalidate} after a 401). */
  get token(): string | null {
    return this.fields.accessToken;
  }

  ensure(): Promise<void> {
    const { accessToken, tokenExpiration } = this.fields;
    if (accessToken && tokenExpiration !== null && tokenExpiration - Date.now() > RENEW_BEFORE_MS) return Promise.resolve();
    this.#inflight ??= this.#login().finally(() => (this.#inflight = undefined));
    return this.#inflight;
  }

  /** Forgets `token` after Reddit answered 401 to it (unless another caller already replaced it). */
  invalidate(token: string | null): void {
    if (this.fields.accessToken === token) this.fields.accessToken = null;
  }

  private get fields(): TokenFields {
    return this.r as unknown as TokenFields;
  }

  async #login(): Promise<void> {
    for (let failure = 0; ; ) {
      this.signal.throwIfAborted();
      try {
        this.fields.accessToken = null; // makes updateAccessToken ask for a new one
        await this.r.updateAccessToken();
        return;
      } catch (error) {
        if (error instanceof RedditLoginError || this.signal.aborted || failure >= this.retry.times) throw error;
        failure += 1;
        const delayMs = backoffDelayMs(failure, {
          initialMs: this.retry.initialMs ?? 1000,
          maxMs: this.retry.maxIntervalMs,
          jitter: { down: 0.25, up: 0.25 },
          capJittered: true,
          ...(this.random && { random: this.random }),
        });
        this.logger?.warn({ err: error, failure, retryInMs: delayMs }, 'Reddit login failed; retrying');
        // An abort rejects with Node's AbortError; callers get the reason close() gave instead.
        await sleep(delayMs, undefined, { signal: this.signal }).catch(() => this.signal.throwIfAborted());
      }
    }
  }
}
