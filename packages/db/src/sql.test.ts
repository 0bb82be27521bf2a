import { describe, expect, it } from 'vitest';
import { createSqlPool, isDatabaseUnavailable, reportAvailability, withTransaction } from './sql.js';

const url = process.env.HERALD_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

describe('isDatabaseUnavailable', () => {
  it('tells an outage from a bad statement', async () => {
    const down = createSqlPool({ url: 'postgresql://postgres@127.0.0.1:1/postgres' });
    const error = await down.query('SELECT 1').catch((e: unknown) => e);
    await down.end();
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    const pool = createSqlPool({ url });
    const syntax = await pool.query('SELEC 1').catch((e: unknown) => e);
    await pool.end();
    expect(isDatabaseUnavailable(syntax)).toBe(false);
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
