import pg from 'pg';

/**
 * A plain `pg` pool for the long-running workers' hot paths. Prisma stays the source of the
 * schema and migrations (and the tests' fixtures), but its WASM query compiler would add its memory
 * and per-query time to each process; the apps run a handful of fixed statements and keep to SQL.
 */
export type SqlPool = pg.Pool;
export type SqlClient = pg.PoolClient;
export type Queryable = Pick<pg.Pool, 'query'>;

const TIMESTAMP_WITHOUT_TZ = 1114;

// Prisma's `timestamp(3)` columns hold UTC without a zone, and Postgres drops the offset of a value
// written into one: a `Date` parameter must therefore be sent as UTC, whatever the process's TZ
// (pg's default sends local time with its offset, which would store local wall-clock time).
pg.defaults.parseInputDatesAsUTC = true;
const INT8 = 20;

/** `connectTimeoutMs` (default 10 000) and `queryTimeoutMs` (default 30 000) bound every wait on Postgres. */
export function createSqlPool(options: { url: string; max?: number; connectTimeoutMs?: number; queryTimeoutMs?: number }): SqlPool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    // Without these a network black hole hangs a connection attempt or a statement forever (pg's
    // defaults are no timeout): a drain or a poll would then never finish. Outages fail fast instead.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    query_timeout: options.queryTimeoutMs ?? 30_000,
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

// Node socket errors and PostgreSQL SQLSTATEs that mean "the server is unreachable or went away".
const unavailableErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// 08xxx connection exceptions; 57P01-57P03 admin/crash shutdown and "cannot connect now" (starting
// up or recovering); 53300 too many connections. See PostgreSQL's errcodes appendix.
const unavailableSqlStates = /^(08...|57P0[123]|53300)$/;
// pg's and pg-pool's own messages (no code): a cut or refused connection, their connect and statement
// timeouts ("timeout expired" is the client's connect timer when it fires before the pool's).
const unavailableMessages = /Connection terminated|connection error|timeout exceeded when trying to connect|^timeout expired$|Query read timeout|Client was closed|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Whether an error from `pg` means PostgreSQL is unavailable (down, restarting, unreachable) —
 * an outage to wait out and retry — rather than a problem with the statement or the data.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (unavailableErrnos.has(code) || unavailableSqlStates.test(code))) return true;
  if (unavailableMessages.test(error.message)) return true;
  return error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause);
}

// 40001 serialization failure, 40P01 deadlock detected, 55P03 lock not available: Postgres undid
// the statement and says that running it again may work.
const retryableSqlStates = new Set(['40001', '40P01', '55P03']);

/**
 * Whether a statement that failed may simply be run again: Postgres is unavailable, or it undid the
 * statement because of a conflict with another one (a deadlock, a serialization failure). Writes of
 * answers Discord already gave are kept and retried on these rather than dropped.
 */
export function isRetryableDatabaseError(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && retryableSqlStates.has(code);
}

/** Told about every statement's outcome: see `reportAvailability`. */
export interface AvailabilityObserver {
  failed(error: unknown): void;
  succeeded(): void;
}

/**
 * Makes `pool` tell `observer` whether PostgreSQL answers: `failed` for every statement or
 * connection that fails because the database is unavailable, `succeeded` for every one that works.
 * With an outage reporter as the observer, an outage is logged once when it starts and once when
 * it ends, however many parts of the process notice it. Returns the same pool.
 */
export function reportAvailability(pool: SqlPool, observer: AvailabilityObserver): SqlPool {
  const watch = async <T>(work: Promise<T>): Promise<T> => {
    try {
      const result = await work;
      observer.succeeded();
      return result;
    } catch (error) {
      // Any other error is an answer from Postgres: it is available.
      if (isDatabaseUnavailable(error)) observer.failed(error);
      else observer.succeeded();
      throw error;
    }
  };
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  // Only the promise forms are watched; callback forms pass through (pg-pool's own query() calls
  // connect with a callback, and its outcome is seen by the watched query()).
  const isCallback = (args: unknown[]) => typeof args.at(-1) === 'function';
  pool.query = ((...args: unknown[]) => (isCallback(args) ? query(...args) : watch(query(...args) as Promise<unknown>))) as typeof pool.query;
  pool.connect = ((...args: unknown[]) => (isCallback(args) ? connect(...args) : watch(connect() as Promise<SqlClient>))) as typeof pool.connect;
  return pool;
}
