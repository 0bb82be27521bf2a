import { readFileSync } from 'node:fs';
import { mariadbAdmin, servatriceSchemaPath, uniqueName } from '@herald/testkit';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountReader } from './reader.js';
import { ensureDemoServatrice, startSignupSimulator } from './simulator.js';

const schemaSql = readFileSync(servatriceSchemaPath, 'utf8');
const database = uniqueName('servatrice_demo');
const monitorUser = uniqueName('demo_mon').slice(0, 32);
const monitorPassword = 'demo-monitor-pw';
const prefix = 'demo';
const demo = { admin: mariadbAdmin, database, prefix, monitorUser, monitorPassword, schemaSql };

let admin: mysql.Connection;
beforeAll(async () => {
  admin = await mysql.createConnection(mariadbAdmin);
});
afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  for (const host of ['%', 'localhost']) await admin.query(`DROP USER IF EXISTS ?@?`, [monitorUser, host]);
  await admin.end();
});

function monitorReader() {
  return createAccountReader({ host: mariadbAdmin.host, port: mariadbAdmin.port, database, user: monitorUser, password: monitorPassword, prefix, ssl: false });
}

/** Resolves after `n` sign-ups have been reported. */
function signups(n: number) {
  const seen: Array<{ id: number; name: string }> = [];
  let done!: () => void;
  const reached = new Promise<void>((resolve) => (done = resolve));
  return { seen, reached, onSignup: (a: { id: number; name: string }) => seen.push(a) === n && done() };
}

describe('ensureDemoServatrice', () => {
  it('creates the database, the real schema and a column-restricted monitor user, idempotently', async () => {
    expect(await ensureDemoServatrice(demo)).toEqual({ schemaLoaded: true });
    expect(await ensureDemoServatrice(demo)).toEqual({ schemaLoaded: false });
    const [tables] = await admin.query<mysql.RowDataPacket[]>('SELECT table_name FROM information_schema.tables WHERE table_schema = ?', [database]);
    expect(tables).toHaveLength(27);
    expect(tables.every((t) => String(t.table_name ?? t.TABLE_NAME).startsWith('demo_'))).toBe(true);

    const monitor = await mysql.createConnection({ ...mariadbAdmin, user: monitorUser, password: monitorPassword, database });
    try {
      await expect(monitor.query(`SELECT password_sha512 FROM demo_users`)).rejects.toMatchObject({ code: 'ER_COLUMNACCESS_DENIED_ERROR' });
      await expect(monitor.query(`INSERT INTO demo_users (name) VALUES ('x')`)).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
    } finally {
      await monitor.end();
    }
    const reader = monitorReader();
    expect(await reader.maxId()).toBeNull();
    await reader.close();
  });
});

describe('startSignupSimulator', () => {
  const connection = { ...mariadbAdmin, database };

  it('inserts Servatrice-shaped accounts on a timer until stopped', async () => {
    const watch = signups(3);
    const simulator = startSignupSimulator({ connection, prefix, everyMs: 10, onSignup: watch.onSignup });
    await watch.reached;
    await simulator.stop();
    const count = simulator.count();
    expect(count).toBeGreaterThanOrEqual(3);

    const reader = monitorReader();
    const rows = await reader.latest(100);
    await reader.close();
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      expect(row.name).toMatch(/^player_\d{4}(_\d+)?$/);
      expect(row.email).toBe(`${row.name}@example.invalid`);
      expect(row.registrationDate).toMatch(/Z$/);
    }
    const [[flags]] = (await admin.query(`SELECT MIN(active) AS a, MAX(admin) AS ad, MIN(privlevel) AS p FROM \`${database}\`.demo_users`)) as unknown as [[{ a: number; ad: number; p: string }]];
    expect(flags).toEqual({ a: 0, ad: 0, p: 'NONE' });
    // Stopped means stopped: nothing is inserted afterwards.
    expect(await countRows()).toBe(count);
  });

  it('draws another name when the unique name clashes', async () => {
    await admin.query(`DELETE FROM \`${database}\`.demo_users`);
    const watch = signups(2);
    const simulator = startSignupSimulator({ connection, prefix, everyMs: 5, random: () => 0.5, onSignup: watch.onSignup });
    await watch.reached;
    await simulator.stop();
    expect(watch.seen.slice(0, 2).map((a) => a.name)).toEqual(['player_5500', 'player_5500_3']);
  });

  it('reports insert errors and keeps going', async () => {
    const errors: unknown[] = [];
    let reached!: () => void;
    const twoErrors = new Promise<void>((resolve) => (reached = resolve));
    const simulator = startSignupSimulator({
      connection,
      prefix: 'missing',
      everyMs: 5,
      onError: (error) => errors.push(error) === 2 && reached(),
    });
    await twoErrors;
    await simulator.stop();
    expect(simulator.count()).toBe(0);
    expect(errors[0]).toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
  });
});

async function countRows(): Promise<number> {
  const [[row]] = (await admin.query(`SELECT COUNT(*) AS n FROM \`${database}\`.demo_users`)) as unknown as [[{ n: number }]];
  return Number(row.n);
}
