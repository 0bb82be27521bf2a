import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Queryable } from '@herald/db/sql';
import { truncate } from '@herald/discord/text';

const run = promisify(execFile);

/** A PostgreSQL major version as `server_version_num` counts it: 150000 for 15, 90600 for 9.6. */
export type MajorNum = number;

/** The major of a `server_version_num` (e.g. 150020 → 150000, 90624 → 90600). */
export function majorOfVersionNum(versionNum: number): MajorNum {
  return versionNum >= 100_000 ? Math.floor(versionNum / 10_000) * 10_000 : Math.floor(versionNum / 100) * 100;
}

/** How people write a major: 150000 → "15", 90600 → "9.6". */
export function majorLabel(major: MajorNum): string {
  return major >= 100_000 ? String(major / 10_000) : `${Math.floor(major / 10_000)}.${(major % 10_000) / 100}`;
}

/**
 * The major of `pg_dump --version`'s output (`pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)`,
 * `pg_dump (PostgreSQL) 9.6.24`, `pg_dump (PostgreSQL) 17beta1`); undefined when it is not one.
 */
export function parsePgDumpVersion(output: string): { major: MajorNum; version: string } | undefined {
  const match = /\(PostgreSQL\)\s+((\d+)(?:\.(\d+))?\S*)/.exec(output);
  if (!match) return undefined;
  const first = Number(match[2]);
  const major = first >= 10 ? first * 10_000 : first * 10_000 + Number(match[3] ?? 0) * 100;
  return { major, version: match[1]! };
}

export type PgDumpCheck =
  | { ok: true; pgDump: string; server: string }
  | { ok: false; reason: string };

/**
 * Whether `pgDump` can dump the server behind `db`: pg_dump refuses servers of a newer major than
 * its own ("server version mismatch"), so it must be the server's major or newer
 * (https://www.postgresql.org/docs/current/app-pgdump.html). Never throws: a missing binary, an
 * unreadable version or an unreachable server is a reason that names what to install or fix.
 */
export async function checkPgDump(pgDump: string, db: Queryable): Promise<PgDumpCheck> {
  let server: MajorNum;
  try {
    const { rows } = await db.query<{ server_version_num: string }>('SHOW server_version_num');
    server = majorOfVersionNum(Number(rows[0]!.server_version_num));
  } catch (error) {
    return { ok: false, reason: `could not read the PostgreSQL server's version: ${error instanceof Error ? error.message : String(error)}` };
  }
  const want = majorLabel(server);
  const install = `install the PostgreSQL ${want} client or newer (Debian/Ubuntu: apt-get install postgresql-client-${want}; Alpine: apk add postgresql${want}-client), or set backup.pgDump (HERALD_PG_DUMP) to its pg_dump`;
  let output: string;
  try {
    output = (await run(pgDump, ['--version'], { timeout: 10_000 })).stdout;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, reason: `${missing ? `${pgDump} not found` : `${pgDump} --version failed`}: ${install}` };
  }
  const client = parsePgDumpVersion(output);
  if (!client) return { ok: false, reason: `${pgDump} --version printed no PostgreSQL version (${JSON.stringify(truncate(output.trim(), 100))}): ${install}` };
  if (client.major < server) return { ok: false, reason: `${pgDump} is version ${client.version}, older than the server's ${want}: ${install}` };
  return { ok: true, pgDump: client.version, server: want };
}
