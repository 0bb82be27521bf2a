import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { defaultMigrationsDir } from '@herald/db/migrate';
import { postgresAdminUrl, postgresUrlFor, uniqueName } from '@herald/testkit';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { commandOf, environmentOf, loadCompose, repoPath } from './compose-file.js';

const run = promisify(execFile);
const migrate = loadCompose().services.migrate!;
const [program, ...args] = commandOf(migrate)!;
// The image's WORKDIR (/app) holds the deployed app; in the repository that is apps/<APP>, whose
// node_modules links the same @herald/db package (built: `pnpm turbo run build`).
const appDir = repoPath('apps', migrate.build!.args!.APP!);
const database = uniqueName('herald_infra_migrate');

async function runAsCompose(): Promise<{ applied: string[]; alreadyApplied: number }> {
  expect(program).toBe('node');
  expect(existsSync(`${appDir}/${args[0]}`), `${args[0]} missing: build packages/db first`).toBe(true);
  const env = { ...environmentOf(migrate), DATABASE_URL: postgresUrlFor(database), NODE_ENV: 'production', PATH: process.env.PATH ?? '' };
  // execFile rejects on a non-zero exit, so resolving is the exit-0 check.
  const { stdout } = await run(process.execPath, args, { cwd: appDir, env, timeout: 30_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { applied: string[]; alreadyApplied: number };
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
});

describe('the compose migrate step, run exactly as compose runs it', () => {
  it('creates the database, applies every migration, and exits 0; a second run exits 0 and applies nothing', async () => {
    const migrations = readdirSync(defaultMigrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(migrations.length).toBeGreaterThan(0);

    const first = await runAsCompose();
    expect(first).toMatchObject({ applied: migrations, alreadyApplied: 0 });

    const second = await runAsCompose();
    expect(second).toMatchObject({ applied: [], alreadyApplied: migrations.length });

    const client = new pg.Client({ connectionString: postgresUrlFor(database) });
    await client.connect();
    try {
      const recorded = await client.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name');
      expect(recorded.rows.map((row) => row.migration_name)).toEqual(migrations);
    } finally {
      await client.end();
    }
  });
});

describe('the migrate command line', () => {
  /** Runs compose's migrate command with extra arguments; resolves with the exit code and output. */
  async function runWith(extra: string[], env: Record<string, string>) {
    try {
      const { stdout, stderr } = await run(process.execPath, [...args, ...extra], { cwd: appDir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('--help prints the usage and exits 0 without touching a database', async () => {
    const result = await runWith(['--help'], { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: herald-migrate\n/);
  });

  it('an unknown argument or a missing DATABASE_URL is a config error (exit 2) naming it', async () => {
    const unknown = await runWith(['--frobnicate'], { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^config error: arguments: unknown argument --frobnicate\nUsage: herald-migrate/);
    const missing = await runWith([], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('config error: DATABASE_URL: missing (postgresql://user:<password>@host:5432/herald)\n');
  });
});

