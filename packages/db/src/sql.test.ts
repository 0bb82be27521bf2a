import { describe, expect, it } from 'vitest';
import { createSqlPool, isDatabaseUnavailable, isRetryableDatabaseError, reportAvailability, withTransaction } from './sql.js';

const url = process.env.HERALD_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

describe('isDatabaseUnavailable', () => {
  it('tells an outage from a bad statement', async () => {
    const down = createSqlPool({ url: 'postgresql://postgres@127.0.0.1:1/postgres' });
    const error = await down.query('SELECT 1').catch((e: unknown) => e);
    await down.end();
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // What pg and pg-pool say (without a code) when a connection is cut or a connect/statement times out.
    for (const message of [
      'Client has encountered a connection error and is not queryable',
      'Client was closed and is not queryable',
      'Query read timeout',
      'timeout exceeded when trying to connect',
      'timeout expired',
    ]) {
      expect(isDatabaseUnavailable(new Error(message)), message).toBe(true);
    }
    const timedOut = new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') });
    expect(isDatabaseUnavailable(timedOut)).toBe(true);
    expect(isDatabaseUnavailable(new Error('connection timeout expired in the renderer'))).toBe(false);
    const pool = createSqlPool({ url });
    const syntax = await pool.query('SELEC 1').catch((e: unknown) => e);
    await pool.end();
    expect(isDatabaseUnavailable(syntax)).toBe(false);
  });
});

describe('isRetryableDatabaseError', () => {
  it('is true for an outage and for a statement Postgres undid over a conflict, not for a bad statement', async () => {
    expect(isRetryableDatabaseError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableDatabaseError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
    expect(isRetryableDatabaseError(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false); // not an outage to log
    const pool = createSqlPool({ url });
    const syntax = await pool.query('SELEC 1').catch((e: unknown) => e);
    await pool.end();
    expect(isRetryableDatabaseError(syntax)).toBe(false);
  });
});

describe('reportAvailability', () => {
  it('reports each statement and transaction outcome, and only outages as failures', async () => {
    const seen: string[] = [];
    const pool = reportAvailability(createSqlPool({ url }), { failed: () => seen.push('failed'), succeeded: () => seen.push('ok') });
    await pool.query('SELECT 1');
    await pool.query('SELEC 1').catch(() => undefined); // a bad statement: Postgres answered
    await withTransaction(pool, (client) => client.query('SELECT 2'));
    await pool.end();
    expect(seen).toEqual(['ok', 'ok', 'ok']);
    const down = reportAvailability(createSqlPool({ url: 'postgresql://postgres@127.0.0.1:1/postgres' }), { failed: () => seen.push('failed'), succeeded: () => seen.push('ok') });
    await down.query('SELECT 1').catch(() => undefined);
    await down.end();
    expect(seen.at(-1)).toBe('failed');
  });
});

describe('timestamps', () => {
  it('writes and reads a Date in a timestamp(3) column as UTC whatever the process time zone', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York'; // Node applies a TZ change at once
    const pool = createSqlPool({ url });
    try {
      const at = new Date('2026-11-30T12:34:56.789Z');
      const { rows } = await pool.query<{ stored: Date; text: string }>(
        'SELECT $1::timestamp(3) AS stored, ($1::timestamp(3))::text AS text',
        [at],
      );
      expect(rows[0]!.text).toBe('2026-11-30 12:34:56.789');
      expect(rows[0]!.stored.toISOString()).toBe(at.toISOString());
    } finally {
      await pool.end();
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
