import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
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
