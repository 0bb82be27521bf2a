#!/usr/bin/env node
// The one-shot migration step (compose's `migrate` service, `npm start`): creates the database if
// needed and applies pending migrations. Exit 0 when the schema is current.
import { ensureDatabase, migrate } from './migrate.js';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('config error: DATABASE_URL: missing (postgresql://user:password@host:5432/herald)\n');
  process.exit(2);
}
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
