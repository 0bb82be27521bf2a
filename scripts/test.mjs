// `npm test`: install, build, type-check, then run every test (unit, integration on the real services, end-to-end).
// HERALD_SKIP_BUILD=1 skips the install and build (see scripts/lib/bootstrap.mjs), not the type check.
import { checkServices, installAndBuild, pnpm, quietEnv, turbo } from './lib/bootstrap.mjs';

await installAndBuild();
// Tests are type-checked too (the build leaves them out): a test that no longer compiles fails here.
console.log('→ type-checking (sources and tests)');
await turbo('typecheck');
for (const project of ['tests', 'infra', 'bench']) {
  console.log(`  ${project}/`);
  pnpm(['exec', 'tsc', '-p', `${project}/tsconfig.json`], { env: quietEnv });
}
await checkServices({
  PostgreSQL: process.env.HERALD_TEST_POSTGRES_URL ?? 'postgresql://127.0.0.1:5432',
  Redis: process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  MariaDB: `mysql://${process.env.HERALD_TEST_MARIADB_HOST ?? '127.0.0.1'}:${process.env.HERALD_TEST_MARIADB_PORT ?? 3306}`,
});
console.log('→ running tests');
pnpm(['exec', 'vitest', 'run', ...process.argv.slice(2)], { env: quietEnv });
