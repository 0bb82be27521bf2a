import { createServatriceDatabase, registerServatriceAccount, startTcpProxy, type ServatriceDatabase } from '@herald/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountReader, readAfterSql, ServatriceDatabaseError, toIsoUtc, type AccountReader } from './reader.js';

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/;

describe('createAccountReader (as the column-restricted monitor user)', () => {
  let db: ServatriceDatabase;
  let reader: AccountReader;
  let ids: number[];

  beforeAll(async () => {
    db = await createServatriceDatabase({ prefix: 'srv' });
    const { user, password } = await db.createReadOnlyUser();
    reader = createAccountReader({ host: db.host, port: db.port, database: db.name, user, password, prefix: 'srv', ssl: false });
  });
  afterAll(async () => {
    await reader?.close();
    await db?.drop();
  });

  it('reports an empty table as maxId null', async () => {
    expect(await reader.maxId()).toBeNull();
    expect(await reader.readAfter(0, 10)).toEqual({ rows: [], maxId: null });
    expect(await reader.latest(3)).toEqual([]);
  });

  it('reads accounts above a mark, oldest first, with the table maximum in the same call', async () => {
    ids = [];
    for (const [name, realName, email] of [['alice', 'Alice A.', 'alice@example.org'], ['bob', '', ''], ['c_d', ' Carl ', 'c@example.org'], ['dave', 'Dave', 'd@example.org']] as const) {
      ids.push(await registerServatriceAccount(db.admin, 'srv', { name, realName, email }));
    }
    const page = await reader.readAfter(0, 2);
    expect(page.maxId).toBe(ids[3]);
    expect(page.rows).toHaveLength(2);
    expect(page.rows[0]).toMatchObject({ id: ids[0], name: 'alice', realName: 'Alice A.', email: 'alice@example.org' });
    expect(page.rows[1]).toMatchObject({ id: ids[1], name: 'bob', realName: '', email: '' });
    expect(page.rows[0]!.registrationDate).toMatch(isoUtc);

    const rest = await reader.readAfter(ids[1]!, 100);
    expect(rest.rows.map((r) => r.name)).toEqual(['c_d', 'dave']);
    expect(await reader.readAfter(ids[3]!, 100)).toEqual({ rows: [], maxId: ids[3] });
    expect(await reader.maxId()).toBe(ids[3]);
  });

  it('returns the registration time as UTC, whatever the session time zone', async () => {
    const [[row]] = (await db.admin.query(`SELECT DATE_FORMAT(registrationDate, '%Y-%m-%dT%H:%i:%s.000Z') AS iso FROM srv_users WHERE id = ?`, [ids[0]])) as unknown as [[{ iso: string }]];
    const [first] = (await reader.readAfter(ids[0]! - 1, 1)).rows;
    expect(first!.registrationDate).toBe(row.iso);
  });

  it('maps the zero date to null', async () => {
    await db.admin.query(`UPDATE srv_users SET registrationDate = '0000-00-00 00:00:00' WHERE id = ?`, [ids[1]]);
    const [row] = (await reader.readAfter(ids[0]!, 1)).rows;
    expect(row).toEqual({ id: ids[1], name: 'bob', realName: '', email: '', registrationDate: null });
  });

  it('returns the last n accounts oldest first', async () => {
    expect((await reader.latest(2)).map((r) => r.id)).toEqual([ids[2], ids[3]]);
    expect((await reader.latest(100)).map((r) => r.id)).toEqual(ids);
  });

  it('plans readAfter as a primary-key range scan plus an optimized-away MAX', async () => {
    const [plan] = (await db.admin.query(`EXPLAIN ${readAfterSql('srv')}`, [0, 10])) as unknown as [Array<{ table: string | null; type: string | null; key: string | null; Extra: string }>];
    expect(plan[0]).toMatchObject({ table: 'srv_users', type: 'range', key: 'PRIMARY' });
    expect(plan[0]!.Extra).not.toMatch(/filesort|temporary/i);
    expect(plan[1]!.Extra).toBe('Select tables optimized away');
  });

  it('rejects a bad mark or limit before touching the database', async () => {
    await expect(reader.readAfter(-1, 10)).rejects.toThrow(RangeError);
    await expect(reader.readAfter(0, 0)).rejects.toThrow(RangeError);
    await expect(reader.latest(1.5)).rejects.toThrow(RangeError);
  });

  it('reports a wrong password as access denied, naming the server but not the password', async () => {
    const { user } = await db.createReadOnlyUser();
    const wrong = createAccountReader({ host: db.host, port: db.port, database: db.name, user, password: 'wrong-pw', prefix: 'srv', ssl: false });
    const error = (await wrong.readAfter(0, 1).catch((e: unknown) => e)) as ServatriceDatabaseError;
    await wrong.close();
    expect(error).toBeInstanceOf(ServatriceDatabaseError);
    expect(error.code).toBe('ER_ACCESS_DENIED_ERROR');
    expect(error.message).toContain(`${db.host}:${db.port}/${db.name} (user ${user})`);
    expect(error.message).not.toContain('wrong-pw');
  });

  it('gives up on a statement the network swallows (black hole) after its timeout, and works again once it is back', async () => {
    const { user, password } = await db.createReadOnlyUser();
    const proxy = await startTcpProxy({ host: db.host, port: db.port });
    const viaProxy = createAccountReader({ host: proxy.host, port: proxy.port, database: db.name, user, password, prefix: 'srv', ssl: false, queryTimeoutMs: 300 });
    try {
      expect(await viaProxy.maxId()).toBe(ids.at(-1));
      proxy.stall();
      const started = performance.now();
      const error = await viaProxy.maxId().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServatriceDatabaseError);
      expect(performance.now() - started).toBeLessThan(5000);
      proxy.setMode('forward');
      expect(await viaProxy.maxId()).toBe(ids.at(-1));
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });

  it('refuses an invalid table prefix', () => {
    expect(() => createAccountReader({ host: db.host, port: db.port, database: db.name, user: 'x', password: 'y', prefix: 'a`b', ssl: false })).toThrow(/not a valid table prefix/);
  });
});

describe('connection failures', () => {
  it('name the server and database but never the password', async () => {
    const reader = createAccountReader({ host: '127.0.0.1', port: 1, database: 'servatrice', user: 'mon', password: 'very-secret-pw', prefix: 'cockatrice', ssl: false });
    const error = await reader.maxId().catch((e: unknown) => e);
    await reader.close();
    expect(error).toBeInstanceOf(ServatriceDatabaseError);
    expect((error as Error).message).toMatch(/^Servatrice database 127\.0\.0\.1:1\/servatrice \(user mon\): .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('very-secret-pw');
  });
});

describe('toIsoUtc', () => {
  it('reads DATETIME text as UTC and rejects zero or impossible dates', () => {
    expect(toIsoUtc('2026-06-21 05:09:57')).toBe('2026-06-21T05:09:57.000Z');
    expect(toIsoUtc('2026-06-21 05:09:57.250000')).toBe('2026-06-21T05:09:57.250Z');
    expect(toIsoUtc('0000-00-00 00:00:00')).toBeNull();
    expect(toIsoUtc('2026-02-30 00:00:00')).toBeNull();
    expect(toIsoUtc(null)).toBeNull();
  });
});
