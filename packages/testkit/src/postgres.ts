import pg from 'pg';
import { migrate } from '@herald/db/migrate';
import { uniqueName } from './names.js';

/** Where tests find PostgreSQL (trust auth on the development and CI machines). */
export const postgresAdminUrl = process.env.HERALD_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function postgresUrlFor(database: string): string {
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `fn` with a client connected to the admin database (`postgresAdminUrl`), closed afterwards. */
export async function withPostgresAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with Herald's migrations applied. Each test (file) gets its own. */
export async function createTestDatabase(prefix = 'herald_test'): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  await withPostgresAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = postgresUrlFor(name);
  await migrate(url);
  return {
    name,
    url,
    drop: () => withPostgresAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
