import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '@herald/logging';
import { buildApp } from '../app.js';
import type { AdminCredentials } from '../deps.js';
import type { TestEnv } from '../test-harness.js';
import type { BackupOptions } from './settings.js';

/** The pg_dump on this machine's PATH (the tests' fakes wrap it). */
export const realPgDump = execFileSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).trim();
export const realPgRestore = execFileSync('sh', ['-c', 'command -v pg_restore'], { encoding: 'utf8' }).trim();

/** Any password works under the test server's trust auth: tests check it never shows. */
export const testPassword = 'Sup3r-secret-PW';

/** The test database's URL with {@link testPassword} in it, as a production DATABASE_URL would carry one. */
export function urlWithPassword(env: TestEnv): string {
  const url = new URL(env.sql.options.connectionString!);
  url.password = testPassword;
  return url.toString();
}

/** A scratch directory with executable scripts standing in for pg_dump; `runs()` counts the dumps a wrapper started. */
export function scriptDir() {
  const dir = mkdtempSync(join(tmpdir(), 'herald-backup-'));
  const counter = join(dir, 'runs.log');
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  return {
    dir,
    /** The real pg_dump, counting each dump it runs. */
    countingPgDump: () => script('pg_dump-counting', `[ "$1" = --version ] && exec ${realPgDump} --version\necho run >> ${counter}\nexec ${realPgDump} "$@"`),
    /** Writes half a dump, prints the password it was given to stderr, and fails. */
    failingPgDump: () =>
      script(
        'pg_dump-failing',
        `[ "$1" = --version ] && exec ${realPgDump} --version\nfor a in "$@"; do case "$a" in --file=*) printf 'PGDMP half a dump' > "\${a#--file=}";; esac; done\necho "pg_dump: error: connection lost as $PGUSER ($PGPASSWORD)" >&2\nexit 1`,
      ),
    /** Writes half a dump, then hangs until stopped (a dump in progress at shutdown). */
    hangingPgDump: () =>
      script('pg_dump-hanging', `[ "$1" = --version ] && exec ${realPgDump} --version\nfor a in "$@"; do case "$a" in --file=*) printf 'PGDMP' > "\${a#--file=}";; esac; done\nexec sleep 600`),
    /** A client older than any server Herald supports. */
    oldPgDump: () => script('pg_dump-old', 'echo "pg_dump (PostgreSQL) 9.6.24"'),
    runs: () => {
      try {
        return readFileSync(counter, 'utf8').split('\n').filter(Boolean).length;
      } catch {
        return 0;
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface BackupApp {
  app: FastifyInstance;
  /** What the app logged, parsed. */
  logs(): Array<Record<string, unknown>>;
}

/** The web app on the test environment's database with these backup options (and admin login, if any). */
export async function buildBackupApp(env: TestEnv, backup: BackupOptions, admin?: AdminCredentials): Promise<BackupApp> {
  const lines: string[] = [];
  const logger = createLogger({ name: 'backup-test', level: 'debug', destination: new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }) });
  const app = await buildApp({ db: env.sql, queues: env.queues, logger, backup, ...(admin ? { admin } : {}) });
  return { app, logs: () => lines.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export const admin = { user: 'operator', password: 'backup-admin-password' };
export const login = { authorization: `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}` };
