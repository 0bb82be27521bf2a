import type { Db } from '@herald/db';
import { shown } from '../views/format.js';

/**
 * What pages and the JSON API show about an event. Built from an explicit `select`, so the
 * payload (which may hold an e-mail address or a real name) is never even read, and a
 * destination's secret `target` never leaves the database.
 */
export interface AttemptView {
  at: string;
  outcome: string;
  httpStatus: number | null;
  error: string | null;
}

export interface DeliveryView {
  id: string;
  destination: { id: number; label: string; kind: string };
  status: string;
  attempts: number;
  discordMessageId: string | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  attemptLog: AttemptView[];
}

export interface EventView {
  id: string;
  type: string;
  sourceKey: string;
  subject: string;
  createdAt: string;
  deliveries: DeliveryView[];
}

export interface EventPage {
  events: EventView[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export const EventsPerPage = 50;

const eventSelect = {
  id: true,
  type: true,
  sourceKey: true,
  subject: true,
  createdAt: true,
  deliveries: {
    orderBy: { id: 'asc' },
    select: {
      id: true,
      status: true,
      attempts: true,
      discordMessageId: true,
      lastError: true,
      lastAttemptAt: true,
      deliveredAt: true,
      destination: { select: { id: true, label: true, kind: true } },
      attemptLog: { orderBy: { id: 'asc' }, select: { at: true, outcome: true, httpStatus: true, error: true } },
    },
  },
} as const;

type EventRow = Awaited<ReturnType<typeof findEvents>>[number];

function findEvents(db: Db, where: object, take: number) {
  return db.event.findMany({ where, orderBy: { id: 'desc' }, take, select: eventSelect });
}

function toView(row: EventRow): EventView {
  return {
    id: row.id.toString(),
    type: row.type,
    sourceKey: row.sourceKey,
    // An account name is public, but one that is itself an e-mail address must not be shown.
    subject: shown(row.subject) ?? '',
    createdAt: row.createdAt.toISOString(),
    deliveries: row.deliveries.map((d) => ({
      id: d.id.toString(),
      destination: { id: d.destination.id, label: shown(d.destination.label) ?? '', kind: d.destination.kind },
      status: d.status,
      attempts: d.attempts,
      discordMessageId: d.discordMessageId,
      lastError: shown(d.lastError),
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      attemptLog: d.attemptLog.map((a) => ({ at: a.at.toISOString(), outcome: a.outcome, httpStatus: a.httpStatus, error: shown(a.error) })),
    })),
  };
}

/** Prisma passes `contains` to ILIKE as is; escape its wildcards so the search is literal. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first. `q` matches the subject case-insensitively (Postgres ILIKE); `before` pages by id. */
export async function listEvents(db: Db, options: { q?: string | undefined; before?: string | undefined; limit?: number }): Promise<EventPage> {
  const limit = options.limit ?? EventsPerPage;
  const where = {
    ...(options.q ? { subject: { contains: likeLiteral(options.q), mode: 'insensitive' as const } } : {}),
    ...(options.before ? { id: { lt: BigInt(options.before) } } : {}),
  };
  const rows = await findEvents(db, where, limit + 1);
  const page = rows.slice(0, limit);
  return { events: page.map(toView), nextBefore: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null };
}

export async function getEvent(db: Db, id: string): Promise<EventView | null> {
  const [row] = await findEvents(db, { id: BigInt(id) }, 1);
  return row ? toView(row) : null;
}
