import type { Fault, FaultTarget } from './types.js';

const STATUSES = new Set([400, 401, 403, 404, 429, 500, 502, 503]);

export function targetKey(target: FaultTarget): string {
  return 'webhookId' in target ? `webhook:${target.webhookId}` : `channel:${target.channelId}`;
}

/** Ordered one-shot faults and sticky statuses, per webhook or channel. */
export class FaultInjector {
  readonly #queues = new Map<string, Fault[]>();
  readonly #permanent = new Map<string, number>();

  inject(target: FaultTarget, faults: Fault[]): void {
    const key = targetKey(target);
    const queue = this.#queues.get(key) ?? [];
    queue.push(...faults);
    this.#queues.set(key, queue);
  }

  /** The next fault for this target, removed from its queue. */
  take(target: FaultTarget): Fault | undefined {
    const queue = this.#queues.get(targetKey(target));
    return queue?.shift();
  }

  pending(target: FaultTarget): number {
    return this.#queues.get(targetKey(target))?.length ?? 0;
  }

  setPermanentStatus(target: FaultTarget, status: number | null): void {
    if (status === null) this.#permanent.delete(targetKey(target));
    else this.#permanent.set(targetKey(target), status);
  }

  permanentStatus(target: FaultTarget): number | undefined {
    return this.#permanent.get(targetKey(target));
  }

  /** Drops queued one-shot faults; sticky statuses stay (they model the target's state). */
  clearQueued(): void {
    this.#queues.clear();
  }
}

export function isFaultTarget(value: unknown): value is FaultTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.webhookId === 'string' || typeof v.channelId === 'string';
}

export function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.drop === true || v.hold === true) return true;
  if (v.status === 429) return typeof v.retryAfterMs === 'number' && v.retryAfterMs >= 0;
  return typeof v.status === 'number' && STATUSES.has(v.status);
}
