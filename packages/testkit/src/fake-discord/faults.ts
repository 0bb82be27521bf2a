import { FAKE_ROUTES, type ContentRule, type Fault, type FaultTarget, type StickyFault } from './types.js';

const STATUSES = new Set([400, 401, 403, 404, 429, 500, 502, 503]);

export function targetKey(target: FaultTarget): string {
  if ('webhookId' in target) return `webhook:${target.webhookId}`;
  const scope = 'channelId' in target ? `channel:${target.channelId}` : `guild:${target.guildId}`;
  return target.route === undefined ? scope : `${scope}#${target.route}`;
}

/** Ordered one-shot faults, sticky statuses and faults, per webhook or channel; content rules. */
export class FaultInjector {
  readonly #queues = new Map<string, Fault[]>();
  readonly #permanent = new Map<string, number>();
  /** `until` is epoch ms, or Infinity until cleared. */
  readonly #sticky = new Map<string, { fault: StickyFault; until: number }>();
  #contentRules: ContentRule[] = [];

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

  /** Answers every request on the target with `fault` for `forMs` (or until cleared with null). */
  setStickyFault(target: FaultTarget, fault: StickyFault | null, forMs?: number): void {
    if (fault === null) this.#sticky.delete(targetKey(target));
    else this.#sticky.set(targetKey(target), { fault, until: forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + forMs });
  }

  /** The sticky fault in force on this target now, if any (an expired one is dropped). */
  stickyFault(target: FaultTarget): StickyFault | undefined {
    const key = targetKey(target);
    const entry = this.#sticky.get(key);
    if (entry === undefined) return undefined;
    if (Date.now() < entry.until) return entry.fault;
    this.#sticky.delete(key);
    return undefined;
  }

  addContentRule(rule: ContentRule): void {
    this.#contentRules.push(rule);
  }

  clearContentRules(): void {
    this.#contentRules = [];
  }

  /** The first rule whose text occurs in this raw request body and that applies to the target. */
  contentRule(target: FaultTarget, rawBody: string): ContentRule | undefined {
    const key = targetKey(target);
    return this.#contentRules.find((r) => (r.target === undefined || targetKey(r.target) === key) && rawBody.includes(r.contains));
  }

  /** Drops queued one-shot faults; sticky statuses, sticky faults and content rules stay (they model the target's state). */
  clearQueued(): void {
    this.#queues.clear();
  }
}

export function isFaultTarget(value: unknown): value is FaultTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.webhookId === 'string') return v.route === undefined;
  if (typeof v.channelId !== 'string' && typeof v.guildId !== 'string') return false;
  return v.route === undefined || (FAKE_ROUTES as readonly unknown[]).includes(v.route);
}

export function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.drop === true || v.hold === true) return true;
  if (v.status === 429) return v.headerless === true || (typeof v.retryAfterMs === 'number' && v.retryAfterMs >= 0);
  return isFaultStatus(v.status);
}

export function isStickyFault(value: unknown): value is StickyFault {
  return isFault(value) && !('hold' in value);
}

function isFaultStatus(value: unknown): value is ContentRule['status'] {
  return typeof value === 'number' && value !== 429 && STATUSES.has(value);
}

export function isContentRule(value: unknown): value is ContentRule {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.contains !== 'string' || v.contains === '' || !isFaultStatus(v.status)) return false;
  return v.target === undefined || isFaultTarget(v.target);
}
