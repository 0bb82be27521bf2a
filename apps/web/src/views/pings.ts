import type { Ping } from '../data/discord-names.js';

/**
 * Who a delivery pings, as Discord shows it: `@moderator` for a role or user whose name the
 * notifier's bot has seen, else `role 100000000000000200` (the id, which is what the route says).
 */
export function pingText(pings: Ping[]): string {
  return pings.map((p) => (p.name === null ? `${p.kind} ${p.id}` : `@${p.name}`)).join(', ');
}
