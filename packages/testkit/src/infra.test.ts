import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createServatriceDatabase, createTestDatabase, registerServatriceAccount, type ServatriceDatabase, type TestDatabase } from './index.js';
import mysql from 'mysql2/promise';

describe('test infrastructure on the real services', () => {
  let db: TestDatabase;
  let sv: ServatriceDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    sv = await createServatriceDatabase({ prefix: 'herald' });
  });
  afterAll(async () => {
    await db.drop();
    await sv.drop();
  });

  it('gives each test a migrated Postgres database', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
    await client.end();
    const migrations = readdirSync(new URL('../../db/prisma/migrations', import.meta.url), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(migrations.slice(0, 3)).toEqual(['20261121000000_init', '20261121010000_open_deliveries_index', '20261122000000_routing']);
    expect(rows.map((r) => r.migration_name)).toEqual(migrations);
  });

  it('loads the real Servatrice schema with a custom prefix and a column-restricted user', async () => {
    const [tables] = await sv.admin.query<mysql.RowDataPacket[]>('SHOW TABLES');
    expect(tables).toHaveLength(27);
    const id = await registerServatriceAccount(sv.admin, sv.prefix, { name: 'alice', email: 'alice@example.org' });
    const creds = await sv.createReadOnlyUser();
    const ro = await mysql.createConnection({ host: sv.host, port: sv.port, database: sv.name, ...creds });
    const [rows] = await ro.query<mysql.RowDataPacket[]>(`SELECT id, name FROM herald_users WHERE id >= ?`, [id]);
    expect(rows).toEqual([{ id, name: 'alice' }]);
    await expect(ro.query('SELECT password_sha512 FROM herald_users')).rejects.toThrow(/denied/);
    await ro.end();
  });
});
