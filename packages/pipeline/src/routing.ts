import { ConfigError, ConfigErrors, type DestinationsSettings, type RoutesSettings } from '@herald/config';
import { eventTypes, reaches, type EventType, type Severity } from '@herald/contracts';
import { webhookLabel } from '@herald/discord/webhook';
import type { DestinationSpec } from './destinations.js';

/** Who a delivery pings. Only these ids: text from a source never pings anyone (allowed_mentions.parse is empty). */
export interface Mentions {
  users: string[];
  roles: string[];
}

/** One delivery an event gets: where, and who it pings there. */
export interface RouteTarget {
  destinationId: number;
  mentions: Mentions | null;
}

export interface RoutableEvent {
  type: EventType;
  severity: Severity;
}

export type Router = (event: RoutableEvent) => RouteTarget[];

/** `*` matches any run of characters (dots included); everything else is literal. */
export function patternMatcher(pattern: string): (type: string) => boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('.*')}$`);
  return (type) => regex.test(type);
}

/** The destinations table rows configuration asks for. */
export function destinationSpecs(destinations: DestinationsSettings): DestinationSpec[] {
  return Object.entries(destinations).map(([key, d]) =>
    d.webhook !== undefined
      ? { key, kind: 'webhook', target: d.webhook, label: d.label ?? `${key} (${webhookLabel(d.webhook)})` }
      : { key, kind: 'channel', target: d.channel!, label: d.label ?? `${key} (channel ${d.channel})` },
  );
}

/**
 * Checks what a schema cannot: every route names a configured destination, and every pattern
 * matches at least one event type Herald knows (a typo would otherwise silently route nothing).
 */
export function checkRoutes(routes: RoutesSettings, destinationKeys: Iterable<string>): void {
  const known = new Set(destinationKeys);
  const errors: ConfigError[] = [];
  routes.forEach((route, r) => {
    route.events.forEach((pattern, p) => {
      if (!eventTypes.some(patternMatcher(pattern))) {
        errors.push(new ConfigError(`routes.${r}.events.${p}`, `"${pattern}" matches no event type (known: ${eventTypes.join(', ')})`));
      }
    });
    route.to.forEach((target, t) => {
      if (!known.has(target.destination)) {
        errors.push(new ConfigError(`routes.${r}.to.${t}`, `no destination named "${target.destination}" (configured: ${[...known].join(', ') || 'none'})`));
      }
    });
  });
  if (errors.length > 0) throw new ConfigErrors(errors);
}

/**
 * Compiles routes into a function from an event to its deliveries. A destination reached by
 * several routes gets the event once, pinging the union of their mentions.
 */
export function compileRouter(routes: RoutesSettings, destinationIds: ReadonlyMap<string, number>): Router {
  const compiled = routes.map((route) => ({
    matches: route.events.map(patternMatcher),
    to: route.to.map((target) => ({ ...target, id: destinationIds.get(target.destination)! })),
  }));
  return (event) => {
    const byDestination = new Map<number, Mentions>();
    for (const route of compiled) {
      if (!route.matches.some((match) => match(event.type))) continue;
      for (const target of route.to) {
        if (!reaches(event.severity, target.minSeverity)) continue;
        const mentions = byDestination.get(target.id) ?? { users: [], roles: [] };
        mentions.users = union(mentions.users, target.mentions.users);
        mentions.roles = union(mentions.roles, target.mentions.roles);
        byDestination.set(target.id, mentions);
      }
    }
    return [...byDestination].map(([destinationId, m]) => ({
      destinationId,
      mentions: m.users.length + m.roles.length > 0 ? m : null,
    }));
  };
}

/** Event types no route sends anywhere, e.g. to warn an operator whose routes miss a source. */
export function unroutedTypes(router: Router, types: readonly EventType[]): EventType[] {
  return types.filter((type) => router({ type, severity: 'critical' }).length === 0);
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
