// `npm test`: install, build, then run every test (unit, integration on the real services, end-to-end).
import { checkServices, installAndBuild, pnpm, quietEnv } from './lib/bootstrap.mjs';

installAndBuild();
await checkServices({
  PostgreSQL: process.env.HERALD_TEST_POSTGRES_URL ?? 'postgresql://127.0.0.1:5432',
  Redis: process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  MariaDB: `mysql://${process.env.HERALD_TEST_MARIADB_HOST ?? '127.0.0.1'}:${process.env.HERALD_TEST_MARIADB_PORT ?? 3306}`,
});
console.log('→ running tests');
pnpm(['exec', 'vitest', 'run', ...process.argv.slice(2)], { env: quietEnv });
