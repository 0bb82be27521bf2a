#!/usr/bin/env node
// The one-shot migration step (compose's `migrate` service, `npm start`): creates the database if
// needed and applies pending migrations. Exit 0 when the schema is current, 2 on a config error.
import { ConfigError, parseCommandLine, runMain } from '@herald/config';
import { ensureDatabase, migrate } from './migrate.js';

const usage = `Usage: herald-migrate

Creates the database named in $DATABASE_URL if it does not exist, then applies the pending
migrations of packages/db/prisma/migrations. Exits 0 when the schema is current.`;

await runMain(async () => {
  parseCommandLine(process.argv.slice(2), { flags: [], options: [] }, usage);
  const url = process.env.DATABASE_URL;
  if (!url) throw new ConfigError('DATABASE_URL', 'missing (postgresql://user:password@host:5432/herald)');
  try {
    await ensureDatabase(url);
    const result = await migrate(url);
    process.stdout.write(
      JSON.stringify({ msg: 'migrations applied', applied: result.applied, alreadyApplied: result.alreadyApplied }) + '\n',
    );
  } catch (error) {
    process.stderr.write(`migration failed: ${(error as Error).message.replace(/\/\/([^:@/]*):[^@/]*@/g, '//$1:***@')}\n`);
    process.exit(1);
  }
});
