import mysql from 'mysql2/promise';
import { tablePrefixError, usersTable } from './table.js';

/** Demo support: a Servatrice database with the real schema, and a stream of fake sign-ups. */

export interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface EnsureDemoServatriceOptions {
  admin: MysqlServer;
  database: string;
  prefix: string;
  /** The least-privilege user Herald reads with; created with the seed README's column grant. */
  monitorUser: string;
  monitorPassword: string;
  /** The text of Servatrice's servatrice.sql (tables named `cockatrice_…`); the caller reads the file. */
  schemaSql: string;
}

const identifier = /^[A-Za-z0-9_]{1,64}$/;

/**
 * Idempotent: creates the database if missing, loads the schema if `<prefix>_users` is missing, and
 * creates the monitor user if missing (its password is reset to the given one, so a re-run demo
 * always matches its configuration). Returns whether the schema was loaded.
 */
export async function ensureDemoServatrice(options: EnsureDemoServatriceOptions): Promise<{ schemaLoaded: boolean }> {
  const { database, prefix, monitorUser } = options;
  if (!identifier.test(database)) throw new Error(`database name ${JSON.stringify(database)} must match ${identifier}`);
  const prefixError = tablePrefixError(prefix);
  if (prefixError !== undefined) throw new Error(prefixError);
  if (!/^[A-Za-z0-9_]{1,80}$/.test(monitorUser)) throw new Error(`monitor user ${JSON.stringify(monitorUser)} must be letters, digits and _`);

  // multipleStatements: the schema file must run as one session so its leading
  // `SET SQL_MODE="NO_AUTO_VALUE_ON_ZERO"` applies to the zero-date defaults that follow.
  const admin = await mysql.createConnection({ ...options.admin, multipleStatements: true, charset: 'utf8mb4' });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.changeUser({ database });
    const [tables] = await admin.query<mysql.RowDataPacket[]>(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
      [database, `${prefix}_users`],
    );
    const schemaLoaded = tables.length === 0;
    if (schemaLoaded) {
      const sql = options.schemaSql.replace(/^\uFEFF/, '');
      await admin.query(prefix === 'cockatrice' ? sql : sql.replaceAll('cockatrice_', `${prefix}_`));
    }
    // Both host forms: with MariaDB's anonymous ''@'localhost' user present, '%' alone would not
    // match local connections.
    for (const host of ['%', 'localhost']) {
      await admin.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [monitorUser, host, options.monitorPassword]);
      await admin.query('ALTER USER ?@? IDENTIFIED BY ?', [monitorUser, host, options.monitorPassword]);
      await admin.query(
        `GRANT SELECT (id, name, realname, email, registrationDate) ON \`${database}\`.${usersTable(prefix)} TO ?@?`,
        [monitorUser, host],
      );
    }
    return { schemaLoaded };
  } finally {
    await admin.end();
  }
}

export interface SignupSimulatorOptions {
  connection: MysqlServer & { database: string };
  prefix: string;
  /** Delay between sign-ups; the first one happens after this delay too. */
  everyMs: number;
  /** A source of numbers in [0, 1); inject a seeded one for reproducible names. */
  random?: () => number;
  /** Called after each insert (tests await it; the demo may log it). */
  onSignup?: (account: { id: number; name: string }) => void;
  /** Called when an insert fails; the simulator keeps going. Defaults to ignoring the error. */
  onError?: (error: unknown) => void;
}

export interface SignupSimulator {
  stop(): Promise<void>;
  count(): number;
}

const firstNames = ['Alice', 'Bruno', 'Chen', 'Dana', 'Emeka', 'Freya', 'Goran', 'Hana', 'Ines', 'Jonas'];
const lastNames = ['Ahmed', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fujita', 'García', 'Huber', 'Ivanova', 'Jensen'];

/**
 * Inserts a plausible account every `everyMs` exactly as Servatrice's registerUser does. A chained
 * setTimeout (not setInterval) so a slow insert never overlaps the next one.
 */
export function startSignupSimulator(options: SignupSimulatorOptions): SignupSimulator {
  const table = usersTable(options.prefix);
  const random = options.random ?? Math.random;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const pool = mysql.createPool({ ...options.connection, connectionLimit: 1, charset: 'utf8mb4' });
  let inserted = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const insertOne = async () => {
    const connection = await pool.getConnection();
    try {
      // Servatrice omits NOT NULL columns without defaults (adminnotes, …); that works only outside strict mode.
      await connection.query(`SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'`);
      for (let attempt = 0; ; attempt++) {
        const name = `player_${Math.floor(random() * 9000) + 1000}${attempt > 2 ? `_${attempt}` : ''}`;
        const realName = random() < 0.3 ? '' : `${pick(firstNames)} ${pick(lastNames)}`;
        try {
          const [result] = await connection.query<mysql.ResultSetHeader>(
            `insert into ${table} (name, realname, password_sha512, email, country, registrationDate, active, token, admin, avatar_bmp, clientid, privlevel, privlevelStartDate, privlevelEndDate)
             values (?, ?, ?, ?, ?, UTC_TIMESTAMP(), 0, ?, 0, '', '', 'NONE', UTC_TIMESTAMP(), UTC_TIMESTAMP())`,
            [name, realName, 'x'.repeat(120), `${name}@example.invalid`, pick(['us', 'de', 'fr', 'br', 'jp']), randomToken(random)],
          );
          inserted++;
          options.onSignup?.({ id: result.insertId, name });
          return;
        } catch (error) {
          // The name column is UNIQUE: on a clash, draw another name.
          if ((error as { code?: string }).code !== 'ER_DUP_ENTRY' || attempt >= 10) throw error;
        }
      }
    } finally {
      connection.release();
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = insertOne()
        .catch((error: unknown) => options.onError?.(error))
        .finally(schedule);
    }, options.everyMs);
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      await pool.end();
    },
    count: () => inserted,
  };
}

/** Servatrice stores a 16-byte activation token for accounts awaiting e-mail activation. */
function randomToken(random: () => number): Buffer {
  return Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256)));
}
