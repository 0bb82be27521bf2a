import { defineConfig } from 'vitest/config';

// Packages are resolved to their TypeScript sources (the "source" export condition),
// so unit and integration tests need no build. End-to-end tests start the built apps.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/browser/**/*.test.ts', 'infra/**/*.test.ts'],
    // End-to-end tests start several apps; on a loaded 2-core CI machine one may need more than 30 s.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
