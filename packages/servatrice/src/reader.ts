import mysql from 'mysql2/promise';
import { redact } from '@herald/logging';
import type { ServatriceDbSettings } from './settings.js';
import { usersTable } from './table.js';

export interface AccountRow {
  id: number;
  name: string;
  realName: string;
  email: string;
  /** ISO-8601 UTC (`2026-06-21T05:09:57.000Z`), or null for Servatrice's zero date. */
  registrationDate: string | null;
}

/** Where the accounts live: exactly the database part of the monitor's settings. */
export type AccountReaderOptions = ServatriceDbSettings & {
  /**
   * Longest wait for one statement's answer, in ms (default 15 000). A network black hole or a
   * wedged server otherwise hangs the poll forever: with at most one poll in flight, the source
   * would silently stop. On timeout mysql2 drops the connection and the poll fails (and is retried).
   */
  queryTimeoutMs?: number;
};

export interface AccountReader {
  /** Accounts with `id > afterId`, oldest first, at most `limit`; plus the table's current MAX(id) (null when empty). */
  readAfter(afterId: number, limit: number): Promise<{ rows: AccountRow[]; maxId: number | null }>;
  /**
   * Accounts whose id lies in one of `ranges` (inclusive), oldest first, at most `limit`: the
   * re-check of skipped id gaps. One statement, a PRIMARY range scan per range, so its cost grows
   * with the accounts found (usually none), not with the width of the ranges.
   */
  readRanges(ranges: ReadonlyArray<{ from: number; to: number }>, limit: number): Promise<AccountRow[]>;
  /** The last `n` accounts, oldest first (for `--backfill N`). */
  latest(n: number): Promise<AccountRow[]>;
  /** The table's MAX(id), or null when it has no rows. */
  maxId(): Promise<number | null>;
  close(): Promise<void>;
}

/** A database error that says which server failed (never the password); the driver's error is the `cause`. */
export class ServatriceDatabaseError extends Error {
  readonly code: string | undefined;
  constructor(target: string, cause: unknown) {
    super(`Servatrice database ${target}: ${describe(cause)}`, { cause });
    this.name = 'ServatriceDatabaseError';
    this.code = (cause as { code?: unknown } | undefined)?.code?.toString();
  }
}

/**
 * Only these columns are ever selected: the least-privilege monitor user is granted
 * `SELECT (id, name, realname, email, registrationDate)` and nothing else.
 */
const columns = 'id, name, realname, email, registrationDate';

type Row = mysql.RowDataPacket & Record<string, unknown>;

/**
 * The statement behind `readAfter` (parameters: afterId, limit). One round trip, two index-only
 * plans: a PRIMARY range scan that stops after `limit` rows, and MAX(id) read from the end of the
 * index ("Select tables optimized away"). A UNION rather than a join, because joining the MAX
 * onto the rows makes MariaDB build a temporary table and filesort every row above the mark.
 * Rows are told apart by `kind`, since UNION ALL does not promise an order.
 */
export function readAfterSql(prefix: string): string {
  const table = usersTable(prefix);
  return `(SELECT 'row' AS kind, ${columns} FROM ${table} WHERE id > ? ORDER BY id LIMIT ?)
 UNION ALL (SELECT 'max', MAX(id), NULL, NULL, NULL, NULL FROM ${table})`;
}

export function createAccountReader(options: AccountReaderOptions): AccountReader {
  const table = usersTable(options.prefix);
  // Not user@host: log redaction would read that as an e-mail address and hide the host the operator needs.
  const target = `${options.host}:${options.port}/${options.database} (user ${options.user})`;
  const pool = mysql.createPool({
    host: options.host,
    port: options.port,
    database: options.database,
    user: options.user,
    password: options.password,
    connectionLimit: 2,
    charset: 'utf8mb4',
    connectTimeout: 15_000,
    // DATETIME comes back as text and is read as UTC (Servatrice writes UTC_TIMESTAMP()),
    // independent of this process's or the server's time zone.
    dateStrings: true,
    supportBigNumbers: true,
    ...(options.ssl ? { ssl: options.ssl.ca === undefined ? {} : { ca: options.ssl.ca } } : {}),
  });

  const queryTimeoutMs = options.queryTimeoutMs ?? 15_000;
  const run = async (sql: string, values: unknown[]): Promise<Row[]> => {
    try {
      const [rows] = await pool.query<Row[]>({ sql, values, timeout: queryTimeoutMs });
      return rows;
    } catch (error) {
      throw new ServatriceDatabaseError(target, error);
    }
  };

  return {
    async readAfter(afterId, limit) {
      checkInteger('afterId', afterId, 0);
      checkInteger('limit', limit, 1);
      const rows = await run(readAfterSql(options.prefix), [afterId, limit]);
      const max = rows.find((row) => row.kind === 'max');
      return {
        rows: rows.filter((row) => row.kind === 'row').map(toAccountRow),
        maxId: max === undefined ? null : toId(max.id),
      };
    },
    async readRanges(ranges, limit) {
      checkInteger('limit', limit, 1);
      if (ranges.length === 0) return [];
      for (const r of ranges) {
        checkInteger('from', r.from, 0);
        checkInteger('to', r.to, r.from);
      }
      const where = ranges.map((r) => (r.from === r.to ? 'id = ?' : 'id BETWEEN ? AND ?')).join(' OR ');
      const values = ranges.flatMap((r) => (r.from === r.to ? [r.from] : [r.from, r.to]));
      const rows = await run(`SELECT ${columns} FROM ${table} WHERE ${where} ORDER BY id LIMIT ?`, [...values, limit]);
      return rows.map(toAccountRow);
    },
    async latest(n) {
      checkInteger('n', n, 0);
      if (n === 0) return [];
      const rows = await run(`SELECT ${columns} FROM ${table} ORDER BY id DESC LIMIT ?`, [n]);
      return rows.map(toAccountRow).reverse();
    },
    async maxId() {
      const [row] = await run(`SELECT MAX(id) AS id FROM ${table}`, []);
      return toId(row?.id);
    },
    async close() {
      await pool.end();
    },
  };
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

function toId(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const id = Number(value);
  if (!Number.isSafeInteger(id)) throw new Error(`unexpected account id ${String(value)}`);
  return id;
}

function toAccountRow(row: Row): AccountRow {
  return {
    id: toId(row.id)!,
    name: String(row.name ?? ''),
    realName: String(row.realname ?? ''),
    email: String(row.email ?? ''),
    registrationDate: toIsoUtc(row.registrationDate),
  };
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC) → ISO-8601; zero or unparsable dates → null. */
export function toIsoUtc(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  if (y === '0000' || mo === '00' || d === '00') return null;
  const ms = fraction ? Math.floor(Number(fraction) * 1000) : 0;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  // Date.UTC silently rolls invalid dates (Feb 30) over; reject them instead.
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1) return null;
  return date.toISOString();
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    // Node's happy-eyeballs connect failure: the message may be empty, the parts are not.
    return redact(error.errors.map((e: unknown) => describe(e)).join('; '));
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = error.message || String(code ?? error.name);
    return redact(code && !text.includes(String(code)) ? `${String(code)}: ${text}` : text);
  }
  return redact(String(error));
}
