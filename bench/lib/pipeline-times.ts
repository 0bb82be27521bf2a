import pg from 'pg';

export interface EventTimes {
  /** Start of the poll transaction that recorded the event (Postgres `now()`), epoch ms. */
  recordedAt: number;
  /** When the poller had handed the event to BullMQ, epoch ms. */
  enqueuedAt: number | null;
  /** When the notifier recorded the delivery after Discord answered, epoch ms. */
  deliveredAt: number | null;
}

/** Per account name, when each pipeline stage happened, read from Herald's Postgres after a run. */
export async function eventTimes(databaseUrl: string): Promise<Map<string, EventTimes>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ subject: string; recorded: string; enqueued: string | null; delivered: string | null }>(`
      SELECT e.subject,
             (extract(epoch FROM e.created_at) * 1000)::text AS recorded,
             (extract(epoch FROM e.enqueued_at) * 1000)::text AS enqueued,
             (extract(epoch FROM min(d.delivered_at)) * 1000)::text AS delivered
      FROM events e LEFT JOIN deliveries d ON d.event_id = e.id
      GROUP BY e.id`);
    const num = (v: string | null) => (v === null ? null : Number(v));
    return new Map(rows.map((r) => [r.subject, { recordedAt: Number(r.recorded), enqueuedAt: num(r.enqueued), deliveredAt: num(r.delivered) }]));
  } finally {
    await client.end();
  }
}

/** Transactions committed in Herald's database so far (each autocommit statement counts as one). */
export async function committedTransactions(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
