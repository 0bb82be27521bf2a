import { defineConfig } from 'vitest/config';

// Packages are resolved to their TypeScript sources (the "source" export condition),
// so unit and integration tests need no build. End-to-end tests start the built apps.
//
// Two groups, one after the other. Vitest's default on a 2-core machine is one worker (cores − 1),
// which ran the whole suite one file at a time, mostly waiting on Postgres, Redis, MariaDB and the
// apps it starts. Every test file owns its database, schema, Redis prefix and ports, so files run
// side by side: unit and integration files three at a time, end-to-end and browser files (several
// apps each, and waits that a loaded machine stretches) two at a time, after the others.
// HERALD_TEST_WORKERS / HERALD_E2E_WORKERS change the counts (1 runs a group one file at a time).
const workers = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1 (got ${process.env[name]})`);
  return value;
};
const endToEnd = ['tests/e2e/**/*.test.ts', 'tests/browser/**/*.test.ts'];

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    // End-to-end tests start several apps; on a loaded 2-core CI machine one may need more than 30 s.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'infra/**/*.test.ts'],
          maxWorkers: workers('HERALD_TEST_WORKERS', 3),
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'end-to-end', include: endToEnd, maxWorkers: workers('HERALD_E2E_WORKERS', 2), sequence: { groupOrder: 1 } } },
    ],
  },
});
