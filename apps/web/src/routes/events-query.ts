/** Query and params shared by the dashboard and the JSON API; validated by Fastify before handlers run. */
export interface EventsQuery {
  q?: string;
  before?: string;
}

export const eventsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200 },
    before: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' },
  },
} as const;

export interface EventParams {
  id: string;
}

export const eventParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' } },
} as const;

/** An empty search box means "no search". */
export function searchTerm(q: string | undefined): string | undefined {
  const trimmed = q?.trim();
  return trimmed ? trimmed : undefined;
}
