import ipaddr from 'ipaddr.js';
import { LRUCache } from 'lru-cache';

export interface LoginThrottleOptions {
  /** Failed logins one client may make within `windowMs`; reaching it locks the client out. */
  maxFailures: number;
  /** The window failures are counted in, from the client's first failure (ms). */
  windowMs: number;
  /** How long a locked-out client is refused without its password being checked (ms). */
  lockMs: number;
  /** Clients remembered at most; the least recently seen is forgotten first, so memory stays bounded. */
  maxClients: number;
  /** The clock (ms since the epoch); tests pass their own. */
  now: () => number;
}

/** 10 wrong passwords in 15 minutes lock a client out for 15 minutes (about 1,000 guesses a day at most). */
export const DefaultLoginThrottleOptions: LoginThrottleOptions = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxClients: 10_000,
  now: Date.now,
};

interface Failures {
  count: number;
  /** When the first failure of the current window happened (ms). */
  since: number;
  /** Until when the client is refused (ms); 0 while it is not locked out. */
  lockedUntil: number;
}

/**
 * Counts failed logins per client and locks out a client that fails too often, so the admin
 * password cannot be guessed by brute force. Only failures count: a client that logs in right is
 * never slowed down. Written here rather than with @fastify/rate-limit, which counts every request
 * before the route runs and cannot tell a failed login from a good one; lru-cache bounds the memory.
 */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  private readonly clients: LRUCache<string, Failures>;

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.options = { ...DefaultLoginThrottleOptions, ...options };
    this.clients = new LRUCache({ max: this.options.maxClients });
  }

  /** How long this client is still locked out (ms), 0 when it may try. */
  lockedFor(client: string): number {
    const entry = this.current(client);
    return entry ? Math.max(0, entry.lockedUntil - this.options.now()) : 0;
  }

  /**
   * Counts a failed login; the `maxFailures`-th within the window locks the client out for `lockMs`.
   * Returns true when this failure locked it out.
   */
  recordFailure(client: string): boolean {
    const now = this.options.now();
    const entry = this.current(client) ?? { count: 0, since: now, lockedUntil: 0 };
    entry.count += 1;
    const locks = entry.count >= this.options.maxFailures && entry.lockedUntil === 0;
    if (locks) entry.lockedUntil = now + this.options.lockMs;
    this.clients.set(client, entry);
    return locks;
  }

  /** The client's failures, or undefined once its window and its lock are both over. */
  private current(client: string): Failures | undefined {
    const entry = this.clients.get(client);
    if (!entry) return undefined;
    const now = this.options.now();
    if (now < entry.lockedUntil || (entry.lockedUntil === 0 && now - entry.since < this.options.windowMs)) return entry;
    this.clients.delete(client);
    return undefined;
  }
}

/**
 * Whom failures are counted against: the IPv4 address, or the /64 network of an IPv6 address
 * (one subscriber usually gets a whole /64, so counting single IPv6 addresses would count nothing).
 * An IPv4 address mapped into IPv6 (`::ffff:1.2.3.4`) is its IPv4 address.
 */
export function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${(address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}
