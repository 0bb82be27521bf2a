import { backoffDelayMs } from '@herald/logging';
import { abortableSleep } from './sleep.js';

/**
 * A 429 that says nothing about when to retry: no `Retry-After` (or not a positive number). Discord always
 * sends `Retry-After` on its own 429s (https://docs.discord.com/developers/topics/rate-limits); a bare one
 * comes from something in front of it, e.g. Cloudflare's edge (`error code: 1015`). @discordjs/rest 2.6.3
 * retries such a 429 at once and without counting it as a retry, so it would loop at network speed.
 */
export function isTimingless429(status: number, headers: { get(name: string): string | null }): boolean {
  if (status !== 429) return false;
  const retryAfter = Number(headers.get('retry-after') ?? Number.NaN);
  return !(retryAfter > 0);
}

export interface RefusalFloorOptions {
  /** Wait after the first refusal, in ms. Default 1000. */
  baseMs?: number;
  /** Longest wait, in ms. Default 60 000. */
  maxMs?: number;
  /** Extra random share on top of the floor (0.5: up to +50%), so replicas do not retry in step. Default 0.5. */
  jitter?: number;
  /** For tests: [0, 1). */
  random?: () => number;
}

export const DefaultRefusalFloorOptions: Required<Omit<RefusalFloorOptions, 'random'>> = { baseMs: 1000, maxMs: 60_000, jitter: 0.5 };

/**
 * The process-wide floor on the wait after refusals without timing: the n-th refusal in a row makes every
 * request wait at least min(maxMs, baseMs · 2^(n−1)) (+ up to `jitter` of that, never less). While refused,
 * only one request goes out per wait (a probe); the first answer that is not such a refusal lifts the floor.
 * Process-wide because such refusals come from the edge in front of Discord, which blocks the whole IP.
 */
export class RefusalFloor {
  readonly #options: Required<Omit<RefusalFloorOptions, 'random'>>;
  readonly #random: () => number;
  #streak = 0;
  #notBefore = 0;

  constructor(options: RefusalFloorOptions = {}) {
    this.#options = { ...DefaultRefusalFloorOptions, ...options };
    this.#random = options.random ?? Math.random;
  }

  /** Refusals in a row; 0 when the last answer was anything else. */
  get streak(): number {
    return this.#streak;
  }

  /** The wait for the given streak, in ms: the floor plus jitter. */
  delayFor(streak: number): number {
    const { baseMs, maxMs, jitter } = this.#options;
    return backoffDelayMs(streak, { initialMs: baseMs, maxMs, jitter: { down: 0, up: jitter }, random: this.#random });
  }

  /** Resolves when a request may go out; rejects with the signal's reason when aborted. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (let now = Date.now(); now < this.#notBefore; now = Date.now()) await abortableSleep(this.#notBefore - now, signal);
    // Refused: this request is the probe; the next one waits a full floor even if the probe never answers.
    if (this.#streak > 0) this.#notBefore = Date.now() + this.delayFor(this.#streak);
  }

  /** Records a refusal without timing; returns the wait it imposes, in ms. */
  refused(): number {
    this.#streak++;
    const delay = this.delayFor(this.#streak);
    this.#notBefore = Math.max(this.#notBefore, Date.now() + delay);
    return delay;
  }

  /** Any other answer: the path is open again. */
  answered(): void {
    this.#streak = 0;
    this.#notBefore = 0;
  }
}
