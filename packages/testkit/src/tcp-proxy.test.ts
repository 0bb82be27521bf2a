import pg from 'pg';
import { createSqlPool, isDatabaseUnavailable } from '@herald/db/sql';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAdminUrl } from './postgres.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

let proxy: TcpProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const postgres = { host: '127.0.0.1', port: 5432 };

async function query(port: number): Promise<unknown> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one')).rows[0];
  } finally {
    await client.end();
  }
}

describe('startTcpProxy', () => {
  it('forwards, refuses during an outage, cuts open connections, and forwards again', async () => {
    proxy = await startTcpProxy(postgres);
    expect(await query(proxy.port)).toEqual({ one: 1 });

    const held = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: 'postgres', database: 'postgres' });
    await held.connect();
    const ended = new Promise((resolve) => held.once('error', resolve));
    proxy.outage();
    await ended; // the open connection was cut
    await expect(query(proxy.port)).rejects.toThrow();

    proxy.setMode('hang');
    await expect(query(proxy.port)).rejects.toThrow(/timeout/i);

    proxy.setMode('forward');
    expect(await query(proxy.port)).toEqual({ one: 1 });
    expect(proxy.accepted).toBe(5);
  });
});

// Here rather than beside createSqlPool: @herald/db cannot depend on the test kit (the kit depends on it).
describe('createSqlPool behind a black hole', () => {
  it('fails fast, as an outage, when Postgres stops answering (a network black hole), and recovers', async () => {
    const direct = new URL(postgresAdminUrl);
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    direct.hostname = proxy.host;
    direct.port = String(proxy.port);
    const pool = createSqlPool({ url: direct.toString(), max: 1, connectTimeoutMs: 300, queryTimeoutMs: 300 });
    try {
      await pool.query('SELECT 1');
      proxy.stall();
      const hung = await pool.query('SELECT 1').catch((e: unknown) => e);
      expect(isDatabaseUnavailable(hung)).toBe(true);
      proxy.setMode('forward');
      await expect.poll(async () => (await pool.query('SELECT 1 AS one').catch(() => ({ rows: [] }))).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
      await proxy.close();
    }
  });
});

