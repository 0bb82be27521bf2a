#!/usr/bin/env node
// The one-shot migration step (compose's `migrate` service, `npm start`): creates the database if
// needed and applies pending migrations. Exit 0 when the schema is current, 2 on a config error.
import { ConfigError, parseCommandLine, runMain } from '@herald/config';
import { createLogger, redact } from '@herald/logging';
import { ensureDatabase, migrate } from './migrate.js';

const usage = `Usage: herald-migrate

Creates the database named in $DATABASE_URL if it does not exist, then applies the pending
migrations of packages/db/prisma/migrations. Exits 0 when the schema is current.`;

await runMain(async () => {
  parseCommandLine(process.argv.slice(2), { flags: [], options: [] }, usage);
  const url = process.env.DATABASE_URL;
  if (!url) throw new ConfigError('DATABASE_URL', 'missing (postgresql://user:<password>@host:5432/herald)');
  try {
    await ensureDatabase(url);
    const result = await migrate(url);
    // A log line like every app's (level, time, msg): compose's `migrate` service shows it with the others.
    // LOG_FORMAT as the apps read it (npm start sets json to read this line; compose leaves it to auto).
    const format = process.env.LOG_FORMAT === 'json' || process.env.LOG_FORMAT === 'pretty' ? process.env.LOG_FORMAT : 'auto';
    createLogger({ name: 'migrate', format }).info({ applied: result.applied, alreadyApplied: result.alreadyApplied }, 'migrations applied');
  } catch (error) {
    // The one redaction (@herald/logging): a connection error may quote the URL, with its password
    // in the userinfo or the query string (`?password=`), or an e-mail address.
    process.stderr.write(`migration failed: ${redact(error instanceof Error ? error.message : String(error))}\n`);
    process.exit(1);
  }
});
