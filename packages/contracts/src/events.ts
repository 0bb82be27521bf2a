import { z } from 'zod';
import type { Severity } from './severity.js';

/**
 * Event payloads, one schema per event type. An event is what a source observed; it is written
 * to Postgres (the outbox) by a poller and rendered into Discord messages by the notifier.
 */
export const servatriceAccountRegistered = z.object({
  /** Configured source name, e.g. "default"; lets one Herald watch several servers. */
  source: z.string().min(1),
  accountId: z.number().int().nonnegative(),
  name: z.string(),
  /** Present only when the operator allows real names to be posted and the account has one. */
  realName: z.string().optional(),
  /** Present only when the operator allows e-mail addresses to be posted. */
  email: z.string().optional(),
  /** ISO-8601 UTC, or null when Servatrice stored a zero date. */
  registeredAt: z.string().datetime().nullable(),
});
export type ServatriceAccountRegistered = z.infer<typeof servatriceAccountRegistered>;

export const eventSchemas = {
  'servatrice.account.registered': servatriceAccountRegistered,
} as const;

export type EventType = keyof typeof eventSchemas;

/** The severity an event of each type has unless its source says otherwise (e.g. an expiry that is close). */
export const defaultSeverity: Record<EventType, Severity> = {
  'servatrice.account.registered': 'info',
};
export type EventPayload<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export const eventTypes = Object.keys(eventSchemas) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventSchemas, value);
}

/** Parses a stored payload; throws a ZodError naming the bad field if it does not match its type. */
export function parseEventPayload<T extends EventType>(type: T, payload: unknown): EventPayload<T> {
  return eventSchemas[type].parse(payload) as EventPayload<T>;
}

/** Fields an event carries that may identify a person; never logged, never shown on public pages. */
export const personalFields = ['email', 'realName'] as const;
