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
