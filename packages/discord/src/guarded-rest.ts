import { DefaultRestOptions, REST, RateLimitError, type InternalRequest, type RESTOptions, type ResponseLike } from '@discordjs/rest';
import { truncate } from './fit.js';
import type { InvalidRequestBudget } from './invalid-budget.js';
import { isTimingless429, RefusalFloor, type RefusalFloorOptions } from './refusal-floor.js';

/** A 429 without timing, as the client reports it: the URL with webhook tokens removed. */
export interface TiminglessRefusal {
  /** e.g. `/api/v10/webhooks/123/:token`. */
  path: string;
  /** The body (Cloudflare's `error code: 1015`), cut to 200 characters with a closing `…` when longer. */
  body: string;
  /** Refusals in a row, this one included. */
  streak: number;
  /** How long every request of the process now waits at least, in ms. */
  waitMs: number;
}

export interface GuardOptions {
  floor?: RefusalFloorOptions;
  budget?: InvalidRequestBudget;
  onTiminglessRefusal?: (refusal: TiminglessRefusal) => void;
  /** The first other answer after a run of refusals without timing: `streak` refusals in a row ended. */
  onRefusalsEnded?: (streak: number) => void;
}

/** Discord counts these towards the invalid request limit, except 429s of the `shared` scope. */
function isInvalid(status: number, headers: { get(name: string): string | null }): boolean {
  if (status === 429) return headers.get('x-ratelimit-scope') !== 'shared';
  return status === 401 || status === 403;
}

function redactedPath(url: string): string {
  const { pathname } = new URL(url);
  return pathname.replace(/(\/webhooks\/[^/]+\/)[^/]+/, '$1:token');
}

/**
 * The REST client with two guards @discordjs/rest 2.6.3 lacks, added through its own extension points:
 * - `makeRequest` sees every answer: it counts invalid ones in the budget and turns a 429 without
 *   `Retry-After` (which the library would retry at once, forever) into a rejection via `rejectOnRateLimit`;
 * - `makeRequest` also waits for the budget before every attempt (the library's retries included);
 * - `queueRequest` (every request of the process: webhooks, bot messages, discord.js) waits for the
 *   refusal floor before a request is queued, so that wait is not counted against the request
 *   timeout, and retries a request rejected that way.
 */
class GuardedREST extends REST {
  readonly #floor: RefusalFloor;

  constructor(options: Partial<RESTOptions>, floor: RefusalFloor) {
    super(options);
    this.#floor = floor;
  }

  override async queueRequest(request: InternalRequest): Promise<ResponseLike> {
    for (;;) {
      // The floor is waited out here, outside the request timeout; the budget before every attempt (makeRequest).
      await this.#floor.wait(request.signal);
      try {
        return await super.queueRequest(request);
      } catch (error) {
        // Only timing-less 429s are rejected (see rejectOnRateLimit below); the floor now holds the retry back.
        if (!(error instanceof RateLimitError)) throw error;
      }
    }
  }
}

export function createGuardedRest(options: Partial<RESTOptions>, guard: GuardOptions): { rest: REST; floor: RefusalFloor } {
  const floor = new RefusalFloor(guard.floor);
  const { budget, onTiminglessRefusal, onRefusalsEnded } = guard;
  // `METHOD url` of timing-less 429s the library is about to report through rejectOnRateLimit.
  const refused = new Set<string>();
  const base = options.makeRequest ?? DefaultRestOptions.makeRequest;

  const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
    // Every attempt waits for the budget, including the library's own retries after a 429 with
    // Retry-After, which never pass through queueRequest again: without this a paused budget let
    // them through at ~8 a second per destination. (A wait here counts against the request timeout;
    // a request that times out waiting was never sent, and the caller retries it later.)
    await budget?.gate(init.signal ?? undefined);
    const res = await base(url, init);
    if (isInvalid(res.status, res.headers)) void budget?.record();
    if (!isTimingless429(res.status, res.headers)) {
      const streak = floor.streak;
      floor.answered();
      if (streak > 0) onRefusalsEnded?.(streak);
      return res;
    }
    // The library will not read this body (it rejects first): read it here so the connection is freed.
    const text = await res.text().catch(() => '');
    const waitMs = floor.refused();
    refused.add(`${(init.method ?? 'GET').toUpperCase()} ${url}`);
    onTiminglessRefusal?.({ path: redactedPath(url), body: truncate(text, 200), streak: floor.streak, waitMs });
    return new Response(text, { status: res.status, headers: res.headers }) as unknown as ResponseLike;
  };

  const rest = new GuardedREST(
    {
      ...options,
      makeRequest,
      // Called for every 429 (and every wait on a known bucket): reject only the timing-less ones we marked.
      rejectOnRateLimit: (data) => refused.delete(`${data.method.toUpperCase()} ${data.url}`),
    },
    floor,
  );
  return { rest, floor };
}
