import { spawnSync } from 'node:child_process';
import { heraldSetting } from './herald-settings.mjs';

/**
 * `npm start`'s check that the web app's /backup can run pg_dump (issue 11): the PostgreSQL client
 * must be installed on this machine. A warning, not a stop: everything else works without it, and
 * /backup answers 503 naming what to install. The web app itself compares pg_dump's major version
 * with the server's at start and logs the result (apps/web/src/backup/pg-dump-version.ts).
 * Returns the warning printed, or undefined when pg_dump answered.
 */
export async function warnIfNoPgDump(env) {
  const pgDump = env.HERALD_PG_DUMP || (await heraldSetting(env, ['backup', 'pgDump'])) || 'pg_dump';
  const probe = spawnSync(pgDump, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.status === 0 && /\(PostgreSQL\)/.test(probe.stdout)) return undefined;
  const warning =
    `⚠ ${pgDump} ${probe.error?.code === 'ENOENT' ? 'not found' : 'did not answer --version'}: GET /backup will answer 503 until the PostgreSQL client ` +
    `is installed (the server's major version or newer; Debian/Ubuntu: apt-get install postgresql-client-<major>), or HERALD_PG_DUMP names its pg_dump`;
  console.error(warning);
  return warning;
}
