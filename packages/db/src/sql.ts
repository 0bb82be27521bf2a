import pg from 'pg';

/**
 * A plain `pg` pool for the long-running workers' hot paths. Prisma stays the source of the
 * schema and migrations (and serves the web app), but its WASM query compiler costs each process
 * ~70 MB and a fraction of a millisecond per query; the poller and notifier run a handful of
 * fixed statements and keep to SQL.
 */
export type SqlPool = pg.Pool;
export type SqlClient = pg.PoolClient;
export type Queryable = Pick<pg.Pool, 'query'>;

const TIMESTAMP_WITHOUT_TZ = 1114;
const INT8 = 20;

export function createSqlPool(options: { url: string; max?: number }): SqlPool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    // Prisma stores UTC in `timestamp(3)` columns; read and write them as UTC whatever the server's zone.
    options: '-c TimeZone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === TIMESTAMP_WITHOUT_TZ) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
        if (oid === INT8) return (value: string) => BigInt(value);
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `fn` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(pool: SqlPool, fn: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
