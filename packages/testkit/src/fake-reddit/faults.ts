import { seededRandom } from '../random.js';
import type { FakeRedditFault, FakeRedditFaultScope } from './types.js';

export interface FaultDecision {
  status: number;
  reset: boolean;
}

interface Pending {
  remaining: number;
  fault: Required<FakeRedditFault>;
}

function complete(fault: FakeRedditFault): Required<FakeRedditFault> {
  const status = fault.status ?? 503;
  if (!Number.isInteger(status) || status < 500 || status > 599) throw new RangeError('fault.status must be a 5xx status');
  return { status, reset: fault.reset ?? false, scope: fault.scope ?? 'api' };
}

/** Injected failures (the next N requests, or a seeded fraction of them) and an added latency. */
export class Faults {
  private readonly queue: Pending[] = [];
  private rate: { fraction: number; fault: Required<FakeRedditFault>; random: () => number } | undefined;
  latencyMs = 0;

  /** The next `count` requests in the fault's scope fail (after any already queued). */
  failNext(count: number, fault: FakeRedditFault = {}): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    if (count > 0) this.queue.push({ remaining: count, fault: complete(fault) });
  }

  /** Each request in scope fails with probability `fraction`, drawn from a PRNG seeded with `seed`. */
  failRate(fraction: number, fault: FakeRedditFault = {}, seed = 1): void {
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError('fraction must be in [0, 1]');
    this.rate = fraction === 0 ? undefined : { fraction, fault: complete(fault), random: seededRandom(seed) };
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency must be a non-negative number of ms');
    this.latencyMs = ms;
  }

  clear(): void {
    this.queue.length = 0;
    this.rate = undefined;
    this.latencyMs = 0;
  }

  /** Whether this request (of `kind`) fails, consuming a queued fault if so. */
  decide(kind: 'api' | 'token'): FaultDecision | undefined {
    const applies = (scope: FakeRedditFaultScope): boolean => scope === 'all' || scope === kind;
    const pending = this.queue.find((p) => applies(p.fault.scope));
    if (pending !== undefined) {
      pending.remaining -= 1;
      if (pending.remaining === 0) this.queue.splice(this.queue.indexOf(pending), 1);
      return { status: pending.fault.status, reset: pending.fault.reset };
    }
    if (this.rate !== undefined && applies(this.rate.fault.scope) && this.rate.random() < this.rate.fraction) {
      return { status: this.rate.fault.status, reset: this.rate.fault.reset };
    }
    return undefined;
  }
}
