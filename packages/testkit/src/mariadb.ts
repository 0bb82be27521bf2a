import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { uniqueName } from './names.js';

export const mariadbAdmin = {
  host: process.env.HERALD_TEST_MARIADB_HOST ?? '127.0.0.1',
  port: Number(process.env.HERALD_TEST_MARIADB_PORT ?? 3306),
  user: process.env.HERALD_TEST_MARIADB_USER ?? 'root',
  password: process.env.HERALD_TEST_MARIADB_PASSWORD ?? '',
};

/** Servatrice's real schema (servatrice/servatrice.sql, schema version 36), byte for byte. */
export const servatriceSchemaPath = fileURLToPath(new URL('../fixtures/servatrice.sql', import.meta.url));

/**
 * Loads the schema file as one session, as `mysql < servatrice.sql` would: its leading
 * `SET SQL_MODE=...` must apply to the CREATE TABLEs that use zero-date defaults.
 * The BOM is stripped; table names get the requested prefix.
 */
export function servatriceSchemaSql(prefix = 'cockatrice'): string {
  const sql = readFileSync(servatriceSchemaPath, 'utf8').replace(/^\uFEFF/, '');
  return prefix === 'cockatrice' ? sql : sql.replaceAll('cockatrice_', `${prefix}_`);
}

export interface ServatriceDatabase {
  name: string;
  prefix: string;
  host: string;
  port: number;
  /** An admin connection to the database, for inserting accounts as Servatrice does. */
  admin: mysql.Connection;
  /**
   * Creates a user with exactly the seed README's column grant and returns its credentials. The
   * password is random unless given; any characters are fine (it is sent as an escaped literal).
   */
  createReadOnlyUser(options?: { password?: string }): Promise<{ user: string; password: string }>;
  drop(): Promise<void>;
}

export async function createServatriceDatabase(options: { prefix?: string; name?: string } = {}): Promise<ServatriceDatabase> {
  const prefix = options.prefix ?? 'cockatrice';
  const name = options.name ?? uniqueName('servatrice_test');
  const setup = await mysql.createConnection({ ...mariadbAdmin, multipleStatements: true });
  await setup.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await setup.changeUser({ database: name });
  await setup.query(servatriceSchemaSql(prefix));
  await setup.end();
  const admin = await mysql.createConnection({ ...mariadbAdmin, database: name, timezone: 'Z', dateStrings: true });
  // Servatrice's own inserts omit NOT NULL columns without defaults (adminnotes, ...); they only
  // succeed outside strict mode, which is also the mode its schema file sets.
  await admin.query(`SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'`);
  const users: string[] = [];
  return {
    name,
    prefix,
    host: mariadbAdmin.host,
    port: mariadbAdmin.port,
    admin,
    async createReadOnlyUser(options = {}) {
      const user = uniqueName('mon').slice(0, 32);
      const password = options.password ?? `pw-${uniqueName('x')}`;
      for (const host of ['%', 'localhost']) {
        // Placeholders: mysql2 escapes quotes and backslashes (the session keeps backslash escapes on).
        await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, host, password]);
      }
      for (const host of ['%', 'localhost']) {
        await admin.query(
          `GRANT SELECT (id, name, realname, email, registrationDate) ON \`${name}\`.\`${prefix}_users\` TO '${user}'@'${host}'`,
        );
      }
      users.push(user);
      return { user, password };
    },
    async drop() {
      for (const user of users) {
        await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
        await admin.query(`DROP USER IF EXISTS '${user}'@'localhost'`);
      }
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

export interface NewAccount {
  name: string;
  realName?: string;
  email?: string;
  country?: string;
  active?: boolean;
}

/** Inserts an account the way Servatrice's registerUser does (UTC_TIMESTAMP(), autocommit). Returns its id. */
export async function registerServatriceAccount(db: mysql.Connection, prefix: string, account: NewAccount): Promise<number> {
  const [result] = await db.query<mysql.ResultSetHeader>(
    `insert into \`${prefix}_users\` (name, realname, password_sha512, email, country, registrationDate, active, token, admin, avatar_bmp, clientid, privlevel, privlevelStartDate, privlevelEndDate)
     values (?, ?, ?, ?, ?, UTC_TIMESTAMP(), ?, ?, 0, '', '', 'NONE', UTC_TIMESTAMP(), UTC_TIMESTAMP())`,
    [account.name, account.realName ?? '', 'x'.repeat(120), account.email ?? '', account.country ?? 'us', account.active ? 1 : 0, null],
  );
  return result.insertId;
}

export interface PendingRegistration {
  /** The id MariaDB allocated at insert time (visible to others only after `commit`). */
  id: number;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Starts a registration in a transaction of its own and leaves it open: the id is allocated now,
 * but the row becomes visible only on `commit()`, so a higher id registered meanwhile is seen
 * first (a long transaction, a lagging replica, a slow disk). Either call ends the connection.
 */
export async function beginServatriceRegistration(db: Pick<ServatriceDatabase, 'name' | 'prefix'>, account: NewAccount): Promise<PendingRegistration> {
  const connection = await mysql.createConnection({ ...mariadbAdmin, database: db.name, timezone: 'Z', dateStrings: true });
  await connection.query(`SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'`);
  await connection.beginTransaction();
  const id = await registerServatriceAccount(connection, db.prefix, account);
  const end = async (how: 'commit' | 'rollback') => {
    try {
      await connection[how]();
    } finally {
      await connection.end();
    }
  };
  return { id, commit: () => end('commit'), rollback: () => end('rollback') };
}
